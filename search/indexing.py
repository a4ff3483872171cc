"""What gets indexed: pages turned into `IndexDocument`s, for every backend.

Each searchable page type registers a builder (`register_page_type`); service and topic
pages are registered here, and later page types (self-assessments) register theirs from
their own app with the same decorator. `documents_for_page()` and `all_documents()` are
what the signals, `search_rebuild` and both backends use.

Index updates follow content through `search.signals` (publish, unpublish, move, delete,
thesaurus changes). Inside `indexing_deferred()` they are only collected, and written in
batches when the outermost block ends: imports publish hundreds of pages and should not
index each one on its own.
"""

import html
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Page

from portal.models import ClassificationKind, ServicePage, TopicPage
from search import analysis, thesaurus
from search.backends.base import KIND_SERVICE, KIND_TOPIC, IndexDocument

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# Text beyond this is not indexed: a page is found by what it is about, which is said early,
# and the bound keeps one pasted novel from slowing every search.
MAX_BODY_CHARS = 50_000


@dataclass
class BuildContext:
    """What builders share when many pages are turned into documents at once: topic pages
    by tree path, so that a service's topic costs no query."""

    topics_by_path: dict[str, Page] = field(default_factory=dict)

    @classmethod
    def for_pages(cls, pages: Iterable[Page]) -> "BuildContext":
        step = Page.steplen
        parent_paths = {page.path[:-step] for page in pages if len(page.path) > step}
        topics = TopicPage.objects.filter(path__in=parent_paths).select_related("locale")
        return cls(topics_by_path={topic.path: topic for topic in topics})

    def parent_topic(self, page: Page):
        return self.topics_by_path.get(page.path[: -Page.steplen])


Builder = Callable[[Page, BuildContext], IndexDocument | None]


@dataclass(frozen=True)
class PageType:
    model: type[Page]
    build: Builder
    prefetch: tuple[str, ...] = ()
    # Publishing a page of this type changes its descendants' documents (a topic's title
    # is the topic label of every service under it).
    reindex_descendants: bool = False


_page_types: dict[type[Page], PageType] = {}


def register_page_type(
    model: type[Page], *, prefetch: tuple[str, ...] = (), reindex_descendants: bool = False
) -> Callable[[Builder], Builder]:
    """Register `builder(page, context) -> IndexDocument | None` for a page model."""

    def decorator(builder: Builder) -> Builder:
        _page_types[model] = PageType(model, builder, prefetch, reindex_descendants)
        return builder

    return decorator


def page_types() -> list[PageType]:
    return list(_page_types.values())


def page_type_for(page: Page) -> PageType | None:
    return _page_types.get(page.specific_class or type(page))


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


# --- Building documents ---------------------------------------------------------------------


def documents_for_page(page: Page) -> list[IndexDocument]:
    """The documents of one page: none when it is not live, not public or not searchable."""
    page_type = page_type_for(page)
    if page_type is None:
        return []
    page = page.specific
    if not page.live or page.get_view_restrictions().exists():
        return []
    document = page_type.build(page, BuildContext.for_pages([page]))
    return [document] if document else []


def all_documents(*, batch_size: int = BATCH_SIZE) -> Iterator[IndexDocument]:
    """Every document of every searchable page (live and public), in batches of pages."""
    for page_type in page_types():
        ids = list(_searchable(page_type.model.objects.all()).values_list("pk", flat=True))
        yield from _documents_for_ids(page_type, ids, batch_size=batch_size)


def documents_for_page_ids(
    page_ids: Iterable[int], *, batch_size: int = BATCH_SIZE
) -> tuple[list[IndexDocument], set[int]]:
    """Documents for these pages, and the ids among them that should have none."""
    wanted = set(page_ids)
    documents: list[IndexDocument] = []
    for page_type in page_types():
        ids = list(
            _searchable(page_type.model.objects.filter(pk__in=wanted)).values_list("pk", flat=True)
        )
        documents.extend(_documents_for_ids(page_type, ids, batch_size=batch_size))
    found = {document.page_id for document in documents}
    return documents, wanted - found


def _searchable(queryset):
    return queryset.live().public()


