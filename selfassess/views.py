"""Taking a self-assessment: questions, result, hand-over code and quick exit.

Every response here is `private, no-store`: the pages show one person's answers, and the
browser must not keep them either. State lives in the person's encrypted cookie
(`selfassess.state`); every answer is POSTed and followed by a redirect, so no answer
ever appears in a URL and reloading never resubmits.
"""

import datetime
import logging
import secrets
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from portal.page_cache import cached_for_content
from portal.routing import site_for_request
from selfassess import services
from selfassess.band_texts import red_flag_text
from selfassess.codes import code_format
from selfassess.definitions import AnswerError, Definition, Question, answer_parse
from selfassess.scoring import SEXES, DispositionHint, QuestionKind, Result
from selfassess.selectors import assessment_definition_get
from selfassess.state import AssessmentState, state_clear, state_load, state_save

NO_STORE = "private, no-store"
logger = logging.getLogger(__name__)


def _no_store(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = NO_STORE
        return response

    return wrapped


def _definition(page_id: int) -> Definition:
    definition = assessment_definition_get(page_id=page_id)
    # Each language's page has its own id; another language's prefix is not this page.
    if definition is None or definition.language != get_language():
        raise Http404
    return definition


def _page(request, definition: Definition) -> Page:
    """The assessment's page row for the layout (title, language switcher), kept until the
    next publish like the definition, so a question or result page runs no query for it."""
    # The host's site, from routing's per-publish cache, so the language switcher needs no
    # query either.
    site_for_request(request)
    return cached_for_content(
        f"selfassess:page:{definition.page_id}", lambda: Page.objects.get(pk=definition.page_id)
    )


def _step_url(page_id: int, step: int) -> str:
    return reverse("selfassess:step", args=[page_id, step])


def _result_url(page_id: int) -> str:
    return reverse("selfassess:result", args=[page_id])


def _redirect(url: str, state: AssessmentState | None = None) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url, status=303)
    if state is not None:
        state_save(response, state)
    return response


@require_GET
@_no_store
def start(request, page_id: int):
    """Where the introduction's Start link goes: the first question not yet answered."""
    definition = _definition(page_id)
    state = state_load(request, definition)
    if state.result is not None:
        return redirect(_result_url(page_id))
    return redirect(_step_url(page_id, definition.first_unanswered_step(state.answers)))


@require_http_methods(["GET", "POST"])
@_no_store
def step(request, page_id: int, step: int):
    definition = _definition(page_id)
    if not 1 <= step <= definition.step_count:
        raise Http404
    state = state_load(request, definition)
    if request.method == "GET":
        return _render_step(request, definition, state, step)

    going_back = request.POST.get("nav") == "back"
    errors: dict[str, str] = {}
    for question in definition.questions_for_step(step):
        try:
            state.answers[question.key] = answer_parse(question, request.POST.getlist(question.key))
        except AnswerError as error:
            errors[question.key] = error.code
    if definition.asks_sex_on_step(step):
        sex = request.POST.get("sex", "")
        state.sex = sex if sex in SEXES else None

    if going_back:
        # Whatever was answered on this step is kept; nothing is required to go back.
        if step == 1:
            return _redirect(_page(request, definition).get_url(request) or "/", state)
        return _redirect(_step_url(page_id, step - 1), state)
    if errors:
        return _render_step(request, definition, state, step, errors=errors, status=400)
    if step < definition.step_count:
        return _redirect(_step_url(page_id, step + 1), state)
    if not definition.is_complete(state.answers):
        return _redirect(_step_url(page_id, definition.first_unanswered_step(state.answers)), state)
    try:
        _finish(definition, state)
    except ValueError:
        # Only a published assessment whose bands miss a score gets here (publishing refuses
        # those, but bulk actions and imports are other doors): say so, never a 500.
        # Not logger.exception: the exception's message holds the person's score.
        logger.error("self-assessment %s: no result band covers the score", page_id)
        return _render_step(request, definition, state, step, unavailable=True, status=503)
    return _redirect(_result_url(page_id), state)


