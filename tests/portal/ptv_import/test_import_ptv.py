"""`manage.py import_ptv`: general descriptions as records, services as pages in three
languages, idempotent, safe on bad input."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from portal.models import GeneralDescription, ServiceChannel, ServicePage, TopicPage
from portal.service_start import service_page_start

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


def test_general_descriptions_become_records_not_pages(demo_site, source_dir):
    output = run_import(source_dir)
    assert "0 rejected" not in output  # TEST-0003 has no Finnish name
    assert "rejected TEST-0003" in output
    description = GeneralDescription.objects.get(reference="TEST-0001")
    assert set(description.names) == {"fi", "sv", "en"}
    # A national template is not a service anyone can reach: no page of its own.
    assert not ServicePage.objects.filter(ptv_reference="TEST-0001").exists()
    assert not ServicePage.objects.filter(title__in=description.names.values()).exists()
    # Every version's id is kept: services name the version they were based on.
    assert len(description.ptv_ids) == 3


def test_version_picking_uses_the_richest_version(demo_site, source_dir):
    run_import(source_dir)
    # Of the three versions, only one has all three languages.
    assert set(GeneralDescription.objects.get(reference="TEST-0001").names) == {"fi", "sv", "en"}


def test_description_without_reference_code_is_keyed_by_its_id(demo_site, source_dir):
    run_import(source_dir)
    assert GeneralDescription.objects.filter(reference__startswith="40000000").exists()


def test_draftjs_descriptions_become_rich_text(demo_site, source_dir):
    run_import(source_dir)
    html = " ".join(
        text
        for texts in GeneralDescription.objects.values_list("descriptions", flat=True)
        for text in texts.values()
    )
    assert "<p>" in html and '"blocks"' not in html


def test_v11_service_becomes_translated_pages_under_a_topic(demo_site, source_dir):
    run_import(source_dir)
    fi_page = ServicePage.objects.get(
        ptv_reference__startswith="50000000", locale__language_code="fi"
    )
    translations = {p.locale.language_code: p for p in fi_page.get_translations(inclusive=True)}
    assert "fi" in translations and all(p.live for p in translations.values())
    topics = {code: p.get_parent().specific for code, p in translations.items()}
    assert len({t.topic_key for t in topics.values()}) == 1
    assert all(isinstance(t, TopicPage) for t in topics.values())


def test_v11_service_links_the_general_description_it_is_based_on(demo_site, source_dir):
    # The service names an older version of TEST-0001; the richest version was kept.
    run_import(source_dir)
    page = ServicePage.objects.get(ptv_reference__startswith="50000000", locale__language_code="fi")
    assert page.general_description.reference == "TEST-0001"


def test_service_imported_before_its_description_is_linked_later(demo_site, source_dir):
    descriptions = source_dir / "general_descriptions.json"
    kept = descriptions.read_text()
    descriptions.unlink()
    run_import(source_dir)
    page = ServicePage.objects.get(ptv_reference__startswith="50000000", locale__language_code="fi")
    assert page.general_description is None
    descriptions.write_text(kept)
    run_import(source_dir)
    page.refresh_from_db()
    assert page.general_description.reference == "TEST-0001"


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
    stamps = dict(GeneralDescription.objects.values_list("reference", "imported_at"))
    output = run_import(source_dir)
    assert "General descriptions: 0 created, 0 updated" in output
    assert "Services: 0 created, 0 updated" in output
    assert {p.pk: p.latest_revision_id for p in ServicePage.objects.all()} == revisions
    assert dict(GeneralDescription.objects.values_list("reference", "imported_at")) == stamps


def test_changed_description_updates_the_record_and_the_services_showing_it(
    demo_site, source_dir, client
):
    run_import(source_dir)
    description = GeneralDescription.objects.get(reference="TEST-0002")
    pages = service_page_start(description=_in_remit(description), home_fi=demo_site, publish=True)
    first_import = description.imported_at

    records = json.loads((source_dir / "general_descriptions.json").read_text())
    for record in records:
        if record.get("ReferenceCode") == "TEST-0002":
            record["Description"] = [{"Lang": "fi", "Label": "Uusi kuvaus PTV:stä."}]
    (source_dir / "general_descriptions.json").write_text(json.dumps(records))

    output = run_import(source_dir)
    assert "General descriptions: 0 created, 1 updated" in output
    description.refresh_from_db()
    assert description.imported_at > first_import
    # The service leaves its description to PTV, so it shows the new text at once.
    response = client.get(pages["fi"].url)
    assert "Uusi kuvaus PTV:stä." in response.content.decode()


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


def test_real_general_descriptions_import_all_284_codes(demo_site):
    output = run_import(REAL_DATA)
    assert "General descriptions: 284 created" in output
    assert GeneralDescription.objects.count() == 284
    assert GeneralDescription.objects.filter(reference__startswith="SOTE-").count() == 101
    assert GeneralDescription.objects.get(reference="GD103").topic_key == "money-and-debt"
    # Outside a wellbeing services county's remit: veterinary care is no social service.
    veterinary = GeneralDescription.objects.filter(names__fi__icontains="eläinlääkäri")
    assert veterinary.exists() and not any(d.in_remit for d in veterinary)
    assert not ServicePage.objects.exists()
    assert "General descriptions: 0 created, 0 updated, 284 unchanged" in run_import(REAL_DATA)


def test_pages_of_earlier_imports_become_services_implementing_their_description(
    demo_site, source_dir
):
    """Before descriptions were records, each was imported as a page of its own."""
    from portal.service_start import topic_pages_ensure

    topics = topic_pages_ensure({"fi": demo_site}, "everyday-coping")
    # An editor has placed TEST-0001 among the county's social services.
    GeneralDescription.objects.create(reference="TEST-0001", topic_key="everyday-coping")
    legacy = topics["fi"].add_child(
        instance=ServicePage(
            title="Arjen tuki",
            slug="arjen-tuki",
            summary="PTV:n tiivistelmä.",
            description="<p>PTV:n vanha kopio.</p>",
            selkokieli_summary="Toimittajan selkoteksti.",
            ptv_reference="TEST-0001",
        )
    )
    legacy.save_revision().publish()
    outside = topics["fi"].add_child(
        instance=ServicePage(
            title="Lupa-asia", slug="lupa-asia", summary="Lupa.", ptv_reference="TEST-0002"
        )
    )
    outside.save_revision().publish()

    output = run_import(source_dir)

    assert "pages of earlier imports now implement them" in output
    legacy.refresh_from_db()
    assert legacy.general_description.reference == "TEST-0001"
    assert legacy.ptv_reference == "" and legacy.description == ""
    assert legacy.selkokieli_summary == "Toimittajan selkoteksti."  # the editor's own text
    assert legacy.live
    outside.refresh_from_db()
    assert not outside.general_description.in_remit
    assert not outside.live  # kept, not deleted, but no longer shown to residents


def _in_remit(description: GeneralDescription) -> GeneralDescription:
    description.topic_key = "everyday-coping"
    description.save()
    return description


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