def _documents_for_ids(page_type: PageType, ids: list[int], *, batch_size: int):
    for start in range(0, len(ids), batch_size):
        pages = list(
            page_type.model.objects.filter(pk__in=ids[start : start + batch_size])
            .select_related("locale")
            .prefetch_related(*page_type.prefetch)
            .order_by("path")
        )
        context = BuildContext.for_pages(pages)
        for page in pages:
            document = page_type.build(page, context)
            if document is not None:
                yield document


def plain_text(value: str) -> str:
    """Rich text (HTML) as plain text for indexing and snippets."""
    text = html.unescape(strip_tags(re.sub(r"<(br|/p|/li|/h\d)\b[^>]*>", " \n", value or "")))
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


# Finnish and Swedish leave the shared end of compounds unsaid: "selviämis-, katkaisu- ja
# vieroitushoito" is selviämishoito, katkaisuhoito and vieroitushoito.
_SUSPENDED = re.compile(
    r"((?:[^\W\d_]+-,?\s+)+)(?:ja|tai|sekä|eli|och|eller)\s+([^\W\d_]+)", re.IGNORECASE
)


def suspended_compounds(text: str, language: str) -> list[str]:
    """The compounds a Finnish text leaves half-written with a hyphen (see `_SUSPENDED`)."""
    if language != "fi":
        return []
    compounds = []
    for match in _SUSPENDED.finditer(text):
        last_word = match.group(2)
        words = analysis.analyze_words(last_word, language)
        if not words or len(words[0]) < 3:
            continue  # not a compound: nothing is shared
        head = words[0][-1]
        for first in re.findall(r"([^\W\d_]+)-", match.group(1)):
            compounds.append(f"{first.lower()}{head}")
    return compounds


@register_page_type(ServicePage, prefetch=("classifications", "general_description"))
def _service_document(page: ServicePage, context: BuildContext) -> IndexDocument | None:
    language = analysis.primary_language(page.locale.language_code)
    topic = context.parent_topic(page)
    topics = (topic.topic_key,) if topic is not None and topic.topic_key else ()
    topic_labels = (topic.title,) if topics else ()
    target_groups, target_group_labels, keywords = [], [], []
    for classification in page.classifications.all():
        name = getattr(classification, f"name_{language}", "") or ""
        if classification.kind == ClassificationKind.TARGET_GROUP:
            target_groups.append(classification.uri)
            target_group_labels.append(name or classification.name_fi)
        elif classification.kind == ClassificationKind.AREA:
            continue  # every county service has the same areas: nothing to tell apart
        if name:
            keywords.append(name)
    keywords.extend(topic_labels)
    keywords.extend(suspended_compounds(page.title, language))
    # The national name of what the page implements ("Päihdekuntoutus" for the county's
    # "Päihde- ja riippuvuuspalvelut") is what referrals, Kela and other sites call it.
    national_name = _national_name(page, language)
    if national_name:
        keywords.append(national_name)
        keywords.extend(suspended_compounds(national_name, language))
    texts = page.texts_shown()  # its own, or its general description's
    body = " \n".join(
        part
        for part in (
            page.selkokieli_summary,
            plain_text(texts.description),
            plain_text(texts.eligibility),
            plain_text(texts.user_instructions),
            texts.charge_info,
        )
        if part
    )
    return IndexDocument(
        key=page_key(page.pk),
        locale=language,
        kind=KIND_SERVICE,
        title=page.title,
        url=page.get_url() or page.url_path,
        summary=page.summary,
        body=body[:MAX_BODY_CHARS],
        keywords=tuple(dict.fromkeys(keywords)),
        lay_terms=thesaurus.lay_terms_for(language, topics),
        topics=topics,
        topic_labels=topic_labels,
        target_groups=tuple(target_groups),
        target_group_labels=tuple(target_group_labels),
        # Relevance sets judge by PTV codes: a county service counts as the general
        # description it implements.
        reference=(
            page.general_description.reference if page.general_description else page.ptv_reference
        ),
        page_id=page.pk,
    )


