"""Open Referral HSDS 3 export of the published service information.

`hsds_services()` returns one fully nested HSDS `service` object (the shape of the compiled
`service.json` schema) per service; `hsds_export()` writes them and the objects they share to
JSON files. Validation against the HSDS JSON schemas is done in the tests only: nothing here
needs `jsonschema` at runtime.

Which pages
    Live, public (no view restriction) ServicePages. The locales of one service share a Wagtail
    `translation_key`; each key gives ONE HSDS service, built from the Finnish page or, when
    there is no live public Finnish page, from the first live translation in LANGUAGES order.

URLs
    Page URLs and the organization's website start with `public_base_url()`: the setting
    PORTAL_PUBLIC_BASE_URL, or WAGTAILADMIN_BASE_URL when that is unset. Never the Wagtail
    Site's hostname (often "localhost", which the site answers to behind a proxy) nor a
    request's Host header: the export is cached and copied into other registries, so its links
    must be the address residents use.

Identifiers
    uuid5 over the fixed NAMESPACE, so ids survive re-exports and re-imports: "service:<key>",
    "organization:county", "location:<channel pk>", "phone:<channel pk>",
    "schedule:<hours row pk>", "taxonomy_term:<classification uri>", "taxonomy:<kind>", and for
    the per-service link objects "<type>:<translation key>:<channel pk / uri / code>".
    Channels are shared by services, so objects made from a channel (phones, locations and
    their schedules) carry no service_id: the same id then always denotes an identical object,
    wherever it is nested.

Texts
    Names, descriptions and notes are the Finnish texts (falling back as
    `LocalizedMixin.localized` does); HTML is reduced to plain text with paragraph breaks.
    Sentences generated here (schedule descriptions, charge labels) are translatable strings
    rendered in EXPORT_LANGUAGE.

Mapping
    - organization: the county, one object; name = the default Site's site_name (or
      WAGTAIL_SITE_NAME), description = the intro of the site's home page, website = the
      public base URL.
    - service: title → name; summary + description → description; eligibility →
      eligibility_description; user_instructions → application_process; charge_type +
      charge_info → fees_description; last_reviewed → assured_date; last_published_at →
      last_modified; email = first channel e-mail in editor order; status "active".
    - languages: the page's language codes (ISO 639-1) with the language's Finnish name.
    - classifications (target groups, service classes, ontology terms, life events, areas) →
      attributes (link_type = the kind) each nesting a taxonomy_term with code = the URI, name =
      the Finnish name, term_uri when the URI is an http(s) URL, and a taxonomy_detail per kind.
      Area classifications are also given as service_areas.
    - PhoneChannel → service.phones (type "voice"; name, description and call price in
      description). Its opening hours become service.schedules with attending_type naming the
      phone, because HSDS phones cannot have schedules.
    - LocationChannel → service_at_location with a "physical" location: name, description,
      address (address_1 = street, city = post office, postal_code, country "FI",
      state_province = settings.HSDS_STATE_PROVINCE or "" because Finnish addresses have none
      but the schema requires it; left out when there is no street), accessibility, its phone
      number and its opening hours as location.schedules.
    - EServiceChannel and WebPageChannel with an address → service_at_location with a "virtual"
      location (url, name, description, schedules). PrintableFormChannels are documents, not
      places to get the service, and are not exported.

Schedules (one HSDS schedule per ServiceHours row; see portal.opening_hours for the rows)
    - Every schedule is an RFC 5545 style rule: freq WEEKLY, wkst MO, byday the weekdays the
      row applies to (a wrapped range Sat..Tue gives MO,TU,SA,SU; no weekday = all seven).
    - opens_at/closes_at are "HH:MM" wall-clock times in Europe/Helsinki WITHOUT an offset and
      `timezone` is not set: the offset changes with daylight saving, so any fixed offset would
      be wrong for half the year. Schedules with times say so in their description.
    - weekly / over_midnight span: byday = the days a span STARTS on; closes_at <= opens_at
      means it closes the next day (also said in description). valid_from/valid_to (and
      dtstart/until) when the row has them; a missing bound is open-ended.
    - always_open: opens_at 00:00, closes_at 23:59, byday all (or the row's days), described.
    - closed (weekly or exception): no opens_at/closes_at; description says closed. A closed
      weekly row means closed on those days within its validity.
    - exception: valid_from = dtstart = the first date, valid_to = until = the last date (a
      one-day exception has valid_to = valid_from); byday = the row's weekdays or all seven, so
      the rule expands to exactly the dates the exception covers. Its description says it
      replaces the regular hours on those dates (HSDS has no precedence between schedules).
    - The row's Finnish note goes to `notes`. Rows opening_hours.validate_row rejects are
      skipped and logged, as on the public pages.

Files written by hsds_export (UTF-8 JSON, each replaced atomically)
    services.json        list of fully nested services (as hsds_services returns them)
    organizations.json   list with the county organization
    locations.json       list of the distinct locations nested in the services
    taxonomy_terms.json  list of the distinct taxonomy terms used by the services
"""

