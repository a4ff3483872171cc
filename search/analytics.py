"""Search analytics and the editors' promoted results ("best bets").

- `query_logged(text, locale, result_count)`: one anonymous entry per search.
- `click_url(entry_id, rank, target_url)`: the link of a result, through `click_redirect`
  when the search was logged, so the first click is counted (`click_read`, `click_record`).
- `promotions_for(text, locale)`: the editors' promoted pages a query asks for.
- `week_report(year, week, locale)`: top, zero-result and unclicked queries of an ISO week;
  `current_week()` is the report's default.
- `query_log_purge(older_than_days)`: the log keeps `SEARCH_QUERY_LOG_DAYS` days.

What is stored is the design's whole promise about searches: a scrubbed query, its language,
how many results it had, which result was clicked first, and the date. No time of day, IP
address, session or user agent, so one person's searches cannot be linked to one another.
"""

import datetime
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Locale, Page

from portal.page_cache import cached_for_content
from portal.redaction import redact
from search import analysis, ranking
from search.models import Promotion, QueryLogEntry
from search.query import clean_query_text

logger = logging.getLogger(__name__)

QUERY_MAX_LENGTH = QueryLogEntry._meta.get_field("query").max_length
# Redaction reads at most this much of what was typed: its patterns are not meant for
# megabytes, and no one searches with a paragraph.
SCRUB_WINDOW = 1000

CLICK_SALT = "search.analytics.click"
MAX_RANK = 32767  # PositiveSmallIntegerField on every database
MAX_RESULT_COUNT = 2_147_483_647

DEFAULT_QUERY_LOG_DAYS = 400
REPORT_ROWS = 50


# --- The query log -------------------------------------------------------------------------


def scrubbed_query(text: str) -> str:
    """`text` as the log keeps it: identity codes, phone numbers, e-mail addresses and long
    numbers replaced by placeholders, lower-cased, whitespace collapsed, at most
    QUERY_MAX_LENGTH characters (cut between words where possible)."""
    raw = str(text or "")
    window = raw[:SCRUB_WINDOW]
    if len(raw) > SCRUB_WINDOW:
        # The cut may have halved an identity code, which no pattern would then recognise.
        window = window.rsplit(None, 1)[0] if len(window.split(None, 1)) > 1 else ""
    # The same scrubbing as feedback and log lines (`redact`: codes however spaced, e-mail
    # addresses however written, phones), and as a search never needs a long number, any
    # run of six digits goes as well: a date of birth, an account or a customer number.
    cleaned = clean_query_text(window, max_length=SCRUB_WINDOW)
    scrubbed = redact(cleaned, long_numbers=True)
    collapsed = " ".join(scrubbed.lower().split())
    if len(collapsed) <= QUERY_MAX_LENGTH:
        return collapsed
    cut = collapsed[: QUERY_MAX_LENGTH + 1]
    space = cut.rfind(" ")
    return cut[:space] if space > QUERY_MAX_LENGTH // 2 else collapsed[:QUERY_MAX_LENGTH]


def query_logged(text: str, locale: str, result_count: int) -> int | None:
    """Store one search in the query log and return the entry's id (for `click_url`).

    Nothing is stored, and None returned, when nothing is left of the query after
    scrubbing. Never raises: a search must not fail because its statistics could not be
    written, so odd input is coerced and a database error is logged and gives None.
    """
    try:
        query = scrubbed_query(text)
        if not query:
            return None
        entry = QueryLogEntry(
            query=query,
            locale=_language(locale),
            result_count=min(max(int(result_count), 0), MAX_RESULT_COUNT),
        )
        # A savepoint, so that a failed write leaves the caller's transaction usable.
        with transaction.atomic():
            entry.save()
        return entry.pk
    except (DatabaseError, TypeError, ValueError, OverflowError) as error:
        # The error's text may quote the query; its class is enough to notice a problem.
        logger.warning("Search query not logged: %s", type(error).__name__)
        return None


def query_log_purge(older_than_days: int | None = None) -> int:
    """Delete log entries older than `older_than_days` days (default: the setting
    SEARCH_QUERY_LOG_DAYS, 400) and return how many were deleted."""
    days = _retention_days() if older_than_days is None else int(older_than_days)
    if days < 0:
        raise ValueError("older_than_days must not be negative")
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    deleted, _by_model = QueryLogEntry.objects.filter(created_on__lt=cutoff).delete()
    return deleted


def _retention_days() -> int:
    return int(getattr(settings, "SEARCH_QUERY_LOG_DAYS", DEFAULT_QUERY_LOG_DAYS))


def _language(locale) -> str:
    language = analysis.primary_language(str(locale or ""))
    return (language or settings.LANGUAGE_CODE)[:10]


# --- Clicks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Click:
    """A click on the result at `rank` (1 = first; 0 = an editors' promoted result) of the
    logged search `entry_id`."""

    entry_id: int
    rank: int
    target_url: str


