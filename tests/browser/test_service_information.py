"""Service information in a real browser: WCAG 2.1 AA in three languages, no JavaScript
needed, and no sideways scrolling on a 360 px phone screen."""

from pathlib import Path

from portal.models import (
    AccessibilityStatementPage,
    HomePage,
    ServicePage,
    TopicPage,
    UrgentHelpPage,
)
from tests.browser.conftest import axe_violations

SCREENSHOTS = Path(__file__).parent / "artifacts"


def _pages_in_every_language() -> list[str]:
    """Home, a topic, a service with channels and hours, urgent help, accessibility statement."""
    urls = []
    for code in ("fi", "sv", "en"):
        for model in (HomePage, TopicPage, ServicePage, UrgentHelpPage, AccessibilityStatementPage):
            pages = model.objects.live().filter(locale__language_code=code)
            if model is ServicePage:
                pages = pages.filter(channel_links__isnull=False).distinct()
            urls.append(pages.order_by("path").first().url)
    return urls


def test_every_page_type_has_no_wcag_violations_in_fi_sv_en(page, live_county_site):
    urls = _pages_in_every_language()
    assert len(urls) == 15
    problems = {}
    for url in urls:
        page.goto(live_county_site.url + url)
        if violations := axe_violations(page):
            problems[url] = violations
    assert problems == {}


def test_pages_work_without_javascript(page_without_js, live_county_site):
    page = page_without_js
    page.goto(live_county_site.url + "/fi/")
    page.locator(".topic-grid a").first.click()
    page.locator(".card-list a").first.click()
    assert page.locator("h1").count() == 1
    # The feedback form posts and thanks without any script.
    page.get_by_role("button", name="Kyllä").click()
    assert page.get_by_text("Kiitos palautteestasi").is_visible()
    # Plain language is a link, not a script toggle.
    service = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(selkokieli_summary="")
        .first()
    )
    page.goto(live_county_site.url + service.url)
    page.get_by_role("link", name="Selkokielellä").click()
    assert page.locator(".plain-language").is_visible()


def test_no_horizontal_scrolling_at_360px(browser, live_county_site):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for url in _pages_in_every_language():
        page.goto(live_county_site.url + url)
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if not fits:
            name = url.strip("/").replace("/", "_") or "root"
            page.screenshot(path=SCREENSHOTS / f"overflow-{name}.png", full_page=True)
        assert fits, f"{url} scrolls sideways at 360 px (screenshot in {SCREENSHOTS})"
    context.close()