def _national_name(page: ServicePage, language: str) -> str:
    """The implemented general description's name in the page's language, when it differs
    from the page's own title."""
    description = page.general_description
    if description is None:
        return ""
    name = (description.names or {}).get(language, "")
    return name if name and name.casefold() != page.title.casefold() else ""


@register_page_type(TopicPage, reindex_descendants=True)
def _topic_document(page: TopicPage, context: BuildContext) -> IndexDocument | None:
    language = analysis.primary_language(page.locale.language_code)
    topics = (page.topic_key,) if page.topic_key else ()
    return IndexDocument(
        key=page_key(page.pk),
        locale=language,
        kind=KIND_TOPIC,
        title=page.title,
        url=page.get_url() or page.url_path,
        summary=page.intro,
        body="",
        keywords=(),
        lay_terms=thesaurus.lay_terms_for(language, topics),
        topics=topics,
        topic_labels=(page.title,) if topics else (),
        page_id=page.pk,
    )


# --- Keeping the index up to date -------------------------------------------------------------


class _Pending(threading.local):
    depth = 0

    def __init__(self):
        self.page_ids: set[int] = set()
        self.removed_ids: set[int] = set()
        self.topics: set[tuple[str, str]] = set()


_pending = _Pending()


@contextmanager
def indexing_deferred():
    """Collect index updates and write them in batches when the outermost block ends."""
    _pending.depth += 1
    try:
        yield
    finally:
        _pending.depth -= 1
        if _pending.depth == 0:
            page_ids, removed = set(_pending.page_ids), set(_pending.removed_ids)
            topics = set(_pending.topics)
            _pending.page_ids.clear()
            _pending.removed_ids.clear()
            _pending.topics.clear()
            for language, topic_key in topics:
                page_ids |= _topic_page_ids(language, topic_key)
            _apply(page_ids - removed, removed)


def page_changed(page: Page, *, descendants: bool = False) -> None:
    """Re-index a page (published, moved) and, when asked, its descendants."""
    ids = {page.pk}
    page_type = page_type_for(page)
    if descendants or (page_type is not None and page_type.reindex_descendants):
        ids |= set(Page.objects.descendant_of(page).values_list("pk", flat=True))
    if _pending.depth:
        _pending.page_ids |= ids
        _pending.removed_ids -= ids
        return
    _apply(ids, set())


def page_removed(page_id: int) -> None:
    """Remove a page's documents (unpublished, deleted)."""
    if _pending.depth:
        _pending.removed_ids.add(page_id)
        _pending.page_ids.discard(page_id)
        return
    _apply(set(), {page_id})


def topic_changed(language: str, topic_key: str) -> None:
    """Re-index the pages of a topic in one language (its lay terms changed)."""
    if not topic_key:
        return
    if _pending.depth:
        _pending.topics.add((language, topic_key))
        return
    _apply(_topic_page_ids(language, topic_key), set())


def _topic_page_ids(language: str, topic_key: str) -> set[int]:
    ids: set[int] = set()
    for topic in TopicPage.objects.filter(topic_key=topic_key, locale__language_code=language):
        ids.add(topic.pk)
        ids |= set(Page.objects.descendant_of(topic).values_list("pk", flat=True))
    return ids


def _apply(page_ids: set[int], removed_ids: set[int]) -> None:
    """Write documents for `page_ids` and drop `removed_ids`, never failing the caller's
    publish or import: a failure is logged and `search_rebuild` repairs the index."""
    from search.backends import get_backend

    if not page_ids and not removed_ids:
        return
    try:
        backend = get_backend()
        documents, without_documents = documents_for_page_ids(page_ids)
        stale = [page_key(page_id) for page_id in sorted(without_documents | removed_ids)]
        # A savepoint: on PostgreSQL a failed statement must not abort the caller's
        # transaction (the editor's publish).
        with transaction.atomic():
            if stale:
                backend.delete_documents(stale)
            for start in range(0, len(documents), BATCH_SIZE):
                backend.index_documents(documents[start : start + BATCH_SIZE])
    except Exception:
        logger.exception(
            "Updating the search index failed for %d pages; run `manage.py search_rebuild`.",
            len(page_ids | removed_ids),
        )
