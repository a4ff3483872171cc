"""The Elasticsearch search backend: one index per locale, with the database as its fallback.

Residents must always get an answer. Every query to the cluster has a short timeout (at most
0.3 s) and no retries; when the cluster is unreachable, slow or answers with an error, the
fallback backend (the database) answers instead, with `fell_back=True`. After a failure a
circuit breaker skips the cluster for a while, so that during an outage each resident does
not wait for the timeout first.

Every write (index, delete, rebuild) goes to the fallback first, so that it always answers
with current content. Writes to the cluster never raise into publishing: a failed or skipped
update is logged with the instruction to run `manage.py search_rebuild`, and
`resync_needed()` turns true (in this process) until a rebuild succeeds.

Index names: the alias `{prefix}-{locale}` (what searches and updates use) points at one
concrete index `{prefix}-{locale}-{timestamp}`. `rebuild` fills new indices and moves the
aliases to them in one atomic request, so search keeps answering during a rebuild.

Request bodies and mappings are built by the pure modules `es_mapping` and `es_query`.
"""

import dataclasses
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

from elasticsearch import ApiError, BadRequestError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from search import analysis
from search.backends.base import (
    KIND_TOPIC,
    IndexDocument,
    ProgressCallback,
    SearchBackend,
    SearchQuery,
    SearchResults,
)
from search.backends.es_mapping import (
    LOCALES,
    document_body,
    index_definition,
    index_settings,
    mapping,
)
from search.backends.es_query import (
    autocomplete_body,
    autocomplete_titles,
    fallback_body,
    query_body,
    query_evidence,
    results_from_response,
    searchable,
    with_fallback,
)
from search.situation import fallback_topic

__all__ = [
    "CircuitBreaker",
    "ElasticsearchBackend",
    "document_body",
    "index_settings",
    "mapping",
    "query_body",
    "resync_needed",
]

logger = logging.getLogger(__name__)

# The longest a resident's query may wait for the cluster before the database answers.
MAX_QUERY_TIMEOUT = 0.3
# Publishing waits at most this long for one index update; rebuilding, per request.
INDEX_TIMEOUT = 5.0
REBUILD_TIMEOUT = 120.0
# After a failure, the cluster is left alone this long (then one request probes it).
CIRCUIT_COOLDOWN = 30.0
BULK_CHUNK_SIZE = 500

CLUSTER_ERRORS = (ApiError, TransportError, BulkIndexError)
REBUILD_HINT = "run `python manage.py search_rebuild` once the cluster answers again"


class CircuitBreaker:
    """Closed while the cluster answers; open for `cooldown` seconds after a failure.

    When the cooldown has passed, one caller is let through to probe the cluster (the others
    keep skipping it for another cooldown); its success closes the breaker, its failure
    opens it again.
    """

    def __init__(
        self, *, cooldown: float = CIRCUIT_COOLDOWN, clock: Callable[[], float] | None = None
    ):
        self.cooldown = cooldown
        self._clock = clock or time.monotonic
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self._clock() < self._open_until

    def allow(self) -> bool:
        with self._lock:
            now = self._clock()
            if now < self._open_until:
                return False
            if self._open_until:
                # Half-open: this caller probes; everyone else waits for its verdict.
                self._open_until = now + self.cooldown
            return True

    def record_success(self) -> None:
        with self._lock:
            self._open_until = 0.0

    def record_failure(self) -> None:
        with self._lock:
            self._open_until = self._clock() + self.cooldown


# One breaker per cluster URL, shared by every backend instance in the process.
_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()
_resync = threading.Event()


def circuit_breaker(url: str) -> CircuitBreaker:
    with _breakers_lock:
        return _breakers.setdefault(url, CircuitBreaker())


def reset_state() -> None:
    """Forget every circuit breaker and the re-sync flag (tests)."""
    with _breakers_lock:
        _breakers.clear()
    _resync.clear()


def resync_needed() -> bool:
    """True when an index update failed or was skipped in this process since the last
    successful rebuild: the Elasticsearch indices may miss recent publishing."""
    return _resync.is_set()


