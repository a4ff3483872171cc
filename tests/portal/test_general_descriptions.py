"""A PTV general description is a national template, not a service: county services link
the one they implement and take its texts; residents only meet services with a way to
reach them."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from portal import roles
from portal.factories import StaffUserFactory, TOTPDeviceFactory
from portal.models import (
    GeneralDescription,
    ServiceChannelLink,
    ServicePage,
    SiteSettings,
    WebPageChannel,
)
from portal.service_start import (
    DescriptionOutsideRemit,
    offered_descriptions_start,
    service_page_start,
)
from tests.conftest import STAFF_PASSWORD, staff_sign_in, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def ditch_dispute(db):
    return GeneralDescription.objects.create(
        reference="GD999",
        names={"fi": "Ojitustoimitus"},
        summaries={"fi": "Ojariidat."},
        topic_key="other-services",
    )


def test_a_started_service_takes_the_descriptions_texts_until_editors_write_their_own(
    client, demo_site, debt_advice
):
    pages = service_page_start(description=debt_advice, home_fi=demo_site, publish=True)
    assert set(pages) == {"fi", "sv"}  # the description has no English name
    fi = pages["fi"]
    assert fi.title == "Talous- ja velkaneuvonta" and fi.general_description == debt_advice
    assert fi.get_parent().specific.topic_key == "money-and-debt"
    assert pages["sv"].translation_key == fi.translation_key
    html = client.get(fi.url).content.decode()
    assert "Kansallinen kuvaus velkaneuvonnasta." in html
    assert "Kaikille, joilla on velkaa." in html
    assert "Laki talous- ja velkaneuvonnasta" in html
    assert "Suomi.fi" in html  # PTV's texts carry its source and licence

    fi.description = "<p>Järvilaakson oma kuvaus.</p>"
    fi.save_revision().publish()
    html = client.get(fi.url).content.decode()
    assert "Järvilaakson oma kuvaus." in html
    assert "Kansallinen kuvaus velkaneuvonnasta." not in html


def test_editors_start_drafts_and_never_from_a_description_outside_the_remit(
    demo_site, debt_advice, ditch_dispute
):
    pages = service_page_start(description=debt_advice, home_fi=demo_site)
    assert not any(page.live for page in pages.values())
    with pytest.raises(DescriptionOutsideRemit):
        service_page_start(description=ditch_dispute, home_fi=demo_site)
    assert not ServicePage.objects.filter(title="Ojitustoimitus").exists()


def test_the_county_offers_each_in_remit_description_once_and_no_title_twice(
    demo_site, debt_advice, ditch_dispute
):
    GeneralDescription.objects.create(
        reference="SOTE-0001",
        names={"fi": "Sosiaalipäivystys"},
        summaries={"fi": "Kiireellinen apu."},
        topic_key="sudden-crises",
    )
    # The county's own page by that name (implementing nothing yet) keeps its title.
    service_page_start(description=debt_advice, home_fi=demo_site, publish=True)
    ServicePage.objects.filter(title="Talous- ja velkaneuvonta").update(title="Sosiaalipäivystys")
    GeneralDescription.objects.filter(pk=debt_advice.pk).update(topic_key="money-and-debt")

    assert offered_descriptions_start(home_fi=demo_site) == 0
    assert offered_descriptions_start(home_fi=demo_site) == 0
    titles = list(ServicePage.objects.filter(locale__language_code="fi").values_list("title"))
    assert titles.count(("Sosiaalipäivystys",)) == 1
    assert not ServicePage.objects.filter(general_description=ditch_dispute).exists()


def test_a_service_without_channels_points_to_the_service_advice_line(
    client, demo_site, debt_advice, phone_channel
):
    pages = service_page_start(description=debt_advice, home_fi=demo_site, publish=True)
    settings = SiteSettings.for_site(demo_site.get_site())

    settings.service_advice_channel = None
    settings.save()
    html = client.get(pages["fi"].url).content.decode()
    assert "channels-heading" not in html

    settings.service_advice_channel = phone_channel
    settings.save()
    html = client.get(pages["fi"].url).content.decode()
    assert phone_channel.phone_number in html
    assert "palveluneuvon" in html.lower()  # says the line is the service-advice line


def test_a_service_with_only_a_web_page_also_points_to_the_service_advice_line(
    client, demo_site, debt_advice, phone_channel
):
    """A web page tells about the service; it is no way to reach anyone."""
    page = service_page_start(description=debt_advice, home_fi=demo_site, publish=True)["fi"]
    web_page = WebPageChannel.objects.create(name_fi="Lue lisää", url_fi="https://example.fi/")
    ServiceChannelLink.objects.create(page=page, channel=web_page, sort_order=0)
    page.save_revision().publish()
    settings = SiteSettings.for_site(demo_site.get_site())
    settings.service_advice_channel = phone_channel
    settings.save()
    html = client.get(page.url).content.decode()
    assert "service__fallback" in html
    assert html.index(phone_channel.phone_number) < html.index("Lue lisää")  # the line first


def test_a_service_with_its_own_channels_shows_them_not_the_fallback(
    client, service_page, location_channel
):
    settings = SiteSettings.for_site(service_page.get_site())
    settings.service_advice_channel = location_channel
    settings.save()
    html = client.get(service_page.url).content.decode()
    assert "service__fallback" not in html


def test_search_judges_a_county_service_by_its_descriptions_code(
    demo_site, debt_advice, database_search
):
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    service_page_start(description=debt_advice, home_fi=demo_site, publish=True)
    hits = get_backend().search(SearchQuery(text="velkaneuvonta", locale="fi")).hits
    assert hits and hits[0].reference == "GD103"
    # Found by the description's text too, which the page itself leaves empty.
    hits = get_backend().search(SearchQuery(text="kansallinen kuvaus", locale="fi")).hits
    assert [hit.reference for hit in hits][:1] == ["GD103"]


def test_a_changed_description_refreshes_its_services_in_search(
    demo_site, debt_advice, database_search
):
    from portal.signals import general_description_changed
    from search.backends import get_backend
    from search.backends.base import SearchQuery

    service_page_start(description=debt_advice, home_fi=demo_site, publish=True)
    debt_advice.descriptions = {"fi": "<p>Ulosottoa ja maksuhäiriöitä.</p>"}
    debt_advice.save()
    general_description_changed.send(sender=GeneralDescription, description=debt_advice)
    hits = get_backend().search(SearchQuery(text="maksuhäiriö", locale="fi")).hits
    assert [hit.reference for hit in hits][:1] == ["GD103"]


def test_the_language_of_a_locale_decides_which_texts_a_page_takes(demo_site, debt_advice):
    pages = service_page_start(description=debt_advice, home_fi=demo_site, publish=True)
    assert pages["sv"].locale == Locale.objects.get(language_code="sv")
    assert pages["sv"].texts_shown().description == "<p>Om råd.</p>"
    assert pages["sv"].texts_shown().eligibility == ""  # no Swedish text: nothing in Finnish


@pytest.fixture
def editor_client(client):
    device = TOTPDeviceFactory()  # an editor, not a superuser
    return staff_sign_in(client, device)


DESCRIPTIONS_URL = "/admin/snippets/portal/generaldescription/"


def test_editors_list_descriptions_by_remit_and_whether_the_county_implements_them(
    editor_client, demo_site, debt_advice, ditch_dispute
):
    html = editor_client.get(DESCRIPTIONS_URL).content.decode()
    assert "Talous- ja velkaneuvonta" in html and "Ojitustoimitus" in html
    # Each row in the remit offers to start a service from it; the others do not.
    start = reverse("portal_general_description_start", args=[debt_advice.pk])
    assert start in html
    assert reverse("portal_general_description_start", args=[ditch_dispute.pk]) not in html

    outside = editor_client.get(DESCRIPTIONS_URL, {"in_remit": "false"}).content.decode()
    assert "Ojitustoimitus" in outside and "Talous- ja velkaneuvonta" not in outside

    service_page_start(description=debt_advice, home_fi=demo_site)
    implemented = editor_client.get(DESCRIPTIONS_URL, {"implemented": "true"}).content.decode()
    assert "Talous- ja velkaneuvonta" in implemented and "Ojitustoimitus" not in implemented
    found = editor_client.get(DESCRIPTIONS_URL, {"q": "velkaneuvonta"}).content.decode()
    assert "GD103" in found and "GD999" not in found


def test_descriptions_are_ptvs_editors_neither_add_nor_delete_them(editor_client, ditch_dispute):
    assert editor_client.get(DESCRIPTIONS_URL + "add/").status_code != 200
    editor_client.post(DESCRIPTIONS_URL + f"delete/{ditch_dispute.pk}/")
    assert GeneralDescription.objects.filter(pk=ditch_dispute.pk).exists()


def test_an_editor_starts_a_draft_service_from_a_description_and_lands_on_its_editor(
    editor_client, demo_site, debt_advice
):
    url = reverse("portal_general_description_start", args=[debt_advice.pk])
    confirm = editor_client.get(url)
    assert confirm.status_code == 200 and "Talous- ja velkaneuvonta" in confirm.content.decode()
    assert not ServicePage.objects.exists()  # asking is not starting

    response = editor_client.post(url)
    fi = ServicePage.objects.get(locale__language_code="fi")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[fi.pk])
    assert fi.general_description == debt_advice and not fi.live  # a draft to complete
    assert ServicePage.objects.filter(locale__language_code="sv", live=False).count() == 1
    # The confirmation names what implements it now, so nobody starts it twice by mistake.
    assert "Talous- ja velkaneuvonta" in editor_client.get(url).content.decode()


def test_a_description_outside_the_remit_is_not_started(editor_client, demo_site, ditch_dispute):
    url = reverse("portal_general_description_start", args=[ditch_dispute.pk])
    response = editor_client.post(url, follow=True)
    assert not ServicePage.objects.exists()
    # The admin speaks Finnish by default.
    assert "ei kuulu hyvinvointialueen tehtäviin" in response.content.decode()


def test_an_adviser_cannot_start_a_service(client, demo_site, debt_advice):
    device = TOTPDeviceFactory(user=StaffUserFactory(role=roles.ADVISER))
    client.post(
        reverse("wagtailadmin_login"),
        {
            "username": device.user.username,
            "password": STAFF_PASSWORD,
            "otp_token": totp_code(device),
        },
    )
    client.post(reverse("portal_general_description_start", args=[debt_advice.pk]))
    assert not ServicePage.objects.exists()
