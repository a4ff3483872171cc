"""One resident's search, from what was typed to what the page shows.

The view reads the request and renders; everything decided in between is here: cleaning and
capping the text, asking the configured backend, the crisis numbers for emergency queries,
editors' best bets, the language the query looks written in when it is another than the
page's, and the anonymous query log (one entry per search, shared by its later
pages and filters so that a search refined three times is still one search in the report).
"""

import math
from dataclasses import dataclass, field, replace

from django.core import signing

from search import analysis, analytics, emergency, query_language
from search.backends import get_backend
from search.backends.base import MAX_QUERY_LENGTH, SearchQuery, SearchResults
from search.crisis_phrases import VIOLENCE
from search.models import IndexWord
from search.query import clean_query_text

PER_PAGE = 10
# The database backend ranks at most its candidate limit; no one reads past page 10 anyway.
MAX_PAGE = 10
_LOG_REF_SALT = "search.log-ref"
# The rank a click on an editors' promoted result is logged with (results count from 1).
PROMOTED_RANK = 0


@dataclass(frozen=True)
class SearchRequest:
    """What the resident asked for, as it came in (already validated for type)."""

    text: str
    locale: str
    topic: str | None = None
    target_group: str | None = None
    page: int = 1
    log_ref: str = ""
    logged: bool = True


@dataclass
class ShownHit:
    """A result as the page shows it: the link goes through the click log when there is one."""

    title: str
    url: str
    link: str
    snippet: str
    kind: str
    rank: int


@dataclass
class SearchOutcome:
    text: str
    shortened: bool
    emergency: bool
    results: SearchResults | None
    # The kind of danger the crisis box is written for (`search.emergency.primary_danger`),
    # and whether the page offers the quick exit (the search tells of violence).
    danger: str = ""
    quick_exit: bool = False
    hits: list[ShownHit] = field(default_factory=list)
    promotions: list[analytics.PromotedResult] = field(default_factory=list)
    page: int = 1
    page_count: int = 0
    log_ref: str = ""
    # Another of the portal's languages the query is evidently written in ("sv"), or "".
    query_language: str = ""

    @property
    def total(self) -> int:
        return self.results.total if self.results else 0

    @property
    def page_numbers(self) -> range:
        return range(1, self.page_count + 1)


def search_run(request: SearchRequest) -> SearchOutcome:
    """Search for `request`; an empty query gives an outcome without results, never an error.
    A page past the last one shows the last one."""
    raw = (request.text or "").strip()
    text = clean_query_text(raw)
    shortened = len(raw) > MAX_QUERY_LENGTH
    if not text:
        return SearchOutcome(text="", shortened=shortened, emergency=False, results=None)
    page = min(max(request.page, 1), MAX_PAGE)
    results = _backend_search(request, text, page)
    last_page = max(1, math.ceil(results.total / PER_PAGE))
    if page > last_page:
        page = last_page
        results = _backend_search(request, text, page)
    entry_id = _log_entry_from_ref(request.log_ref, request.locale)
    if entry_id is None and request.logged:
        entry_id = analytics.query_logged(text, request.locale, results.total)
    offset = (page - 1) * PER_PAGE
    dangers = emergency.danger_kinds(text, request.locale)
    hits = [
        ShownHit(
            title=hit.title,
            url=hit.url,
            link=analytics.click_url(entry_id, offset + position, hit.url),
            snippet=hit.snippet,
            kind=hit.kind,
            rank=offset + position,
        )
        for position, hit in enumerate(results.hits, start=1)
    ]
    return SearchOutcome(
        text=text,
        shortened=shortened,
        emergency=bool(dangers),
        results=results,
        danger=emergency.primary_danger(dangers),
        quick_exit=VIOLENCE in dangers,
        hits=hits,
        # Best bets belong to the search as typed, not to a later page of it. Their links go
        # through the click log too (rank 0), or a query everyone answers by its best bet
        # would look unanswered in the editors' report.
        promotions=_promotions_shown(text, request.locale, entry_id) if page == 1 else [],
        page=page,
        page_count=min(last_page if results.total else 0, MAX_PAGE),
        log_ref=_log_ref(entry_id, request.locale),
        query_language=_query_language(text, request.locale),
    )


def _backend_search(request: SearchRequest, text: str, page: int) -> SearchResults:
    return get_backend().search(
        SearchQuery(
            text=text,
            locale=request.locale,
            topic=request.topic or None,
            target_group=request.target_group or None,
            page=page,
            per_page=PER_PAGE,
        )
    )


def _promotions_shown(text: str, locale: str, entry_id: int | None) -> list:
    return [
        replace(promoted, url=analytics.click_url(entry_id, PROMOTED_RANK, promoted.url))
        for promoted in analytics.promotions_for(text, locale)
    ]


def _query_language(text: str, locale: str) -> str:
    """The language `text` looks written in when that is another than the page's, from the
    words each language's index vocabulary knows (one indexed query, none for a short word)."""
    words = query_language.words_to_look_up(text)
    if not words:
        return ""
    known: dict[str, set[str]] = {}
    rows = IndexWord.objects.filter(locale__in=analysis.LANGUAGES, word__in=words)
    for language, word in rows.values_list("locale", "word"):
        known.setdefault(language, set()).add(word)
    page_language = analysis.primary_language(locale)
    return query_language.query_language(text, page_language=page_language, known=known) or ""


def _log_ref(entry_id: int | None, locale: str) -> str:
    return signing.dumps([entry_id, locale], salt=_LOG_REF_SALT) if entry_id else ""


def _log_entry_from_ref(log_ref: str, locale: str) -> int | None:
    """The query-log entry a later page or filter of the same search belongs to. A ref
    older than a day, from another language (the language switcher keeps the query
    string) or forged counts as a new search."""
    if not log_ref:
        return None
    try:
        value = signing.loads(log_ref, salt=_LOG_REF_SALT, max_age=86_400)
    except signing.BadSignature:
        return None
    if not (isinstance(value, list) and len(value) == 2 and value[1] == locale):
        return None
    return value[0] if isinstance(value[0], int) else None


def autocomplete_run(prefix: str, locale: str, *, limit: int = 8) -> list[str]:
    """Completions of what was typed into a search box; never logged."""
    return get_backend().autocomplete(clean_query_text(prefix), locale, limit=limit)
