"""Taking a self-assessment with the test client: one page or step by step, back without
losing answers, clear errors, results that lead somewhere, and state only in the person's
encrypted cookie."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from selfassess.band_texts import band_text
from selfassess.crypto import state_fernet
from selfassess.models import Completion
from selfassess.scoring import Result
from selfassess.selectors import assessment_outcome_current
from selfassess.state import COOKIE_NAME
from tests.selfassess.conftest import (
    answer_each_step,
    everyday_page,
    instrument_page,
    result_url,
    step_url,
)

pytestmark = pytest.mark.django_db


def t(message: str, language: str = "fi") -> str:
    with translation.override(language):
        return gettext(message)


def who5(client, values=(3, 3, 2, 2, 2), language="fi"):
    page = instrument_page("who5", language)
    answers = {f"q{n}": str(v) for n, v in enumerate(values, start=1)}
    return page, answer_each_step(client, page, answers, language)


def test_intro_page_is_public_and_cacheable_and_links_to_the_first_question(client, assessments):
    page = instrument_page("who5")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert not response.cookies
    assert f'href="/fi/self-assessment/{page.pk}/"' in html
    assert "Psychiatric Research Unit" in html  # the source is credited
    assert client.get(f"/fi/self-assessment/{page.pk}/")["Location"] == step_url(page, 1)


def test_who5_one_question_per_step_with_progress_and_back(client, assessments):
    # Like every validated instrument (issue 11: WHO-5 was the one asked all on one page).
    page = instrument_page("who5")
    form = client.get(step_url(page, 1))
    html = form.content.decode()
    assert form["Cache-Control"] == "private, no-store"
    assert html.count('type="radio"') == 6  # one item × 6 options
    assert "Olen ollut iloinen ja hyvällä tuulella" in html
    assert "csrfmiddlewaretoken" in html
    assert "1 / 5" in html and '<progress class="progress__bar" max="5" value="1"' in html
    assert 'name="nav" value="back"' in html
    assert "kahden viime viikon aikana" in html  # the instructions, on the first step

    client.post(step_url(page, 1), {"q1": "3", "nav": "next"})
    second = client.get(step_url(page, 2)).content.decode()
    assert "2 / 5" in second and 'name="q2"' in second and 'name="q1"' not in second
    back = client.post(step_url(page, 2), {"nav": "back"})
    assert back["Location"] == step_url(page, 1)
    assert 'id="q1-2" name="q1" value="3" checked' in client.get(step_url(page, 1)).content.decode()

    page, response = who5(client, (3, 3, 2, 2, 2))
    assert response.status_code == 303
    assert response["Location"] == result_url(page)  # POST, then redirect: nothing in the URL
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["path"] == f"/fi/self-assessment/{page.pk}/"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    result = client.get(result_url(page))
    html = result.content.decode()
    assert result["Cache-Control"] == "private, no-store"
    heading, _explanation = band_text("who5", "low")
    with translation.override("fi"):
        assert f"<h1>{heading}</h1>" in html
    assert "12" in html and "48" in html  # raw score and the 0–100 scale
    assert t("Talk to service guidance") in html  # low wellbeing → service guidance
    assert "09 0000 2000" in html  # the demo's service advice number
    assert t("Get help now") not in html  # no red flag
    assert Completion.objects.count() == 1


def test_an_editor_built_assessment_may_ask_everything_on_one_page(client, assessments):
    page = everyday_page("en")
    page.one_page = True
    page.save_revision().publish()
    html = client.get(step_url(page, 1, "en")).content.decode()
    assert all(f'name="q{n}"' in html for n in range(1, 5))
    assert 'value="back"' not in html and 'class="progress"' not in html
    answers = {"q1": "2", "q2": "4", "q3": ["0", "2"], "q4": "3", "nav": "next"}
    response = client.post(step_url(page, 1, "en"), answers)
    assert response["Location"] == result_url(page, "en")
    assert "Some things weigh on you" in client.get(result_url(page, "en")).content.decode()


def test_phq9_step_by_step_with_progress_back_and_errors(client, assessments):
    page = instrument_page("phq9", "sv")
    first = client.get(step_url(page, 1, "sv"))
    assert "1 / 9" in first.content.decode()
    assert '<html lang="sv">' in first.content.decode()

    missing = client.post(step_url(page, 1, "sv"), {"nav": "next"})
    assert missing.status_code == 303 and missing["Location"] == step_url(page, 1, "sv")
    html = client.get(step_url(page, 1, "sv")).content.decode()
    assert t("Choose an answer to continue.", "sv") in html
    assert 'class="error-summary"' in html and 'href="#q1-0"' in html

    for step in range(1, 10):
        value = "1" if step in (1, 9) else "0"
        response = client.post(step_url(page, step, "sv"), {f"q{step}": value, "nav": "next"})
        assert response.status_code == 303
        expected = step_url(page, step + 1, "sv") if step < 9 else result_url(page, "sv")
        assert response["Location"] == expected

    # Back from the last question keeps every answer.
    back = client.post(step_url(page, 9, "sv"), {"q9": "2", "nav": "back"})
    assert back["Location"] == step_url(page, 8, "sv")
    eight = client.get(step_url(page, 8, "sv")).content.decode()
    assert 'id="q8-0" name="q8" value="0" checked' in eight
    nine = client.get(step_url(page, 9, "sv")).content.decode()
    assert 'value="2" checked' in nine

    result = client.get(result_url(page, "sv")).content.decode()
    assert t("Get help now", "sv") in result  # item 9 > 0: the crisis numbers
    assert "09 2525 0112" in result  # the Swedish crisis line
    assert t("Get help today", "sv") in result


def test_answers_can_be_changed_after_the_result_and_the_count_is_corrected(client, assessments):
    page, _ = who5(client, (5, 5, 5, 5, 5))
    completion = Completion.objects.get()
    assert completion.band == "good"
    who5(client, (0, 0, 0, 0, 0))
    assert Completion.objects.count() == 1
    completion.refresh_from_db()
    assert completion.band == "low"


@pytest.mark.parametrize(
    ("sex", "band"), [("male", "low_risk"), ("female", "risk"), ("", "risk"), ("other", "risk")]
)
def test_auditc_asks_sex_only_to_choose_the_cut_off(client, assessments, sex, band):
    page = instrument_page("auditc")
    for step, value in ((1, "2"), (2, "1"), (3, "2")):
        client.post(step_url(page, step), {f"q{step}": value, "nav": "next"})
    sex_step = client.get(step_url(page, 4)).content.decode()
    assert "4 / 4" in sex_step and 'name="sex"' in sex_step
    response = client.post(step_url(page, 4), {"sex": sex, "nav": "next"})
    assert response["Location"] == result_url(page)
    outcome = client.get(result_url(page))
    heading, _ = band_text("auditc", band)
    with translation.override("fi"):
        assert str(heading) in outcome.content.decode()
    assert Completion.objects.get().band == band


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_highest_auditc_band_leads_to_a_person_with_the_numbers_shown(
    client, assessments, language
):
    page = instrument_page("auditc", language)
    answer_each_step(client, page, {"q1": "4", "q2": "4", "q3": "4", "sex": "male"}, language)
    html = client.get(result_url(page, language)).content.decode()
    heading, explanation = band_text("auditc", "risk")
    with translation.override(language):
        assert f"<h1>{heading}</h1>" in html and str(explanation) in html
    assert t("Talk to service guidance", language) in html
    assert t("Call service advice:", language) in html
    assert 'href="tel:+358900002000">09 0000 2000</a>' in html
    assert t("What you can do next", language) not in html  # not self-help
    assert Completion.objects.get().version == "2"


def test_editor_built_assessment_with_every_question_kind(client, assessments):
    page = everyday_page("en")
    url = lambda n: step_url(page, n, "en")  # noqa: E731
    client.post(url(1), {"q1": "2", "nav": "next"})  # "Rarely": 2
    client.post(url(2), {"q2": "4", "nav": "next"})  # "Strongly disagree": 4
    client.post(url(3), {"q3": ["0", "2"], "nav": "next"})  # housing + loneliness: 2
    out_of_range = client.post(url(4), {"q4": "9", "nav": "next"})
    assert out_of_range.status_code == 303 and out_of_range["Location"] == url(4)
    assert t("Enter a whole number from %(min)d to %(max)d.", "en") % {"min": 0, "max": 7} in (
        client.get(url(4)).content.decode()
    )
    not_a_number = client.post(url(4), {"q4": "two", "nav": "next"})
    assert not_a_number["Location"] == url(4)
    html = client.get(url(4)).content.decode()
    assert t("Enter a whole number, for example 3.", "en") in html
    assert 'href="#q4-input"' in html and 'aria-invalid="true"' in html
    client.post(url(4), {"q4": "3", "nav": "next"})
    html = client.get(result_url(page, "en")).content.decode()
    assert "Some things weigh on you" in html  # 2 + 4 + 2 + 3 = 11: the band 6–11
    completion = Completion.objects.get()
    assert (completion.assessment, completion.band, completion.locale) == (
        "everyday-life",
        "6-11",
        "en",
    )


def test_red_flag_option_of_an_editor_built_assessment_shows_the_crisis_numbers(
    client, assessments
):
    page = everyday_page("fi")
    for step, data in ((1, {"q1": "0"}), (2, {"q2": "0"}), (3, {"q3": ["4"]}), (4, {"q4": "0"})):
        client.post(step_url(page, step), data | {"nav": "next"})
    html = client.get(result_url(page)).content.decode()
    assert t("Get help now") in html and "112" in html
    completion = Completion.objects.get()
    assert completion.band == "0-5"


def test_an_emergency_result_names_the_emergency_number_of_the_site_settings(client, assessments):
    from portal.models import SiteSettings

    numbers = SiteSettings.objects.get()
    numbers.emergency_number = "911"
    numbers.save()
    page = everyday_page("en")
    page.bands[0].value["disposition"] = "emergency"  # the band 0–5
    page.save_revision().publish()
    for step, data in ((1, {"q1": "0"}), (2, {"q2": "0"}), (3, {"q3": ["4"]}), (4, {"q4": "0"})):
        client.post(step_url(page, step, "en"), data | {"nav": "next"})
    html = client.get(result_url(page, "en")).content.decode()
    assert "Call 911 now" in html and "call the emergency number 911 now" in html
    assert 'href="tel:911"' in html  # and in the crisis numbers
    assert "Call 112 now" not in html


def test_result_before_finishing_goes_back_to_the_questions(client, assessments):
    page = instrument_page("gad7")
    client.post(step_url(page, 1), {"q1": "1", "nav": "next"})
    response = client.get(result_url(page))
    assert response.status_code == 302 and response["Location"] == step_url(page, 2)


@pytest.mark.parametrize("path", ["step/0/", "step/10/", "result/x/"])
def test_unknown_steps_are_not_found(client, assessments, path):
    page = instrument_page("phq9")
    assert client.get(f"/fi/self-assessment/{page.pk}/{path}").status_code == 404


def test_a_page_is_not_served_under_another_languages_prefix(client, assessments):
    page = instrument_page("who5", "fi")
    assert client.get(step_url(page, 1, "sv")).status_code == 404
    assert client.get(step_url(page, 1, "fi")).status_code == 200


def test_forged_or_expired_state_starts_afresh(client, assessments, time_machine):
    time_machine.move_to("2026-11-20 10:00:00+02:00", tick=False)
    page, _ = who5(client)
    assert client.get(result_url(page)).status_code == 200
    time_machine.move_to("2026-11-20 12:01:00+02:00", tick=False)  # > 2 h later
    assert client.get(result_url(page)).status_code == 302
    client.cookies[COOKIE_NAME] = "gAAAAAforged"
    assert client.get(result_url(page)).status_code == 302


def test_state_of_a_changed_assessment_is_dropped_with_a_notice(client, assessments):
    page = everyday_page("fi")
    client.post(step_url(page, 1), {"q1": "1", "nav": "next"})
    page.bands[0].value["max_score"] = 4
    page.bands[1].value["min_score"] = 5
    page.save_revision().publish()
    html = client.get(step_url(page, 2)).content.decode()
    assert t("This self-assessment has changed since you started it. Please answer again.") in html


def test_restart_and_quick_exit_forget_the_answers(client, assessments, settings):
    settings.SELFASSESS_QUICK_EXIT_URL = "https://example.org/weather"
    page, _ = who5(client)
    restart = client.post(f"/fi/self-assessment/{page.pk}/restart/")
    assert restart["Location"] == step_url(page, 1)
    assert restart.cookies[COOKIE_NAME].value == ""
    who5(client)
    exit_response = client.get(f"/fi/self-assessment/{page.pk}/exit/")
    assert exit_response.status_code == 302
    assert exit_response["Location"] == "https://example.org/weather"
    assert exit_response["Referrer-Policy"] == "no-referrer"
    assert exit_response["Cache-Control"] == "private, no-store"
    left = json.loads(state_fernet().decrypt(exit_response.cookies[COOKIE_NAME].value.encode()))
    assert left["exited"] and left["answers"] == {} and left["result"] is None
    assert left["sex"] is left["completion_id"] is left["handover_secret"] is None
    assert exit_response.cookies[COOKIE_NAME]["path"] == f"/fi/self-assessment/{page.pk}/"


def test_after_a_quick_exit_the_assessment_sends_whoever_comes_back_on(
    client, assessments, settings
):
    # Back after the exit reaches a question or the result page: neither is shown again.
    settings.SELFASSESS_QUICK_EXIT_URL = "https://example.org/weather"
    page, _ = who5(client)
    client.get(f"/fi/self-assessment/{page.pk}/exit/")
    for url in (step_url(page, 1), step_url(page, 5), result_url(page)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "https://example.org/weather"
        assert response["Referrer-Policy"] == "no-referrer"
    replayed = client.post(step_url(page, 5), {"q5": "2", "nav": "next"})
    assert replayed["Location"] == "https://example.org/weather"
    # Start on the introduction begins again, with nothing remembered.
    start = client.get(f"/fi/self-assessment/{page.pk}/")
    assert start["Location"] == step_url(page, 1)
    assert start.cookies[COOKIE_NAME].value == ""
    html = client.get(step_url(page, 1)).content.decode()
    assert "checked" not in html
    assert Completion.objects.count() == 1


def test_quick_exit_is_offered_on_sensitive_assessments_only(client, assessments):
    page = instrument_page("phq9")
    link = f'href="/fi/self-assessment/{page.pk}/exit/" rel="noreferrer" data-quick-exit'
    assert link in client.get(step_url(page, 1)).content.decode()
    assert link in client.get(page.url).content.decode()
    for step in range(1, 10):
        client.post(step_url(page, step), {f"q{step}": "0", "nav": "next"})
    assert link in client.get(result_url(page)).content.decode()
    page.quick_exit = False
    page.save_revision().publish()
    assert "data-quick-exit" not in client.get(step_url(page, 1)).content.decode()


def test_the_page_cache_never_keeps_question_or_result_pages(client, assessments, settings):
    settings.PAGE_CACHE_ENABLED = True
    page = instrument_page("who5")
    assert client.get(page.url).get("X-Page-Cache") == "miss"
    assert client.get(page.url).get("X-Page-Cache") == "hit"
    assert client.get(step_url(page, 1)).get("X-Page-Cache") is None
    assert client.get(step_url(page, 1)).get("X-Page-Cache") is None


def test_eurohis8_only_when_its_licence_setting_is_on(client, assessments, settings):
    from selfassess.demo import selfassess_demo_load
    from selfassess.models import InstrumentPage

    assert not InstrumentPage.objects.filter(instrument="eurohis8").exists()
    settings.SELFASSESS_EUROHIS8_ENABLED = True
    selfassess_demo_load(home_fi=instrument_page("who5").get_parent().get_parent())
    page = instrument_page("eurohis8")
    data = {f"q{n}": "4" for n in range(1, 9)} | {"nav": "next"}
    for step in range(1, 9):
        client.post(step_url(page, step), {f"q{step}": "4", "nav": "next"})
    assert Completion.objects.get().band == "good"
    settings.SELFASSESS_EUROHIS8_ENABLED = False
    from portal.page_cache import content_version_bump

    content_version_bump()
    assert client.post(step_url(page, 1), data).status_code == 404


def test_structured_outcome_for_triage(rf, client, assessments):
    page, response = who5(client, (3, 3, 2, 2, 2))
    request = rf.get(result_url(page))
    request.COOKIES[COOKIE_NAME] = response.cookies[COOKIE_NAME].value
    with translation.override("fi"):
        outcome = assessment_outcome_current(request=request, page_id=page.pk)
    assert isinstance(outcome, Result)
    assert outcome.as_dict() == {
        "instrument": "who5",
        "version": "1",
        "total": 12,
        "positive": True,
        "red_flags": [],
        "band": "low",
        "disposition": "guidance",
        "percentage": 48,
        "mean": None,
    }


def test_an_assessment_published_with_a_gap_says_so_instead_of_failing(client, assessments):
    page = everyday_page("fi")
    del page.bands[2]  # 12–20 no longer covered (publishing from code skips the form)
    page.save_revision().publish()
    answers = ((1, {"q1": "3"}), (2, {"q2": "4"}), (3, {"q3": ["0", "1"]}), (4, {"q4": "7"}))
    for step, data in answers:
        response = client.post(step_url(page, step), data | {"nav": "next"})
    assert response.status_code == 303 and response["Location"] == step_url(page, 4)
    shown = client.get(step_url(page, 4))
    assert shown.status_code == 503
    message = "This self-assessment cannot show a result right now."
    assert t(
        message + " Your answers are kept. Please try again later or call service advice."
    ) in (shown.content.decode())
    assert 'value="7"' in shown.content.decode()  # the answers are kept
    assert not Completion.objects.exists()
