"""Self-assessments in a real browser: WHO-5 and AUDIT-C completed with the keyboard only,
in Finnish and Swedish, with and without JavaScript; no WCAG 2.1 A/AA violations on the
question and result pages; the quick exit leaves and does not come back."""

import pytest
from django.utils import translation

from selfassess.band_texts import band_text
from tests.browser.conftest import axe_violations


@pytest.fixture
def live_assessments(live_site):
    from portal.models import HomePage
    from selfassess.demo import selfassess_demo_load

    selfassess_demo_load(home_fi=HomePage.objects.get(locale__language_code="fi"))
    return live_site


def _instrument_url(instrument: str, language: str) -> str:
    from selfassess.models import InstrumentPage

    return InstrumentPage.objects.get(instrument=instrument, locale__language_code=language).url


def _heading(instrument: str, band: str, language: str) -> str:
    with translation.override(language):
        return str(band_text(instrument, band)[0])


def tab_until(page, condition: str, limit: int = 80) -> None:
    """Press Tab until the JavaScript `condition` on document.activeElement holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def choose(page, name: str, index: int) -> None:
    """Tab into a radio group, select its first option with Space, move with the arrows."""
    tab_until(page, f"el.name === {name!r}")
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def submit(page) -> None:
    tab_until(page, "el.tagName === 'BUTTON' && el.value === 'next'")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def start(page, live, instrument, language) -> None:
    page.goto(live.url + _instrument_url(instrument, language))
    tab_until(page, "el.classList.contains('button') && el.tagName === 'A'")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_who5_with_the_keyboard_only(page, page_without_js, live_assessments, language, javascript):
    browser_page = page if javascript else page_without_js
    start(browser_page, live_assessments, "who5", language)
    assert browser_page.locator("html").get_attribute("lang") == language
    # One question per step, like the other instruments. Options run from "all of the
    # time" (5) to "at no time" (0): 3, 3, 2, 2, 2 = 12.
    for step, (name, index) in enumerate((("q1", 2), ("q2", 2), ("q3", 3), ("q4", 3), ("q5", 3))):
        assert browser_page.locator("fieldset").count() == 1
        assert f"{step + 1} / 5" in browser_page.locator(".progress").inner_text()
        choose(browser_page, name, index)
        submit(browser_page)
    assert browser_page.url.endswith("/result/")
    assert browser_page.locator("h1").inner_text() == _heading("who5", "low", language)
    assert "12" in browser_page.locator(".result__score").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_auditc_step_by_step_with_the_keyboard_only(
    page, page_without_js, live_assessments, language, javascript
):
    browser_page = page if javascript else page_without_js
    start(browser_page, live_assessments, "auditc", language)
    for step, (name, index) in enumerate((("q1", 2), ("q2", 1), ("q3", 0)), start=1):
        assert f"{step} / 4" in browser_page.locator(".progress").inner_text()
        choose(browser_page, name, index)
        submit(browser_page)
    # Back, and the answer given is still there.
    tab_until(browser_page, "el.tagName === 'BUTTON' && el.value === 'back'")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    assert "3 / 4" in browser_page.locator(".progress").inner_text()
    assert browser_page.locator("#q3-0").is_checked()
    tab_until(browser_page, "el.name === 'q3'")
    browser_page.keyboard.press("ArrowDown")  # now value 1: total 2 + 1 + 1 = 4
    browser_page.keyboard.press("ArrowDown")  # value 2: total 5
    submit(browser_page)
    choose(browser_page, "sex", 0)  # woman: the cut-off 5
    submit(browser_page)
    assert browser_page.locator("h1").inner_text() == _heading("auditc", "risk", language)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_question_and_result_pages_have_no_wcag_violations(page, live_assessments, language):
    problems = {}
    page.goto(live_assessments.url + _instrument_url("phq9", language))
    problems["intro"] = axe_violations(page)
    page.get_by_role("link", name=page.locator("a.button").inner_text()).click()
    problems["question"] = axe_violations(page)
    page.locator("button[value=next]").click()  # no answer: the error state
    problems["question with error"] = axe_violations(page)
    for step in range(1, 10):
        page.locator(f"label[for=q{step}-1]").click()
        page.locator("button[value=next]").click()
    assert page.url.endswith("/result/")
    assert page.locator(".crisis-box").is_visible()  # item 9 answered: the crisis numbers
    problems["result"] = axe_violations(page)
    page.locator("#handover button").click()
    assert page.locator(".handover-code").is_visible()
    problems["result with hand-over code"] = axe_violations(page)
    assert {name: found for name, found in problems.items() if found} == {}


def test_editor_built_assessment_has_no_wcag_violations(page, live_assessments):
    from selfassess.models import AssessmentPage

    assessment = AssessmentPage.objects.get(locale__language_code="fi")
    page.goto(live_assessments.url + assessment.url)
    page.locator("a.button").click()
    problems = {}
    for step in range(1, 5):
        problems[f"step {step}"] = axe_violations(page)
        if step == 4:
            page.locator("#q4-input").fill("3")
        else:
            page.locator(f"label[for=q{step}-0]").click()
        page.locator("button[value=next]").click()
    problems["result"] = axe_violations(page)
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.fixture
def neutral_site(live_assessments, settings):
    settings.SELFASSESS_QUICK_EXIT_URL = live_assessments.url + "/robots.txt"
    return live_assessments


def test_quick_exit_replaces_the_history_entry_and_forgets_the_answers(page, neutral_site):
    intro = neutral_site.url + _instrument_url("phq9", "fi")
    page.goto(intro)
    page.locator("a.button").click()
    page.locator("label[for=q1-2]").click()
    page.locator("button[value=next]").click()
    assert page.url.endswith("/step/2/")
    question_url = page.url
    page.keyboard.press("Tab")
    tab_until(page, "el.hasAttribute('data-quick-exit')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/robots.txt")
    page.go_back()
    # location.replace() took the question's place: Back skips it, and the question before
    # it sends on to the neutral site.
    assert page.url != question_url
    assert page.locator("form.assessment-form").count() == 0
    page.goto(intro)
    page.locator("a.button").click()  # starting again: the answers are gone
    page.wait_for_url("**/step/1/")
    assert not page.locator("#q1-2").is_checked()


def test_quick_exit_works_without_javascript(page_without_js, neutral_site):
    page = page_without_js
    page.goto(neutral_site.url + _instrument_url("phq9", "sv"))
    page.locator("a.button").click()
    page.locator("label[for=q1-1]").click()
    page.locator("button[value=next]").click()
    page.locator("[data-quick-exit]").click()
    page.wait_for_url("**/robots.txt")
    page.go_back()
    page.go_back()
    assert page.locator("form.assessment-form").count() == 0  # sent on to the neutral site
    page.goto(neutral_site.url + _instrument_url("phq9", "sv"))
    page.locator("a.button").click()
    page.wait_for_url("**/step/1/")
    assert not page.locator("#q1-1").is_checked()
