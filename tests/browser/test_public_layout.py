"""The public layout in a real browser: accessibility, languages, keyboard, no JavaScript."""

from datetime import time

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


def test_long_compound_words_addresses_and_numbers_fit_360px(browser, live_site):
    """Finnish and Swedish compounds, a long address and an e-mail wrap instead of pushing the
    page sideways, in a topic's card grid and on the service page; numbers stay on one line."""
    from portal.models import (
        HomePage,
        PhoneChannel,
        ServiceChannelLink,
        ServiceHours,
        ServicePage,
        TopicPage,
    )

    home = HomePage.objects.get(locale__language_code="fi")
    topic = home.add_child(
        instance=TopicPage(title="Sairaus ja toimintakyky", slug="sairaus", topic_key="health")
    )
    topic.save_revision().publish()
    long_url = "https://www.example.fi/palvelut/sosiaalipalvelut/" + "vammaispalvelut/" * 4
    service = topic.add_child(
        instance=ServicePage(
            title="Sopeutumisvalmennuspalvelut",
            slug="sopeutumisvalmennus",
            summary="Opiskeluterveydenhuoltopalvelut ja merimiesterveydenhuoltopalvelut.",
            description=f'<p>Lue <a href="{long_url}">{long_url}</a> tai kirjoita '
            "osoitteeseen sopeutumisvalmennus.vammaispalvelut@jarvilaakso.example.fi.</p>",
        )
    )
    phone = PhoneChannel.objects.create(
        name_fi="Vammaispalvelujen asiakasneuvontapuhelinpalvelu", phone_number="09 0000 3000"
    )
    ServiceHours.objects.create(
        channel=phone,
        kind="weekly",
        day_from=0,
        day_to=6,
        opens=time(9),
        closes=time(15),
        note_fi="Valitse 1, jos asia on kiireellinen tänään; muuten soitamme takaisin.",
    )
    ServiceChannelLink.objects.create(page=service, channel=phone, sort_order=0)
    service.save_revision().publish()

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for url in (topic.url, service.url):
        page.goto(live_site.url + url)
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"{url} scrolls sideways at 360 px"
    # Hyphenated where the browser knows Finnish; the number is never split over two lines.
    title = page.locator("h1")
    assert title.evaluate("el => getComputedStyle(el).hyphens") == "auto"
    assert title.evaluate("el => el.closest('[lang]').lang") == "fi"
    number = page.locator('a[href^="tel:"]', has_text="09 0000 3000")
    assert number.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap"
    # The day of an hours row stays on one line; the long note beside it wraps instead.
    day = page.locator(".hours-table th").first
    line_boxes = "el => { const r = new Range(); r.selectNode(el.firstChild);"
    line_boxes += " return r.getClientRects().length; }"
    assert day.evaluate(line_boxes) == 1
    context.close()
