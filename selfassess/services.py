"""Writes: answering and finishing an assessment, anonymous completions and hand-over
codes."""

import datetime
import json
import logging
import secrets
from dataclasses import dataclass
from enum import StrEnum

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from selfassess.codes import code_generate, code_normalise
from selfassess.crypto import (
    handover_code_digest,
    handover_code_fernet,
    handover_fernet,
    handover_owner_digest,
)
from selfassess.definitions import AnswerError, Definition, answer_parse
from selfassess.models import Completion, HandoverCode
from selfassess.scoring import SEXES, Result
from selfassess.state import AssessmentState

logger = logging.getLogger("portal.security")
_log = logging.getLogger(__name__)


class Destination(StrEnum):
    INTRO = "intro"
    STEP = "step"
    RESULT = "result"


@dataclass(frozen=True)
class StepOutcome:
    """Where the person goes after submitting a step: a step (the next one, the previous
    one, or the same one again to show its errors), the result or the introduction."""

    destination: Destination
    step: int = 0


def assessment_step_submit(
    *,
    definition: Definition,
    state: AssessmentState,
    step: int,
    form: QueryDict,
    going_back: bool = False,
) -> StepOutcome:
    """Take one submitted step into the person's `state` and say where they go next.

    Valid answers are kept, also when going back; an answer missing or invalid puts its
    error in `state.flash` for the step's next GET, which the caller redirects to. Once the
    assessment is finished, every change of an answer scores it again at once, so the
    result never disagrees with the answers shown. Finishing counts the completion once per
    run, also when the last step's POST is replayed with an older copy of the cookie."""
    errors: dict[str, str] = {}
    for question in definition.questions_for_step(step):
        try:
            state.answers[question.key] = answer_parse(question, form.getlist(question.key))
        except AnswerError as error:
            errors[question.key] = error.code
    if definition.asks_sex_on_step(step):
        sex = form.get("sex", "")
        state.sex = sex if sex in SEXES else None
    state.flash = None

    finishing = not going_back and not errors and step == definition.step_count
    if (state.result is not None or finishing) and definition.is_complete(state.answers):
        try:
            assessment_finish(definition=definition, state=state)
        except ValueError:
            # Only a published assessment whose bands miss a score gets here (publishing
            # refuses those, but bulk actions and imports are other doors): say so, never
            # a 500. Not logger.exception: the exception's message holds the person's score.
            _log.error("self-assessment %s: no result band covers the score", definition.page_id)
            state.flash = {"step": step, "unavailable": True}
            return StepOutcome(Destination.STEP, step)

    if going_back:
        # Whatever was answered on this step is kept; nothing is required to go back.
        if step == 1:
            return StepOutcome(Destination.INTRO)
        return StepOutcome(Destination.STEP, step - 1)
    if errors:
        state.flash = {"step": step, "errors": errors}
        return StepOutcome(Destination.STEP, step)
    if step < definition.step_count:
        return StepOutcome(Destination.STEP, step + 1)
    if state.result is None:  # the last step, with an earlier one still unanswered
        return StepOutcome(Destination.STEP, definition.first_unanswered_step(state.answers))
    return StepOutcome(Destination.RESULT)


def assessment_finish(*, definition: Definition, state: AssessmentState) -> Result:
    """Score the complete answers into `state` and count the completion: once per run, so
    answering again after going back, or a replayed POST, corrects its band instead of
    adding another. A hand-over code made for different answers is revoked. Raises
    ValueError when no result band covers the score."""
    result = definition.score(state.answers, state.sex)
    previous = state.result
    state.result = result.as_dict()
    if previous != state.result or state.completion_id != state.run_id:
        completion_record(
            completion_id=state.run_id,
            assessment=definition.assessment_key,
            result=result,
            locale=definition.language,
        )
        state.completion_id = state.run_id
    if state.handover_secret is None:
        state.handover_secret = secrets.token_urlsafe(32)
    if previous and previous != state.result:
        # A code was made for the earlier answers (perhaps from another copy of this
        # cookie); the person can make a new one.
        handover_code_revoke(owner=state.handover_secret, code=state.handover_code)
        state.handover_code = state.handover_expires_at = None
    return result


def completion_record(
    *, completion_id: str, assessment: str, result: Result, locale: str
) -> Completion:
    """Count one completed assessment: which one, its scoring version, the band, the language
    and the date. Nothing about the person, their answers or the time of day.

    `completion_id` is the run's random id (`AssessmentState.run_id`): recording the same run
    again keeps its one row and corrects the band to the latest answers."""
    with transaction.atomic():
        completion, created = Completion.objects.get_or_create(
            pk=completion_id,
            defaults={
                "assessment": assessment,
                "version": result.version,
                "band": result.band,
                "locale": locale,
                "completed_on": timezone.localdate(),
            },
        )
        if not created and completion.band != result.band:
            completion.band = result.band
            Completion.objects.filter(pk=completion.pk).update(band=result.band)
    return completion


