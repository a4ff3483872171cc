"""The browser's Back button on a self-assessment: after the result it shows the questions
again, never the browser's own "Confirm form resubmission" (ERR_CACHE_MISS) page, also when
a question was once submitted unanswered; after a quick exit it does not show the
assessment at all. With and without JavaScript. The error summary takes the focus."""

import pytest

BROWSER_ERRORS = ("ERR_CACHE_MISS", "ERR_", "Confirm Form Resubmission", "resubmission")


@pytest.fixture
def live_assessments(live_site):
    from portal.models import HomePage
    from selfassess.demo import selfassess_demo_load

    selfassess_demo_load(home_fi=HomePage.objects.get(locale__language_code="fi"))
    return live_site


def _instrument_url(instrument: str, language: str) -> str:
    from selfassess.models import InstrumentPage

    return InstrumentPage.objects.get(instrument=instrument, locale__language_code=language).url


def _assert_a_page_of_ours(page) -> None:
    """The page shown is the portal's, not a browser error page."""
    assert page.url.startswith("http://"), page.url
    assert not page.url.startswith("chrome-error://"), page.url
    text = page.locator("body").inner_text()
    assert not any(marker in text for marker in BROWSER_ERRORS), text[:300]
    assert page.locator("html").get_attribute("lang") in ("fi", "sv")


def _back(page) -> None:
    page.go_back(wait_until="load")
    _assert_a_page_of_ours(page)


def _start(page, live, instrument: str, language: str = "fi") -> None:
    page.goto(live.url + _instrument_url(instrument, language))
    page.locator("a.button").click()
    page.wait_for_url("**/step/1/")


def _next(page) -> None:
    with page.expect_navigation():
        page.locator("button[value=next]").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_after_the_result_shows_the_questions_not_a_browser_error(
    page, page_without_js, live_assessments, javascript
):
    browser_page = page if javascript else page_without_js
    _start(browser_page, live_assessments, "auditc")
    _next(browser_page)  # unanswered: the error summary, by a redirect
    assert browser_page.url.endswith("/step/1/")
    assert browser_page.locator(".error-summary").is_visible()
    for step, index in ((1, 2), (2, 1), (3, 2)):
        browser_page.locator(f"label[for=q{step}-{index}]").click()
        _next(browser_page)
    browser_page.locator("label[for=sex-female]").click()
    _next(browser_page)
    assert browser_page.url.endswith("/result/")
    result_heading = browser_page.locator("h1").inner_text()

    _back(browser_page)  # the last question, as answered
    assert browser_page.url.endswith("/step/4/")
    assert browser_page.locator("#sex-female").is_checked()
    intro = live_assessments.url + _instrument_url("auditc", "fi")
    shown = []
    while browser_page.url != intro and len(shown) < 8:
        _back(browser_page)
        shown.append(browser_page.url.rsplit("/self-assessment/", 1)[-1])
        if browser_page.url != intro:
            assert browser_page.locator("form.assessment-form").is_visible()
    assert browser_page.url == intro
    # Each step once, and step 1 perhaps twice (also as it was shown with its errors).
    steps = [url.split("/step/")[1] for url in shown[:-1]]
    assert steps[:3] == ["3/", "2/", "1/"] and set(steps[3:]) <= {"1/"}

    for _ in range(len(shown) + 1):
        browser_page.go_forward(wait_until="load")
        _assert_a_page_of_ours(browser_page)
    assert browser_page.url.endswith("/result/")
    assert browser_page.locator("h1").inner_text() == result_heading

    # Asking for a hand-over code is a POST too: Back from there is the result again.
    browser_page.locator("#handover button").click()
    assert browser_page.locator(".handover-code").is_visible()
    _back(browser_page)
    assert browser_page.url.endswith("/result/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_after_a_quick_exit_does_not_show_the_assessment(
    page, page_without_js, live_assessments, settings, javascript
):
    settings.SELFASSESS_QUICK_EXIT_URL = live_assessments.url + "/robots.txt"
    browser_page = page if javascript else page_without_js
    _start(browser_page, live_assessments, "phq9")
    for step in (1, 2):
        browser_page.locator(f"label[for=q{step}-1]").click()
        _next(browser_page)
    with browser_page.expect_navigation():
        browser_page.locator("[data-quick-exit]").click()
    browser_page.wait_for_url("**/robots.txt")

    intro = live_assessments.url + _instrument_url("phq9", "fi")
    for _ in range(6):
        if browser_page.url == intro:
            break
        browser_page.go_back(wait_until="load")
        assert "/self-assessment/" not in browser_page.url, browser_page.url
        assert browser_page.locator("form.assessment-form").count() == 0
        assert browser_page.locator(".result__score").count() == 0
    assert browser_page.url == intro  # only the public introduction, with no answers
    # Starting again begins afresh.
    browser_page.locator("a.button").click()
    browser_page.wait_for_url("**/step/1/")
    assert not browser_page.locator("#q1-1").is_checked()


def test_the_error_summary_takes_the_focus_and_its_links_lead_to_the_answer(page, live_assessments):
    _start(page, live_assessments, "gad7", "sv")
    _next(page)
    assert page.title().startswith("Fel: ")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.locator(".error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "q1-0"
