"""Public pages are found without walking the tree, and never show something stale: what the
routing and the channel data keep between requests is forgotten as soon as content changes."""

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.models import ServiceChannelLink, ServiceHours, ServicePage, TopicPage

pytestmark = pytest.mark.django_db

TUESDAY_MORNING = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # 10:00 in Helsinki


def test_a_known_service_page_needs_only_its_own_row(client, service_page):
    client.get(service_page.url)  # a first visit learns the route and the channels
    with CaptureQueriesContext(connection) as queries:
        response = client.get(service_page.url)
    assert response.status_code == 200 and "Palveluneuvonnan puhelin" in response.content.decode()
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_unknown_paths_are_not_found(client, service_page):
    assert client.get("/fi/raha-asiat/ei-ole/").status_code == 404
    assert client.get("/fi/ei-ole/toimeentulotuki/").status_code == 404


def test_an_unpublished_page_is_gone_at_once(client, service_page):
    assert client.get(service_page.url).status_code == 200
    service_page.unpublish()
    assert client.get("/fi/raha-asiat/toimeentulotuki/").status_code == 404


def test_a_moved_page_answers_at_its_new_address(client, service_page, demo_site):
    old_url = service_page.url
    assert client.get(old_url).status_code == 200
    other_topic = demo_site.add_child(
        instance=TopicPage(title="Asuminen", slug="asuminen", topic_key="housing")
    )
    other_topic.save_revision().publish()
    service_page.move(other_topic, pos="last-child")
    # Wagtail's redirects app sends old links on; the old page itself is never served.
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"] == "/fi/asuminen/toimeentulotuki/"
    assert client.get("/fi/asuminen/toimeentulotuki/").status_code == 200


def test_a_renamed_slug_moves_the_page(client, service_page):
    assert client.get(service_page.url).status_code == 200
    service_page.slug = "toimeentulotuki-2027"
    service_page.save_revision().publish()
    assert client.get("/fi/raha-asiat/toimeentulotuki/").status_code == 404
    assert client.get("/fi/raha-asiat/toimeentulotuki-2027/").status_code == 200


def test_a_password_restriction_added_later_is_enforced(client, service_page):
    assert client.get(service_page.url).status_code == 200
    PageViewRestriction.objects.create(
        page=service_page.get_parent(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="salasana",
    )
    html = client.get(service_page.url).content.decode()
    assert 'name="password"' in html and "Palveluneuvonnan puhelin" not in html


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_changed_opening_hours_show_on_the_next_request(client, service_page, phone_channel):
    assert "sulkeutuu klo 15.00" in client.get(service_page.url).content.decode()
    hours = ServiceHours.objects.get(channel=phone_channel, kind="weekly")
    hours.closes = time(17)
    hours.save()
    html = client.get(service_page.url).content.decode()
    assert "sulkeutuu klo 17.00" in html and "9.00–17.00" in html


def test_a_new_channel_link_shows_after_publishing(client, service_page, phone_channel):
    from portal.models import WebPageChannel

    client.get(service_page.url)
    web = WebPageChannel.objects.create(name_fi="Verkkosivu", url_fi="https://example.fi/")
    ServiceChannelLink.objects.create(page=service_page, channel=web, sort_order=2)
    service_page.save_revision().publish()
    assert "Verkkosivu" in client.get(service_page.url).content.decode()


def test_a_preview_shows_the_drafts_own_channels(client, service_page, phone_channel):
    client.get(service_page.url)  # the published channels are now known
    draft = ServicePage.objects.get(pk=service_page.pk)
    draft.channel_links = [ServiceChannelLink(channel=phone_channel, sort_order=0)]
    request = RequestFactory().get(service_page.url)
    request.is_preview = True
    channels = draft.get_context(request)["channels"]
    assert [view.channel.pk for view in channels] == [phone_channel.pk]


def test_a_deleted_page_is_gone_at_once(client, service_page):
    url = service_page.url
    assert client.get(url).status_code == 200
    ServicePage.objects.get(pk=service_page.pk).delete()
    assert client.get(url).status_code == 404