import json
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.models import (
    ChargeType,
    ClassificationKind,
    EServiceChannel,
    HomePage,
    LocationChannel,
    PhoneChannel,
    ServiceChannel,
    ServiceChannelLink,
    ServiceHours,
    ServicePage,
    WebPageChannel,
)
from portal.models.channels import CHANNEL_SUBTYPE_RELATIONS
from portal.opening_hours import HoursKind, HoursRow, validate_row

logger = logging.getLogger(__name__)

# Never change: every exported id is derived from it.
NAMESPACE = uuid.UUID("6f1d3f0e-5b7a-4c39-9d0a-2f4e8b7c1a55")
EXPORT_LANGUAGE = "fi"
COUNTRY = "FI"
BYDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ALL_DAYS = tuple(range(7))
ALWAYS_OPEN_FROM, ALWAYS_OPEN_TO = time(0, 0), time(23, 59)
EXPORT_FILES = ("services", "organizations", "locations", "taxonomy_terms")


def hsds_id(kind: str, key: object) -> str:
    """The stable id of an exported object, e.g. hsds_id("location", channel.pk)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


# --------------------------------------------------------------------------------------------
# Selectors


def public_base_url() -> str:
    """The public site's address without a trailing slash, e.g.
    "https://palveluneuvonta.example.fi": PORTAL_PUBLIC_BASE_URL, or WAGTAILADMIN_BASE_URL
    where that is unset. Raises ImproperlyConfigured unless it is an absolute http(s) URL."""
    value = getattr(settings, "PORTAL_PUBLIC_BASE_URL", None) or settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "PORTAL_PUBLIC_BASE_URL (or WAGTAILADMIN_BASE_URL) must be an absolute http(s) "
            "address such as https://palveluneuvonta.example.fi."
        )
    return value.rstrip("/")


def hsds_services(*, base_url: str | None = None) -> list[dict]:
    """One fully nested HSDS service per translation_key of the live, public ServicePages,
    sorted by name. Page URLs use `base_url` instead of `public_base_url()` when given.
    A fixed number of queries however many services there are."""
    return _build(base_url=base_url)[1]


def hsds_export(*, target_dir: Path, base_url: str | None = None) -> dict[str, int]:
    """Write the HSDS files (see the module docstring) into `target_dir`, creating it.
    Returns the number of objects per file stem. Raises OSError when it cannot write."""
    organization, services = _build(base_url=base_url)
    documents = {
        "services": services,
        "organizations": [organization],
        "locations": _distinct(
            sal["location"] for service in services for sal in service["service_at_locations"]
        ),
        "taxonomy_terms": _distinct(
            attribute["taxonomy_term"]
            for service in services
            for attribute in service["attributes"]
        ),
    }
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    for stem, objects in documents.items():
        _write_json_atomically(target_dir / f"{stem}.json", objects)
    return {stem: len(objects) for stem, objects in documents.items()}


def hsds_service_summary(service: dict) -> dict:
    """The service without its one-to-many parts, as HSDS lists services by default
    (compiled service_list.json): the scalar fields and the organization's scalar fields."""
    summary = {key: value for key, value in service.items() if not isinstance(value, list | dict)}
    if "organization" in service:
        summary["organization"] = {
            key: value
            for key, value in service["organization"].items()
            if not isinstance(value, list | dict)
        }
    return summary


def _build(*, base_url: str | None) -> tuple[dict, list[dict]]:
    base_url = (base_url or public_base_url()).rstrip("/")
    with translation.override(EXPORT_LANGUAGE):
        organization = _organization(base_url=base_url)
        site_root_paths = _SiteRootPathCache()
        services = [
            service_to_hsds(
                page,
                organization=organization,
                url=_page_url(page, base_url=base_url, cache=site_root_paths),
            )
            for page in _service_pages()
        ]
    services.sort(key=lambda service: (service["name"].casefold(), service["id"]))
    return organization, services


