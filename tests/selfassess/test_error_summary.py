"""Submitting without an answer: the step's page (reached by a redirect, never as the
response to the POST) opens with an error summary that names each unanswered question and
links to it, the question itself says what is wrong, and the title starts with "Error:"."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.selfassess.conftest import everyday_page, instrument_page, step_url

pytestmark = pytest.mark.django_db


def t(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def _summary(html: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert found, "no error summary"
    return found.group(0)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_an_unanswered_question_is_named_in_the_summary_and_marked_at_the_question(
    client, assessments, language
):
    page = instrument_page("gad7", language)
    question = page.definition().questions[0]
    response = client.post(step_url(page, 1, language), {"nav": "next"})
    assert response.status_code == 303 and response["Location"] == step_url(page, 1, language)

    shown = client.get(step_url(page, 1, language))
    assert shown.status_code == 200 and shown["Cache-Control"] == "private, no-store"
    html = shown.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith(t("Error:", language) + " ")
    assert t("Error:", language) != "Error:" or language == "en"

    summary = _summary(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert f'<h2 id="error-summary-title">{t("There is a problem", language)}</h2>' in summary
    assert html.index("error-summary") < html.index("<h1>")  # at the top of the page
    with translation.override(language):
        expected = gettext("Question %(number)d, “%(question)s”: %(message)s") % {
            "number": 1,
            "question": question.text,
            "message": gettext("Choose an answer to continue."),
        }
    assert f'<a href="#q1-0">{expected}</a>' in summary
    assert 'id="q1-0"' in html  # the link leads to the first answer of the question

    # The question itself: its message, tied to the fieldset, with "Error:" for screen readers.
    assert 'class="question question--error"' in html
    assert re.search(r'<fieldset class="question__fieldset" aria-describedby="\s*q1-error"', html)
    error = re.search(r'<p class="field__error" id="q1-error">(.*?)</p>', html, re.S).group(1)
    assert t("Error:", language) in error
    assert t("Choose an answer to continue.", language) in error


def test_the_summary_is_shown_once_and_goes_when_the_question_is_answered(client, assessments):
    page = instrument_page("phq9")
    client.post(step_url(page, 1), {"nav": "next"})
    assert "error-summary" in client.get(step_url(page, 1)).content.decode()
    reloaded = client.get(step_url(page, 1)).content.decode()
    assert "error-summary" not in reloaded  # a reload shows the step as it is
    assert not re.search(r"<title>\s*Virhe:", reloaded)
    client.post(step_url(page, 1), {"nav": "next"})
    response = client.post(step_url(page, 1), {"q1": "1", "nav": "next"})
    assert response["Location"] == step_url(page, 2)
    assert "error-summary" not in client.get(step_url(page, 2)).content.decode()


def test_the_errors_of_one_step_are_not_shown_on_another(client, assessments):
    page = instrument_page("phq9")
    client.post(step_url(page, 1), {"q1": "1", "nav": "next"})
    client.post(step_url(page, 2), {"nav": "next"})
    assert "error-summary" not in client.get(step_url(page, 1)).content.decode()
    assert "error-summary" not in client.get(step_url(page, 2)).content.decode()


def test_going_back_needs_no_answer(client, assessments):
    page = instrument_page("phq9")
    client.post(step_url(page, 1), {"q1": "1", "nav": "next"})
    back = client.post(step_url(page, 2), {"nav": "back"})
    assert back["Location"] == step_url(page, 1)
    assert "error-summary" not in client.get(step_url(page, 1)).content.decode()


def test_on_one_page_every_unanswered_question_has_its_own_link(client, assessments):
    page = everyday_page("en")
    page.one_page = True
    page.save_revision().publish()
    definition = page.definition()
    client.post(step_url(page, 1, "en"), {"q2": "1", "q4": "12", "nav": "next"})
    html = client.get(step_url(page, 1, "en")).content.decode()
    summary = _summary(html)
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary)
    # q1 unanswered, q3 (several choices) may be left empty, q4 is out of range.
    assert [anchor for anchor, _text in links] == ["q1-0", "q4-input"]
    assert definition.questions[0].text in links[0][1]
    assert links[0][1].startswith("Question 1, “") and links[1][1].startswith("Question 4, “")
    assert "Enter a whole number from 0 to 7." in links[1][1]
    assert re.search(r"<title>\s*Error: ", html)
    assert 'id="q2-1" name="q2" value="1" checked' in html  # what was answered is kept
