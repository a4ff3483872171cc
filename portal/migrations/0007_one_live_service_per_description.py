"""One live service per general description and language, for databases upgraded from
before general descriptions were records.

Such a database may have, beside the county's own service, a page an earlier PTV import
made of the description itself: `import_ptv` turned it into a service implementing the
description (clearing its PTV reference, keeping `ptv_imported_at`) and left it live.
Residents then find the service twice. Of each set of live services implementing one
description in one locale this keeps the county's own (no PTV reference and never
imported), else a PTV service of the county's, else the most recently edited, and
unpublishes the others with a history entry that says why. Running it again finds nothing
to do. Search keeps the unpublished pages until `manage.py search_rebuild`."""

import logging
from collections import defaultdict

from django.db import migrations
from django.utils import timezone

logger = logging.getLogger("portal.migrations")

UNPUBLISHED_DUPLICATE = "portal.unpublish.duplicate"  # as `portal.service_start`


def _keep_order(page):
    """Sort key: the page to keep first."""
    own = not page.ptv_reference and page.ptv_imported_at is None
    legacy = page.ptv_imported_at is not None and (
        not page.ptv_reference or page.ptv_reference == page.general_description.reference
    )
    edited = page.latest_revision_created_at or page.last_published_at
    return (not own, legacy, -(edited.timestamp() if edited else 0), -page.pk)


def duplicate_services_unpublish(apps, schema_editor):
    ServicePage = apps.get_model("portal", "ServicePage")
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")

    groups = defaultdict(list)
    live = ServicePage.objects.filter(live=True, general_description__isnull=False)
    for page in live.select_related("general_description").order_by("pk"):
        groups[(page.general_description_id, page.locale_id)].append(page)
    unpublished = 0
    content_type = None
    for pages in groups.values():
        if len(pages) < 2:
            continue
        kept, *others = sorted(pages, key=_keep_order)
        description = kept.general_description
        content_type = content_type or ContentType.objects.get_for_model(ServicePage)
        for page in others:
            ServicePage.objects.filter(pk=page.pk).update(
                live=False, has_unpublished_changes=True, live_revision=None
            )
            PageLogEntry.objects.create(
                content_type=content_type,
                page_id=page.pk,
                label=page.title,
                action=UNPUBLISHED_DUPLICATE,
                data={
                    "description": {
                        "reference": description.reference,
                        "name": description.names.get("fi", description.reference),
                    },
                    "kept": {"id": kept.pk, "title": kept.title},
                },
                timestamp=timezone.now(),
            )
            logger.warning(
                "Unpublished service page %s (%s): page %s implements general description "
                "%s in the same language",
                page.pk,
                page.title,
                kept.pk,
                description.reference,
            )
            unpublished += 1
    if unpublished:
        from portal.page_cache import content_version_bump

        content_version_bump()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_site_settings_violence_helpline"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(duplicate_services_unpublish, migrations.RunPython.noop),
    ]