def _service_pages() -> list[ServicePage]:
    """The page each translation_key is exported from, with everything the mapping reads."""
    candidates = (
        ServicePage.objects.live()
        .public()
        .values_list("pk", "translation_key", "locale__language_code")
    )
    preference = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    preference[EXPORT_LANGUAGE] = -1
    chosen: dict[uuid.UUID, tuple[tuple[int, int], int]] = {}
    for pk, key, language in candidates:
        rank = (preference.get(language, len(preference)), pk)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, pk)
    links = (
        ServiceChannelLink.objects.select_related(
            "channel", *(f"channel__{subtype}" for subtype in CHANNEL_SUBTYPE_RELATIONS)
        )
        .order_by("sort_order", "pk")
        .prefetch_related(
            Prefetch("channel__hours", queryset=ServiceHours.objects.order_by("sort_order", "pk"))
        )
    )
    return list(
        ServicePage.objects.filter(pk__in=[pk for _rank, pk in chosen.values()]).prefetch_related(
            "classifications", Prefetch("channel_links", queryset=links)
        )
    )


def _organization(*, base_url: str) -> dict:
    site = Site.objects.filter(is_default_site=True).first()
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    intro = ""
    if site is not None:
        home = HomePage.objects.filter(pk=site.root_page_id).values_list("intro", flat=True)
        intro = home.first() or ""
    return _compact(
        {
            "id": hsds_id("organization", "county"),
            "name": name,
            "description": plain_text(intro) or name,
            "website": f"{base_url}/",
        }
    )


class _SiteRootPathCache:
    """Lets Page.get_url_parts cache the site root paths once for all pages."""


def _page_url(page: ServicePage, *, base_url: str, cache: _SiteRootPathCache) -> str:
    parts = page.get_url_parts(request=cache)
    if parts is None or parts[2] is None:
        return ""
    _site_id, _site_root_url, page_path = parts
    return f"{base_url}{page_path}"


# --------------------------------------------------------------------------------------------
# Mapping (no queries: everything is prefetched by _service_pages)


def service_to_hsds(page: ServicePage, *, organization: dict, url: str = "") -> dict:
    """The compiled HSDS service object of one page. Call inside translation.override."""
    service_id = hsds_id("service", page.translation_key)
    key = page.translation_key
    channels = [link.channel for link in page.channel_links.all()]
    classifications = list(page.classifications.all())
    phones, schedules, service_at_locations = [], [], []
    for channel in channels:
        specific = channel.specific
        hours = list(channel.hours.all())
        if isinstance(specific, PhoneChannel):
            phones.append(_phone(channel, specific))
            attending = _("By phone: %(name)s, %(number)s") % {
                "name": channel.localized("name", EXPORT_LANGUAGE),
                "number": specific.phone_number,
            }
            schedules.extend(schedules_to_hsds(hours, attending_type=attending))
        elif (location := _location(channel, specific, hours, organization["id"])) is not None:
            service_at_locations.append(
                {
                    "id": hsds_id("service_at_location", f"{key}:{channel.pk}"),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                }
            )
    return _compact(
        {
            "id": service_id,
            "organization_id": organization["id"],
            "name": page.title,
            "description": _join_paragraphs(page.summary, plain_text(page.description)),
            "url": url,
            "email": next((channel.email for channel in channels if _is_email(channel.email)), ""),
            "status": "active",
            "application_process": plain_text(page.user_instructions),
            "fees_description": _fees_description(page.charge_type, page.charge_info),
            "eligibility_description": plain_text(page.eligibility),
            "assured_date": page.last_reviewed.isoformat() if page.last_reviewed else None,
            "last_modified": _timestamp(page.last_published_at),
            "phones": phones,
            "schedules": schedules,
            "service_areas": [
                _service_area(service_id, key, item)
                for item in classifications
                if item.kind == ClassificationKind.AREA
            ],
            "service_at_locations": service_at_locations,
            "languages": [_language(service_id, key, code) for code in page.languages or []],
            "organization": organization,
            "attributes": [_attribute(service_id, key, item) for item in classifications],
        }
    )