def _finish(definition: Definition, state: AssessmentState) -> None:
    """Score the answers and count the completion once; answering again after going back
    corrects the count's band instead of adding another."""
    result = definition.score(state.answers, state.sex)
    previous = state.result
    state.result = result.as_dict()
    if state.completion_id is None:
        completion = services.completion_record(
            assessment=definition.assessment_key, result=result, locale=definition.language
        )
        state.completion_id = str(completion.pk)
    elif previous and previous["band"] != result.band:
        services.completion_update(completion_id=state.completion_id, band=result.band)
    if state.handover_secret is None:
        state.handover_secret = secrets.token_urlsafe(32)
    if previous and previous != state.result:
        # A code was made for the earlier answers (perhaps from another copy of this
        # cookie); the person can make a new one.
        services.handover_code_revoke(owner=state.handover_secret, code=state.handover_code)
        state.handover_code = state.handover_expires_at = None


def _render_step(request, definition, state, step, *, errors=None, status=200, unavailable=False):
    context = {
        "unavailable": unavailable,
        "page": _page(request, definition),
        **step_context(
            definition, step=step, answers=state.answers, errors=errors or {}, sex=state.sex
        ),
        "restarted": state.restarted,
    }
    response = render(request, "selfassess/step.html", context, status=status)
    if unavailable:
        state_save(response, state)  # the answers are kept for when it is fixed
    if state.restarted:
        state_clear(response, definition.page_id)
    return response


def _error_message(question: Question, code: str) -> str:
    is_number = question.kind == QuestionKind.NUMBER
    if code == "range":
        return _("Enter a whole number from %(min)d to %(max)d.") % {
            "min": question.minimum,
            "max": question.maximum,
        }
    messages = {
        ("required", False): _("Choose an answer to continue."),
        ("required", True): _("Enter a number to continue."),
        ("invalid", False): _("Choose one of the answers given."),
        ("invalid", True): _("Enter a whole number, for example 3."),
    }
    return messages[(code, is_number)]


def step_context(definition, *, step, answers, errors=None, sex=None, preview=False) -> dict:
    """What the question template needs; also used by the admin preview."""
    errors = errors or {}
    questions = []
    for question in definition.questions_for_step(step):
        answer = answers.get(question.key)
        selected = set(answer) if isinstance(answer, tuple | list) else {answer}
        error = errors.get(question.key)
        questions.append(
            {
                "question": question,
                "number": definition.questions.index(question) + 1,
                "selected": selected,
                "value": "" if answer is None else answer,
                "error": _error_message(question, error) if error else "",
                "anchor": f"{question.key}-input"
                if question.kind == QuestionKind.NUMBER
                else f"{question.key}-0",
                "is_multiple": question.kind == QuestionKind.MULTIPLE,
                "is_number": question.kind == QuestionKind.NUMBER,
                "is_likert": question.kind == QuestionKind.LIKERT,
            }
        )
    return {
        "definition": definition,
        "step": step,
        "step_count": definition.step_count,
        "questions": questions,
        "errors": [item for item in questions if item["error"]],
        "asks_sex": definition.asks_sex_on_step(step),
        "sex": sex,
        "sex_choices": [
            ("female", _("Woman")),
            ("male", _("Man")),
            ("other", _("Other, or I do not want to say")),
        ],
        "is_last": step == definition.step_count,
        "show_stem": definition.one_page or step == 1,
        "preview": preview,
        "exit_url": reverse("selfassess:exit", args=[definition.page_id]),
        "form_action": _step_url(definition.page_id, step) if definition.page_id else "",
    }


@require_GET
@_no_store
def result(request, page_id: int):
    definition = _definition(page_id)
    state = state_load(request, definition)
    if state.result is None:
        return redirect(_step_url(page_id, definition.first_unanswered_step(state.answers)))
    outcome = Result.from_dict(state.result)
    context = {
        "page": _page(request, definition),
        **result_context(definition, outcome, state),
        "exit_url": reverse("selfassess:exit", args=[page_id]),
    }
    return render(request, "selfassess/result.html", context)