def completion_update(*, completion_id: str, municipality: str) -> bool:
    """Add the municipality the person chose. It is set once and only from the configured
    list."""
    if municipality not in settings.SELFASSESS_MUNICIPALITIES:
        return False
    rows = Completion.objects.filter(pk=completion_id, municipality="")
    return rows.update(municipality=municipality) == 1


def handover_code_create(
    *, payload: dict, owner: str, now: datetime.datetime | None = None
) -> tuple[str, datetime.datetime]:
    """Encrypt what the person chose to hand over and return (code, expires_at).

    One live code per finished assessment: `owner` is the random secret in the person's
    state cookie (`AssessmentState.handover_secret`), and while a code made for it is live,
    that code and its expiry are returned again and `payload` is ignored, however often the
    same cookie is sent. The code is never stored readable: only its keyed hash, and a copy
    encrypted with a key that needs `owner`, which only the person's cookie holds."""
    now = now or timezone.now()
    handover_codes_purge(now=now)  # opportunistic: expired codes go even without cron
    owner_hash = handover_owner_digest(owner)
    if live := _live_code(owner=owner, owner_hash=owner_hash, now=now):
        return live
    expires_at = now + datetime.timedelta(hours=settings.SELFASSESS_HANDOVER_HOURS)
    token = handover_fernet().encrypt(json.dumps(payload).encode()).decode()
    sealer = handover_code_fernet(owner)
    for _attempt in range(5):
        code = code_generate()
        try:
            with transaction.atomic():
                HandoverCode.objects.create(
                    code_hash=handover_code_digest(code),
                    owner_hash=owner_hash,
                    code_sealed=sealer.encrypt(code.encode()).decode(),
                    payload=token,
                    expires_at=expires_at,
                )
        except IntegrityError:
            # A request with the same cookie made the code first, or (one in 2^40 per live
            # code) this code is taken: show that one, or try another.
            if live := _live_code(owner=owner, owner_hash=owner_hash, now=now):
                return live
            continue
        return code, expires_at
    raise RuntimeError("could not find a free hand-over code")


def _live_code(
    *, owner: str, owner_hash: str, now: datetime.datetime
) -> tuple[str, datetime.datetime] | None:
    row = HandoverCode.objects.filter(owner_hash=owner_hash, expires_at__gt=now).first()
    if row is None:
        return None
    try:
        code = handover_code_fernet(owner).decrypt(row.code_sealed.encode()).decode()
    except InvalidToken:
        # SELFASSESS_HANDOVER_KEY changed since: the answers cannot be read either.
        row.delete()
        return None
    return code, row.expires_at


def handover_code_revoke(*, owner: str | None = None, code: str | None = None) -> None:
    """Delete the code of a finished assessment whose answers the person has since changed,
    found by its owner secret (whichever copy of the cookie asked for it) or by the code."""
    if owner:
        HandoverCode.objects.filter(owner_hash=handover_owner_digest(owner)).delete()
    normalised = code_normalise(code or "")
    if normalised:
        HandoverCode.objects.filter(code_hash=handover_code_digest(normalised)).delete()


def handover_code_redeem(*, code: str, user, now: datetime.datetime | None = None) -> dict | None:
    """The answers and result behind a code, for an adviser, or None when the code is
    unknown, mistyped or expired. An expired code is never readable, whether or not the
    purge has run yet. Each look-up is logged with the adviser's id, never the code."""
    now = now or timezone.now()
    handover_codes_purge(now=now)
    normalised = code_normalise(code)
    row = None
    if normalised:
        row = HandoverCode.objects.filter(
            code_hash=handover_code_digest(normalised), expires_at__gt=now
        ).first()
    logger.info("hand-over code look-up by user %s: %s", user.pk, "found" if row else "not found")
    if row is None:
        return None
    try:
        payload = json.loads(handover_fernet().decrypt(row.payload.encode()))
    except InvalidToken:  # SELFASSESS_HANDOVER_KEY changed since the code was issued
        logger.warning("hand-over code found but not decryptable: was the key changed?")
        return None
    payload["expires_at"] = row.expires_at.isoformat()
    return payload


def handover_codes_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every expired code with its encrypted answers; returns how many went."""
    deleted, _ = HandoverCode.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
