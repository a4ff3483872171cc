"""`manage.py import_ptv`: pages in three languages, idempotent, safe on bad input."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from portal.models import ServiceChannel, ServicePage, TopicPage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "ptv" / "fixtures"
REAL_DATA = (
    Path(__file__).resolve().parents[4] / "shared" / "data" / "ptv" / ("general-descriptions.json")
)


def run_import(source) -> str:
    out = io.StringIO()
    call_command("import_ptv", str(source), "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture
def source_dir(tmp_path):
    """Our own small PTV-format files: general descriptions, a v11 service and its channels."""
    for name in ("general_descriptions.json", "v11_service.json", "v11_channels.json"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def test_import_creates_translated_pages_under_topics(demo_site, source_dir):
    output = run_import(source_dir)
    assert "0 rejected" not in output  # TEST-0003 has no Finnish name
    assert "rejected TEST-0003" in output
    fi_page = ServicePage.objects.get(ptv_reference="TEST-0001", locale__language_code="fi")
    translations = {p.locale.language_code: p for p in fi_page.get_translations(inclusive=True)}
    assert set(translations) == {"fi", "sv", "en"}
    assert all(p.live for p in translations.values())
    # Each translation sits under the same topic in its own language's tree.
    topics = {code: p.get_parent().specific for code, p in translations.items()}
    assert len({t.topic_key for t in topics.values()}) == 1
    assert all(isinstance(t, TopicPage) for t in topics.values())
    assert topics["sv"].locale.language_code == "sv"


def test_version_picking_uses_the_richest_version(demo_site, source_dir):
    run_import(source_dir)
    page = ServicePage.objects.get(ptv_reference="TEST-0001", locale__language_code="fi")
    # Of the three versions, only one has all three languages.
    assert page.get_translations().count() == 2


def test_service_without_reference_code_is_keyed_by_its_id(demo_site, source_dir):
    run_import(source_dir)
    assert ServicePage.objects.filter(ptv_reference__startswith="40000000").exists()


def test_draftjs_descriptions_become_rich_text(demo_site, source_dir):
    run_import(source_dir)
    html = " ".join(ServicePage.objects.values_list("description", flat=True))
    assert "<p>" in html and '"blocks"' not in html


def test_v11_service_gets_its_channels_and_hours(demo_site, source_dir):
    run_import(source_dir)
    page = ServicePage.objects.get(ptv_reference__startswith="50000000", locale__language_code="fi")
    types = {link.channel.channel_type for link in page.channel_links.all()}
    assert types == {"phone", "location"}
    assert ServiceChannel.objects.filter(ptv_id__startswith="60000000").count() == 5
    assert any(c.hours.exists() for c in ServiceChannel.objects.all())


def test_second_run_changes_nothing(demo_site, source_dir):
    run_import(source_dir)
    revisions = {p.pk: p.latest_revision_id for p in ServicePage.objects.all()}
    output = run_import(source_dir)
    assert "0 created, 0 updated" in output
    assert {p.pk: p.latest_revision_id for p in ServicePage.objects.all()} == revisions


def test_changed_source_updates_the_page_and_keeps_editors_fields(demo_site, source_dir):
    run_import(source_dir)
    page = ServicePage.objects.get(ptv_reference="TEST-0002", locale__language_code="fi")
    page.selkokieli_summary = "Selkokielinen teksti, jonka toimittaja kirjoitti."
    page.save_revision().publish()
    first_import = page.ptv_imported_at

    records = json.loads((source_dir / "general_descriptions.json").read_text())
    for record in records:
        if record.get("ReferenceCode") == "TEST-0002":
            for name in record["Name"]:
                if name["Lang"] == "fi":
                    name["Label"] = "Lupa-asia (uusi nimi)"
    (source_dir / "general_descriptions.json").write_text(json.dumps(records))

    output = run_import(source_dir)
    assert "1 updated" in output
    page = ServicePage.objects.get(pk=page.pk)
    assert page.title == "Lupa-asia (uusi nimi)"
    assert page.selkokieli_summary == "Selkokielinen teksti, jonka toimittaja kirjoitti."
    assert page.ptv_imported_at > first_import


def test_malformed_file_is_a_clear_error_and_nothing_is_written(demo_site, source_dir):
    (source_dir / "zz_broken.json").write_text('[{"Id": "x", "Name": "not a list"}]')
    pages_before = Page.objects.count()
    with pytest.raises(CommandError) as error:
        run_import(source_dir)
    assert "zz_broken.json" in str(error.value) and "Nothing was imported" in str(error.value)
    assert Page.objects.count() == pages_before
    assert not ServiceChannel.objects.exists()


def test_invalid_json_names_the_file(demo_site, tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(CommandError, match="bad.json"):
        run_import(tmp_path)


def test_missing_source_is_a_clear_error(demo_site, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run_import(tmp_path / "missing.json")


@pytest.mark.skipif(not REAL_DATA.exists(), reason=f"real PTV data not found at {REAL_DATA}")
def test_real_general_descriptions_import_all_284_codes(demo_site):
    output = run_import(REAL_DATA)
    assert "284 created" in output
    fi_pages = ServicePage.objects.filter(locale__language_code="fi")
    assert fi_pages.count() == 284
    assert fi_pages.filter(ptv_reference__startswith="SOTE-").count() == 101
    debt_advice = fi_pages.get(ptv_reference="GD103")
    assert debt_advice.get_parent().specific.topic_key == "money-and-debt"
    assert "0 created, 0 updated, 284 unchanged" in run_import(REAL_DATA)


def test_demo_county_and_ptv_import_share_topics_in_either_order(demo_site, source_dir):
    from portal.demo_county import demo_county_load

    run_import(source_dir)
    demo_county_load(home_fi=demo_site)
    demo_county_load(home_fi=demo_site)
    run_import(source_dir)
    for code in ("fi", "sv", "en"):
        keys = list(
            TopicPage.objects.filter(locale__language_code=code).values_list("topic_key", flat=True)
        )
        assert len(keys) == len(set(keys)), f"duplicate topics in {code}"
    assert ServicePage.objects.filter(ptv_reference="", locale__language_code="fi").count() == 22
