"""Service pages in Swedish and English say everything in their own language where it is
known: target groups from PTV's vocabulary and the names of the languages served."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from portal.demo_county import county_data, demo_county_load
from portal.models import ServicePage
from portal.models.localized import language_names

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "ptv" / "fixtures"


@pytest.fixture
def finnish_only_target_groups(tmp_path):
    """General descriptions only: they name "Kansalaiset" in Finnish and nothing else."""
    shutil.copy(FIXTURES / "general_descriptions.json", tmp_path / "general_descriptions.json")
    return tmp_path


def _import(source) -> None:
    call_command("import_ptv", str(source), "--no-progress", stdout=io.StringIO())


def _demo_service_html(client, language: str) -> str:
    service = county_data()["services"][0]
    fi_page = ServicePage.objects.get(
        slug=service["slug"]["fi"], ptv_reference="", locale__language_code="fi"
    )
    page = fi_page.get_translation(Locale.objects.get(language_code=language))
    return client.get(page.url).content.decode()


@pytest.mark.parametrize("ptv_first", [True, False], ids=["ptv-then-demo", "demo-then-ptv"])
def test_target_groups_of_demo_services_are_in_the_page_language(
    client, demo_site, finnish_only_target_groups, ptv_first
):
    if ptv_first:
        _import(finnish_only_target_groups)
    demo_county_load(home_fi=demo_site)
    if not ptv_first:
        _import(finnish_only_target_groups)
    swedish = _demo_service_html(client, "sv")
    english = _demo_service_html(client, "en")
    assert '<span class="tag">Medborgare</span>' in swedish
    assert '<span class="tag">Citizens</span>' in english
    assert "Kansalaiset" not in swedish and "Kansalaiset" not in english
    assert '<span class="tag">Kansalaiset</span>' in _demo_service_html(client, "fi")


def test_county_file_names_every_target_group_in_three_languages():
    for service in county_data()["services"]:
        for group in service["target_groups"]:
            assert all(group["labels"].get(code) for code in ("fi", "sv", "en")), group["uri"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["suomi", "ruotsi", "englanti"]),
        ("sv", ["finska", "svenska", "engelska"]),
        ("en", ["Finnish", "Swedish", "English"]),
    ],
)
def test_language_names_are_lower_case_in_finnish_and_swedish(language, expected):
    assert language_names(["fi", "sv", "en"], language) == expected


def test_service_page_lists_the_languages_served_as_its_language_writes_them(
    client, service_page, swedish_service_page
):
    assert "<dd>suomi, ruotsi</dd>" in client.get(service_page.url).content.decode()
    assert "<dd>finska, svenska</dd>" in client.get(swedish_service_page.url).content.decode()
    english = service_page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english.save_revision().publish()
    assert "<dd>Finnish, Swedish</dd>" in client.get(english.url).content.decode()