def schedules_to_hsds(
    hours: Iterable[ServiceHours], *, location_id: str | None = None, attending_type: str = ""
) -> list[dict]:
    schedules = []
    for hours_row in hours:
        row = hours_row.as_hours_row(EXPORT_LANGUAGE)
        try:
            validate_row(row)
        except ValueError:
            # Imported rows skip the admin form's validation; one bad row must not stop the
            # export, and the public page leaves it out the same way.
            logger.warning("Invalid opening hours row %s not exported", hours_row.pk, exc_info=True)
            continue
        schedule = schedule_to_hsds(row, schedule_id=hsds_id("schedule", hours_row.pk))
        schedule.update(_compact({"location_id": location_id, "attending_type": attending_type}))
        schedules.append(schedule)
    return schedules


def schedule_to_hsds(row: HoursRow, *, schedule_id: str) -> dict:
    """One opening-hours row as an HSDS schedule (mapping in the module docstring).
    Call inside translation.override; `row` must pass validate_row."""
    sentences = []
    valid_from, valid_to = row.valid_from, row.valid_to
    if row.kind == HoursKind.EXCEPTION:
        valid_to = valid_to or valid_from
        sentences.append(_("Exception: on these dates it replaces the regular opening hours."))
    opens = closes = None
    if row.closed:
        sentences.append(_("Closed."))
    elif row.always_open:
        opens, closes = ALWAYS_OPEN_FROM, ALWAYS_OPEN_TO
        sentences.append(_("Open 24 hours."))
    else:
        opens, closes = row.opens, row.closes
        if closes <= opens:
            sentences.append(_("Opens on the days listed and closes the following day."))
    if opens is not None:
        sentences.append(_("Times are local time in Finland (Europe/Helsinki)."))
    return _compact(
        {
            "id": schedule_id,
            "valid_from": _iso_date(valid_from),
            "valid_to": _iso_date(valid_to),
            "dtstart": _iso_date(valid_from),
            "until": _iso_date(valid_to),
            "wkst": "MO",
            "freq": "WEEKLY",
            "byday": byday(row.day_from, row.day_to),
            "opens_at": opens.strftime("%H:%M") if opens is not None else None,
            "closes_at": closes.strftime("%H:%M") if closes is not None else None,
            "description": " ".join(sentences),
            "notes": row.note.strip(),
        }
    )


def byday(day_from: int | None, day_to: int | None) -> str:
    """RRULE BYDAY of a weekday range (0=Mon … 6=Sun), Monday first: (0, 4) → "MO,TU,WE,TH,FR",
    (5, 1) → "MO,TU,SA,SU", (4, None) → "FR", (None, None) → all seven."""
    if day_from is None:
        days = ALL_DAYS
    else:
        last = day_from if day_to is None else day_to
        days = sorted((day_from + offset) % 7 for offset in range((last - day_from) % 7 + 1))
    return ",".join(BYDAY_CODES[day] for day in days)


def _phone(channel: ServiceChannel, phone) -> dict:
    charge = _fees_description(phone.charge_type, phone.localized("charge_info", EXPORT_LANGUAGE))
    return _compact(
        {
            "id": hsds_id("phone", channel.pk),
            "number": phone.phone_number,
            "type": "voice",
            "description": _join_paragraphs(
                channel.localized("name", EXPORT_LANGUAGE),
                plain_text(channel.localized("description", EXPORT_LANGUAGE)),
                charge,
            ),
        }
    )


def _location(
    channel: ServiceChannel, specific, hours: list[ServiceHours], organization_id: str
) -> dict | None:
    """A physical location of a LocationChannel, a virtual one of an e-service or web page
    with an address, else None."""
    location_id = hsds_id("location", channel.pk)
    common = {
        "id": location_id,
        "organization_id": organization_id,
        "name": channel.localized("name", EXPORT_LANGUAGE),
        "description": plain_text(channel.localized("description", EXPORT_LANGUAGE)),
        "external_identifier": channel.ptv_id,
        "external_identifier_type": "PTV" if channel.ptv_id else "",
    }
    if isinstance(specific, LocationChannel):
        street = specific.localized("street", EXPORT_LANGUAGE)
        accessibility = plain_text(specific.localized("accessibility", EXPORT_LANGUAGE))
        return _compact(
            {
                **common,
                "location_type": "physical",
                "addresses": [_address(location_id, channel.pk, street, specific)]
                if street
                else [],
                "accessibility": [
                    {
                        "id": hsds_id("accessibility", channel.pk),
                        "location_id": location_id,
                        "description": accessibility,
                    }
                ]
                if accessibility
                else [],
                "phones": [
                    {
                        "id": hsds_id("location_phone", channel.pk),
                        "location_id": location_id,
                        "number": specific.phone_number,
                        "type": "voice",
                    }
                ]
                if specific.phone_number
                else [],
                "schedules": schedules_to_hsds(hours, location_id=location_id),
            }
        )
    if isinstance(specific, EServiceChannel | WebPageChannel):
        url = specific.localized("url", EXPORT_LANGUAGE)
        if not _is_web_address(url):
            return None
        return _compact(
            {
                **common,
                "location_type": "virtual",
                "url": url,
                "schedules": schedules_to_hsds(hours, location_id=location_id),
            }
        )
    return None


