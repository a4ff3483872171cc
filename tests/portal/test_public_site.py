"""The public site in three languages, with the crisis numbers on every page."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "language", "heading", "crisis_label", "crisis_number"),
    [
        ("/fi/", "fi", "Palveluneuvonta", "Kriisipuhelin", "09 2525 0111"),
        ("/sv/", "sv", "Servicerådgivning", "Kristelefon på svenska", "09 2525 0112"),
        ("/en/", "en", "Service advice", "Crisis line", "09 2525 0111"),
    ],
)
def test_home_page_in_each_language_with_the_crisis_bar(
    client, demo_site, path, language, heading, crisis_label, crisis_number
):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert crisis_label in html and crisis_number in html
    assert 'href="tel:112"' in html
    assert 'href="tel:+358900001000"' in html  # the county's (fictional) sosiaalipäivystys


def test_crisis_numbers_are_editable_site_settings(client, demo_site):
    settings = SiteSettings.objects.get()
    settings.social_emergency_number = "044 123 4567"
    settings.save()
    assert 'href="tel:+358441234567"' in client.get("/fi/").content.decode()


def test_root_sends_people_to_the_language_they_prefer(client, demo_site):
    assert client.get("/").url == "/fi/"
    assert client.get("/", headers={"accept-language": "sv-FI,sv;q=0.9"}).url == "/sv/"


def test_language_switcher_links_to_the_translation_of_this_page(client, demo_site):
    html = client.get("/fi/saavutettavuusseloste/").content.decode()
    assert 'href="/sv/tillganglighetsutlatande/" lang="sv"' in html
    assert 'href="/en/accessibility-statement/" lang="en"' in html


def test_language_switcher_falls_back_to_home_when_a_page_is_not_translated(client, demo_site):
    english_statement = Page.objects.get(url_path__endswith="/accessibility-statement/")
    english_statement.unpublish()
    html = client.get("/fi/saavutettavuusseloste/").content.decode()
    assert 'href="/en/" lang="en"' in html


def test_footer_links_to_the_accessibility_statement_in_the_same_language(client, demo_site):
    assert 'href="/sv/tillganglighetsutlatande/"' in client.get("/sv/").content.decode()


def test_unknown_page_is_a_translated_404_with_crisis_bar(client, demo_site):
    response = client.get("/sv/finns-inte/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan hittades inte" in html and "112" in html


def test_demo_load_twice_duplicates_nothing(db):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    args = ("load_demo", "--allow-production", "--skip-ptv")
    call_command(*args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Page.objects.count(), get_user_model().objects.count(), TOTPDevice.objects.count())
    call_command(*args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        Page.objects.count(),
        get_user_model().objects.count(),
        TOTPDevice.objects.count(),
    )
    # root + (home, statement, 11 topics, 22 services, urgent help, self-assessment index
    # with 5 validated instruments and 1 editor-built assessment) in three languages
    assert counts[0] == 1 + 3 * (36 + 7)


def test_demo_load_refuses_without_debug(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="refusing"):
        call_command("load_demo")


def test_health_endpoint(client, db):
    assert client.get("/healthz/").json() == {"status": "ok"}
