"""The search index follows content: publish, unpublish, move and delete of pages, changes
to view restrictions and to the editors' thesaurus. The work itself is in
`search.indexing`, which also defers it during imports."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import ServicePage
from portal.page_cache import content_version_bump
from portal.signals import general_description_changed
from search import indexing, thesaurus
from search.models import Promotion, Synonym


@receiver(page_published)
def _page_published(sender, instance, **kwargs):
    indexing.page_changed(instance)


@receiver(page_unpublished)
def _page_unpublished(sender, instance, **kwargs):
    indexing.page_removed(instance.pk)


@receiver(general_description_changed)
def _general_description_changed(sender, description, **kwargs):
    # Its services show (and are found by) the description's texts.
    for page in ServicePage.objects.filter(general_description=description).live():
        indexing.page_changed(page)


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs):
    # URLs, and for a service its topic, change for the page and everything under it.
    indexing.page_changed(instance, descendants=True)


# Deleting a page of any type sends post_delete for its base Page row once.
@receiver(post_delete, sender=Page)
def _page_deleted(sender, instance, **kwargs):
    indexing.page_removed(instance.pk)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.page_changed(page, descendants=True)


@receiver(pre_save, sender=Synonym)
def _synonym_before_save(sender, instance, **kwargs):
    # Remember the topic it had, so that moving an entry to another topic updates both.
    previous = Synonym.objects.filter(pk=instance.pk).values("language", "topic_key").first()
    instance._previous_topic = previous


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def _synonym_changed(sender, instance, **kwargs):
    thesaurus.thesaurus_changed()
    indexing.topic_changed(instance.language, instance.topic_key)
    previous = getattr(instance, "_previous_topic", None)
    if previous and (previous["language"], previous["topic_key"]) != (
        instance.language,
        instance.topic_key,
    ):
        indexing.topic_changed(previous["language"], previous["topic_key"])


@receiver(post_save, sender=Promotion)
@receiver(post_delete, sender=Promotion)
def _promotion_changed(sender, instance, **kwargs):
    # Matching reads promotions kept by content version (search.analytics); a change must
    # reach every process at once, like a publish.
    content_version_bump()
