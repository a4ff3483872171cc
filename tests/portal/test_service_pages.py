"""Service, topic and urgent-help pages as residents see them."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from portal.models import PageFeedback, UrgentHelpPage

pytestmark = pytest.mark.django_db

# Tuesday 2026-11-24 10:00 Helsinki (08:00 UTC)
TUESDAY_MORNING = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
# Thursday 2026-12-24 10:00 Helsinki: Christmas Eve, the phone line is closed by exception
CHRISTMAS_EVE = datetime(2026, 12, 24, 8, 0, tzinfo=UTC)


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_service_page_shows_channels_with_open_now_and_the_week(client, service_page):
    html = client.get(service_page.url).content.decode()
    assert "Toimeentulotuki" in html
    assert 'href="tel:+358900002000"' in html
    assert "Rantakatu 5" in html and "Esteetön sisäänkäynti." in html
    assert "Avoinna nyt" in html and "sulkeutuu klo 15.00" in html
    assert html.count('class="hours-table"') == 2


@time_machine.travel(CHRISTMAS_EVE, tick=False)
def test_exception_closes_the_phone_line_on_christmas_eve(client, service_page):
    html = client.get(service_page.url).content.decode()
    assert "Suljettu nyt" in html
    assert "Joulu" in html


def test_topic_page_lists_its_services(client, service_page):
    html = client.get(service_page.get_parent().url).content.decode()
    assert "Toimeentulotuki" in html and service_page.summary in html


def test_home_page_lists_topics(client, service_page):
    assert "Raha-asiat ja velat" in client.get("/fi/").content.decode()


def test_plain_language_summary_on_request(client, service_page):
    html = client.get(service_page.url + "?selko=1").content.decode()
    assert "Voit saada rahaa, jos rahat eivät riitä." in html
    assert "Voit saada rahaa" not in client.get(service_page.url).content.decode()


def test_service_page_in_swedish_links_back_to_finnish(client, swedish_service_page):
    html = client.get(swedish_service_page.url).content.decode()
    assert "Utkomststöd" in html and 'lang="sv"' in html
    assert 'href="/fi/raha-asiat/toimeentulotuki/" lang="fi"' in html


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_texts_only_in_finnish_are_marked_finnish_on_a_swedish_page(client, swedish_service_page):
    from portal.models import Classification

    group = Classification.objects.create(
        kind="target_group", uri="urn:kansalaiset", name_fi="Kansalaiset"
    )
    swedish_service_page.classifications.add(group)
    swedish_service_page.save_revision().publish()
    html = client.get(swedish_service_page.url).content.decode()
    assert '<html lang="sv">' in html
    assert '<span class="tag" lang="fi">Kansalaiset</span>' in html
    # The phone line has a Swedish name, the office only a Finnish one.
    assert "<h3>Servicerådgivningens telefon</h3>" in html
    assert '<h3><span lang="fi">Järvilinnan sosiaalitoimisto</span></h3>' in html
    assert '<span lang="fi">Rantakatu 5</span><br>99901 <span lang="fi">Järvilinna</span>' in html
    assert 'veckan: <span lang="fi">Järvilinnan sosiaalitoimisto</span></caption>' in html


def test_a_law_without_a_name_is_linked_by_its_address(client, service_page):
    # Imports write StreamField values directly, past the block's required name.
    finlex = "https://www.finlex.fi/sv/laki/ajantasa/2007/20070417"
    service_page.legal_basis = [
        ("law", {"name": "", "url": finlex}),
        ("law", {"name": "Sosiaalihuoltolaki", "url": ""}),
    ]
    service_page.save_revision().publish()
    html = client.get(service_page.url).content.decode()
    assert f'<a href="{finlex}" class="url-text">{finlex}</a>' in html
    assert "<li>Sosiaalihuoltolaki\n</li>" in html


def test_service_page_renders_in_at_most_ten_queries(client, service_page):
    client.get(service_page.url)  # warm the site-root and settings caches, as a server would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(service_page.url)
    assert response.status_code == 200
    assert len(queries) <= 10, [q["sql"] for q in queries]


def test_urgent_help_page_shows_every_crisis_number(client, demo_site):
    page = demo_site.add_child(instance=UrgentHelpPage(title="Kiireellinen apu", slug="apu"))
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    for number in ("112", "09 0000 1000", "09 2525 0111", "09 2525 0112", "080 005 005"):
        assert number in html


class TestPageCache:
    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_anonymous_pages_are_served_from_cache_until_something_is_published(
        self, client, service_page
    ):
        from django.core.cache import cache

        cache.clear()
        assert client.get(service_page.url)["X-Page-Cache"] == "miss"
        assert client.get(service_page.url)["X-Page-Cache"] == "hit"
        service_page.title = "Toimeentulotuki (päivitetty)"
        service_page.save_revision().publish()
        response = client.get(service_page.url)
        assert response["X-Page-Cache"] == "miss"
        assert "Toimeentulotuki (päivitetty)" in response.content.decode()

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_cached_pages_keep_their_security_headers(self, client, service_page):
        client.get(service_page.url)
        response = client.get(service_page.url)
        assert response["X-Page-Cache"] == "hit"
        assert "script-src 'self'" in response["Content-Security-Policy"]

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_signed_in_staff_never_get_a_cached_page(self, client, service_page, staff_user):
        client.get(service_page.url)
        client.force_login(staff_user)
        assert "X-Page-Cache" not in client.get(service_page.url)

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_changing_a_channel_invalidates_pages(self, client, service_page, phone_channel):
        client.get(service_page.url)
        phone_channel.phone_number = "09 0000 2999"
        phone_channel.save()
        response = client.get(service_page.url)
        assert response["X-Page-Cache"] == "miss" and "09 0000 2999" in response.content.decode()


class TestFeedback:
    def post(self, client, page, **data):
        return client.post("/fi/feedback/", {"page": page.pk, **data})

    def test_feedback_is_stored_anonymously_and_scrubbed(self, client, service_page):
        response = self.post(
            client,
            service_page,
            useful="0",
            comment="Soittakaa 040 123 4567 tai matti@example.fi, hetu 131052-308T",
        )
        assert response.status_code == 302
        assert response.url.endswith("?feedback=thanks#feedback")
        feedback = PageFeedback.objects.get()
        assert feedback.useful is False
        assert feedback.comment == "Soittakaa [phone] tai [email], hetu [henkilötunnus]"
        assert {f.name for f in PageFeedback._meta.fields} == {
            "id",
            "page",
            "useful",
            "comment",
            "language",
            "created_on",
        }

    def test_thanks_is_shown_after_answering(self, client, service_page):
        html = client.get(service_page.url + "?feedback=thanks").content.decode()
        assert "Kiitos palautteestasi" in html

    def test_missing_answer_keeps_the_comment_and_explains(self, client, service_page):
        response = self.post(client, service_page, comment="Hyvä sivu mutta")
        assert response.status_code == 400
        html = response.content.decode()
        assert "Hyvä sivu mutta" in html and "Valitse kyllä tai ei." in html
        assert not PageFeedback.objects.exists()

    def test_unknown_page_is_a_clear_400(self, client, db, demo_site):
        response = client.post("/fi/feedback/", {"page": "999999", "useful": "1"})
        assert response.status_code == 400

    def test_rate_limit(self, client, service_page):
        from django.core.cache import cache

        cache.clear()
        statuses = [self.post(client, service_page, useful="1").status_code for _ in range(21)]
        assert statuses[:20] == [302] * 20 and statuses[20] == 429
        assert PageFeedback.objects.count() == 20


def test_home_page_leads_to_the_self_assessments(client, demo_site):
    from selfassess.models import SelfAssessmentIndexPage

    index = demo_site.add_child(
        instance=SelfAssessmentIndexPage(title="Itsearvioinnit", slug="itsearvioinnit")
    )
    index.save_revision().publish()
    html = client.get("/fi/").content.decode()
    assert "Testaa oma tilanteesi" in html and 'href="/fi/itsearvioinnit/"' in html
