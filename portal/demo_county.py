"""Loads the fictional demo county (`portal/demo_content/county.json`): topics, channels
with opening hours, about twenty services and the urgent-help page, in fi, sv and en.

Idempotent: topics and services are found by their Finnish slug, channels by their Finnish
name; what exists is left as it is (editors may have changed it in the demo)."""

import json
from datetime import date, time
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page

from portal.models import (
    Classification,
    ClassificationKind,
    GeneralDescription,
    HomePage,
    ServiceChannel,
    ServiceChannelLink,
    ServiceHours,
    ServicePage,
    SiteSettings,
    TopicPage,
    UrgentHelpPage,
)
from portal.models.channels import CHANNEL_MODELS_BY_TYPE
from portal.models.localized import LANGUAGE_CODES as LANGUAGES
from portal.page_trees import translated_pages_ensure

COUNTY_FILE = Path(__file__).resolve().parent / "demo_content" / "county.json"


def county_data(path: Path = COUNTY_FILE) -> dict:
    with path.open(encoding="utf-8") as county_file:
        return json.load(county_file)


@transaction.atomic
def demo_county_load(*, home_fi: HomePage, data: dict | None = None) -> dict[str, int]:
    """Create what is missing; return counts of topics, channels and services in the file."""
    data = data or county_data()
    homes = {"fi": home_fi} | {
        code: home_fi.get_translation(Locale.objects.get(language_code=code))
        for code in LANGUAGES[1:]
    }
    topics = {topic["key"]: _topic_ensure(homes, topic) for topic in data["topics"]}
    channels = {channel["key"]: _channel_ensure(channel) for channel in data["channels"]}
    # Which national description each service implements, when the PTV data is imported.
    descriptions = GeneralDescription.objects.in_bulk(
        [
            service["general_description"]
            for service in data["services"]
            if service.get("general_description")
        ],
        field_name="reference",
    )
    for service in data["services"]:
        _service_ensure(topics[service["topic"]], channels, service, descriptions)
    _urgent_help_ensure(homes, data["urgent_help"])
    _service_advice_line_ensure(
        home_fi, channels[data["county"].get("service_advice_channel", "advice-line")]
    )
    return {
        "topics": len(topics),
        "channels": len(channels),
        "services": len(data["services"]),
    }


def _topic_ensure(homes, topic) -> dict[str, Page]:
    return translated_pages_ensure(
        homes,
        TopicPage,
        topic["slug"],
        lambda code: {
            "title": topic["title"][code],
            "intro": topic["intro"][code],
            "topic_key": topic["key"],
        },
        # By key, so that topics the PTV import made (or an editor renamed) are reused.
        lookup=lambda code: {"topic_key": topic["key"]},
    )


def _service_advice_line_ensure(home_fi: HomePage, channel: ServiceChannel) -> None:
    """Services without channels of their own point residents to the service-advice line."""
    settings = SiteSettings.for_site(home_fi.get_site())
    if settings.service_advice_channel_id is None:
        settings.service_advice_channel = channel
        settings.save(update_fields=["service_advice_channel"])


def _service_ensure(topic_pages, channels, service, descriptions) -> dict[str, Page]:
    groups = [
        _classification_ensure(ClassificationKind.TARGET_GROUP, group)
        for group in service.get("target_groups", [])
    ]

    def fields(code):
        return {
            "title": service["title"][code],
            "summary": service["summary"][code],
            "description": service["description_html"][code],
            "eligibility": service["eligibility_html"][code],
            "user_instructions": service["user_instructions_html"][code],
            "charge_type": service["charge_type"],
            "charge_info": service["charge_info"][code],
            "languages": service["languages"],
            # Selkokieli in Finnish, lättläst svenska in Swedish; English pages have none.
            "selkokieli_summary": service["selkokieli_summary"].get(code, ""),
            "legal_basis": [
                ("law", {"name": law["name"][code], "url": law["url"]})
                for law in service.get("legal_basis", [])
            ],
            "last_reviewed": date(2026, 10, 1),
            "next_review": date(2027, 4, 1),
            "channel_links": [
                ServiceChannelLink(channel=channels[key]) for key in service["channels"]
            ],
            "classifications": groups,
            "general_description": descriptions.get(service.get("general_description", "")),
        }

    # The demo's own services, never a PTV page that happens to share a slug.
    return translated_pages_ensure(
        topic_pages,
        ServicePage,
        service["slug"],
        fields,
        lookup=lambda code: {
            "slug__in": [service["slug"][code], f"{service['slug'][code]}-2"],
            "ptv_reference": "",
        },
    )


def _classification_ensure(kind: str, group: dict) -> Classification:
    labels = {f"name_{code}": group["labels"].get(code, "") for code in LANGUAGES}
    classification, created = Classification.objects.get_or_create(
        uri=group["uri"], defaults={"kind": kind, **labels}
    )
    # PTV's general descriptions name a term in Finnish only; the county file's Swedish and
    # English names fill what is missing, and never replace a name that is there.
    missing = {
        name: label for name, label in labels.items() if label and not getattr(classification, name)
    }
    if not created and missing:
        Classification.objects.filter(pk=classification.pk).update(**missing)
    return classification


def _channel_ensure(channel: dict) -> ServiceChannel:
    channel_class = CHANNEL_MODELS_BY_TYPE[channel["type"]]
    existing = channel_class.objects.filter(name_fi=channel["name"]["fi"]).first()
    if existing is not None:
        return existing
    fields = {
        f"{name}_{code}": channel[name][code]
        for name in ("name", "description")
        for code in LANGUAGES
    }
    fields["email"] = channel.get("email", "")
    if channel["type"] == "phone":
        fields.update(phone_number=channel["phone_number"], charge_type=channel["charge_type"])
        fields.update({f"charge_info_{code}": channel["charge_info"][code] for code in LANGUAGES})
    elif channel["type"] == "location":
        fields["postal_code"] = channel.get("postal_code", "")
        fields["phone_number"] = channel.get("phone_number", "")
        for name in ("street", "post_office", "accessibility"):
            fields.update(
                {f"{name}_{code}": channel.get(name, {}).get(code, "") for code in LANGUAGES}
            )
    else:
        fields.update({f"url_{code}": channel["url"][code] for code in LANGUAGES})
    created = channel_class.objects.create(**fields)
    ServiceHours.objects.bulk_create(
        ServiceHours(channel=created, sort_order=index, **_hours_fields(row))
        for index, row in enumerate(channel.get("hours", []))
    )
    return created


def _hours_fields(row: dict) -> dict:
    def parse_time(value):
        return time.fromisoformat(value) if value else None

    def parse_date(value):
        return date.fromisoformat(value) if value else None

    return {
        "kind": row["kind"],
        "valid_from": parse_date(row.get("valid_from")),
        "valid_to": parse_date(row.get("valid_to")),
        "closed": row.get("closed", False),
        "always_open": row.get("always_open", False),
        "day_from": row.get("day_from"),
        "day_to": row.get("day_to"),
        "opens": parse_time(row.get("opens")),
        "closes": parse_time(row.get("closes")),
        **{f"note_{code}": row.get("note", {}).get(code, "") for code in LANGUAGES},
    }


def _urgent_help_ensure(homes, urgent) -> dict[str, Page]:
    slugs = {"fi": "kiireellinen-apu", "sv": "bradskande-hjalp", "en": "urgent-help"}
    return translated_pages_ensure(
        homes,
        UrgentHelpPage,
        slugs,
        lambda code: {
            "title": urgent["title"][code],
            "intro": urgent["intro"][code],
            "body": urgent["body_html"][code],
        },
    )
