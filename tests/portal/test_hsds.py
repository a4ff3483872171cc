"""Open Referral HSDS 3 export: schema validity, one service per translation, stable ids,
opening hours as RRULE-style schedules, the export command and the JSON API.

Validation uses the HSDS schemas in ../shared/data/hsds (or $HSDS_SCHEMA_DIR). jsonschema only
checks the "uri" and "date-time" formats with optional extra packages, so this module adds
checkers for them."""

import functools
import json
import os
import uuid
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from wagtail.models import Locale, PageViewRestriction, Site

from portal import urls as portal_urls
from portal.hsds import (
    EXPORT_FILES,
    NAMESPACE,
    byday,
    hsds_export,
    hsds_id,
    hsds_services,
    plain_text,
    public_base_url,
    schedule_to_hsds,
)
from portal.models import (
    ChargeType,
    Classification,
    ClassificationKind,
    EServiceChannel,
    LocationChannel,
    PhoneChannel,
    PrintableFormChannel,
    ServiceChannelLink,
    ServiceHours,
    ServicePage,
    TopicPage,
)
from portal.opening_hours import HoursKind, HoursRow
from portal.views_hsds import MAX_PER_PAGE

pytestmark = pytest.mark.django_db

# This module is also the URLconf of the API tests: the project's urls plus the HSDS API.
urlpatterns = [path("api/hsds/", include("portal.hsds_urls")), *portal_urls.urlpatterns]
api_urls = override_settings(ROOT_URLCONF=__name__)

HSDS_DIR = Path(
    os.environ.get("HSDS_SCHEMA_DIR")
    or Path(__file__).resolve().parents[3] / "shared" / "data" / "hsds"
)
needs_schemas = pytest.mark.skipif(
    not (HSDS_DIR / "compiled" / "service.json").is_file(),
    reason=f"HSDS 3 schemas not found in {HSDS_DIR} (set HSDS_SCHEMA_DIR to the schema folder)",
)

MON, FRI, SAT, SUN = 0, 4, 5, 6
BASE_URL = "https://palveluneuvonta.example.fi"
GROUP_URI = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/KR1"


# --- schema validation ------------------------------------------------------------------------


def _format_checker():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency")
    checker = jsonschema.FormatChecker()

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in ("http", "https", "mailto", "tel") and bool(
            parts.netloc or parts.path
        )

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        return datetime.fromisoformat(value).tzinfo is not None

    return checker


