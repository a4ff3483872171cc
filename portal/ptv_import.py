"""Imports PTV data (parsed by the pure `portal.ptv` package): general descriptions as
records, the county's own services and channels as pages.

A general description is a national template, not a service: it becomes a
`GeneralDescription`, which county services link and editors start services from. A v11
service becomes one Finnish ServicePage, with Swedish and English pages as its translations
where PTV has those texts, linked to the general description it is based on. Only the fields
in `ServicePage.PTV_MANAGED_FIELDS`, the classifications and the links to PTV channels are
written; editors' own fields (plain-language summary, review dates, their own channels, the
page's place in the tree) survive re-import. A record whose source hash is unchanged is not
touched, so a second run changes nothing.

Imports before general descriptions were records made a page of each one; such a page is
turned into a county service implementing its description, and unpublished (not deleted)
when the description is outside the county's remit or another service implements it.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from portal.models import (
    Classification,
    GeneralDescription,
    HomePage,
    ServiceChannel,
    ServiceChannelLink,
    ServiceHours,
    ServicePage,
)
from portal.models.channels import CHANNEL_MODELS_BY_TYPE
from portal.models.localized import LANGUAGE_CODES as LANGUAGES
from portal.ptv import ParseResult, PtvChannel, PtvService, ServiceHoursEntry
from portal.ptv.topics import topic_for_service
from portal.service_start import (
    UNPUBLISHED_DUPLICATE,
    UNPUBLISHED_OUTSIDE_REMIT,
    free_slug,
    general_description_services_withdraw,
    language_homes,
    service_page_unpublish_explained,
    topic_pages_ensure,
)
from portal.signals import general_description_changed

logger = logging.getLogger(__name__)

MIDNIGHT = time(0)


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    descriptions_created: int = 0
    descriptions_updated: int = 0
    descriptions_unchanged: int = 0
    legacy_pages_converted: int = 0
    services_withdrawn: int = 0  # live services of a description now outside the remit
    channels_created: int = 0
    channels_updated: int = 0
    channels_unchanged: int = 0


@transaction.atomic
def ptv_import(
    *, result: ParseResult, home_fi: HomePage, progress: Callable[[Iterable], Iterable] = iter
) -> ImportSummary:
    """Write everything in `result`, or nothing: any error rolls the whole import back."""
    summary = ImportSummary(rejected=list(result.rejected))
    homes = language_homes(home_fi)
    channels = {c.ptv_id: _channel_upsert(c, summary) for c in result.channels}
    topics: dict[str, dict[str, Page]] = {}
    records = list(progress(result.services))
    # Descriptions first: the services of the same import may be based on them.
    for record in records:
        if record.source_kind == "general_description":
            _description_upsert(record, result.version_ids.get(record.reference, ()), summary)
    descriptions_by_id = {
        ptv_id: description
        for description in GeneralDescription.objects.all()
        for ptv_id in description.ptv_ids
    }
    for record in records:
        if record.source_kind == "general_description":
            continue
        topic_key = _topic_key(record)
        if topic_key not in topics:
            topics[topic_key] = topic_pages_ensure(homes, topic_key)
        try:
            with transaction.atomic():
                outcome = _service_upsert(
                    record,
                    topics[topic_key],
                    channels,
                    descriptions_by_id.get(record.general_description_id),
                )
        except ValidationError as error:
            summary.rejected.append((record.reference, "; ".join(error.messages)))
            continue
        getattr(summary, outcome).append(record.reference)
    return summary


def _topic_key(record: PtvService) -> str:
    return topic_for_service(
        reference=record.reference,
        name_fi=record.names.get("fi", ""),
        service_classes=[
            c.labels.get("fi", "") for c in record.classifications if c.kind == "service_class"
        ],
    )


def _description_upsert(
    record: PtvService, version_ids: tuple[str, ...], summary: ImportSummary
) -> None:
    existing = GeneralDescription.objects.filter(reference=record.reference).first()
    if existing is not None and existing.source_hash == record.source_hash:
        summary.descriptions_unchanged += 1
        return
    fields = {
        "ptv_ids": sorted(set(version_ids) | {record.ptv_id} - {""}),
        "names": dict(record.names),
        "summaries": dict(record.summaries),
        "descriptions": dict(record.descriptions_html),
        "requirements": dict(record.requirements_html),
        "user_instructions": dict(record.user_instructions_html),
        "charge_type": record.charge_type,
        "charge_info": dict(record.charge_info),
        "laws": [{"names": dict(law.names), "urls": dict(law.urls)} for law in record.laws],
        "source_hash": record.source_hash,
        "imported_at": timezone.now(),
    }
    if existing is None:
        # The topic is PTV's guess only once: editors may move a description in or out.
        description = GeneralDescription.objects.create(
            reference=record.reference, topic_key=_topic_key(record), **fields
        )
        summary.descriptions_created += 1
    else:
        GeneralDescription.objects.filter(pk=existing.pk).update(**fields)
        description = GeneralDescription.objects.get(pk=existing.pk)
        summary.descriptions_updated += 1
    description.classifications.set([_classification_ensure(c) for c in record.classifications])
    summary.legacy_pages_converted += _legacy_pages_convert(description)
    summary.services_withdrawn += len(
        general_description_services_withdraw(description=description)
    )
    general_description_changed.send(sender=GeneralDescription, description=description)


def _legacy_pages_convert(description: GeneralDescription) -> int:
    """Pages an earlier import made of this description become services implementing it,
    with PTV's copies of its texts dropped so that the description's own are shown."""
    pages = list(ServicePage.objects.filter(ptv_reference=description.reference))
    for page in pages:
        page.ptv_reference = ""
        page.ptv_source_hash = ""
        page.general_description = description
        for name in ("description", "eligibility", "user_instructions", "charge_info"):
            setattr(page, name, "")
        page.charge_type = ""
        page.legal_basis = []
        duplicate = (
            ServicePage.objects.live()
            .filter(general_description=description, locale_id=page.locale_id)
            .exclude(pk=page.pk)
            .exists()
        )
        if page.live and (duplicate or not description.in_remit):
            # Unpublished first: a live page may not duplicate another (`ServicePage.clean`).
            service_page_unpublish_explained(
                page=page,
                action=UNPUBLISHED_DUPLICATE if duplicate else UNPUBLISHED_OUTSIDE_REMIT,
                data={
                    "description": {
                        "reference": description.reference,
                        "name": description.name_in("fi"),
                    }
                },
            )
            page.save_revision(log_action=True)
        else:
            revision = page.save_revision(log_action=True)
            if page.live:
                revision.publish()
    return len(pages)


def _service_upsert(
    service: PtvService, topic_pages, channels, based_on: GeneralDescription | None
) -> str:
    fi_page = ServicePage.objects.filter(
        ptv_reference=service.reference, locale__language_code="fi"
    ).first()
    if fi_page is not None and fi_page.ptv_source_hash == service.source_hash:
        if based_on is not None and fi_page.general_description_id != based_on.pk:
            # Its general description arrived in a later import than the service.
            ServicePage.objects.filter(translation_key=fi_page.translation_key).update(
                general_description=based_on
            )
        return "unchanged"
    outcome = "created" if fi_page is None else "updated"
    classifications = [_classification_ensure(c) for c in service.classifications]
    channel_ids = [channels[i].pk for i in service.channel_ids if i in channels]

    pages = {"fi": fi_page}
    for code in LANGUAGES:
        if code not in service.names or code not in topic_pages:
            continue
        page = pages.get("fi") if code == "fi" else None
        if code != "fi":
            page = pages["fi"].get_translation_or_none(topic_pages[code].locale)
        page = _page_write(
            page,
            service,
            code,
            topic_pages[code],
            translation_of=pages["fi"] if code != "fi" else None,
        )
        page.classifications.set(classifications)
        page.general_description = based_on
        _channel_links_set(page, channel_ids)
        page.save_revision().publish()
        pages[code] = page
    return outcome


def _page_write(page, service: PtvService, code: str, topic: Page, translation_of) -> ServicePage:
    fields = {
        "title": service.names[code],
        "summary": service.summaries.get(code, ""),
        "description": service.descriptions_html.get(code, ""),
        "eligibility": service.requirements_html.get(code, ""),
        "user_instructions": service.user_instructions_html.get(code, ""),
        "charge_type": service.charge_type,
        "charge_info": service.charge_info.get(code, ""),
        "languages": [lang for lang in service.languages if lang in LANGUAGES],
        "legal_basis": [
            (
                "law",
                {"name": law.name_in(code), "url": law.url_in(code)},
            )
            for law in service.laws
            if law.names
        ],
        "ptv_reference": service.reference,
        "ptv_modified": service.modified,
        "ptv_imported_at": timezone.now(),
        "ptv_source_hash": service.source_hash,
    }
    if page is None:
        page = ServicePage(
            slug=free_slug(topic, service.names[code], service.reference),
            locale=topic.locale,
            **fields,
        )
        if translation_of is not None:
            page.translation_key = translation_of.translation_key
        return topic.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def _channel_links_set(page: ServicePage, channel_ids: list[int]) -> None:
    """Links to PTV channels follow PTV; links an editor added to their own channels stay."""
    own_links = [link for link in page.channel_links.all() if not link.channel.ptv_id]
    ptv_links = [ServiceChannelLink(channel_id=pk) for pk in channel_ids]
    page.channel_links = ptv_links + own_links


def _classification_ensure(item) -> Classification:
    # General descriptions name their terms in Finnish only, v11 services in all three: a
    # language PTV leaves out keeps the name it has (from v11 or the demo county), so that a
    # Swedish page does not fall back to "Kansalaiset" after the next import.
    names = {f"name_{code}": label for code in LANGUAGES if (label := item.labels.get(code))}
    classification, created = Classification.objects.get_or_create(
        uri=item.uri, defaults={"kind": item.kind, "name_fi": item.uri, **names}
    )
    if not created and any(getattr(classification, k) != v for k, v in names.items()):
        Classification.objects.filter(pk=classification.pk).update(**names)
    return classification


def _channel_upsert(channel: PtvChannel, summary: ImportSummary) -> ServiceChannel:
    channel_class = CHANNEL_MODELS_BY_TYPE[channel.channel_type]
    existing = ServiceChannel.objects.filter(ptv_id=channel.ptv_id).first()
    if existing is not None and existing.ptv_source_hash == channel.source_hash:
        summary.channels_unchanged += 1
        return existing
    if existing is not None and existing.channel_type != channel.channel_type:
        existing.delete()  # PTV changed the channel's type: rebuild it as the new type
        existing = None
    fields = _channel_fields(channel)
    if existing is None:
        target = channel_class.objects.create(**fields)
        summary.channels_created += 1
    else:
        target = channel_class.objects.get(pk=existing.pk)
        for name, value in fields.items():
            setattr(target, name, value)
        target.save()
        target.hours.all().delete()
        summary.channels_updated += 1
    ServiceHours.objects.bulk_create(
        ServiceHours(channel_id=target.pk, sort_order=index, **row)
        for index, row in enumerate(_hours_rows(channel.hours))
    )
    return target


def _channel_fields(channel: PtvChannel) -> dict:
    fields = {
        "ptv_id": channel.ptv_id,
        "ptv_source_hash": channel.source_hash,
        "ptv_modified": channel.modified,
        "email": channel.emails[0] if channel.emails else "",
    }
    for code in LANGUAGES:
        fields[f"name_{code}"] = channel.names.get(code, "")[:255]
        fields[f"description_{code}"] = channel.descriptions.get(code, "")
    phone = channel.phone_numbers[0] if channel.phone_numbers else None
    if channel.channel_type == "phone":
        fields["phone_number"] = phone.number if phone else ""
        fields["charge_type"] = (phone.charge_type if phone else "") or "other"
        for code in LANGUAGES:
            fields[f"charge_info_{code}"] = (phone.charge_info.get(code, "") if phone else "")[:255]
    elif channel.channel_type == "location":
        address = next((a for a in channel.addresses if a.kind == "visiting"), None) or (
            channel.addresses[0] if channel.addresses else None
        )
        fields["phone_number"] = phone.number if phone else ""
        fields["postal_code"] = address.postal_code if address else ""
        fields["municipality_code"] = address.municipality_code if address else ""
        for code in LANGUAGES:
            street = address.street.get(code) or address.street.get("fi", "") if address else ""
            number = address.street_number if address else ""
            fields[f"street_{code}"] = f"{street} {number}".strip()[:255]
            fields[f"post_office_{code}"] = (
                address.post_office.get(code) or address.post_office.get("fi", "")
                if address
                else ""
            )
            fields[f"accessibility_{code}"] = channel.accessibility.get(code, "")
    else:
        for code in LANGUAGES:
            fields[f"url_{code}"] = channel.urls.get(code, "")[:500]
    return fields


def _hours_rows(entries: Iterable[ServiceHoursEntry]) -> list[dict]:
    """PTV service hours as our rows: one row per span. PTV over-midnight spans name the day
    they end on; ours name only the day they start on, so longer spans are split by day."""
    rows = []
    for entry in entries:
        base = {
            "kind": entry.kind,
            "valid_from": entry.valid_from,
            "valid_to": entry.valid_to,
            "closed": entry.closed,
            "always_open": entry.always_open,
            **{f"note_{code}": entry.notes.get(code, "")[:255] for code in LANGUAGES},
        }
        if not entry.spans or entry.closed or entry.always_open:
            rows.append(base)
            continue
        for day_from, day_to, opens, closes in entry.spans:
            if entry.kind == "over_midnight":
                rows.extend(
                    {**base, **span}
                    for span in _over_midnight_spans(day_from, day_to, opens, closes)
                )
            else:
                rows.append(
                    {
                        **base,
                        "day_from": day_from,
                        "day_to": day_to,
                        "opens": opens,
                        "closes": closes,
                    }
                )
    return rows


def _over_midnight_spans(day_from, day_to, opens, closes) -> list[dict]:
    end_day = (day_from + 1) % 7 if day_to is None else day_to
    nights = (end_day - day_from) % 7 or 7
    if nights == 1:
        return [{"day_from": day_from, "day_to": None, "opens": opens, "closes": closes}]
    spans = [{"day_from": day_from, "day_to": None, "opens": opens, "closes": MIDNIGHT}]
    whole_days = [(day_from + n) % 7 for n in range(1, nights)]
    spans.append(
        {"day_from": whole_days[0], "day_to": whole_days[-1], "opens": MIDNIGHT, "closes": MIDNIGHT}
    )
    spans.append({"day_from": end_day, "day_to": None, "opens": MIDNIGHT, "closes": closes})
    return spans
