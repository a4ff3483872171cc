"""The public layout in a real browser: accessibility, languages, keyboard, no JavaScript."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

HOME_PAGES = {"fi": "/fi/", "sv": "/sv/", "en": "/en/"}
CRISIS_LINE = {"fi": "09 2525 0111", "sv": "09 2525 0112", "en": "09 2525 0111"}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_home_page_has_no_wcag_violations(page, live_site, language):
    page.goto(live_site.url + HOME_PAGES[language])
    assert page.locator("html").get_attribute("lang") == language
    crisis_bar = page.locator(".crisis-bar")
    assert "112" in crisis_bar.inner_text()
    assert CRISIS_LINE[language] in crisis_bar.inner_text()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", ["/fi/saavutettavuusseloste/", "/sv/ei-sivua/"])
def test_statement_and_not_found_pages_have_no_wcag_violations(page, live_site, path):
    page.goto(live_site.url + path)
    assert_no_axe_violations(page)


def test_language_switcher_keeps_the_current_page(page, live_site):
    page.goto(live_site.url + "/fi/saavutettavuusseloste/")
    page.get_by_role("link", name="Svenska").click()
    assert page.url == live_site.url + "/sv/tillganglighetsutlatande/"
    assert page.locator("h1").inner_text() == "Tillgänglighetsutlåtande"
    page.get_by_role("link", name="English").click()
    assert page.url == live_site.url + "/en/accessibility-statement/"


def test_skip_link_is_first_and_moves_focus_to_main(page, live_site):
    page.goto(live_site.url + "/fi/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_work_without_javascript(page_without_js, live_site):
    page = page_without_js
    page.goto(live_site.url + "/sv/")
    assert page.locator("h1").inner_text() == "Servicerådgivning"
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Service advice"


def test_narrow_screen_has_no_horizontal_scrolling(browser, live_site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in HOME_PAGES.values():
        page.goto(live_site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
