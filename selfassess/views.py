"""Taking a self-assessment: questions, result, hand-over code and quick exit.

Every response here is `private, no-store`: the pages show one person's answers, and the
browser must not keep them either. State lives in the person's encrypted cookie
(`selfassess.state`); every POST is answered with a redirect (Post/Redirect/Get), also when
it has errors to show, so no answer ever appears in a URL, and neither reload nor Back ever
asks to resubmit a form.
"""

import datetime
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
from selfassess.definitions import Definition, Question
from selfassess.scoring import DispositionHint, QuestionKind, Result
from selfassess.selectors import assessment_definition_get
from selfassess.services import Destination
from selfassess.state import AssessmentState, state_clear, state_exit, state_load, state_save

NO_STORE = "private, no-store"


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


def _to_neutral_site() -> HttpResponseRedirect:
    response = HttpResponseRedirect(settings.SELFASSESS_QUICK_EXIT_URL)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@_no_store
def start(request, page_id: int):
    """Where the introduction's Start link goes: the first question not yet answered. Also
    the one way back in after a quick exit, and then with nothing remembered."""
    definition = _definition(page_id)
    state = state_load(request, definition)
    if state.exited:
        response = redirect(_step_url(page_id, 1))
        state_clear(response, page_id)
        return response
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
    if state.exited:
        return _to_neutral_site()
    if request.method == "GET":
        return _render_step(request, definition, state, step)
    outcome = services.assessment_step_submit(
        definition=definition,
        state=state,
        step=step,
        form=request.POST,
        going_back=request.POST.get("nav") == "back",
    )
    if outcome.destination == Destination.INTRO:
        return _redirect(_page(request, definition).get_url(request) or "/", state)
    if outcome.destination == Destination.RESULT:
        return _redirect(_result_url(page_id), state)
    return _redirect(_step_url(page_id, outcome.step), state)


def _render_step(request, definition, state, step):
    """The step's page from the state, with the errors its last POST left there, once."""
    flash = state.flash if state.flash and state.flash.get("step") == step else {}
    unavailable = bool(flash.get("unavailable"))
    context = {
        "unavailable": unavailable,
        "page": _page(request, definition),
        **step_context(
            definition,
            step=step,
            answers=state.answers,
            errors=flash.get("errors") or {},
            sex=state.sex,
        ),
        "restarted": state.restarted,
    }
    response = render(request, "selfassess/step.html", context, status=503 if unavailable else 200)
    if state.restarted:
        state_clear(response, definition.page_id)
    elif state.flash is not None:
        state.flash = None  # shown once: a reload shows the step as it is
        state_save(response, state)
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


def _error_summary_text(number: int, question: Question, message: str) -> str:
    # The summary names the question, so that each link says what it leads to.
    return _("Question %(number)d, “%(question)s”: %(message)s") % {
        "number": number,
        "question": question.text,
        "message": message,
    }


def step_context(definition, *, step, answers, errors=None, sex=None, preview=False) -> dict:
    """What the question template needs; also used by the admin preview."""
    errors = errors or {}
    questions = []
    for question in definition.questions_for_step(step):
        answer = answers.get(question.key)
        selected = set(answer) if isinstance(answer, tuple | list) else {answer}
        error = errors.get(question.key)
        number = definition.questions.index(question) + 1
        message = _error_message(question, error) if error else ""
        questions.append(
            {
                "question": question,
                "number": number,
                "selected": selected,
                "value": "" if answer is None else answer,
                "error": message,
                "summary": _error_summary_text(number, question, message) if error else "",
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
        "assessment_exit_url": reverse("selfassess:exit", args=[definition.page_id]),
        "form_action": _step_url(definition.page_id, step) if definition.page_id else "",
    }


@require_GET
@_no_store
def result(request, page_id: int):
    definition = _definition(page_id)
    state = state_load(request, definition)
    if state.exited:
        return _to_neutral_site()
    if state.result is None:
        return redirect(_step_url(page_id, definition.first_unanswered_step(state.answers)))
    outcome = Result.from_dict(state.result)
    context = {
        "page": _page(request, definition),
        **result_context(definition, outcome, state),
        "assessment_exit_url": reverse("selfassess:exit", args=[page_id]),
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
    JavaScript the page calls location.replace() so Back does not return here. Whatever
    page of the assessment Back reaches instead sends on to the neutral site too, with or
    without JavaScript, until the person starts again from the introduction."""
    response = _to_neutral_site()
    definition = assessment_definition_get(page_id=page_id)
    if definition is None:
        state_clear(response, page_id)
    else:
        state_exit(response, definition)
    return response
