"""Residents meet one live service per general description and language, and none for a
description outside a wellbeing services county's remit; editors are told why."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal import roles
from portal.factories import StaffUserFactory, TOTPDeviceFactory
from portal.models import GeneralDescription, ServicePage
from portal.service_start import (
    UNPUBLISHED_DUPLICATE,
    UNPUBLISHED_OUTSIDE_REMIT,
    DescriptionImplemented,
    general_description_services_withdraw,
    service_page_start,
)
from tests.conftest import staff_sign_in

pytestmark = pytest.mark.django_db

deduplicate = importlib.import_module(
    "portal.migrations.0007_one_live_service_per_description"
).duplicate_services_unpublish


@pytest.fixture
def live_service(demo_site, debt_advice):
    return service_page_start(description=debt_advice, home_fi=demo_site, publish=True)


def _second(beside: ServicePage, **fields) -> ServicePage:
    """A draft beside `beside`, under the same topic and implementing the same description."""
    page = ServicePage(
        title=fields.pop("title", "Velkaneuvonta (vanha)"),
        slug=fields.pop("slug", "velkaneuvonta-vanha"),
        summary="Vanha sivu.",
        locale=beside.locale,
        general_description=beside.general_description,
        live=False,
        **fields,
    )
    return beside.get_parent().add_child(instance=page)


def _editor(client, role=roles.EDITOR):
    device = TOTPDeviceFactory(user=StaffUserFactory(role=role))
    return staff_sign_in(client, device)


def _edit_form(page: ServicePage, **extra) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "general_description": str(page.general_description_id or ""),
            "summary": page.summary,
            "selkokieli_summary": "",
            "description": rich_text(""),
            "eligibility": rich_text(""),
            "user_instructions": rich_text(""),
            "charge_type": "",
            "charge_info": "",
            "channel_links": inline_formset([]),
            "legal_basis": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


# --- One live service per description and language --------------------------------------


def test_a_second_live_service_for_a_description_is_refused_a_draft_is_not(live_service):
    second = _second(live_service["fi"])
    second.save_revision()  # a draft beside the live one is fine
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        second.save_revision().publish()
    assert "Talous- ja velkaneuvonta" in str(refused.value.message_dict["general_description"])
    assert not ServicePage.objects.get(pk=second.pk).live
    # The same description in another language is another service.
    assert live_service["sv"].live


def test_publishing_the_second_in_the_admin_names_the_existing_one(client, live_service):
    second = _second(live_service["fi"])
    editor = _editor(client)
    url = reverse("wagtailadmin_pages:edit", args=[second.pk])

    response = editor.post(url, _edit_form(second, **{"action-publish": "action-publish"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Talous- ja velkaneuvonta" in html and "on jo julkaistu" in html  # Finnish admin
    assert not ServicePage.objects.get(pk=second.pk).live

    saved = editor.post(url, _edit_form(second, title="Velkaneuvonta (luonnos)"))
    assert saved.status_code == 302  # saving the draft is fine
    assert ServicePage.objects.get(pk=second.pk).get_latest_revision().content["title"] == (
        "Velkaneuvonta (luonnos)"
    )


def test_the_start_view_sends_the_editor_to_the_live_service(client, live_service, debt_advice):
    editor = _editor(client)
    url = reverse("portal_general_description_start", args=[debt_advice.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[live_service["fi"].pk])
    count = ServicePage.objects.count()
    assert editor.get(url)["Location"] == edit_url
    assert editor.post(url)["Location"] == edit_url
    assert ServicePage.objects.count() == count
    with pytest.raises(DescriptionImplemented):
        service_page_start(description=debt_advice, home_fi=live_service["fi"].get_site().root_page)


def test_a_start_skips_a_language_that_has_a_live_service(live_service, demo_site, debt_advice):
    live_service["fi"].unpublish()
    pages = service_page_start(description=debt_advice, home_fi=demo_site)
    assert set(pages) == {"fi"}  # the Swedish one is live already


def test_upgrading_keeps_the_countys_own_service_and_unpublishes_the_legacy_page(live_service):
    own = live_service["fi"]
    # What an earlier import made of the description, since converted: live, imported.
    legacy = _second(own, ptv_imported_at=timezone.now())
    ServicePage.objects.filter(pk=legacy.pk).update(live=True)
    legacy_sv = _second(
        live_service["sv"], slug="radgivning-gammal", ptv_imported_at=timezone.now()
    )
    ServicePage.objects.filter(pk=legacy_sv.pk).update(live=True)

    deduplicate(apps, None)
    assert ServicePage.objects.get(pk=own.pk).live
    assert not ServicePage.objects.get(pk=legacy.pk).live
    assert ServicePage.objects.get(pk=live_service["sv"].pk).live
    assert not ServicePage.objects.get(pk=legacy_sv.pk).live
    entry = PageLogEntry.objects.get(page_id=legacy.pk, action=UNPUBLISHED_DUPLICATE)
    assert entry.data["kept"] == {"id": own.pk, "title": own.title}
    with translation.override("en"):
        assert own.title in entry.message

    deduplicate(apps, None)  # again: nothing to do
    assert PageLogEntry.objects.filter(action=UNPUBLISHED_DUPLICATE).count() == 2


def test_upgrading_keeps_the_most_recently_edited_of_two_own_services(live_service):
    older = live_service["fi"]
    newer = _second(older)
    ServicePage.objects.filter(pk=older.pk).update(
        latest_revision_created_at=timezone.now() - timezone.timedelta(days=30)
    )
    ServicePage.objects.filter(pk=newer.pk).update(
        live=True, latest_revision_created_at=timezone.now()
    )
    deduplicate(apps, None)
    assert ServicePage.objects.get(pk=newer.pk).live
    assert not ServicePage.objects.get(pk=older.pk).live


# --- A description moved out of the remit ------------------------------------------------


def test_a_description_moved_out_of_the_remit_takes_its_services_offline(
    client, live_service, debt_advice
):
    draft = live_service["fi"]
    assert general_description_services_withdraw(description=debt_advice) == []  # in remit

    editor = _editor(client, role=roles.ADMIN)
    url = reverse(GeneralDescription.snippet_viewset.get_url_name("edit"), args=[debt_advice.pk])
    response = editor.post(url, {"topic_key": "other-services"}, follow=True)
    assert response.status_code == 200
    assert not ServicePage.objects.live().filter(general_description=debt_advice).exists()
    assert "Talous- ja velkaneuvonta" in response.content.decode()  # the editor is told which
    entry = PageLogEntry.objects.get(page_id=draft.pk, action=UNPUBLISHED_OUTSIDE_REMIT)
    with translation.override("en"):
        assert "outside a wellbeing services county's remit" in entry.message
    # The texts stay for an editor who moves the description back.
    assert ServicePage.objects.filter(general_description=debt_advice).count() == 2


def test_the_import_takes_services_of_a_description_outside_the_remit_offline(
    live_service, debt_advice
):
    GeneralDescription.objects.filter(pk=debt_advice.pk).update(topic_key="other-services")
    debt_advice.refresh_from_db()
    pages = general_description_services_withdraw(description=debt_advice)
    assert {page.pk for page in pages} == {p.pk for p in live_service.values()}
    assert not ServicePage.objects.live().exists()
    assert general_description_services_withdraw(description=debt_advice) == []


def test_a_service_of_a_description_outside_the_remit_is_not_published_again(
    live_service, debt_advice
):
    GeneralDescription.objects.filter(pk=debt_advice.pk).update(topic_key="other-services")
    debt_advice.refresh_from_db()
    general_description_services_withdraw(description=debt_advice)
    page = ServicePage.objects.get(pk=live_service["fi"].pk)
    page.save_revision()  # the texts may wait as a draft
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        page.save_revision().publish()
    assert "outside a wellbeing services county's remit" in str(refused.value)
    assert not ServicePage.objects.live().exists()
