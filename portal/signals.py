"""Cached pages are invalidated whenever published content or what it shows changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import (
    Classification,
    ServiceChannel,
    ServiceHours,
    SiteSettings,
)
from portal.page_cache import content_version_bump


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    content_version_bump()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        content_version_bump()


@receiver(post_save)
@receiver(post_delete)
def _shared_content_changed(sender, instance, **kwargs):
    if isinstance(
        instance,
        ServiceChannel
        | ServiceHours
        | SiteSettings
        | Classification
        | Site  # routing keeps host → site by content version
        | PageViewRestriction,
    ):
        content_version_bump()
