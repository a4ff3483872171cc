"""The quick exit on pages about violence and abuse: the first thing the keyboard reaches,
it leaves for a neutral site and Back does not return; Esc pressed twice does the same; it
works without JavaScript. Pages about anything else have none."""

import pytest

from tests.browser.conftest import axe_violations

VIOLENCE = "violence-and-abuse"


@pytest.fixture
def neutral_county(live_county_site, settings):
    """The demo county, with the quick exit leaving for a page of the live server itself,
    so that no test needs the network."""
    settings.SELFASSESS_QUICK_EXIT_URL = live_county_site.url + "/robots.txt"
    return live_county_site


def _topic_url(topic_key: str, language: str = "fi") -> str:
    from portal.models import TopicPage

    return TopicPage.objects.get(topic_key=topic_key, locale__language_code=language).url


def _service_url(slug: str) -> str:
    from portal.models import ServicePage

    return ServicePage.objects.get(slug=slug, locale__language_code="fi").url


def _first_focus_is_the_quick_exit(page) -> bool:
    page.keyboard.press("Tab")
    return page.evaluate("() => document.activeElement.hasAttribute('data-quick-exit')")


def test_the_violence_topic_leaves_with_its_first_link_and_back_does_not_return(
    page, neutral_county
):
    home = neutral_county.url + "/fi/"
    topic = neutral_county.url + _topic_url(VIOLENCE)
    page.goto(home)
    page.goto(topic)
    exit_link = page.locator("[data-quick-exit]")
    assert exit_link.is_visible()
    assert exit_link.inner_text() == "Poistu sivustolta nopeasti"
    assert _first_focus_is_the_quick_exit(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/robots.txt")
    page.go_back()
    # location.replace() took the topic's place in the history: Back skips it.
    assert page.url == home


def test_a_service_under_the_violence_topic_leaves_with_a_click_or_esc_twice(page, neutral_county):
    home = neutral_county.url + "/fi/"
    service = neutral_county.url + _service_url("apua-lahisuhdevakivaltaan")
    page.goto(home)
    page.goto(service)
    assert _first_focus_is_the_quick_exit(page)
    page.locator("[data-quick-exit]").click()
    page.wait_for_url("**/robots.txt")
    page.go_back()
    assert page.url == home

    shelter = neutral_county.url + _service_url("turvakoti")
    page.goto(shelter)
    assert page.locator("[data-quick-exit-hint]").is_visible()  # "or press Esc twice"
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("**/robots.txt")
    page.go_back()
    assert page.url == home


def test_the_quick_exit_works_without_javascript(page_without_js, neutral_county):
    page_without_js.goto(neutral_county.url + _topic_url(VIOLENCE))
    assert not page_without_js.locator("[data-quick-exit-hint]").is_visible()
    page_without_js.locator("[data-quick-exit]").click()
    page_without_js.wait_for_url("**/robots.txt")


def test_the_violence_topic_with_its_quick_exit_has_no_wcag_violations(page, neutral_county):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(neutral_county.url + _topic_url(VIOLENCE))
    assert axe_violations(page) == []
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    assert page.locator(".quick-exit-bar").bounding_box()["y"] == 0  # it stays on screen


# --- Which pages have it (Django's test client) --------------------------------------------


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def topics(demo_site):
    from portal.models import TopicPage

    return {
        key: _publish(demo_site, TopicPage(title=title, slug=key, topic_key=key))
        for key, title in ((VIOLENCE, "Väkivalta ja kaltoinkohtelu"), ("housing", "Asuminen"))
    }


def _has_quick_exit(client, url: str) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return "data-quick-exit" in response.text


@pytest.mark.django_db
def test_only_pages_about_violence_have_a_quick_exit(client, topics, settings):
    from portal.models import Classification, ServicePage

    settings.SELFASSESS_QUICK_EXIT_URL = "https://example.org/weather"
    violence, housing = topics[VIOLENCE], topics["housing"]
    under_violence = _publish(
        violence, ServicePage(title="Nollalinja", slug="nollalinja", summary="Puhelinapu.")
    )
    shelter_elsewhere = _publish(
        housing, ServicePage(title="Turvakoti Pihlaja", slug="pihlaja", summary="Suoja.")
    )
    classified = _publish(
        housing, ServicePage(title="Tukipiste", slug="tukipiste", summary="Apua.")
    )
    classified.classifications.add(
        Classification.objects.create(
            kind="service_class", uri="urn:violence", name_fi="Lähisuhdeväkivalta"
        )
    )
    classified.save_revision().publish()
    housing_advice = _publish(
        housing, ServicePage(title="Asumisneuvonta", slug="asumisneuvonta", summary="Apua.")
    )

    assert _has_quick_exit(client, violence.url)
    assert 'href="https://example.org/weather"' in client.get(violence.url).text
    assert _has_quick_exit(client, under_violence.url)
    assert _has_quick_exit(client, shelter_elsewhere.url)
    assert _has_quick_exit(client, classified.url)
    assert not _has_quick_exit(client, housing.url)
    assert not _has_quick_exit(client, housing_advice.url)
    assert not _has_quick_exit(client, "/fi/")


@pytest.mark.django_db
def test_the_quick_exit_comes_before_everything_else_on_the_page(client, topics):
    html = client.get(topics[VIOLENCE].url).text
    body = html[html.index("<body") :]
    assert body.index("data-quick-exit") < body.index('class="skip-link"')
    assert "js/quick-exit.js" in html and "css/quick-exit.css" in html
    calm = client.get(topics["housing"].url).text
    assert "js/quick-exit.js" not in calm and "quick-exit-bar" not in calm