@functools.cache
def _validator(name: str):
    """A validator for compiled/<name>.json (self-contained) or <name>.json (whose $refs to the
    other object files resolve through a registry built from the folder)."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is a dev dependency")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    compiled = HSDS_DIR / "compiled" / f"{name}.json"
    if compiled.is_file():
        schema = json.loads(compiled.read_text(encoding="utf-8"))
        return jsonschema.Draft202012Validator(schema, format_checker=_format_checker())
    resources = [
        (
            schema_file.name,
            Resource.from_contents(
                json.loads(schema_file.read_text(encoding="utf-8")),
                default_specification=DRAFT202012,
            ),
        )
        for schema_file in HSDS_DIR.glob("*.json")
        if schema_file.name != "openapi.json"
    ]
    return jsonschema.Draft202012Validator(
        {"$ref": f"{name}.json"},
        registry=Registry().with_resources(resources),
        format_checker=_format_checker(),
    )


def assert_valid(name: str, instance: dict) -> None:
    errors = sorted(_validator(name).iter_errors(instance), key=lambda error: error.json_path)
    assert not errors, "\n".join(f"{error.json_path}: {error.message}" for error in errors)


def assert_iso_dates(service: dict) -> None:
    """Schedule dates are typed "date" only for tabular data packages; check them here."""
    schedules = [
        *service["schedules"],
        *(s for sal in service["service_at_locations"] for s in sal["location"]["schedules"]),
    ]
    for schedule in schedules:
        for field in ("valid_from", "valid_to", "dtstart", "until"):
            if field in schedule:
                date.fromisoformat(schedule[field])
        for field in ("opens_at", "closes_at"):
            if field in schedule:
                time.fromisoformat(schedule[field])


# --- the content tree -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _empty_cache():
    # Wagtail caches site root paths in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(demo_site):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def topic(demo_site):
    return demo_site.add_child(
        instance=TopicPage(title="Raha ja velat", slug="raha-ja-velat", topic_key="money")
    )


@pytest.fixture
def phone():
    channel = PhoneChannel.objects.create(
        name_fi="Palveluneuvonnan puhelin",
        description_fi="<p>Neuvontaa arkisin.</p>",
        phone_number="0800 123 456",
        charge_type=ChargeType.FREE,
        email="neuvonta@example.org",
    )
    ServiceHours.objects.bulk_create(
        [
            ServiceHours(
                channel=channel,
                sort_order=0,
                kind=HoursKind.WEEKLY,
                day_from=MON,
                day_to=FRI,
                opens=time(8),
                closes=time(16),
            ),
            ServiceHours(
                channel=channel,
                sort_order=1,
                kind=HoursKind.EXCEPTION,
                valid_from=date(2026, 6, 19),
                closed=True,
                note_fi="Juhannusaatto",
            ),
            ServiceHours(
                channel=channel,
                sort_order=2,
                kind=HoursKind.OVER_MIDNIGHT,
                day_from=FRI,
                opens=time(22),
                closes=time(3),
            ),
        ]
    )
    return channel


@pytest.fixture
def location():
    channel = LocationChannel.objects.create(
        name_fi="Sosiaalipäivystys",
        street_fi="Kauppakatu 1",
        postal_code="40100",
        post_office_fi="Jyväskylä",
        phone_number="014 123 456",
        accessibility_fi="Esteetön sisäänkäynti pihan puolelta.",
        ptv_id="2c6f0b5e-0000-4000-8000-000000000001",
    )
    ServiceHours.objects.create(
        channel=channel, kind=HoursKind.WEEKLY, always_open=True, note_fi="Aina auki"
    )
    return channel


@pytest.fixture
def eservice():
    return EServiceChannel.objects.create(
        name_fi="Sähköinen asiointi", url_fi="https://asiointi.example.fi/"
    )


@pytest.fixture
def target_group():
    return Classification.objects.create(
        kind=ClassificationKind.TARGET_GROUP,
        uri=GROUP_URI,
        name_fi="Kansalaiset",
        name_sv="Medborgare",
    )


def add_service(parent, *, title, slug, channels=(), classifications=(), publish=True, **fields):
    page = ServicePage(
        title=title,
        slug=slug,
        summary=fields.pop("summary", f"{title}: lyhyt kuvaus."),
        live=publish,
        channel_links=[ServiceChannelLink(channel=channel) for channel in channels],
        classifications=list(classifications),
        **fields,
    )
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def service(topic, phone, location, eservice, target_group):
    area = Classification.objects.create(
        kind=ClassificationKind.AREA, uri="municipality:179", name_fi="Jyväskylä"
    )
    form = PrintableFormChannel.objects.create(name_fi="Hakemuslomake", url_fi="https://x.fi/l")
    return add_service(
        topic,
        title="Velkaneuvonta",
        slug="velkaneuvonta",
        summary="Maksutonta apua velkoihin.",
        description=(
            "<p>Neuvomme <b>velka</b>asioissa.</p><ul><li>budjetti</li><li>sopimus</li></ul>"
        ),
        eligibility="<p>Täysi-ikäiset</p>",
        user_instructions="<p>Soita &amp; varaa aika.</p>",
        charge_type=ChargeType.FREE,
        charge_info="Ei maksa mitään.",
        languages=["fi", "sv"],
        last_reviewed=date(2026, 10, 1),
        channels=[phone, location, eservice, form],
        classifications=[target_group, area],
    )


@pytest.fixture
def swedish(service, locales):
    page = service.copy_for_translation(locales["sv"], copy_parents=True)
    page.title = "Skuldrådgivning"
    page.save_revision().publish()
    return page


@pytest.fixture
def tree(service, swedish, topic, locales):
    """The Finnish service and its Swedish translation, a draft, a password-protected page and
    a live service that exists in Swedish only."""
    add_service(topic, title="Luonnos", slug="luonnos", publish=False)
    private = add_service(topic, title="Suojattu", slug="suojattu")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
    )
    swedish_topic = topic.get_translation(locales["sv"])
    only_swedish = add_service(swedish_topic, title="Endast på svenska", slug="endast-svenska")
    return {"fi": service, "sv": swedish, "only_sv": only_swedish}


def by_name(services: list[dict]) -> dict[str, dict]:
    return {service["name"]: service for service in services}


# --- schema validity ------------------------------------------------------------------------


@needs_schemas
def test_every_exported_service_validates_against_the_compiled_hsds_schema(tree):
    services = hsds_services(base_url=BASE_URL)
    assert services
    for service in services:
        assert_valid("service", service)
        assert_iso_dates(service)


@needs_schemas
def test_export_files_validate_against_their_hsds_schemas(tree, tmp_path):
    hsds_export(target_dir=tmp_path, base_url=BASE_URL)
    documents = {
        stem: json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
        for stem in EXPORT_FILES
    }
    schema_of = {
        "services": "service",
        "organizations": "organization",
        "locations": "location",
        "taxonomy_terms": "taxonomy_term",
    }
    for stem, objects in documents.items():
        assert objects, stem
        for obj in objects:
            assert_valid(schema_of[stem], obj)


# --- which pages, and the ids ---------------------------------------------------------------


def test_one_service_per_translation_key_built_from_the_finnish_page(tree):
    services = hsds_services()
    assert sorted(service["name"] for service in services) == [
        "Endast på svenska",
        "Velkaneuvonta",
    ]
    assert len({service["id"] for service in services}) == len(services)
    assert by_name(services)["Velkaneuvonta"]["id"] == str(
        uuid.uuid5(NAMESPACE, f"service:{tree['fi'].translation_key}")
    )
    assert tree["sv"].translation_key == tree["fi"].translation_key


def test_draft_and_password_protected_pages_are_not_exported(tree):
    names = {service["name"] for service in hsds_services()}
    assert "Luonnos" not in names
    assert "Suojattu" not in names


def test_falls_back_to_a_live_translation_when_the_finnish_page_is_unpublished(tree):
    tree["fi"].unpublish()
    services = by_name(hsds_services())
    assert "Velkaneuvonta" not in services
    assert services["Skuldrådgivning"]["id"] == hsds_id("service", tree["fi"].translation_key)
    assert services["Skuldrådgivning"]["url"].startswith(f"{public_base_url()}/sv/")


def test_ids_are_stable_across_exports(tree, tmp_path):
    hsds_export(target_dir=tmp_path / "first", base_url=BASE_URL)
    hsds_export(target_dir=tmp_path / "second", base_url=BASE_URL)
    for stem in EXPORT_FILES:
        first = (tmp_path / "first" / f"{stem}.json").read_text(encoding="utf-8")
        second = (tmp_path / "second" / f"{stem}.json").read_text(encoding="utf-8")
        assert first == second, stem


def test_channel_ids_follow_the_documented_keys(tree, phone, location, target_group):
    service = by_name(hsds_services())["Velkaneuvonta"]
    assert service["phones"][0]["id"] == hsds_id("phone", phone.pk)
    assert service["service_at_locations"][0]["location"]["id"] == hsds_id("location", location.pk)
    row = phone.hours.get(kind=HoursKind.WEEKLY)
    assert hsds_id("schedule", row.pk) in {schedule["id"] for schedule in service["schedules"]}
    (term,) = (
        a["taxonomy_term"] for a in service["attributes"] if a["link_type"] == "target_group"
    )
    assert term["id"] == hsds_id("taxonomy_term", GROUP_URI)
    assert service["organization"]["id"] == hsds_id("organization", "county")


# --- the public base URL ----------------------------------------------------------------------


def all_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_strings(item)
    elif isinstance(value, str):
        yield value


def test_urls_use_the_configured_public_base_url_not_the_sites_localhost(tree, settings):
    settings.PORTAL_PUBLIC_BASE_URL = f"{BASE_URL}/"  # a trailing slash is not doubled
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"
    services = by_name(hsds_services())
    assert services["Velkaneuvonta"]["url"] == f"{BASE_URL}/fi/raha-ja-velat/velkaneuvonta/"
    assert services["Endast på svenska"]["url"].startswith(f"{BASE_URL}/sv/")
    assert services["Velkaneuvonta"]["organization"]["website"] == f"{BASE_URL}/"
    assert not [text for text in all_strings(list(services.values())) if "localhost" in text]


def test_without_the_setting_the_admin_base_url_is_the_sites_address(tree, settings):
    settings.PORTAL_PUBLIC_BASE_URL = None
    settings.WAGTAILADMIN_BASE_URL = "https://palvelut.example.fi"
    service = by_name(hsds_services())["Velkaneuvonta"]
    assert service["url"] == "https://palvelut.example.fi/fi/raha-ja-velat/velkaneuvonta/"


@pytest.mark.parametrize(
    "value", ["palveluneuvonta.example.fi", "/fi/", "ftp://example.fi", "https://example.fi/?a=1"]
)
def test_a_public_base_url_that_is_not_an_absolute_web_address_is_refused(settings, value):
    settings.PORTAL_PUBLIC_BASE_URL = value
    with pytest.raises(ImproperlyConfigured):
        public_base_url()


@api_urls
@pytest.mark.parametrize("full", ["false", "true"])
def test_api_urls_use_the_public_base_url_whatever_host_was_asked(client, tree, settings, full):
    settings.PORTAL_PUBLIC_BASE_URL = BASE_URL
    settings.ALLOWED_HOSTS = ["portal-web-1.internal"]
    response = client.get("/api/hsds/services/", {"full": full}, HTTP_HOST="portal-web-1.internal")
    assert response.status_code == 200
    contents = response.json()["contents"]
    assert {service["url"].split("/fi/")[0].split("/sv/")[0] for service in contents} == {BASE_URL}
    texts = list(all_strings(contents))
    assert not [text for text in texts if "localhost" in text or ".internal" in text]
    detail = client.get(
        f"/api/hsds/services/{contents[0]['id']}/", HTTP_HOST="portal-web-1.internal"
    ).json()
    assert detail["url"].startswith(f"{BASE_URL}/")
    assert detail["organization"]["website"] == f"{BASE_URL}/"


# --- the mapping --------------------------------------------------------------------------------


def test_service_fields(tree):
    service = by_name(hsds_services(base_url=BASE_URL))["Velkaneuvonta"]
    assert service["url"] == f"{BASE_URL}/fi/raha-ja-velat/velkaneuvonta/"
    assert service["status"] == "active"
    assert service["email"] == "neuvonta@example.org"
    assert service["description"] == (
        "Maksutonta apua velkoihin.\n\nNeuvomme velkaasioissa.\n\n- budjetti\n- sopimus"
    )
    assert "<" not in service["eligibility_description"]
    assert service["application_process"] == "Soita & varaa aika."
    assert service["fees_description"].endswith("Ei maksa mitään.")
    assert service["assured_date"] == "2026-10-01"
    assert [language["code"] for language in service["languages"]] == ["fi", "sv"]
    assert service["organization"]["name"] == "Palveluneuvonta"
    assert service["organization"]["website"] == f"{BASE_URL}/"


def test_classifications_become_attributes_with_taxonomy_terms(tree):
    service = by_name(hsds_services())["Velkaneuvonta"]
    attributes = {attribute["link_type"]: attribute for attribute in service["attributes"]}
    group = attributes["target_group"]
    assert group["link_id"] == service["id"]
    assert group["link_entity"] == "service"
    assert group["taxonomy_term"]["code"] == GROUP_URI
    assert group["taxonomy_term"]["name"] == "Kansalaiset"
    assert group["taxonomy_term"]["term_uri"] == GROUP_URI
    assert "term_uri" not in attributes["area"]["taxonomy_term"]  # "municipality:179"
    assert [area["name"] for area in service["service_areas"]] == ["Jyväskylä"]


def test_phone_channel_becomes_a_phone_and_its_hours_service_schedules(tree):
    service = by_name(hsds_services())["Velkaneuvonta"]
    assert [(phone["number"], phone["type"]) for phone in service["phones"]] == [
        ("0800 123 456", "voice")
    ]
    assert "Palveluneuvonnan puhelin" in service["phones"][0]["description"]
    assert len(service["schedules"]) == 3
    assert all("0800 123 456" in schedule["attending_type"] for schedule in service["schedules"])


def test_weekly_monday_to_friday_row_is_a_weekly_rrule(tree):
    schedules = by_name(hsds_services())["Velkaneuvonta"]["schedules"]
    weekly = schedules[0]
    assert weekly["freq"] == "WEEKLY"
    assert weekly["byday"] == "MO,TU,WE,TH,FR"
    assert (weekly["opens_at"], weekly["closes_at"]) == ("08:00", "16:00")
    assert "valid_from" not in weekly and "valid_to" not in weekly


def test_closed_exception_covers_its_date_without_times(tree):
    exception = by_name(hsds_services())["Velkaneuvonta"]["schedules"][1]
    assert exception["valid_from"] == exception["valid_to"] == "2026-06-19"
    assert exception["dtstart"] == exception["until"] == "2026-06-19"
    assert exception["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert "opens_at" not in exception and "closes_at" not in exception
    assert exception["notes"] == "Juhannusaatto"


def test_over_midnight_row_starts_on_its_day_and_closes_before_it_opens(tree):
    night = by_name(hsds_services())["Velkaneuvonta"]["schedules"][2]
    assert night["byday"] == "FR"
    assert (night["opens_at"], night["closes_at"]) == ("22:00", "03:00")


def test_location_channel_is_a_physical_service_at_location(tree, location):
    service = by_name(hsds_services())["Velkaneuvonta"]
    physical, virtual = (sal["location"] for sal in service["service_at_locations"])
    assert physical["location_type"] == "physical"
    assert physical["name"] == "Sosiaalipäivystys"
    address = physical["addresses"][0]
    assert (address["address_1"], address["postal_code"], address["city"], address["country"]) == (
        "Kauppakatu 1",
        "40100",
        "Jyväskylä",
        "FI",
    )
    assert physical["phones"][0]["number"] == "014 123 456"
    assert physical["external_identifier"] == location.ptv_id
    always = physical["schedules"][0]
    assert always["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    assert (always["opens_at"], always["closes_at"]) == ("00:00", "23:59")
    assert always["location_id"] == physical["id"]
    assert virtual == {**virtual, "location_type": "virtual", "url": "https://asiointi.example.fi/"}
    assert len(service["service_at_locations"]) == 2  # the printable form is not a location


def test_byday_of_weekday_ranges():
    assert byday(MON, FRI) == "MO,TU,WE,TH,FR"
    assert byday(FRI, None) == "FR"
    assert byday(SAT, 1) == "MO,TU,SA,SU"  # wraps over the weekend
    assert byday(None, None) == "MO,TU,WE,TH,FR,SA,SU"
    assert byday(SUN, SUN) == "SU"


def test_schedule_of_a_weekday_limited_exception_with_hours():
    row = HoursRow(
        HoursKind.EXCEPTION,
        date(2026, 6, 1),
        date(2026, 8, 31),
        day_from=FRI,
        opens=time(8),
        closes=time(14),
        note="Kesäperjantait",
    )
    schedule = schedule_to_hsds(row, schedule_id=hsds_id("schedule", 1))
    assert schedule["byday"] == "FR"
    assert (schedule["valid_from"], schedule["valid_to"]) == ("2026-06-01", "2026-08-31")
    assert (schedule["opens_at"], schedule["closes_at"]) == ("08:00", "14:00")


def test_closed_weekly_row_has_no_times():
    row = HoursRow(
        HoursKind.WEEKLY, date(2026, 6, 1), date(2026, 8, 31), closed=True, day_from=SAT, day_to=SUN
    )
    schedule = schedule_to_hsds(row, schedule_id=hsds_id("schedule", 2))
    assert schedule["byday"] == "SA,SU"
    assert "opens_at" not in schedule


def test_invalid_hours_rows_are_skipped(tree, phone):
    ServiceHours.objects.create(channel=phone, kind=HoursKind.WEEKLY, day_from=MON)  # no times
    assert len(by_name(hsds_services())["Velkaneuvonta"]["schedules"]) == 3


def test_plain_text_keeps_paragraphs_and_decodes_entities():
    assert (
        plain_text("<p>Yksi&nbsp;kaksi</p><p>Kolme<br/>neljä</p>") == "Yksi kaksi\n\nKolme\nneljä"
    )
    assert plain_text("") == ""


def test_query_count_does_not_grow_with_the_number_of_services(tree, topic, target_group):
    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            hsds_services()
        return len(queries)

    before = count()
    for number in range(3):
        extra = PhoneChannel.objects.create(name_fi=f"Puhelin {number}", phone_number="0800")
        ServiceHours.objects.create(
            channel=extra, kind=HoursKind.WEEKLY, day_from=MON, opens=time(9), closes=time(10)
        )
        extra_location = LocationChannel.objects.create(name_fi=f"Toimipiste {number}")
        add_service(
            topic,
            title=f"Palvelu {number}",
            slug=f"palvelu-{number}",
            channels=[extra, extra_location],
            classifications=[target_group],
        )
    assert len(hsds_services()) == 5
    assert count() == before
    assert before <= 12


# --- the command ------------------------------------------------------------------------------


def test_export_command_writes_json_files_and_a_summary(tree, tmp_path, capsys):
    target = tmp_path / "new" / "hsds"
    call_command("export_hsds", str(target), "--base-url", BASE_URL)
    for stem in EXPORT_FILES:
        assert isinstance(json.loads((target / f"{stem}.json").read_text("utf-8")), list)
    services = json.loads((target / "services.json").read_text("utf-8"))
    assert len(services) == 2
    assert all(service["url"].startswith(BASE_URL) for service in services)
    output = capsys.readouterr().out
    assert "2" in output and str(target) in output
    assert len(output.strip().splitlines()) == 1


def test_export_command_refuses_an_unwritable_directory(tree, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError):
        call_command("export_hsds", str(blocker / "hsds"))


def test_export_command_refuses_a_relative_base_url(tree, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_hsds", str(tmp_path), "--base-url", "palveluneuvonta.fi")


# --- the API ----------------------------------------------------------------------------------


@api_urls
def test_api_lists_services_in_hsds_pages(client, tree):
    response = client.get("/api/hsds/services/", {"per_page": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "public" in response["Cache-Control"]
    body = response.json()
    assert {key: body[key] for key in body if key != "contents"} == {
        "total_items": 2,
        "total_pages": 2,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = client.get("/api/hsds/services/", {"per_page": 1, "page": 2}).json()
    assert (second["page_number"], second["first_page"], second["last_page"]) == (2, False, True)
    assert {body["contents"][0]["id"], second["contents"][0]["id"]} == {
        service["id"] for service in hsds_services()
    }


@needs_schemas
@api_urls
def test_api_contents_validate_in_both_list_forms_and_in_detail(client, tree):
    summary = client.get("/api/hsds/services/").json()["contents"]
    full = client.get("/api/hsds/services/", {"full": "true"}).json()["contents"]
    assert "phones" not in summary[0] and "phones" in full[0]
    for service in [*summary, *full]:
        assert_valid("service", service)
    detail = client.get(f"/api/hsds/services/{full[0]['id']}/")
    assert detail.status_code == 200
    assert detail.json() == full[0]


@api_urls
def test_api_page_past_the_end_is_empty(client, tree):
    body = client.get("/api/hsds/services/", {"page": 5}).json()
    assert (body["empty"], body["size"], body["contents"]) == (True, 0, [])


@api_urls
@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "1.5"},
        {"page": "9" * 5000},
        {"page": "١"},  # an Arabic-Indic digit, which int() would accept
        {"per_page": "100000"},
        {"per_page": str(MAX_PER_PAGE + 1)},
        {"per_page": "0"},
        {"full": "maybe"},
    ],
)
def test_api_bad_parameters_are_a_400_json_error(client, db, query):
    response = client.get("/api/hsds/services/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "bad_request"
    assert response.json()["message"]


@api_urls
def test_api_unknown_service_is_a_404_json_error(client, tree):
    for service_id in (str(uuid.uuid4()), "not-a-uuid"):
        response = client.get(f"/api/hsds/services/{service_id}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"] == "not_found"


@api_urls
def test_api_is_read_only(client, db):
    assert client.post("/api/hsds/services/").status_code == 405


@api_urls
@override_settings(PAGE_CACHE_ENABLED=True)
def test_api_builds_the_services_once_per_content_version(client, tree, topic):
    assert client.get("/api/hsds/services/").json()["total_items"] == 2
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/hsds/services/").json()["total_items"] == 2
    assert not any("portal_servicepage" in query["sql"] for query in queries.captured_queries)
    add_service(topic, title="Uusi palvelu", slug="uusi-palvelu")  # publishing bumps the version
    assert client.get("/api/hsds/services/").json()["total_items"] == 3
