"""Site search in a real browser: found from any page by keyboard, WCAG 2.1 AA in three
languages, usable without JavaScript, suggestions with it, no sideways scrolling at 360 px."""

from search.models import QueryLogEntry
from tests.browser.conftest import assert_no_axe_violations, axe_violations


def test_a_resident_searches_from_the_header_by_keyboard(page, live_county_site):
    page.goto(live_county_site.url + "/fi/")
    page.get_by_label("Hae sivustolta").focus()
    page.keyboard.type("velat kasvaa")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fi/haku/?q=velat+kasvaa")
    assert page.locator(".search-result").count() > 0
    assert page.locator(".search-result mark").count() > 0
    page.locator(".search-result__title a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/haku/" not in url and "/search/go/" not in url)
    assert page.locator("h1").count() == 1
    # The click went through the anonymous log on its way to the service.
    assert QueryLogEntry.objects.get().clicked_rank == 1


def test_search_pages_have_no_wcag_violations_in_fi_sv_en(page, live_county_site):
    problems = {}
    for path in (
        "/fi/haku/",
        "/fi/haku/?q=velat",
        "/fi/haku/?q=v%C3%A4kivalta+kotona",
        "/fi/haku/?q=zzxqv",
        "/fi/haku/?q=velkaneuvota",
        "/sv/sok/?q=skulder",
        "/en/search/?q=debt",
    ):
        page.goto(live_county_site.url + path)
        if violations := axe_violations(page):
            problems[path] = violations
    assert problems == {}


def test_search_works_without_javascript(page_without_js, live_county_site):
    page = page_without_js
    page.goto(live_county_site.url + "/fi/haku/")
    page.get_by_label("Mitä etsit?").fill("apua")
    page.get_by_role("button", name="Hae", exact=True).click()
    assert page.locator(".search-result").count() > 0
    filters = page.get_by_role("navigation", name="Rajaa tuloksia")
    filters.get_by_role("link").first.click()
    assert filters.locator('[aria-current="true"]').count() == 1
    assert page.locator(".search-result").count() > 0


def test_suggestions_appear_while_typing(page, live_county_site):
    page.goto(live_county_site.url + "/fi/haku/")
    page.get_by_label("Mitä etsit?").type("velk")
    options = page.locator("datalist option")
    options.first.wait_for(state="attached")
    assert any(
        "velk" in value.lower() for value in options.evaluate_all("o => o.map(x => x.value)")
    )
    assert_no_axe_violations(page)


def test_search_page_fits_a_narrow_screen(browser, live_county_site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    page = context.new_page()
    page.goto(live_county_site.url + "/fi/haku/?q=apua")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360