def click_url(entry_id: int | None, rank: int, target_url: str) -> str:
    """The URL a result links to: a signed click-through URL (`search_click`) that counts
    the click and redirects to `target_url`, when the search was logged (`entry_id`).

    Otherwise `target_url` itself, and also when it is not a path on this site: the
    click-through only ever redirects within the site, so such a link goes there directly.
    """
    if (
        not isinstance(entry_id, int)
        or not is_local_path(target_url)
        or not isinstance(rank, int)
        or not 0 <= rank <= MAX_RANK
    ):
        return target_url
    token = signing.dumps([entry_id, rank, target_url], salt=CLICK_SALT, compress=True)
    return f"{reverse('search_click')}?{urlencode({'t': token})}"


def click_read(token: str) -> Click | None:
    """The click a token from `click_url` stands for; None when the token is missing,
    damaged or tampered with, or would lead anywhere but a path on this site."""
    try:
        entry_id, rank, target_url = signing.loads(str(token or ""), salt=CLICK_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(entry_id, int) and isinstance(rank, int) and isinstance(target_url, str)):
        return None
    if not (0 <= rank <= MAX_RANK and is_local_path(target_url)):
        return None
    return Click(entry_id=entry_id, rank=rank, target_url=target_url)


def click_record(click: Click) -> bool:
    """Record the clicked rank on the logged search. The first click wins: going back and
    clicking another result does not change it. True when this click was recorded."""
    try:
        updated = QueryLogEntry.objects.filter(pk=click.entry_id, clicked_rank__isnull=True).update(
            clicked_rank=click.rank
        )
    except DatabaseError as error:
        logger.warning("Search click not recorded: %s", type(error).__name__)
        return False
    return updated == 1


def is_local_path(url: str) -> bool:
    """True for a path on this site ("/fi/palvelut/"), False for anything a browser could
    take elsewhere: absolute URLs, "//host", "/\\host", other schemes, control characters."""
    if not isinstance(url, str) or not url.startswith("/") or url.startswith(("//", "/\\")):
        return False
    if any(ord(char) < 32 or ord(char) == 127 for char in url):
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=set())


# --- Promoted results ----------------------------------------------------------------------


@dataclass(frozen=True)
class PromotedResult:
    """A page an editor promotes for a query, in the language of the search."""

    title: str
    url: str
    description: str
    page_id: int


@dataclass(frozen=True)
class _ActivePromotion:
    # Each trigger is a sequence of words, each word the set of its base forms.
    triggers: tuple[tuple[frozenset[str], ...], ...]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    result: PromotedResult


def promotions_for(text: str, locale: str) -> list[PromotedResult]:
    """The promoted results for a query in `locale`, in the order the editors added them,
    each page once.

    A promotion matches when every word of one of its triggers is in the query in some
    form: words are compared by their analysed base forms (`search.analysis`), so the
    trigger "velka" matches "velkaa", and a query word's compound parts count too
    ("velkaneuvontaan" matches "neuvonta"). Only promotions in use and in date, whose page
    is published and public, with the page's translation in `locale`.
    """
    language = analysis.primary_language(str(locale or ""))
    query = clean_query_text(text)
    if not query or not language:
        return []
    candidates = _active_promotions(language)
    if not candidates:
        return []
    query_terms = {term for word in analysis.analyze_words(query, language) for term in word}
    today = timezone.localdate()
    results: dict[int, PromotedResult] = {}
    for promotion in candidates:
        if promotion.starts_on and promotion.starts_on > today:
            continue
        if promotion.ends_on and promotion.ends_on < today:
            continue
        if promotion.result.page_id in results:
            continue
        if any(_trigger_matches(trigger, query_terms) for trigger in promotion.triggers):
            results[promotion.result.page_id] = promotion.result
    return list(results.values())


def _trigger_matches(trigger: tuple[frozenset[str], ...], query_terms: set[str]) -> bool:
    return bool(trigger) and all(word & query_terms for word in trigger)


def _active_promotions(language: str) -> tuple[_ActivePromotion, ...]:
    # Publishing, unpublishing, moving pages and saving a promotion all bump the content
    # version, so what is kept here cannot outlive what it was made from; dates are
    # compared on every call because days pass without a publish.
    return cached_for_content(
        f"search:promotions:{language}", lambda: _load_active_promotions(language)
    )


def _load_active_promotions(language: str) -> tuple[_ActivePromotion, ...]:
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return ()
    promotions = list(
        Promotion.objects.filter(language=language, active=True, page__live=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()))
        .select_related("page")
        .order_by("pk")
    )
    translation_keys = {promotion.page.translation_key for promotion in promotions}
    shown = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(locale=locale, translation_key__in=translation_keys)
    }
    active = []
    for promotion in promotions:
        page = shown.get(promotion.page.translation_key)
        triggers = _analysed_triggers(promotion.trigger_list(), language)
        url = page.get_url() if page is not None else None
        if page is None or not triggers or not url:
            continue
        active.append(
            _ActivePromotion(
                triggers=triggers,
                starts_on=promotion.starts_on,
                ends_on=promotion.ends_on,
                result=PromotedResult(
                    title=page.title, url=url, description=promotion.description, page_id=page.pk
                ),
            )
        )
    return tuple(active)


