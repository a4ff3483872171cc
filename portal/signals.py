"""Cached pages are invalidated whenever published content or what it shows changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import (
    Classification,
    GeneralDescription,
    ServiceChannel,
    ServiceHours,
    SiteSettings,
)
from portal.models.channels import CHANNEL_MODELS_BY_TYPE
from portal.page_cache import content_version_bump

# Sent by the PTV import when a general description's texts change (with `description`):
# the pages implementing it show those texts, so what shows or indexes them must refresh.
general_description_changed = Signal()


@receiver(general_description_changed)
def _general_description_changed(sender, **kwargs):
    content_version_bump()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    content_version_bump()


@receiver(post_delete, sender=Page)
def _page_deleted(sender, instance, **kwargs):
    content_version_bump()


# Snippets and settings that public pages show. Listening per model (not to every save in
# the project) keeps Django's fast bulk deletes for everything else. Channels are listed
# with their types: a save sends the signal for the concrete model only.
SHARED_CONTENT_MODELS = (
    ServiceChannel,
    *CHANNEL_MODELS_BY_TYPE.values(),
    ServiceHours,
    SiteSettings,
    Classification,
    GeneralDescription,
    Site,  # routing keeps host → site by content version
    PageViewRestriction,
)


def _shared_content_changed(sender, **kwargs):
    content_version_bump()


for _model in SHARED_CONTENT_MODELS:
    post_save.connect(_shared_content_changed, sender=_model, dispatch_uid=f"content-{_model}")
    post_delete.connect(_shared_content_changed, sender=_model, dispatch_uid=f"content-{_model}")