def result_context(definition: Definition, outcome: Result, state=None) -> dict:
    """What the result template needs; also used by the admin preview of every band."""
    low, high = definition.total_range
    disposition = outcome.disposition
    handover = _handover_shown(state) if state is not None else None
    answers = []
    if state is not None:
        for question in definition.questions:
            answer = state.answers.get(question.key)
            labels = {choice.value: choice.label for choice in question.choices}
            if question.kind == QuestionKind.NUMBER:
                shown = f"{answer} {question.unit}".strip()
            elif question.kind == QuestionKind.MULTIPLE:
                shown = ", ".join(labels[v] for v in answer or ()) or _("None of these")
            else:
                shown = labels.get(answer, "")
            answers.append({"question": question.text, "answer": shown})
    return {
        "definition": definition,
        "outcome": outcome,
        "band": definition.bands[outcome.band],
        "score_low": low,
        "score_high": high,
        "disposition": str(disposition),
        "show_crisis": bool(outcome.red_flags)
        or disposition in (DispositionHint.URGENT, DispositionHint.EMERGENCY),
        "red_flag_text": red_flag_text(definition.instrument) if outcome.red_flags else "",
        "answers": answers,
        "handover": handover,
        "hours": settings.SELFASSESS_HANDOVER_HOURS,
        "municipalities": (
            settings.SELFASSESS_MUNICIPALITIES
            if state is not None and state.completion_id and not state.municipality_given
            else []
        ),
    }


def _handover_shown(state: AssessmentState) -> dict | None:
    """The person's hand-over code as the result page shows it, while it is live."""
    if not state.handover_code:
        return None
    expires_at = parse_datetime(state.handover_expires_at or "")
    if not expires_at or expires_at <= datetime.datetime.now(tz=datetime.UTC):
        return None
    return {"code": code_format(state.handover_code), "expires_at": expires_at}


def _finished_state(request, page_id: int) -> tuple[Definition, AssessmentState]:
    definition = _definition(page_id)
    state = state_load(request, definition)
    if state.result is None:
        raise Http404
    return definition, state


@require_POST
@_no_store
def handover(request, page_id: int):
    """Make the hand-over code of the finished assessment, or show the one it has: one live
    code per completion, also when the same cookie is posted again and again."""
    definition, state = _finished_state(request, page_id)
    if _handover_shown(state) is None:
        if state.handover_secret is None:  # finished before codes were bound to a completion
            state.handover_secret = secrets.token_urlsafe(32)
        outcome = Result.from_dict(state.result)
        context = result_context(definition, outcome, state)
        payload = {
            "title": definition.title,
            "language": definition.language,
            "instrument": definition.instrument,
            "band_heading": context["band"].heading,
            "result": outcome.as_dict(),
            # The adviser reads the questions themselves, in the person's language, not keys.
            "red_flag_questions": [
                question.text
                for question in definition.questions
                if question.key in outcome.red_flags
            ],
            "score_range": [context["score_low"], context["score_high"]],
            "answers": context["answers"],
        }
        code, expires_at = services.handover_code_create(
            payload=payload, owner=state.handover_secret
        )
        state.handover_code, state.handover_expires_at = code, expires_at.isoformat()
    return _redirect(_result_url(page_id) + "#handover", state)


@require_POST
@_no_store
def municipality(request, page_id: int):
    """Add the municipality the person chose to their completion's statistics row."""
    definition, state = _finished_state(request, page_id)
    chosen = request.POST.get("municipality", "")
    if state.completion_id and chosen in settings.SELFASSESS_MUNICIPALITIES:
        services.completion_update(completion_id=state.completion_id, municipality=chosen)
        state.municipality_given = True
    return _redirect(_result_url(page_id) + "#statistics", state)


@require_POST
@_no_store
def restart(request, page_id: int):
    definition = _definition(page_id)
    response = HttpResponseRedirect(_step_url(page_id, 1), status=303)
    state_clear(response, definition.page_id)
    return response


@require_GET
@_no_store
def quick_exit(request, page_id: int):
    """Leave for a neutral site and forget the answers. Works as a plain link; with
    JavaScript the page calls location.replace() so Back does not return here."""
    response = HttpResponseRedirect(settings.SELFASSESS_QUICK_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    state_clear(response, page_id)
    return response