def _analysed_triggers(phrases: list[str], language: str) -> tuple[tuple[frozenset[str], ...], ...]:
    triggers = []
    for phrase in phrases:
        # Function words need not be in the query ("apua velkoihin" for "apu velka"),
        # unless the trigger is nothing else.
        words = analysis.analyze_words(phrase, language, stopwords=True) or (
            analysis.analyze_words(phrase, language)
        )
        # A trigger word matches by its base forms, not by its compound parts: the trigger
        # "velkaneuvonta" must not fire for every query with "neuvonta" in it.
        trigger = tuple(frozenset(ranking.split_word_terms(terms)[0]) for terms in words)
        if trigger:
            triggers.append(trigger)
    return tuple(triggers)


# --- The weekly report ---------------------------------------------------------------------


@dataclass(frozen=True)
class TopQuery:
    query: str
    locale: str
    searches: int
    average_results: float
    click_share: float  # of the searches, the share where a result was clicked (0–1)


@dataclass(frozen=True)
class QueryCount:
    query: str
    locale: str
    searches: int


@dataclass(frozen=True)
class WeekReport:
    """The searches of one ISO week (Monday to Sunday), in one language or all (None)."""

    year: int
    week: int
    locale: str | None
    starts_on: datetime.date
    ends_on: datetime.date
    searches: int
    top_queries: tuple[TopQuery, ...]
    zero_result_queries: tuple[QueryCount, ...]
    unclicked_queries: tuple[QueryCount, ...]  # had results, but none was clicked
    min_searches: int = 1  # queries searched fewer times are not in the tables
    # Today, while the week is in progress: it counts the searches up to this day.
    counted_until: datetime.date | None = None


def week_report(
    year: int, week: int, locale: str | None, *, today: datetime.date | None = None
) -> WeekReport:
    """Top queries, queries without results and queries whose results nobody clicked, in
    ISO week `week` of `year`, each by number of searches (most first), at most
    REPORT_ROWS rows each. Raises ValueError for a week the year does not have. When the
    week is in progress on `today` (default: the local date), `counted_until` is that day.

    A query searched fewer than `SEARCH_REPORT_MIN_SEARCHES` times (2) that week is left out
    of the tables: scrubbing catches codes and numbers, not a name and street address typed
    once, and a query many people typed is the one worth acting on."""
    starts_on = datetime.date.fromisocalendar(year, week, 1)
    ends_on = starts_on + datetime.timedelta(days=6)
    today = today or timezone.localdate()
    entries = QueryLogEntry.objects.filter(created_on__range=(starts_on, ends_on))
    language = analysis.primary_language(locale) if locale else None
    if language:
        entries = entries.filter(locale=language)
    clicks = Count("id", filter=Q(clicked_rank__isnull=False))
    order = ("-searches", "query", "locale")
    min_searches = max(1, int(getattr(settings, "SEARCH_REPORT_MIN_SEARCHES", 2)))
    enough = Q(searches__gte=min_searches)

    top = (
        entries.values("query", "locale")
        .annotate(searches=Count("id"), average_results=Avg("result_count"), clicks=clicks)
        .filter(enough)
        .order_by(*order)[:REPORT_ROWS]
    )
    zero = (
        entries.filter(result_count=0)
        .values("query", "locale")
        .annotate(searches=Count("id"))
        .filter(enough)
        .order_by(*order)[:REPORT_ROWS]
    )
    unclicked = (
        entries.filter(result_count__gt=0)
        .values("query", "locale")
        .annotate(searches=Count("id"), clicks=clicks)
        .filter(enough, clicks=0)
        .order_by(*order)[:REPORT_ROWS]
    )
    return WeekReport(
        year=year,
        week=week,
        locale=language,
        starts_on=starts_on,
        ends_on=ends_on,
        searches=entries.count(),
        top_queries=tuple(
            TopQuery(
                query=row["query"],
                locale=row["locale"],
                searches=row["searches"],
                average_results=float(row["average_results"] or 0),
                click_share=row["clicks"] / row["searches"],
            )
            for row in top
        ),
        zero_result_queries=tuple(_counts(zero)),
        unclicked_queries=tuple(_counts(unclicked)),
        min_searches=min_searches,
        counted_until=today if starts_on <= today <= ends_on else None,
    )


def _counts(rows) -> list[QueryCount]:
    return [QueryCount(query=r["query"], locale=r["locale"], searches=r["searches"]) for r in rows]


def current_week(today: datetime.date | None = None) -> tuple[int, int]:
    """(ISO year, ISO week) of the week in progress, Monday to today: the report's default,
    so that an editor sees at once what residents are searching for now."""
    year, week, _weekday = (today or timezone.localdate()).isocalendar()
    return year, week