def _error_name(error: Exception) -> str:
    """The error's class (and HTTP status): never its message, which may quote the query."""
    status = getattr(getattr(error, "meta", None), "status", None)
    return f"{type(error).__name__} {status}" if status else type(error).__name__


def _topic_label(response, topic: str) -> str:
    """The title of the topic page among a fallback response's hits (else the key)."""
    for hit in response["hits"]["hits"]:
        source = hit.get("_source", {})
        if source.get("kind") == KIND_TOPIC:
            return source.get("title") or topic
    return topic


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class ElasticsearchBackend:
    """`SearchBackend` on an Elasticsearch 8/9 cluster, falling back to `fallback`."""

    name = "elasticsearch"

    def __init__(
        self,
        *,
        url: str,
        fallback: SearchBackend,
        index_prefix: str = "portal",
        timeout: float = MAX_QUERY_TIMEOUT,
        synonym_rules: Callable[[str], list[str]] | None = None,
        topic_patterns: Callable[[str], Iterable] | None = None,
    ):
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if index_prefix != index_prefix.lower() or not index_prefix:
            raise ValueError("index_prefix must be non-empty and lower-case (an index name)")
        self.url = url
        self.fallback = fallback
        self.index_prefix = index_prefix
        self.timeout = timeout
        self.synonym_rules = synonym_rules or (lambda locale: [])
        self.topic_patterns = topic_patterns or (lambda locale: ())
        # The timeout set here bounds connect + read together (urllib3 "total"); a per-request
        # override would bound each separately, so queries use the client as it is.
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
        self.breaker = circuit_breaker(url)

    @classmethod
    def from_settings(cls, *, fallback: SearchBackend) -> "ElasticsearchBackend":
        """The backend configured by ELASTICSEARCH_URL, ELASTICSEARCH_INDEX_PREFIX ("portal")
        and ELASTICSEARCH_TIMEOUT (seconds, default and maximum 0.3), with the editors'
        synonyms."""
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        from search.thesaurus import synonym_rules, topic_patterns

        url = getattr(settings, "ELASTICSEARCH_URL", None)
        if not url:
            raise ImproperlyConfigured("ELASTICSEARCH_URL is not set.")
        timeout = float(getattr(settings, "ELASTICSEARCH_TIMEOUT", None) or MAX_QUERY_TIMEOUT)
        try:
            return cls(
                url=url,
                fallback=fallback,
                index_prefix=getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", None) or "portal",
                timeout=min(timeout, MAX_QUERY_TIMEOUT),
                synonym_rules=synonym_rules,
                topic_patterns=topic_patterns,
            )
        except ValueError as error:  # a malformed URL or prefix
            raise ImproperlyConfigured(f"Elasticsearch settings: {error}") from error

    def alias(self, locale: str) -> str:
        return f"{self.index_prefix}-{analysis.primary_language(locale)}"

    # --- Queries -------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        locale = analysis.primary_language(query.locale)
        if locale not in LOCALES or not searchable(query):
            return SearchResults(query=query, hits=[], total=0, backend=self.name)
        if not self.breaker.allow():
            return self._fall_back(query)
        evidence = query_evidence(query.text, locale, self.topic_patterns(locale))
        try:
            response = self.client.search(
                index=self.alias(locale), body=query_body(query, evidence=evidence)
            )
            results = results_from_response(query, response.body, backend=self.name)
            topic = fallback_topic(evidence, results.total)
            if topic is not None and query.topic in (None, topic):
                extra = self.client.search(
                    index=self.alias(locale), body=fallback_body(query, topic)
                ).body
                results = with_fallback(results, extra, topic, _topic_label(extra, topic))
        except CLUSTER_ERRORS as error:
            self._query_failed(error)
            return self._fall_back(query)
        self.breaker.record_success()
        return results

    def autocomplete(self, prefix: str, locale: str, *, limit: int = 8) -> list[str]:
        locale = analysis.primary_language(locale)
        body = autocomplete_body(prefix, locale, limit=limit)
        if body is None or locale not in LOCALES:
            return []
        if not self.breaker.allow():
            return self.fallback.autocomplete(prefix, locale, limit=limit)
        try:
            response = self.client.search(index=self.alias(locale), body=body)
        except CLUSTER_ERRORS as error:
            self._query_failed(error)
            return self.fallback.autocomplete(prefix, locale, limit=limit)
        self.breaker.record_success()
        return autocomplete_titles(response.body, limit=limit)

    def _fall_back(self, query: SearchQuery) -> SearchResults:
        return dataclasses.replace(self.fallback.search(query), fell_back=True)

    def _query_failed(self, error: Exception) -> None:
        logger.warning(
            "Elasticsearch did not answer a query (%s); the %s backend answers instead.",
            _error_name(error),
            self.fallback.name,
        )
        # A 400 is about this one request, not the cluster's health.
        if not isinstance(error, BadRequestError):
            self.breaker.record_failure()

    # --- Index updates (publishing) ------------------------------------------------------
    # Every write goes to the fallback first, so that it can answer with current content
    # whenever the cluster cannot. Its errors propagate as they would without Elasticsearch;
    # the cluster's never do.

    def index_documents(self, documents: Iterable[IndexDocument]) -> None:
        documents = list(documents)
        self.fallback.index_documents(documents)
        # require_alias: a missing alias (never rebuilt, or deleted) fails the update instead
        # of letting Elasticsearch auto-create an index with a guessed mapping.
        self._update("indexing", lambda: self._index_actions(documents), require_alias=True)

    def delete_documents(self, keys: Sequence[str]) -> None:
        keys = list(keys)
        self.fallback.delete_documents(keys)
        # A key names one page in one language, but the locale is not part of it: delete from
        # every locale's index; "not found" (404) is the normal answer from the others.
        self._update(
            "deletion",
            lambda: [
                {"_op_type": "delete", "_index": self.alias(locale), "_id": key}
                for key in keys
                for locale in LOCALES
            ],
            ignore_status=(404,),
        )

    def _index_actions(self, documents: list[IndexDocument]) -> list[dict]:
        actions = []
        for doc in documents:
            locale = analysis.primary_language(doc.locale)
            if locale not in LOCALES:
                logger.warning("Not indexing %s: no index for locale %r.", doc.key, doc.locale)
                continue
            actions.append(
                {"_index": self.alias(locale), "_id": doc.key, "_source": document_body(doc)}
            )
        return actions

    def _update(self, what: str, build_actions: Callable[[], list[dict]], **bulk_options):
        """Send the bulk actions `build_actions()` makes. Never raises: publishing must not
        fail because of the search index, not even for a bug here."""
        try:
            actions = build_actions()
            if not actions:
                return
            if not self.breaker.allow():
                self._update_lost(what, "skipped while the cluster is failing")
                return
            bulk(
                self.client.options(request_timeout=INDEX_TIMEOUT),
                actions,
                chunk_size=BULK_CHUNK_SIZE,
                **bulk_options,
            )
        except CLUSTER_ERRORS as error:
            self.breaker.record_failure()
            self._update_lost(what, f"failed ({_error_name(error)})")
            return
        except Exception:
            logger.exception("Elasticsearch %s failed unexpectedly.", what)
            self._update_lost(what, "failed")
            return
        self.breaker.record_success()

    @staticmethod
    def _update_lost(what: str, how: str) -> None:
        if not _resync.is_set():
            _resync.set()
            logger.error(
                "Elasticsearch %s %s; the search index is now out of date: %s.",
                what,
                how,
                REBUILD_HINT,
            )
        else:
            logger.warning("Elasticsearch %s %s (%s).", what, how, REBUILD_HINT)

    # --- Rebuild (management command) ----------------------------------------------------

    def rebuild(
        self, documents: Iterable[IndexDocument], *, progress: ProgressCallback | None = None
    ) -> int:
        """Rebuild the fallback, then index `documents` into new indices, move every locale's
        alias to them in one atomic request and delete the old indices.

        The old indices keep answering until the switch. Raises when the cluster fails (the
        command reports it), after deleting the half-built indices.
        """
        # A list, since both backends read it: a few thousand pages, bodies capped by
        # search.indexing, fit in memory.
        documents = list(documents)
        self.fallback.rebuild(documents)
        client = self.client.options(request_timeout=REBUILD_TIMEOUT)
        stamp = f"{time.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}"
        new = {locale: f"{self.alias(locale)}-{stamp}" for locale in LOCALES}
        done = 0
        try:
            for locale, name in new.items():
                index_definition(name, locale, self.synonym_rules(locale)).create(using=client)
            for chunk in _chunks(documents, BULK_CHUNK_SIZE):
                actions = [
                    {
                        "_index": new[analysis.primary_language(doc.locale)],
                        "_id": doc.key,
                        "_source": document_body(doc),
                    }
                    for doc in chunk
                    if analysis.primary_language(doc.locale) in new
                ]
                if actions:
                    bulk(client, actions, chunk_size=BULK_CHUNK_SIZE)
                done += len(actions)
                if progress:
                    # Like the database backend: the documents of this batch (the command
                    # adds them up).
                    progress(len(chunk))
            client.indices.refresh(index=",".join(new.values()))
            old = self._switch_aliases(client, new)
        except BaseException:
            self._delete_quietly(client, new.values())
            raise
        self._delete_quietly(client, old)
        _resync.clear()
        self.breaker.record_success()
        logger.info("Search indices rebuilt: %s documents into %s.", done, ", ".join(new.values()))
        return done

    def _switch_aliases(self, client: Elasticsearch, new: dict[str, str]) -> list[str]:
        """Point each alias at its new index in one atomic request; returns the indices to
        delete (the previous ones, and leftovers of failed rebuilds)."""
        actions: list[dict] = []
        old: list[str] = []
        for locale, name in new.items():
            alias = self.alias(locale)
            current = client.indices.get(
                index=f"{alias},{alias}-*", ignore_unavailable=True, allow_no_indices=True
            ).body
            for index, state in current.items():
                if index == name:
                    continue
                if index == alias:
                    # An index Elasticsearch auto-created under the alias's name (a write by
                    # some other client): replaced by the alias in the same atomic step.
                    actions.append({"remove_index": {"index": index}})
                    continue
                old.append(index)
                if alias in state.get("aliases", {}):
                    actions.append({"remove": {"index": index, "alias": alias}})
            actions.append({"add": {"index": name, "alias": alias}})
        client.indices.update_aliases(actions=actions)
        return old

    @staticmethod
    def _delete_quietly(client: Elasticsearch, names: Iterable[str]) -> None:
        # Names, not a wildcard: Elasticsearch refuses wildcard deletes by default
        # (action.destructive_requires_name).
        names = sorted(names)
        if not names:
            return
        try:
            client.options(ignore_status=404).indices.delete(index=",".join(names))
        except CLUSTER_ERRORS as error:
            logger.warning(
                "Could not delete the search indices %s (%s); delete them by hand.",
                ", ".join(names),
                _error_name(error),
            )

    # --- Helpers for tests and operators -------------------------------------------------

    def refresh(self) -> None:
        """Make every update searchable now (tests; Elasticsearch refreshes each second)."""
        self.client.options(request_timeout=REBUILD_TIMEOUT).indices.refresh(
            index=",".join(self.alias(locale) for locale in LOCALES)
        )

    def delete_indices(self) -> None:
        """Delete every index of this prefix (test clean-up)."""
        client = self.client.options(request_timeout=REBUILD_TIMEOUT)
        pattern = ",".join(f"{self.alias(locale)}-*" for locale in LOCALES)
        names = list(client.indices.get(index=pattern, allow_no_indices=True).body)
        if names:
            client.indices.delete(index=",".join(names))