def _address(location_id: str, channel_pk: int, street: str, location) -> dict:
    return {
        "id": hsds_id("address", channel_pk),
        "location_id": location_id,
        "address_1": street,
        "city": location.localized("post_office", EXPORT_LANGUAGE),
        "state_province": getattr(settings, "HSDS_STATE_PROVINCE", ""),
        "postal_code": location.postal_code,
        "country": COUNTRY,
        "address_type": "physical",
    }


def _language(service_id: str, key: uuid.UUID, code: str) -> dict:
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        name = ""
    return _compact(
        {
            "id": hsds_id("language", f"{key}:{code}"),
            "service_id": service_id,
            "name": name,
            "code": code,
        }
    )


def _taxonomy_term(classification) -> dict:
    try:
        kind_label = str(ClassificationKind(classification.kind).label)
    except ValueError:
        kind_label = classification.kind
    name = classification.localized("name", EXPORT_LANGUAGE) or classification.uri
    uri = classification.uri
    return _compact(
        {
            "id": hsds_id("taxonomy_term", uri),
            "code": uri,
            "name": name,
            "description": f"{kind_label}: {name}",
            "taxonomy": kind_label,
            "taxonomy_id": hsds_id("taxonomy", classification.kind),
            "taxonomy_detail": {
                "id": hsds_id("taxonomy", classification.kind),
                "name": kind_label,
                "description": _("%(kind)s, a vocabulary of the Finnish Service Catalogue (PTV)")
                % {"kind": kind_label},
            },
            "language": EXPORT_LANGUAGE,
            "term_uri": uri if uri.startswith(("http://", "https://")) else None,
        }
    )


def _attribute(service_id: str, key: uuid.UUID, classification) -> dict:
    term = _taxonomy_term(classification)
    return {
        "id": hsds_id("attribute", f"{key}:{classification.uri}"),
        "link_id": service_id,
        "taxonomy_term_id": term["id"],
        "link_type": classification.kind,
        "link_entity": "service",
        "taxonomy_term": term,
    }


def _service_area(service_id: str, key: uuid.UUID, classification) -> dict:
    return _compact(
        {
            "id": hsds_id("service_area", f"{key}:{classification.uri}"),
            "service_id": service_id,
            "name": classification.localized("name", EXPORT_LANGUAGE) or classification.uri,
            "uri": classification.uri,
        }
    )


def _fees_description(charge_type: str, charge_info: str) -> str:
    # "Other" says nothing by itself; the free text explains it.
    label = (
        str(ChargeType(charge_type).label)
        if charge_type in (ChargeType.FREE, ChargeType.CHARGED)
        else ""
    )
    return _join_paragraphs(f"{label}." if label else "", plain_text(charge_info))


# --------------------------------------------------------------------------------------------
# Helpers


class _TextExtractor(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr"}
    )
    _SKIPPED = frozenset({"script", "style"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def plain_text(html: str | None) -> str:
    """Rich text as plain text: tags dropped, entities decoded, paragraphs kept apart by a
    blank line and list items on lines of their own."""
    if not html:
        return ""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _is_email(value: str) -> bool:
    # Imported channels bypass the admin form, and one malformed address would make the whole
    # service invalid HSDS.
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _join_paragraphs(*texts: str) -> str:
    return "\n\n".join(text.strip() for text in texts if text and text.strip())


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _compact(obj: dict) -> dict:
    """Drop unset optional fields: the schema's formats (email, uri …) reject empty strings.
    Lists stay, empty or not, so every service has the same shape."""
    return {key: value for key, value in obj.items() if value is not None and value != ""}


def _distinct(objects: Iterable[dict]) -> list[dict]:
    by_id: dict[str, dict] = {}
    for obj in objects:
        by_id.setdefault(obj["id"], obj)
    return list(by_id.values())


def _write_json_atomically(path: Path, data) -> None:
    # A reader (a web server, a harvester) never sees a half-written file.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", text=True)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
