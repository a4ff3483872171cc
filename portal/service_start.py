"""Starting a county service from a PTV general description, and the topics services sit in.

A started service is a service page in each language the description has a name in, under
the topic the description points to, linked to the description: it takes the description's
title and summary, and leaves the longer texts empty so that the description's are shown
(and follow PTV's updates) until an editor writes the county's own."""

import logging

from django.db import transaction
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from portal.models import GeneralDescription, HomePage, ServicePage, TopicPage
from portal.models.localized import LANGUAGE_CODES as LANGUAGES
from portal.page_trees import translated_pages_ensure
from portal.ptv.topics import OTHER_SERVICES, TOPICS_BY_KEY

logger = logging.getLogger(__name__)

# History entries (`wagtail_hooks.register_log_actions`) that tell editors why a service
# was unpublished without anyone pressing "Unpublish".
UNPUBLISHED_OUTSIDE_REMIT = "portal.unpublish.outside_remit"
UNPUBLISHED_DUPLICATE = "portal.unpublish.duplicate"


class DescriptionOutsideRemit(ValueError):
    """The description is not a service a wellbeing services county provides."""


class DescriptionImplemented(ValueError):
    """A live service implements the description in Finnish already (`page`)."""

    def __init__(self, page: ServicePage):
        super().__init__(page.pk)
        self.page = page


def live_implementation(*, description: GeneralDescription, language: str) -> ServicePage | None:
    """The live service implementing `description` in `language`, if there is one."""
    return (
        ServicePage.objects.live()
        .filter(general_description=description, locale__language_code=language)
        .order_by("pk")
        .first()
    )


def default_home_page() -> HomePage | None:
    """The default site's home page (Finnish, the site's root), or None before one exists."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    return home if isinstance(home, HomePage) else None


def language_homes(home_fi: HomePage) -> dict[str, Page]:
    """The home page in each language that has one, Finnish first."""
    homes: dict[str, Page] = {"fi": home_fi}
    for code in LANGUAGES[1:]:
        locale = Locale.objects.filter(language_code=code).first()
        translation = home_fi.get_translation_or_none(locale) if locale else None
        if translation is not None:
            homes[code] = translation
    return homes


def topic_page_fi(key: str) -> TopicPage | None:
    """The topic's Finnish page, if it exists yet."""
    return TopicPage.objects.filter(topic_key=key, locale__language_code="fi").first()


def topic_pages_ensure(homes: dict[str, Page], key: str) -> dict[str, Page]:
    """The topic's page in each language, found by its key or created from the taxonomy."""
    topic = TOPICS_BY_KEY[key]
    return translated_pages_ensure(
        homes,
        TopicPage,
        topic.slugs,
        lambda code: {
            "title": topic.titles[code],
            "topic_key": key,
            "show_in_navigation": key != OTHER_SERVICES,
        },
        lookup=lambda code: {"topic_key": key},
    )


def free_slug(parent: Page, title: str, fallback: str) -> str:
    """A slug from `title` that no sibling under `parent` has yet."""
    slug = slugify(title, allow_unicode=False)[:70] or slugify(fallback)
    if Page.objects.child_of(parent).filter(slug=slug).exists():
        slug = f"{slug}-{slugify(fallback)}"[:80]
    return slug


@transaction.atomic
def service_page_start(
    *, description: GeneralDescription, home_fi: HomePage, publish: bool = False
) -> dict[str, ServicePage]:
    """A new service implementing `description`, per language it has a name in: drafts
    for an editor to complete (`publish=False`), or published at once (the demo county).
    A language in which a live service implements it already gets no second one; when
    that language is Finnish, nothing is started (`DescriptionImplemented`)."""
    if not description.in_remit:
        raise DescriptionOutsideRemit(description.reference)
    if (existing := live_implementation(description=description, language="fi")) is not None:
        raise DescriptionImplemented(existing)
    homes = language_homes(home_fi)
    topics = topic_pages_ensure(homes, description.topic_key)
    pages: dict[str, ServicePage] = {}
    for code in sorted(topics, key=lambda code: code != "fi"):
        title = description.text_in("names", code)
        if not title or (code != "fi" and "fi" not in pages):
            continue
        if code != "fi" and live_implementation(description=description, language=code):
            continue
        topic = topics[code]
        page = ServicePage(
            title=title,
            slug=free_slug(topic, title, description.reference),
            locale=topic.locale,
            summary=description.text_in("summaries", code),
            general_description=description,
            live=publish,
        )
        if code != "fi":
            page.translation_key = pages["fi"].translation_key
        page = topic.add_child(instance=page)
        page.classifications.set(description.classifications.all())
        revision = page.save_revision()
        if publish:
            revision.publish()
        pages[code] = page
    return pages


def offered_descriptions_start(*, home_fi: HomePage) -> int:
    """Start a published service for every in-remit description that no service implements
    yet and whose name no service already has: how the demo county offers its statutory
    social and health services. Returns how many descriptions were started."""
    taken_titles = {
        (language, title.casefold())
        for language, title in ServicePage.objects.live().values_list(
            "locale__language_code", "title"
        )
    }
    started = 0
    candidates = (
        GeneralDescription.objects.exclude(topic_key=OTHER_SERVICES)
        .filter(service_pages__isnull=True)
        .order_by("reference")
    )
    for description in candidates:
        names = {code: name.casefold() for code, name in description.names.items() if name}
        if any((code, name) in taken_titles for code, name in names.items()):
            logger.info("Not started %s: a service has its name already", description.reference)
            continue
        service_page_start(description=description, home_fi=home_fi, publish=True)
        taken_titles.update(names.items())
        started += 1
    return started


@transaction.atomic
def general_description_services_withdraw(
    *, description: GeneralDescription, user=None
) -> list[ServicePage]:
    """Unpublish every live service implementing `description` once it is outside a
    wellbeing services county's remit, each with a history entry saying why; its drafts
    and texts stay for an editor who moves the description back. Returns the pages."""
    if description.in_remit:
        return []
    pages = list(ServicePage.objects.live().filter(general_description=description).order_by("pk"))
    for page in pages:
        service_page_unpublish_explained(
            page=page,
            action=UNPUBLISHED_OUTSIDE_REMIT,
            data={
                "description": {
                    "reference": description.reference,
                    "name": description.name_in("fi"),
                }
            },
            user=user,
        )
        logger.info(
            "Unpublished service page %s: its general description %s is outside the remit",
            page.pk,
            description.reference,
        )
    return pages


def service_page_unpublish_explained(*, page: ServicePage, action: str, data: dict, user=None):
    """Unpublish `page` with a history entry of `action` that says why (not Wagtail's
    plain "Unpublished"), so the editor who finds it offline knows what happened."""
    page.unpublish(user=user, log_action=False)
    log(instance=page, action=action, user=user, data=data)
