"""A half-answered assessment lives in the person's own browser, never on the server.

The state (answers so far, and once finished the result) is a Fernet token in a cookie
scoped to the one assessment's URLs: encrypted so nothing readable sits in the browser,
authenticated so it cannot be forged, and expiring after SELFASSESS_STATE_SECONDS of
inactivity. The server keeps no session, so no raw answers are ever stored, and the page
cache keeps serving every other page to this person (the cookie is not even sent there).
"""

import json
import uuid
from dataclasses import asdict, dataclass, field

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.urls import reverse

from selfassess.crypto import state_fernet
from selfassess.definitions import Definition

COOKIE_NAME = "selfassess"


def _run_id() -> str:
    return str(uuid.uuid4())


@dataclass
class AssessmentState:
    page_id: int
    version: str
    answers: dict = field(default_factory=dict)
    sex: str | None = None
    result: dict | None = None  # scoring.Result.as_dict() once finished
    # Random, made when the person starts: the key of this run's one `Completion` row, so
    # that finishing again, also with an old copy of this cookie (a replayed POST), corrects
    # that row instead of counting another.
    run_id: str = field(default_factory=_run_id)
    completion_id: str | None = None  # run_id, once the completion is counted
    handover_code: str | None = None
    handover_expires_at: str | None = None  # ISO 8601
    # Random, made when the assessment is first finished: binds the one hand-over code of
    # this completion on the server (`services.handover_code_create`), so that a copy of
    # this cookie sent again is shown that code instead of being given another.
    handover_secret: str | None = None
    municipality_given: bool = False
    # What the next GET of one step shows once: the errors of the POST just redirected
    # there ({"step": 2, "errors": {"q2": "required"}}, or "unavailable": true). No page is
    # the response to a POST, so Back and reload never ask to resubmit a form.
    flash: dict | None = None
    # Set by quick exit, with every answer dropped: the assessment's pages send whoever
    # comes back (by Back, say) on to the neutral site, until Start is chosen again.
    exited: bool = False
    # Set (not stored) when an older state was dropped because the assessment changed.
    restarted: bool = field(default=False, compare=False)


def cookie_path(page_id: int) -> str:
    return reverse("selfassess:start", args=[page_id])


def state_load(request, definition: Definition) -> AssessmentState:
    """The person's state for this assessment, or a fresh one when there is none, it has
    expired or been tampered with, or the assessment's scoring changed since."""
    fresh = AssessmentState(page_id=definition.page_id, version=definition.version)
    token = request.COOKIES.get(COOKIE_NAME)
    if not token:
        return fresh
    try:
        data = json.loads(
            state_fernet().decrypt(token.encode(), ttl=settings.SELFASSESS_STATE_SECONDS)
        )
        state = AssessmentState(**{k: v for k, v in data.items() if k != "restarted"})
    except (InvalidToken, ValueError, TypeError):
        return fresh
    if "run_id" not in data and state.completion_id:  # a cookie from before run ids
        state.run_id = state.completion_id
    if state.page_id != definition.page_id:
        return fresh
    if state.version != definition.version:
        fresh.restarted = True
        return fresh
    keys = {question.key for question in definition.questions}
    state.answers = {
        key: tuple(value) if isinstance(value, list) else value
        for key, value in state.answers.items()
        if key in keys
    }
    return state


def state_save(response, state: AssessmentState) -> None:
    data = asdict(state)
    data.pop("restarted")
    token = state_fernet().encrypt(json.dumps(data, separators=(",", ":")).encode()).decode()
    # No max_age: the cookie goes when the browser closes; the token's own expiry covers
    # a browser left open.
    response.set_cookie(
        COOKIE_NAME,
        token,
        path=cookie_path(state.page_id),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def state_exit(response, definition: Definition) -> None:
    """Forget the answers and remember only that the person left quickly."""
    state_save(
        response,
        AssessmentState(page_id=definition.page_id, version=definition.version, exited=True),
    )


def state_clear(response, page_id: int) -> None:
    response.delete_cookie(COOKIE_NAME, path=cookie_path(page_id), samesite="Lax")
