"""What every search backend offers, and the plain values that go in and out of it.

Views, commands and indexing code talk only to this protocol (`search.backends.get_backend()`
chooses the implementation from settings), so the database backend and the Elasticsearch
backend are interchangeable and one contract test suite runs against both. Everything here
is plain data: no Django models cross the boundary, which keeps backends testable without a
page tree and lets results be cached or logged safely.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

# Kinds of documents the portal indexes.
KIND_SERVICE = "service"
KIND_TOPIC = "topic"
KIND_SELF_ASSESSMENT = "selfassessment"
KINDS = (KIND_SERVICE, KIND_TOPIC, KIND_SELF_ASSESSMENT)

FACET_TOPIC = "topic"
FACET_TARGET_GROUP = "target_group"

MAX_QUERY_LENGTH = 200
MAX_PER_PAGE = 50


@dataclass(frozen=True)
class IndexDocument:
    """One searchable thing in one language, as the backends index it.

    `key` is unique across kinds and languages ("page:123"); pages in different languages are
    different documents because each locale is searched on its own. `topics` and
    `target_groups` are stable keys (topic_key, classification URI or code) used for facets;
    `topic_labels`/`target_group_labels` hold the texts shown for them in this language.
    `lay_terms` are everyday words residents use for this document's topics (editors' thesaurus),
    indexed with a low weight so that "juominen" finds substance-abuse services.
    """

    key: str
    locale: str
    kind: str
    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: tuple[str, ...] = ()
    lay_terms: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    topic_labels: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    target_group_labels: tuple[str, ...] = ()
    reference: str = ""  # PTV ReferenceCode (or id) where the page came from PTV
    page_id: int | None = None


@dataclass(frozen=True)
class SearchQuery:
    """A resident's search. `text` is already length-capped and stripped of control characters
    by `search.query.clean_query_text` before it gets here."""

    text: str
    locale: str
    topic: str | None = None
    target_group: str | None = None
    page: int = 1
    per_page: int = 10

    def __post_init__(self):
        if self.page < 1:
            raise ValueError("page must be 1 or more")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class SearchHit:
    """One result. `snippet` is HTML-safe text in which only <mark>…</mark> is markup: the
    backend escapes the document text before marking the matched words."""

    key: str
    kind: str
    title: str
    url: str
    snippet: str
    score: float
    reference: str = ""
    page_id: int | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    hits: list[SearchHit]
    total: int
    backend: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # A likely intended query when this one looks mistyped ("velkaneuvota" → "velkaneuvonta").
    suggestion: str | None = None
    # True when the configured backend failed and another one answered.
    fell_back: bool = False
    # The topic whose page and services were added because the words found (almost)
    # nothing by themselves but point to it (`search.situation.fallback_topic`).
    topic_fallback: FacetValue | None = None


ProgressCallback = Callable[[int], None]


@runtime_checkable
class SearchBackend(Protocol):
    """A search backend. Implementations must never raise on odd query text (empty, operators,
    control characters, very long): they answer with no hits instead."""

    name: str

    def search(self, query: SearchQuery) -> SearchResults: ...

    def autocomplete(self, prefix: str, locale: str, *, limit: int = 8) -> list[str]:
        """Titles (or terms) completing what the resident has typed so far."""
        ...

    def index_documents(self, documents: Iterable[IndexDocument]) -> None:
        """Add or replace these documents (by key)."""
        ...

    def delete_documents(self, keys: Sequence[str]) -> None:
        """Remove these documents; unknown keys are ignored."""
        ...

    def rebuild(
        self, documents: Iterable[IndexDocument], *, progress: ProgressCallback | None = None
    ) -> int:
        """Replace the whole index with these documents; returns how many were indexed.
        `progress` is called with the number of documents done after each batch."""
        ...
