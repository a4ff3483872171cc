"""Editors' admin screens for service information open and save."""

import pytest
from django.urls import reverse

from portal.factories import TOTPDeviceFactory
from portal.models import PhoneChannel
from tests.conftest import staff_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    device = TOTPDeviceFactory()
    return staff_sign_in(client, device)


def test_service_page_editor_opens(editor_client, service_page):
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[service_page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "channel_links" in html and "PTV" in html


def test_new_service_page_form_opens_under_a_topic(editor_client, topic_page):
    url = reverse("wagtailadmin_pages:add", args=["portal", "servicepage", topic_page.pk])
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "model",
    [
        "phonechannel",
        "locationchannel",
        "eservicechannel",
        "webpagechannel",
        "printableformchannel",
        "classification",
    ],
)
def test_snippet_listings_and_add_forms_open(editor_client, model, db):
    assert editor_client.get(f"/admin/snippets/portal/{model}/").status_code == 200
    assert editor_client.get(f"/admin/snippets/portal/{model}/add/").status_code == 200


def test_phone_channel_with_hours_is_saved_from_the_admin(editor_client, db):
    data = {
        "name_fi": "Neuvontapuhelin",
        "name_sv": "",
        "name_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "email": "",
        "phone_number": "09 0000 2000",
        "charge_type": "free",
        "charge_info_fi": "",
        "charge_info_sv": "",
        "charge_info_en": "",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
        "hours-0-kind": "weekly",
        "hours-0-day_from": "0",
        "hours-0-day_to": "4",
        "hours-0-opens": "09:00",
        "hours-0-closes": "15:00",
        "hours-0-ORDER": "1",
        "hours-0-note_fi": "",
        "hours-0-note_sv": "",
        "hours-0-note_en": "",
        "hours-0-valid_from": "",
        "hours-0-valid_to": "",
        "hours-0-id": "",
        "hours-0-DELETE": "",
    }
    response = editor_client.post("/admin/snippets/portal/phonechannel/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    channel = PhoneChannel.objects.get(name_fi="Neuvontapuhelin")
    assert channel.hours.count() == 1


def test_invalid_hours_row_is_refused_with_a_message(editor_client, db):
    data = {
        "name_fi": "Neuvontapuhelin",
        "phone_number": "09 0000 2000",
        "charge_type": "free",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "1000",
        "hours-0-kind": "weekly",
        "hours-0-opens": "09:00",
        "hours-0-ORDER": "1",
    }
    response = editor_client.post("/admin/snippets/portal/phonechannel/add/", data)
    assert response.status_code == 200
    assert not PhoneChannel.objects.exists()


def test_feedback_listing_opens(editor_client, db):
    assert editor_client.get("/admin/page_feedback/").status_code == 200


def test_channel_chooser_lists_channels_of_every_type(
    editor_client, phone_channel, location_channel
):
    response = editor_client.get("/admin/snippets/choose/portal/servicechannel/")
    assert response.status_code == 200
    html = response.json()["html"]  # the chooser modal answers in JSON
    assert phone_channel.name_fi in html and location_channel.name_fi in html
