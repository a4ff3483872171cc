"""Read Suomi.fi Palvelutietovaranto (PTV) service data into plain dataclasses.

Pure Python (standard library only); the Django import command builds on this module.

Accepted input (``read_source``) is a JSON file or a folder of them. A file holds any of:

* a list of PTV *general descriptions* (pohjakuvaukset) in the PTV import console format
  (PascalCase: ``Id``, ``ReferenceCode``, ``Name: [{Lang, Label}]`` …);
* one PTV open API v11 service (``serviceNames`` …) or service channel (``serviceChannelType``);
* a list of v11 services and/or channels;
* a v11 paged response ``{"pageNumber": …, "itemList": [...]}``.

Records are recognised by their keys, so kinds may be mixed freely.

Texts
    Every text is a ``Localized`` dict ``{"fi": …, "sv": …, "en": …}`` holding only languages with
    a non-empty text (whitespace stripped; ``""`` and ``null`` count as absent). Other PTV
    language codes (``se``, ``smn``, ``sms`` …) are ignored. When a language occurs twice in a
    list, the first non-empty text wins. ``*_html`` fields are safe HTML made by
    ``draftjs.draftjs_to_html`` (Draft.js or plain text); all other texts are plain text (Draft.js
    converted with ``draftjs_to_text``). Summaries are never truncated although PTV's rule is at
    most ``SUMMARY_MAX_LENGTH`` (150) characters: ``PtvService.summary_too_long`` lists the
    languages that break it, and the caller decides.

URLs
    Only ``http``, ``https``, ``mailto`` and ``tel`` URLs are kept (law links, channel web pages,
    accessibility statements, links inside rich text); others are dropped silently.

Versions
    The same service may occur several times: general descriptions have several versions per
    code (``ReferenceCode``, or ``Id`` when there is none), and a v11 service or channel may be in
    several files. Exactly one version per code (services) or id (channels) is kept, across all
    files; see ``version_rank`` for the rule.

Errors
    Invalid JSON or a record of the wrong shape raises ``PtvFormatError`` naming the file, the
    record (index and Id/ReferenceCode) and the field. Well-formed records that cannot be
    imported (no Finnish name) end up in ``ParseResult.rejected`` instead.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .draftjs import draftjs_to_html, draftjs_to_text, safe_url

__all__ = [
    "CHANNEL_TYPES",
    "CLASSIFICATION_KINDS",
    "LANGUAGES",
    "SUMMARY_MAX_LENGTH",
    "Address",
    "Classification",
    "LawLink",
    "Localized",
    "ParseResult",
    "PhoneNumber",
    "PtvChannel",
    "PtvFormatError",
    "PtvService",
    "ServiceHoursEntry",
    "parse_payloads",
    "pick_versions",
    "read_source",
    "source_hash",
    "version_rank",
]

LANGUAGES = ("fi", "sv", "en")
Localized = dict[str, str]
SUMMARY_MAX_LENGTH = 150

CLASSIFICATION_KINDS = ("target_group", "service_class", "ontology_term", "life_event", "area")
CHANNEL_TYPES = {
    "Phone": "phone",
    "ServiceLocation": "location",
    "EChannel": "eservice",
    "WebPage": "webpage",
    "PrintableForm": "printable_form",
}
# PTV charge types across API versions (v7: Free/Charged, v8+: FreeOfCharge/Chargeable).
_CHARGE_TYPES = {
    "free": "free",
    "freeofcharge": "free",
    "charged": "charged",
    "chargeable": "charged",
    "other": "other",
}
_SERVICE_TYPES = {
    "service": "service",
    "permissionandobligation": "permit_or_obligation",
    "permitorobligation": "permit_or_obligation",
    "professionalqualification": "professional_qualification",
    "professionalqualifications": "professional_qualification",
}
_AREA_TYPES = {
    "nationwide": "nationwide",
    "wholecountry": "nationwide",
    "nationwideexceptalandislands": "nationwide_except_aland",
    "wholecountryexceptalandislands": "nationwide_except_aland",
    "limitedtype": "limited",
    "areatype": "limited",
}
_HOUR_TYPES = {
    # v8+ names, then the v7 and older ones.
    "DaysOfTheWeek": "weekly",
    "Exceptional": "exception",
    "OverMidnight": "over_midnight",
    "Standard": "weekly",
    "Exception": "exception",
    "Special": "over_midnight",
}
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$")
try:
    _FINLAND = ZoneInfo("Europe/Helsinki")
except ZoneInfoNotFoundError:  # pragma: no cover - tzdata missing
    _FINLAND = UTC


# --------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Classification:
    """A finto/PTV classification of a service.

    ``kind`` is one of ``CLASSIFICATION_KINDS``. ``uri`` is the concept URI
    (``http://urn.fi/URN:NBN:fi:au:ptvl:v2001``, ``http://www.yso.fi/onto/koko/p6198`` …), the
    same style in general descriptions and v11 services. Areas have no URI in PTV, so theirs is
    ``"<area type>:<code>"`` in lower case, e.g. ``"municipality:491"``, ``"province:10"``.
    """

    kind: str
    uri: str
    labels: Localized


@dataclass(frozen=True)
class LawLink:
    names: Localized
    urls: Localized  # http(s) only

    def name_in(self, language: str) -> str:
        """The name in ``language``, else Finnish, else any; the address when PTV names none.

        A law link is never left without text: a link with no name is announced as nothing."""
        return _first_of(self.names, language) or self.url_in(language)

    def url_in(self, language: str) -> str:
        """The address in ``language``, else Finnish, else any, else ``""``."""
        return _first_of(self.urls, language)


def _first_of(texts: Localized, language: str) -> str:
    for code in (language, "fi", *LANGUAGES, *texts):
        if value := texts.get(code, "").strip():
            return value
    return ""


@dataclass(frozen=True)
class ServiceHoursEntry:
    """One PTV service-hours entry.

    ``spans`` are ``(day_from, day_to, opens, closes)`` with days 0 = Monday … 6 = Sunday;
    ``day_to`` is ``None`` for a single day (also when PTV repeats ``dayFrom`` there); it is set
    for day ranges (Monday–Friday) and over-midnight spans (Friday 22:00 → Saturday 04:00).
    ``"24:00"`` is read as ``time(0, 0)``. An exceptional entry whose opening hours name no day
    gets the weekday of ``valid_from``. Dates are Finnish calendar dates (timestamps with an
    offset are converted to Europe/Helsinki first).
    """

    kind: str  # "weekly" | "exception" | "over_midnight"
    valid_from: date | None
    valid_to: date | None
    closed: bool
    always_open: bool
    notes: Localized
    spans: tuple[tuple[int, int | None, time, time], ...]
    reservation: bool = False  # open by appointment only (PTV isReservation)


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number; PTV's per-language entries for the same number are merged into one."""

    number: str  # "+358 401234567", or the bare number for Finnish service numbers (0800 …)
    charge_type: str  # "free" | "charged" | "other" | ""
    charge_info: Localized
    languages: tuple[str, ...]  # languages of the PTV entries for this number (fi/sv/en)
    kind: str = "phone"  # "phone" | "sms" | "fax"
    additional_info: Localized = field(default_factory=dict)
    service_number: bool = False  # PTV isFinnishServiceNumber


@dataclass(frozen=True)
class Address:
    kind: str  # "visiting" | "postal" | "delivery"
    street: Localized
    street_number: str
    postal_code: str
    post_office: Localized
    municipality_code: str
    municipality: Localized
    post_office_box: Localized = field(default_factory=dict)
    additional_info: Localized = field(default_factory=dict)
    receiver: Localized = field(default_factory=dict)  # printable forms' delivery addresses
    country: str = ""  # ISO code, e.g. "FI", when PTV gives it


@dataclass(frozen=True)
class PtvChannel:
    """A v11 service channel.

    ``descriptions``/``summaries`` are plain text. ``urls`` is the channel's web page per
    language (for printable forms the form's own URL first, ``channelUrls``). ``accessibility``
    is plain text per language: for service locations the entrance accessibility sentences
    (a heading line per group, one line per sentence, groups separated by blank lines); for
    e-services and web pages the accessibility statement's name and URL.
    """

    ptv_id: str
    channel_type: str  # "phone" | "location" | "eservice" | "webpage" | "printable_form"
    names: Localized
    descriptions: Localized
    phone_numbers: tuple[PhoneNumber, ...]
    addresses: tuple[Address, ...]
    emails: tuple[str, ...]
    urls: Localized
    hours: tuple[ServiceHoursEntry, ...]
    accessibility: Localized
    modified: datetime | None  # timezone-aware (UTC when the source gives no offset)
    source_hash: str
    summaries: Localized = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    service_ids: tuple[str, ...] = ()
    organization_id: str = ""
    source: str = field(default="", compare=False)  # "<file name> record <index>"

    @property
    def key(self) -> str:
        """What versions are grouped by."""
        return self.ptv_id


@dataclass(frozen=True)
class PtvService:
    """A service: a PTV general description or a v11 service.

    ``reference`` is the general description's ``ReferenceCode`` (``Id`` when there is none) or
    the v11 service id. ``languages`` lists the languages the service is provided in, as the v11
    source says (every code given, lower case, not limited to ``LANGUAGES``); ``()`` for general
    descriptions. ``modified`` is timezone-aware, ``None`` for general descriptions.
    """

    reference: str
    ptv_id: str
    source_kind: str  # "general_description" | "service"
    names: Localized
    summaries: Localized
    descriptions_html: Localized
    user_instructions_html: Localized
    requirements_html: Localized
    charge_type: str  # "free" | "charged" | "other" | ""
    charge_info: Localized
    laws: tuple[LawLink, ...]
    classifications: tuple[Classification, ...]
    languages: tuple[str, ...]
    channel_ids: tuple[str, ...]
    modified: datetime | None
    source_hash: str
    # "service" | "permit_or_obligation" | "professional_qualification" | "other" | ""
    service_type: str = ""
    alternative_names: Localized = field(default_factory=dict)
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    general_description_id: str = ""  # v11: the general description the service is based on
    area_type: str = ""  # "nationwide" | "nationwide_except_aland" | "limited" | ""
    source: str = field(default="", compare=False)  # "<file name> record <index>"

    @property
    def key(self) -> str:
        """What versions are grouped by."""
        return self.reference

    @property
    def summary_too_long(self) -> tuple[str, ...]:
        """Languages whose summary is longer than PTV's 150-character limit."""
        return tuple(
            lang for lang, text in self.summaries.items() if len(text) > SUMMARY_MAX_LENGTH
        )


class PtvFormatError(ValueError):
    """Raised with a message that names the file and the record (index and Id/ReferenceCode)
    and what is wrong."""

    def __init__(
        self,
        message: str,
        *,
        path: str = "",
        record: str = "",
        detail: str = "",
    ) -> None:
        super().__init__(message)
        self.path = path
        self.record = record
        self.detail = detail


@dataclass
class ParseResult:
    services: list[PtvService] = field(default_factory=list)  # sorted by reference
    channels: list[PtvChannel] = field(default_factory=list)  # sorted by ptv_id
    # (record identifier, reason): reference for services, ptv_id for channels.
    rejected: list[tuple[str, str]] = field(default_factory=list)
    skipped_versions: int = 0  # versions dropped because another version of the code won
    # Every version's id per reference: a v11 service names its general description by the
    # id of whichever version it was based on.
    version_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Low-level helpers


class _RecordError(Exception):
    """A problem inside one record; ``where`` is the field path."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)


def source_hash(record: Any) -> str:
    """sha256 of a canonical JSON dump: key order does not matter, any value change does."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _list(value: Any, where: str) -> list:
    """A JSON list; ``null``/missing counts as empty."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise _RecordError(where, f"expected a list, got {_type_name(value)}")
    return value


def _obj(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise _RecordError(where, f"expected an object, got {_type_name(value)}")
    return value


def _opt_obj(value: Any, where: str) -> dict | None:
    return None if value is None else _obj(value, where)


def _opt_str(value: Any, where: str) -> str:
    """A string or null → stripped string (``""`` for null)."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # e.g. a postal code or number written as a JSON number
    if not isinstance(value, str):
        raise _RecordError(where, f"expected a string, got {_type_name(value)}")
    return value.strip()


def _req_str(value: Any, where: str) -> str:
    text = _opt_str(value, where)
    if not text:
        raise _RecordError(where, "missing or empty")
    return text


def _opt_bool(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _RecordError(where, f"expected true or false, got {_type_name(value)}")
    return value


def _lang(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _RecordError(where, "missing language code")
    return value.strip().lower()


def _entries(
    value: Any,
    where: str,
    *,
    lang_key: str = "language",
    value_key: str = "value",
    types: Iterable[str] | None = None,
) -> Localized:
    """A list of language entries → {lang: stripped raw text} (fi/sv/en only, first wins).

    ``types`` keeps only entries whose ``type`` is one of them (v11 typed lists).
    """
    wanted = {t.lower() for t in types} if types is not None else None
    result: Localized = {}
    for index, entry in enumerate(_list(value, where)):
        entry_where = f"{where}[{index}]"
        entry = _obj(entry, entry_where)
        if lang_key not in entry:
            raise _RecordError(entry_where, f"entry has no {lang_key!r}")
        lang = _lang(entry[lang_key], f"{entry_where}.{lang_key}")
        text = _opt_str(entry.get(value_key), f"{entry_where}.{value_key}")
        if wanted is not None:
            entry_type = _opt_str(entry.get("type"), f"{entry_where}.type")
            if entry_type.lower() not in wanted:
                continue
        if lang in LANGUAGES and text and lang not in result:
            result[lang] = text
    return result


def _convert(texts: Localized, converter: Callable[[str], str], where: str) -> Localized:
    result: Localized = {}
    for lang, text in texts.items():
        try:
            converted = converter(text).strip()
        except ValueError as exc:
            raise _RecordError(f"{where} ({lang})", str(exc)) from exc
        if converted:
            result[lang] = converted
    return result


def _plain(texts: Localized, where: str) -> Localized:
    return _convert(texts, draftjs_to_text, where)


def _html(texts: Localized, where: str) -> Localized:
    return _convert(texts, draftjs_to_html, where)


def _join_html(*parts: Localized) -> Localized:
    result: Localized = {}
    for lang in LANGUAGES:
        pieces = [part[lang] for part in parts if part.get(lang)]
        if pieces:
            result[lang] = "\n".join(pieces)
    return result


def _charge_type(value: Any, where: str) -> str:
    """PTV charge type → "free" | "charged" | "other" | "" (unknown values count as "other")."""
    text = _opt_str(value, where)
    if not text:
        return ""
    return _CHARGE_TYPES.get(text.lower(), "other")


def _service_type(value: Any, where: str) -> str:
    text = _opt_str(value, where)
    return _SERVICE_TYPES.get(text.lower(), "other") if text else ""


def _area_type(value: Any, where: str) -> str:
    text = _opt_str(value, where)
    return _AREA_TYPES.get(text.lower(), "other") if text else ""


def _parse_datetime(value: Any, where: str) -> datetime | None:
    text = _opt_str(value, where)
    if not text:
        return None
    # Python 3.11 reads "Z" and long fractions; .NET may write 7 fraction digits.
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise _RecordError(where, f"not an ISO 8601 date/time: {text!r}") from exc


def _modified(value: Any, where: str) -> datetime | None:
    moment = _parse_datetime(value, where)
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # PTV documents `modified` as UTC
    return moment


def _local_date(value: Any, where: str) -> date | None:
    moment = _parse_datetime(value, where)
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(_FINLAND)
    return moment.date()


def _ids(items: Any, where: str, key: str) -> tuple[str, ...]:
    """``[{key: {"id": …}}]`` → the ids, in order, without duplicates."""
    ids: list[str] = []
    for index, item in enumerate(_list(items, where)):
        item_where = f"{where}[{index}]"
        inner = _obj(_obj(item, item_where).get(key), f"{item_where}.{key}")
        ptv_id = _req_str(inner.get("id"), f"{item_where}.{key}.id")
        if ptv_id not in ids:
            ids.append(ptv_id)
    return tuple(ids)


def _unique(items: Iterable) -> tuple:
    return tuple(dict.fromkeys(items))


def _unique_classifications(items: Iterable[Classification]) -> tuple[Classification, ...]:
    """First occurrence of each (kind, uri)."""
    seen: dict[tuple[str, str], Classification] = {}
    for item in items:
        seen.setdefault((item.kind, item.uri), item)
    return tuple(seen.values())


# --------------------------------------------------------------------------------------------
# Services


def _gd_classifications(record: dict) -> list[Classification]:
    fields = (
        ("TargetGroup", "target_group"),
        ("ServiceClass", "service_class"),
        ("OntologyTerm", "ontology_term"),
        ("LifeEvent", "life_event"),
    )
    result = []
    for key, kind in fields:
        for index, item in enumerate(_list(record.get(key), key)):
            where = f"{key}[{index}]"
            item = _obj(item, where)
            uri = _req_str(item.get("Key"), f"{where}.Key")
            label = _opt_str(item.get("Value"), f"{where}.Value")
            result.append(Classification(kind, uri, {"fi": label} if label else {}))
    return result


def _gd_laws(record: dict) -> list[LawLink]:
    laws = []
    for index, item in enumerate(_list(record.get("Laws"), "Laws")):
        where = f"Laws[{index}]"
        item = _obj(item, where)
        names = _entries(item.get("Names"), f"{where}.Names", lang_key="Lang", value_key="Label")
        links = _entries(item.get("Links"), f"{where}.Links", lang_key="Lang", value_key="Label")
        urls = {lang: url for lang, text in links.items() if (url := safe_url(text))}
        if names or urls:
            laws.append(LawLink(names, urls))
    return laws


def _parse_general_description(record: dict, digest: str, source: str) -> PtvService:
    def text(key: str) -> Localized:
        return _entries(record.get(key), key, lang_key="Lang", value_key="Label")

    ptv_id = _req_str(record.get("Id"), "Id")
    reference = _opt_str(record.get("ReferenceCode"), "ReferenceCode") or ptv_id
    return PtvService(
        reference=reference,
        ptv_id=ptv_id,
        source_kind="general_description",
        names=_plain(text("Name"), "Name"),
        summaries=_plain(text("ShortDescription"), "ShortDescription"),
        descriptions_html=_join_html(
            _html(text("Description"), "Description"),
            _html(text("BackgroundDescription"), "BackgroundDescription"),
        ),
        user_instructions_html=_html(text("UserInstructions"), "UserInstructions"),
        requirements_html=_html(text("ServiceRestrictions"), "ServiceRestrictions"),
        charge_type=_charge_type(record.get("ChargeType"), "ChargeType"),
        charge_info=_plain(text("ChargeTypeAdditionalInfo"), "ChargeTypeAdditionalInfo"),
        laws=tuple(_gd_laws(record)),
        classifications=_unique_classifications(_gd_classifications(record)),
        languages=(),
        channel_ids=(),
        modified=None,
        source_hash=digest,
        service_type=_service_type(record.get("ServiceType"), "ServiceType"),
        source=source,
    )


def _finto_items(record: dict, key: str, kind: str) -> list[Classification]:
    result = []
    for index, item in enumerate(_list(record.get(key), key)):
        where = f"{key}[{index}]"
        item = _obj(item, where)
        uri = _opt_str(item.get("uri"), f"{where}.uri") or _opt_str(
            item.get("newUri"), f"{where}.newUri"
        )
        if not uri:
            raise _RecordError(f"{where}.uri", "missing or empty")
        result.append(Classification(kind, uri, _entries(item.get("name"), f"{where}.name")))
    return result


def _areas(record: dict) -> list[Classification]:
    result = []
    for index, item in enumerate(_list(record.get("areas"), "areas")):
        where = f"areas[{index}]"
        item = _obj(item, where)
        area_type = _req_str(item.get("type"), f"{where}.type").lower()
        code = _opt_str(item.get("code"), f"{where}.code")
        if code:
            labels = _entries(item.get("name"), f"{where}.name")
            result.append(Classification("area", f"{area_type}:{code}", labels))
        if area_type == "municipality" or not code:
            municipalities = _list(item.get("municipalities"), f"{where}.municipalities")
            for number, municipality in enumerate(municipalities):
                m_where = f"{where}.municipalities[{number}]"
                municipality = _obj(municipality, m_where)
                m_code = _req_str(municipality.get("code"), f"{m_where}.code")
                labels = _entries(municipality.get("name"), f"{m_where}.name")
                result.append(Classification("area", f"municipality:{m_code}", labels))
    return result


def _v11_laws(record: dict) -> list[LawLink]:
    laws = []
    for index, item in enumerate(_list(record.get("legislation"), "legislation")):
        where = f"legislation[{index}]"
        item = _obj(item, where)
        names = _entries(item.get("names"), f"{where}.names")
        links = _entries(item.get("webPages"), f"{where}.webPages", value_key="url")
        urls = {lang: url for lang, text in links.items() if (url := safe_url(text))}
        if names or urls:
            laws.append(LawLink(names, urls))
    return laws


def _keywords(record: dict) -> dict[str, tuple[str, ...]]:
    keywords: dict[str, list[str]] = {}
    for index, item in enumerate(_list(record.get("keywords"), "keywords")):
        where = f"keywords[{index}]"
        item = _obj(item, where)
        lang = _lang(item.get("language"), f"{where}.language")
        word = _opt_str(item.get("value"), f"{where}.value")
        if lang in LANGUAGES and word and word not in keywords.setdefault(lang, []):
            keywords[lang].append(word)
    return {lang: tuple(words) for lang, words in keywords.items() if words}


def _parse_v11_service(record: dict, digest: str, source: str) -> PtvService:
    ptv_id = _req_str(record.get("id"), "id")
    names_raw = record.get("serviceNames")
    descriptions = record.get("serviceDescriptions")

    def described(*types: str) -> Localized:
        return _entries(descriptions, "serviceDescriptions", types=types)

    classifications = [
        *_finto_items(record, "targetGroups", "target_group"),
        *_finto_items(record, "serviceClasses", "service_class"),
        *_finto_items(record, "ontologyTerms", "ontology_term"),
        *_finto_items(record, "lifeEvents", "life_event"),
        *_areas(record),
    ]
    languages = [
        _lang(lang, f"languages[{index}]")
        for index, lang in enumerate(_list(record.get("languages"), "languages"))
    ]
    return PtvService(
        reference=ptv_id,
        ptv_id=ptv_id,
        source_kind="service",
        names=_plain(_entries(names_raw, "serviceNames", types=("Name",)), "serviceNames"),
        summaries=_plain(described("Summary", "ShortDescription"), "serviceDescriptions"),
        descriptions_html=_join_html(
            _html(described("Description"), "serviceDescriptions"),
            _html(described("BackgroundDescription"), "serviceDescriptions"),
        ),
        user_instructions_html=_html(
            described("UserInstruction", "ServiceUserInstruction"), "serviceDescriptions"
        ),
        requirements_html=_html(
            _entries(record.get("requirements"), "requirements"), "requirements"
        ),
        charge_type=_charge_type(record.get("serviceChargeType"), "serviceChargeType"),
        charge_info=_plain(described("ChargeTypeAdditionalInfo"), "serviceDescriptions"),
        laws=tuple(_v11_laws(record)),
        classifications=_unique_classifications(classifications),
        languages=_unique(languages),
        channel_ids=_ids(record.get("serviceChannels"), "serviceChannels", "serviceChannel"),
        modified=_modified(record.get("modified"), "modified"),
        source_hash=digest,
        service_type=_service_type(record.get("type"), "type"),
        alternative_names=_plain(
            _entries(names_raw, "serviceNames", types=("AlternativeName", "AlternateName")),
            "serviceNames",
        ),
        keywords=_keywords(record),
        general_description_id=_opt_str(record.get("generalDescriptionId"), "generalDescriptionId"),
        area_type=_area_type(record.get("areaType"), "areaType"),
        source=source,
    )


# --------------------------------------------------------------------------------------------
# Channels


def _full_number(prefix: str, number: str, service_number: bool) -> str:
    if service_number or not prefix or number.startswith("+"):
        return number
    if prefix == "+358" and number.startswith("0"):
        number = number[1:]  # the trunk prefix is not dialled after +358
    return f"{prefix} {number}"


def _phone_numbers(record: dict, key: str) -> list[PhoneNumber]:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for index, item in enumerate(_list(record.get(key), key)):
        where = f"{key}[{index}]"
        item = _obj(item, where)
        number = _opt_str(item.get("number"), f"{where}.number")
        if not number:
            continue
        lang = _lang(item.get("language"), f"{where}.language") if item.get("language") else ""
        service_number = _opt_bool(
            item.get("isFinnishServiceNumber"), f"{where}.isFinnishServiceNumber"
        )
        prefix = _opt_str(item.get("prefixNumber"), f"{where}.prefixNumber")
        full = _full_number(prefix, number, service_number)
        kind = _opt_str(item.get("type"), f"{where}.type").lower()
        kind = kind if kind in ("sms", "fax") else "phone"
        charge_type = _charge_type(item.get("serviceChargeType"), f"{where}.serviceChargeType")
        charge_info = _opt_str(item.get("chargeDescription"), f"{where}.chargeDescription")
        info = _opt_str(item.get("additionalInformation"), f"{where}.additionalInformation")
        entry = merged.setdefault(
            (full, kind),
            {
                "charge_type": "",
                "charge_info": {},
                "info": {},
                "languages": [],
                "service_number": service_number,
            },
        )
        entry["charge_type"] = entry["charge_type"] or charge_type
        if lang in LANGUAGES:
            if lang not in entry["languages"]:
                entry["languages"].append(lang)
            if charge_info:
                entry["charge_info"].setdefault(lang, charge_info)
            if info:
                entry["info"].setdefault(lang, info)
    return [
        PhoneNumber(
            number=number,
            charge_type=entry["charge_type"],
            charge_info=entry["charge_info"],
            languages=tuple(entry["languages"]),
            kind=kind,
            additional_info=entry["info"],
            service_number=entry["service_number"],
        )
        for (number, kind), entry in merged.items()
    ]


def _municipality(value: Any, where: str) -> tuple[str, Localized]:
    municipality = _opt_obj(value, where)
    if municipality is None:
        return "", {}
    code = _opt_str(municipality.get("code"), f"{where}.code")
    return code, _entries(municipality.get("name"), f"{where}.name")


def _address(kind: str, item: dict, where: str) -> Address | None:
    street = _opt_obj(item.get("streetAddress"), f"{where}.streetAddress")
    box = _opt_obj(item.get("postOfficeBoxAddress"), f"{where}.postOfficeBoxAddress")
    other = _opt_obj(item.get("otherAddress"), f"{where}.otherAddress")
    abroad = _entries(item.get("locationAbroad"), f"{where}.locationAbroad")
    in_text = _entries(item.get("deliveryAddressInText"), f"{where}.deliveryAddressInText")
    receiver = _entries(item.get("receiver"), f"{where}.receiver")
    country = _opt_str(item.get("country"), f"{where}.country")
    # Street address, else post office box, else "other" (coordinates only); may be none.
    part, part_where = next(
        (
            (value, f"{where}.{name}")
            for value, name in (
                (street, "streetAddress"),
                (box, "postOfficeBoxAddress"),
                (other, "otherAddress"),
            )
            if value is not None
        ),
        ({}, where),
    )
    code, municipality = _municipality(part.get("municipality"), f"{part_where}.municipality")
    additional = _entries(part.get("additionalInformation"), f"{part_where}.additionalInformation")
    for extra in (abroad, in_text):
        for lang, text in extra.items():
            additional[lang] = f"{additional[lang]}\n{text}" if lang in additional else text
    address = Address(
        kind=kind,
        street=_entries(part.get("street"), f"{part_where}.street"),
        street_number=_opt_str(part.get("streetNumber"), f"{part_where}.streetNumber"),
        postal_code=_opt_str(part.get("postalCode"), f"{part_where}.postalCode"),
        post_office=_entries(part.get("postOffice"), f"{part_where}.postOffice"),
        municipality_code=code,
        municipality=municipality,
        post_office_box=_entries(part.get("postOfficeBox"), f"{part_where}.postOfficeBox"),
        additional_info=additional,
        receiver=receiver,
        country=country,
    )
    empty = not (
        address.street
        or address.postal_code
        or address.post_office_box
        or address.additional_info
        or address.receiver
    )
    return None if empty else address


def _addresses(record: dict) -> list[Address]:
    addresses = []
    for index, item in enumerate(_list(record.get("addresses"), "addresses")):
        where = f"addresses[{index}]"
        item = _obj(item, where)
        address_type = _opt_str(item.get("type"), f"{where}.type").lower()
        kind = "postal" if address_type == "postal" else "visiting"
        if (address := _address(kind, item, where)) is not None:
            addresses.append(address)
    deliveries = _list(record.get("deliveryAddresses"), "deliveryAddresses")
    if record.get("deliveryAddress") is not None:  # v8 and older: a single object
        deliveries = [*deliveries, record["deliveryAddress"]]
    for index, item in enumerate(deliveries):
        where = f"deliveryAddresses[{index}]"
        if (address := _address("delivery", _obj(item, where), where)) is not None:
            addresses.append(address)
    return addresses


def _emails(record: dict) -> tuple[str, ...]:
    emails = []
    for key in ("emails", "supportEmails"):
        for index, item in enumerate(_list(record.get(key), key)):
            where = f"{key}[{index}]"
            address = _opt_str(_obj(item, where).get("value"), f"{where}.value")
            if address:
                emails.append(address)
    return _unique(emails)


def _channel_urls(record: dict) -> Localized:
    urls: Localized = {}
    sources = (("channelUrls", "value"), ("webPages", "url"))
    for key, value_key in sources:
        for lang, text in _entries(record.get(key), key, value_key=value_key).items():
            if (url := safe_url(text)) and lang not in urls:
                urls[lang] = url
    return urls


def _opening_time(value: Any, where: str) -> time:
    text = _opt_str(value, where)
    match = _TIME.match(text)
    if not match:
        raise _RecordError(where, f"not a time of day: {text!r}")
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if (hours, minutes, seconds) == (24, 0, 0):
        return time(0, 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise _RecordError(where, f"not a time of day: {text!r}")
    return time(hours, minutes, seconds)


def _weekday(value: Any, where: str) -> int | None:
    text = _opt_str(value, where)
    if not text:
        return None
    if text.lower() not in _WEEKDAYS:
        raise _RecordError(where, f"unknown weekday {text!r}")
    return _WEEKDAYS[text.lower()]


def _service_hours(record: dict) -> list[ServiceHoursEntry]:
    entries = []
    for index, item in enumerate(_list(record.get("serviceHours"), "serviceHours")):
        where = f"serviceHours[{index}]"
        item = _obj(item, where)
        hour_type = _opt_str(item.get("serviceHourType"), f"{where}.serviceHourType")
        if hour_type not in _HOUR_TYPES:
            expected = ", ".join(_HOUR_TYPES)
            raise _RecordError(
                f"{where}.serviceHourType", f"unknown type {hour_type!r} (expected {expected})"
            )
        kind = _HOUR_TYPES[hour_type]
        valid_from = _local_date(item.get("validFrom"), f"{where}.validFrom")
        valid_to = _local_date(item.get("validTo"), f"{where}.validTo")
        spans = []
        for number, opening in enumerate(_list(item.get("openingHour"), f"{where}.openingHour")):
            o_where = f"{where}.openingHour[{number}]"
            opening = _obj(opening, o_where)
            day_from = _weekday(opening.get("dayFrom"), f"{o_where}.dayFrom")
            if day_from is None:
                if valid_from is None:
                    raise _RecordError(f"{o_where}.dayFrom", "missing (and no validFrom)")
                day_from = valid_from.weekday()
            day_to = _weekday(opening.get("dayTo"), f"{o_where}.dayTo")
            if day_to == day_from:
                day_to = None
            opens = _opening_time(opening.get("from"), f"{o_where}.from")
            closes = _opening_time(opening.get("to"), f"{o_where}.to")
            spans.append((day_from, day_to, opens, closes))
        entries.append(
            ServiceHoursEntry(
                kind=kind,
                valid_from=valid_from,
                valid_to=valid_to,
                closed=_opt_bool(item.get("isClosed"), f"{where}.isClosed"),
                always_open=_opt_bool(item.get("isAlwaysOpen"), f"{where}.isAlwaysOpen"),
                notes=_entries(item.get("additionalInformation"), f"{where}.additionalInformation"),
                spans=tuple(spans),
                reservation=_opt_bool(item.get("isReservation"), f"{where}.isReservation"),
            )
        )
    return entries


def _entrance_accessibility(record: dict) -> Localized:
    paragraphs: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for index, address in enumerate(_list(record.get("addresses"), "addresses")):
        a_where = f"addresses[{index}]"
        entrances = _list(_obj(address, a_where).get("entrances"), f"{a_where}.entrances")
        for number, entrance in enumerate(entrances):
            e_where = f"{a_where}.entrances[{number}]"
            entrance = _obj(entrance, e_where)
            name = _entries(entrance.get("name"), f"{e_where}.name")
            groups = _list(
                entrance.get("accessibilitySentences"), f"{e_where}.accessibilitySentences"
            )
            for lang in name:
                paragraphs[lang].append(name[lang])
            for g_number, group in enumerate(groups):
                g_where = f"{e_where}.accessibilitySentences[{g_number}]"
                group = _obj(group, g_where)
                heading = _entries(group.get("sentenceGroup"), f"{g_where}.sentenceGroup")
                sentences = [
                    _entries(
                        _obj(sentence, f"{g_where}.sentences[{s_number}]").get("sentence"),
                        f"{g_where}.sentences[{s_number}].sentence",
                    )
                    for s_number, sentence in enumerate(
                        _list(group.get("sentences"), f"{g_where}.sentences")
                    )
                ]
                for lang in LANGUAGES:
                    lines = [heading[lang]] if lang in heading else []
                    lines += [sentence[lang] for sentence in sentences if lang in sentence]
                    if lines:
                        paragraphs[lang].append("\n".join(lines))
    return {lang: "\n\n".join(texts) for lang, texts in paragraphs.items() if texts}


def _statement_accessibility(record: dict) -> Localized:
    result: Localized = {}
    key = "accessibilityClassification"
    for index, item in enumerate(_list(record.get(key), key)):
        where = f"{key}[{index}]"
        item = _obj(item, where)
        if not item.get("language"):
            continue
        lang = _lang(item.get("language"), f"{where}.language")
        name = _opt_str(
            item.get("accessibilityStatementWebPageName"),
            f"{where}.accessibilityStatementWebPageName",
        )
        url = safe_url(
            _opt_str(
                item.get("accessibilityStatementWebPage"), f"{where}.accessibilityStatementWebPage"
            )
        )
        text = "\n".join(part for part in (name, url) if part)
        if lang in LANGUAGES and text and lang not in result:
            result[lang] = text
    return result


def _parse_v11_channel(record: dict, digest: str, source: str) -> PtvChannel:
    ptv_id = _req_str(record.get("id"), "id")
    raw_type = _opt_str(record.get("serviceChannelType"), "serviceChannelType")
    if raw_type not in CHANNEL_TYPES:
        expected = ", ".join(CHANNEL_TYPES)
        raise _RecordError(
            "serviceChannelType", f"unknown channel type {raw_type!r} (expected {expected})"
        )
    descriptions = record.get("serviceChannelDescriptions")
    languages = [
        _lang(lang, f"languages[{index}]")
        for index, lang in enumerate(_list(record.get("languages"), "languages"))
    ]
    accessibility = _entrance_accessibility(record)
    for lang, text in _statement_accessibility(record).items():
        accessibility.setdefault(lang, text)
    return PtvChannel(
        ptv_id=ptv_id,
        channel_type=CHANNEL_TYPES[raw_type],
        names=_plain(
            _entries(record.get("serviceChannelNames"), "serviceChannelNames", types=("Name",)),
            "serviceChannelNames",
        ),
        descriptions=_plain(
            _entries(descriptions, "serviceChannelDescriptions", types=("Description",)),
            "serviceChannelDescriptions",
        ),
        phone_numbers=tuple(
            _phone_numbers(record, "phoneNumbers") + _phone_numbers(record, "supportPhones")
        ),
        addresses=tuple(_addresses(record)),
        emails=_emails(record),
        urls=_channel_urls(record),
        hours=tuple(_service_hours(record)),
        accessibility=accessibility,
        modified=_modified(record.get("modified"), "modified"),
        source_hash=digest,
        summaries=_plain(
            _entries(
                descriptions, "serviceChannelDescriptions", types=("Summary", "ShortDescription")
            ),
            "serviceChannelDescriptions",
        ),
        languages=_unique(languages),
        service_ids=_ids(record.get("services"), "services", "service"),
        organization_id=_opt_str(record.get("organizationId"), "organizationId"),
        source=source,
    )


# --------------------------------------------------------------------------------------------
# Records and files

_Parsed = PtvService | PtvChannel


def _record_label(record: Any) -> str:
    if not isinstance(record, dict):
        return ""
    parts = []
    for key in ("ReferenceCode", "Id", "id"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(f"{key} {value.strip()}")
    return ", ".join(parts)


def _parse_record(record: Any, source: str) -> _Parsed:
    if not isinstance(record, dict):
        raise _RecordError("", f"expected an object, got {_type_name(record)}")
    digest = source_hash(record)
    if "serviceChannelType" in record:
        return _parse_v11_channel(record, digest, source)
    if "serviceNames" in record:
        return _parse_v11_service(record, digest, source)
    if "Id" in record:
        return _parse_general_description(record, digest, source)
    raise _RecordError(
        "",
        "unrecognised record: expected a PTV general description (Id, ReferenceCode, Name …), "
        "a v11 service (serviceNames …) or a v11 service channel (serviceChannelType …)",
    )


def _parse_payload(payload: Any, name: str) -> list[_Parsed]:
    """Every record of one file's JSON; ``name`` names the file in messages."""
    if isinstance(payload, dict) and "itemList" in payload:
        records = payload["itemList"]
        if not isinstance(records, list):
            raise PtvFormatError(
                f"{name}: 'itemList' must be a list, got {_type_name(records)}", path=name
            )
        indexed: Sequence[tuple[int | None, Any]] = list(enumerate(records))
    elif isinstance(payload, list):
        indexed = list(enumerate(payload))
    elif isinstance(payload, dict):
        indexed = [(None, payload)]
    else:
        raise PtvFormatError(
            f"{name}: expected a JSON list or object, got {_type_name(payload)}", path=name
        )

    parsed = []
    for index, record in indexed:
        label = _record_label(record)
        position = "the record" if index is None else f"record {index}"
        record_name = f"{position} ({label})" if label else position
        source = name if index is None else f"{name} record {index}"
        try:
            parsed.append(_parse_record(record, source))
        except _RecordError as exc:
            raise PtvFormatError(
                f"{name}: {record_name}: {exc}", path=name, record=record_name, detail=str(exc)
            ) from exc
    return parsed


def version_rank(record: _Parsed) -> tuple:
    """Sort key of one version; of the versions sharing a code the greatest one is kept.

    In order: 1. has a Finnish name (an importable version beats a richer unimportable one);
    2. latest ``modified`` (versions without one rank lowest; general descriptions have none);
    3. most languages with a name; 4. most texts (non-empty field × language pairs);
    5. most text (characters of all texts, HTML tags not counted); 6. greatest ``ptv_id``;
    7. greatest ``source_hash``. The last two only make the choice deterministic and
    independent of file and record order.
    """
    if isinstance(record, PtvService):
        texts: list[Localized] = [
            record.names,
            record.alternative_names,
            record.summaries,
            record.descriptions_html,
            record.user_instructions_html,
            record.requirements_html,
            record.charge_info,
        ]
    else:
        texts = [
            record.names,
            record.summaries,
            record.descriptions,
            record.accessibility,
        ]
    filled = sum(len(localized) for localized in texts)
    size = sum(_visible_length(text) for localized in texts for text in localized.values())
    modified = record.modified
    return (
        "fi" in record.names,
        modified is not None,
        modified or datetime.min.replace(tzinfo=UTC),
        len(record.names),
        filled,
        size,
        record.ptv_id,
        record.source_hash,
    )


def _visible_length(text: str) -> int:
    return len(html.unescape(re.sub(r"<[^>]*>", "", text)))


_T = TypeVar("_T", PtvService, PtvChannel)


def pick_versions(records: Iterable[_T]) -> tuple[list[_T], int]:
    """One version per key (``reference`` for services, ``ptv_id`` for channels).

    Returns the kept versions sorted by key and how many versions were dropped. See
    ``version_rank`` for which version wins.
    """
    best: dict[str, _T] = {}
    skipped = 0
    for record in records:
        current = best.get(record.key)
        if current is None:
            best[record.key] = record
            continue
        skipped += 1
        if version_rank(record) > version_rank(current):
            best[record.key] = record
    return [best[key] for key in sorted(best)], skipped


def parse_payloads(payloads: Iterable[tuple[str, Any]]) -> ParseResult:
    """Parse already-loaded JSON documents, given as ``(name for messages, payload)`` pairs.

    Same as ``read_source`` without the file reading (e.g. for responses fetched from the API).
    """
    services: list[PtvService] = []
    channels: list[PtvChannel] = []
    for name, payload in payloads:
        for parsed in _parse_payload(payload, name):
            (services if isinstance(parsed, PtvService) else channels).append(parsed)
    picked_services, skipped_services = pick_versions(services)
    picked_channels, skipped_channels = pick_versions(channels)
    result = ParseResult(skipped_versions=skipped_services + skipped_channels)
    for service in services:
        ids = result.version_ids.get(service.reference, ())
        if service.ptv_id and service.ptv_id not in ids:
            result.version_ids[service.reference] = (*ids, service.ptv_id)
    for service in picked_services:
        if "fi" in service.names:
            result.services.append(service)
        else:
            result.rejected.append((service.reference, f"no Finnish name ({service.source})"))
    for channel in picked_channels:
        if "fi" in channel.names:
            result.channels.append(channel)
        else:
            result.rejected.append(
                (channel.ptv_id, f"service channel has no Finnish name ({channel.source})")
            )
    return result


def _load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PtvFormatError(f"{path}: not UTF-8 text ({exc})", path=str(path)) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PtvFormatError(
            f"{path}: invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            path=str(path),
            detail=exc.msg,
        ) from exc


def read_source(path: Path | str) -> ParseResult:
    """Read a PTV JSON file, or every ``*.json`` file directly inside a folder.

    A folder is read non-recursively, files in name order (hidden files, i.e. names starting
    with ".", are skipped); a folder without any ``*.json`` file raises ``PtvFormatError``
    rather than yielding an empty result. A path that does not exist raises
    ``FileNotFoundError``. One version per code is picked across all files (``pick_versions``);
    versions without a Finnish name are reported in ``rejected``.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file() and not p.name.startswith("."))
        if not files:
            raise PtvFormatError(f"{path}: the folder has no *.json files", path=str(path))
    elif path.is_file():
        files = [path]
    else:
        raise FileNotFoundError(f"{path}: no such file or folder")
    return parse_payloads((str(file), _load(file)) for file in files)
