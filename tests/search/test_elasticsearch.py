"""ElasticsearchBackend: fallback to the database, circuit breaker, and what goes over the wire.

No Elasticsearch runs here. The fallback is tested against real sockets (a closed port and a
server that accepts connections and never answers); the requests against a small local HTTP
server that answers like Elasticsearch and records what it was sent. The live-cluster tests
are in test_elasticsearch_live.py.
"""

import json
import logging
import socket
import sys
import threading
import time
import types
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import elasticsearch as es_backend
from search.backends.base import (
    FACET_TOPIC,
    IndexDocument,
    SearchBackend,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from search.backends.elasticsearch import CircuitBreaker, ElasticsearchBackend, resync_needed
from search.backends.es_mapping import document_body, index_body
from search.backends.es_query import query_body

TIMEOUT = es_backend.MAX_QUERY_TIMEOUT


class FakeDatabaseBackend:
    """The fallback: answers every search with one canned hit and records every call."""

    name = "database"

    def __init__(self):
        self.searched, self.indexed, self.deleted, self.rebuilt = [], [], [], []

    def search(self, query):
        self.searched.append(query)
        hit = SearchHit(
            key="page:1",
            kind="service",
            title="Velkaneuvonta",
            url="/fi/velkaneuvonta/",
            snippet="<mark>Velka</mark>neuvonta",
            score=1.0,
        )
        return SearchResults(query=query, hits=[hit], total=1, backend=self.name)

    def autocomplete(self, prefix, locale, *, limit=8):
        return ["Velkaneuvonta"]

    def index_documents(self, documents):
        self.indexed.extend(documents)

    def delete_documents(self, keys):
        self.deleted.extend(keys)

    def rebuild(self, documents, *, progress=None):
        self.rebuilt = list(documents)
        return len(self.rebuilt)


@pytest.fixture(autouse=True)
def _fresh_breakers():
    """Circuit breakers and the re-sync flag are per process: each test starts clean."""
    es_backend.reset_state()
    yield
    es_backend.reset_state()


@pytest.fixture
def fallback():
    return FakeDatabaseBackend()


def _query(text="velkaneuvonta", **kwargs):
    return SearchQuery(text=text, locale=kwargs.pop("locale", "fi"), **kwargs)


def _document(key="page:1", locale="fi", **kwargs):
    values = {"kind": "service", "title": "Velkaneuvonta", "url": f"/{locale}/{key}/"}
    return IndexDocument(key=key, locale=locale, **(values | kwargs))


# --- Dead clusters: real sockets -----------------------------------------------------------


@pytest.fixture
def closed_port_url():
    """A localhost port nothing listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class SilentServer:
    """Accepts TCP connections and never answers: a hung or overloaded cluster."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.connections.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


def _timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def test_backend_implements_the_protocol(closed_port_url, fallback):
    backend = ElasticsearchBackend(url=closed_port_url, fallback=fallback)

    assert isinstance(backend, SearchBackend)
    assert backend.name == "elasticsearch"


def test_closed_port_falls_back_to_the_database_at_once(closed_port_url, fallback):
    backend = ElasticsearchBackend(url=closed_port_url, fallback=fallback)
    query = _query()

    results, elapsed = _timed(lambda: backend.search(query))

    assert results.fell_back is True
    assert results.backend == "database"
    assert [hit.key for hit in results.hits] == ["page:1"]
    assert fallback.searched == [query]
    assert elapsed < TIMEOUT


def test_silent_cluster_falls_back_within_the_timeout(silent_server, fallback):
    backend = ElasticsearchBackend(url=silent_server.url, fallback=fallback)

    results, elapsed = _timed(lambda: backend.search(_query()))

    assert results.fell_back is True
    assert [hit.key for hit in results.hits] == ["page:1"]
    assert TIMEOUT * 0.8 <= elapsed < 1.5
    assert len(silent_server.connections) == 1


def test_after_a_failure_the_circuit_breaker_skips_the_cluster(silent_server, fallback):
    backend = ElasticsearchBackend(url=silent_server.url, fallback=fallback)
    backend.search(_query())

    results, elapsed = _timed(lambda: backend.search(_query("toimeentulotuki")))

    assert results.fell_back is True
    assert elapsed < 0.05
    assert len(silent_server.connections) == 1  # the cluster was not asked again
    assert len(fallback.searched) == 2


def test_the_breaker_is_shared_by_backends_of_the_same_cluster(silent_server, fallback):
    ElasticsearchBackend(url=silent_server.url, fallback=fallback).search(_query())
    another = ElasticsearchBackend(url=silent_server.url, fallback=fallback)

    results, elapsed = _timed(lambda: another.search(_query()))

    assert results.fell_back is True
    assert elapsed < 0.05


def test_after_the_cooldown_the_cluster_is_tried_again(silent_server, fallback):
    backend = ElasticsearchBackend(url=silent_server.url, fallback=fallback)
    backend.breaker.cooldown = 0.2
    backend.search(_query())
    time.sleep(0.25)

    results, elapsed = _timed(lambda: backend.search(_query()))

    assert results.fell_back is True
    assert elapsed >= TIMEOUT * 0.8
    assert len(silent_server.connections) == 2


def test_autocomplete_falls_back(silent_server, fallback):
    backend = ElasticsearchBackend(url=silent_server.url, fallback=fallback)

    titles, elapsed = _timed(lambda: backend.autocomplete("velkan", "fi"))

    assert titles == ["Velkaneuvonta"]
    assert elapsed < 1.5


def test_logs_name_the_error_but_never_the_query(silent_server, fallback, caplog):
    # At INFO and above, as in production. (elastic_transport logs request bodies at DEBUG:
    # docs/operations.md says to keep it above that.)
    backend = ElasticsearchBackend(url=silent_server.url, fallback=fallback)
    caplog.set_level(logging.INFO)

    backend.search(_query("Matti Meikäläinen 010190-123A velkaneuvonta"))

    warnings = [r for r in caplog.records if r.name == es_backend.__name__]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "ConnectionTimeout" in warnings[0].getMessage()
    for record in caplog.records:
        assert "meikäläinen" not in record.getMessage().lower()
        assert "010190" not in record.getMessage()


def test_text_without_words_answers_without_asking_anyone(closed_port_url, fallback):
    backend = ElasticsearchBackend(url=closed_port_url, fallback=fallback)

    results = backend.search(_query(" ?! "))

    assert (results.hits, results.total, results.fell_back) == ([], 0, False)
    assert fallback.searched == []


def test_publishing_against_a_closed_port_does_not_raise(closed_port_url, fallback, caplog):
    backend = ElasticsearchBackend(url=closed_port_url, fallback=fallback)
    documents = [_document("page:1"), _document("page:2", locale="sv")]

    backend.index_documents(documents)
    backend.delete_documents(["page:3"])

    assert fallback.indexed == documents  # the fallback stays current
    assert fallback.deleted == ["page:3"]
    assert resync_needed()
    [error] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "search_rebuild" in error.getMessage()


def test_publishing_against_a_silent_cluster_does_not_raise(silent_server, fallback, monkeypatch):
    monkeypatch.setattr(es_backend, "INDEX_TIMEOUT", TIMEOUT)
    backend = ElasticsearchBackend(url=silent_server.url, fallback=fallback)

    _, elapsed = _timed(lambda: backend.index_documents([_document()]))
    _, skipped = _timed(lambda: backend.index_documents([_document("page:2")]))

    assert elapsed < 1.5
    assert skipped < 0.05  # the breaker is open: publishing does not wait again
    assert [doc.key for doc in fallback.indexed] == ["page:1", "page:2"]
    assert resync_needed()


def test_rebuild_against_a_dead_cluster_raises(closed_port_url, fallback):
    # The command must fail loudly; the fallback is rebuilt all the same.
    backend = ElasticsearchBackend(url=closed_port_url, fallback=fallback)

    with pytest.raises(es_backend.TransportError):
        backend.rebuild([_document()])
    assert [doc.key for doc in fallback.rebuilt] == ["page:1"]


# --- Circuit breaker -----------------------------------------------------------------------


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_breaker_opens_on_failure_and_lets_one_probe_through_after_the_cooldown():
    clock = FakeClock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    assert breaker.allow()

    breaker.record_failure()
    assert not breaker.allow()
    clock.now += 29.9
    assert not breaker.allow()

    clock.now += 0.2
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else waits for its verdict
    breaker.record_success()
    assert breaker.allow()
    assert breaker.allow()


def test_a_failed_probe_opens_the_breaker_again():
    clock = FakeClock()
    breaker = CircuitBreaker(cooldown=30, clock=clock)
    breaker.record_failure()
    clock.now += 31
    assert breaker.allow()

    breaker.record_failure()

    assert breaker.is_open
    clock.now += 29
    assert not breaker.allow()


# --- Settings ------------------------------------------------------------------------------


@pytest.fixture
def thesaurus(monkeypatch):
    """search.thesaurus as from_settings imports it (the real one is another module's job)."""
    module = types.SimpleNamespace(
        synonym_rules=lambda locale: [f"{locale}-a, {locale}-b"], topic_patterns=lambda locale: ()
    )
    monkeypatch.setitem(sys.modules, "search.thesaurus", module)
    return module


def test_from_settings_reads_the_settings_and_caps_the_timeout(settings, thesaurus, fallback):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX_PREFIX = "staging"
    settings.ELASTICSEARCH_TIMEOUT = 2.5

    backend = ElasticsearchBackend.from_settings(fallback=fallback)

    assert backend.url == "http://127.0.0.1:9"
    assert backend.alias("fi-FI") == "staging-fi"
    assert backend.timeout == TIMEOUT
    assert backend.fallback is fallback
    assert backend.synonym_rules is thesaurus.synonym_rules
    assert backend.topic_patterns is thesaurus.topic_patterns


def test_from_settings_defaults(settings, thesaurus, fallback):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    for name in ("ELASTICSEARCH_INDEX_PREFIX", "ELASTICSEARCH_TIMEOUT"):
        if hasattr(settings, name):
            delattr(settings, name)

    backend = ElasticsearchBackend.from_settings(fallback=fallback)

    assert (backend.index_prefix, backend.timeout) == ("portal", TIMEOUT)


def test_from_settings_needs_a_url(settings, thesaurus, fallback):
    settings.ELASTICSEARCH_URL = None

    with pytest.raises(ImproperlyConfigured):
        ElasticsearchBackend.from_settings(fallback=fallback)


def test_from_settings_rejects_a_malformed_url(settings, thesaurus, fallback):
    settings.ELASTICSEARCH_URL = "not a url"

    with pytest.raises(ImproperlyConfigured):
        ElasticsearchBackend.from_settings(fallback=fallback)


def test_index_prefix_must_be_a_valid_index_name(fallback):
    with pytest.raises(ValueError, match="lower-case"):
        ElasticsearchBackend(url="http://127.0.0.1:9", fallback=fallback, index_prefix="Portal")


# --- The wire: a local server answering like Elasticsearch ---------------------------------


class StubCluster:
    """A local HTTP server that answers like Elasticsearch and records each request.

    `routes` maps (method, path) to (status, body); bulk requests get one item per action,
    with the status `bulk_status` returns for it; anything else gets 200 {"acknowledged": true}.
    """

    def __init__(self):
        self.requests = []
        self.routes = {}
        self.bulk_status = lambda action, meta: 201 if action == "index" else 200
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _handle(self):
                parsed = urllib.parse.urlsplit(self.path)
                path = urllib.parse.unquote(parsed.path)
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                params = dict(urllib.parse.parse_qsl(parsed.query))
                stub.requests.append((self.command, path, params, raw))
                status, body = stub.answer(self.command, path, raw)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def answer(self, method, path, raw):
        if (method, path) in self.routes:
            return self.routes[(method, path)]
        if path.endswith("/_bulk"):
            items = []
            for action, meta in _bulk_actions(raw):
                status = self.bulk_status(action, meta)
                item = {"_index": meta["_index"], "_id": meta["_id"], "status": status}
                if status >= 300:
                    item["error"] = {"type": "index_not_found_exception", "reason": "no such"}
                items.append({action: item})
            errors = any(next(iter(i.values()))["status"] >= 300 for i in items)
            return 200, {"took": 1, "errors": errors, "items": items}
        return 200, {"acknowledged": True}

    def sent(self, method=None, suffix=""):
        return [
            (m, path, params, raw)
            for m, path, params, raw in self.requests
            if (method is None or m == method) and path.endswith(suffix)
        ]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _bulk_actions(raw):
    """(action, metadata) of each action in a bulk request body (NDJSON)."""
    lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
    actions = []
    index = 0
    while index < len(lines):
        [(action, meta)] = lines[index].items()
        index += 1 if action == "delete" else 2
        actions.append((action, meta))
    return actions


def _bulk_sources(raw):
    lines = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return [(lines[i], lines[i + 1]) for i in range(0, len(lines), 2)]


def _created_indices(cluster):
    """{name: body} of the create-index requests (PUT /<name>; bulk is PUT /_bulk)."""
    return {
        path.lstrip("/"): json.loads(raw)
        for _, path, _, raw in cluster.sent("PUT")
        if not path.startswith("/_")
    }


@pytest.fixture
def cluster():
    stub = StubCluster()
    yield stub
    stub.close()


def _search_response():
    source = {
        "key": "page:9",
        "kind": "service",
        "title": "Talous- ja velkaneuvonta",
        "url": "/fi/velkaneuvonta/",
        "summary": "Apua velkoihin.",
        "body": "",
        "reference": "",
        "page_id": "9",
        "topics": ["money"],
    }
    topic_source = {"topics": ["money"], "topic_labels": ["Raha"]}
    return {
        "took": 2,
        "timed_out": False,
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "max_score": 4.2,
            "hits": [
                {
                    "_index": "portal-fi-1",
                    "_id": "page:9",
                    "_score": 4.2,
                    "_source": source,
                    "highlight": {"summary": ["Apua <mark>velkoihin</mark>."]},
                }
            ],
        },
        "aggregations": {
            FACET_TOPIC: {
                "buckets": [
                    {
                        "key": "money",
                        "doc_count": 1,
                        "label": {"hits": {"hits": [{"_source": topic_source}]}},
                    }
                ]
            }
        },
        "suggest": {"did_you_mean": [{"text": "velkoihin", "options": []}]},
    }


def test_search_sends_the_query_body_to_the_locales_alias(cluster, fallback):
    cluster.routes[("POST", "/portal-fi/_search")] = (200, _search_response())
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)
    query = _query("velkoihin", topic="money")

    results = backend.search(query)

    [(_, _, _, raw)] = cluster.sent("POST", "/portal-fi/_search")
    assert json.loads(raw) == query_body(query)
    assert results.fell_back is False
    assert results.backend == "elasticsearch"
    assert [(h.key, h.snippet, h.page_id) for h in results.hits] == [
        ("page:9", "Apua <mark>velkoihin</mark>.", 9)
    ]
    assert [(f.value, f.label, f.count) for f in results.facets[FACET_TOPIC]] == [
        ("money", "Raha", 1)
    ]
    assert fallback.searched == []


@pytest.mark.parametrize(
    ("status", "breaker_opens"),
    [
        (500, True),  # the cluster is failing
        (503, True),
        (404, True),  # no index: not built yet, or deleted
        (400, False),  # about this request only
    ],
)
def test_error_answers_fall_back(cluster, fallback, status, breaker_opens):
    error = {"error": {"type": "some_exception", "reason": "velkoihin"}, "status": status}
    cluster.routes[("POST", "/portal-fi/_search")] = (status, error)
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)

    results = backend.search(_query("velkoihin"))

    assert results.fell_back is True
    assert backend.breaker.is_open is breaker_opens


def test_a_success_closes_the_breaker(cluster, fallback):
    cluster.routes[("POST", "/portal-fi/_search")] = (200, _search_response())
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)
    backend.breaker.record_failure()
    backend.breaker._open_until = 0.001  # cooldown over: the next call probes

    assert backend.search(_query()).fell_back is False
    assert not backend.breaker.is_open


def test_autocomplete_asks_the_locales_alias(cluster, fallback):
    hits = [{"_source": {"title": "Velkaneuvonta"}}, {"_source": {"title": "Velkajärjestely"}}]
    cluster.routes[("POST", "/portal-sv/_search")] = (200, {"hits": {"hits": hits}})
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)

    assert backend.autocomplete("velk", "sv", limit=1) == ["Velkaneuvonta"]
    [(_, _, _, raw)] = cluster.sent("POST", "/portal-sv/_search")
    assert json.loads(raw)["query"]["multi_match"]["type"] == "bool_prefix"


def test_index_documents_bulk_indexes_into_the_aliases(cluster, fallback):
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback, index_prefix="test")
    documents = [_document("page:1"), _document("page:2", locale="en", title="Debt advice")]

    backend.index_documents(documents)

    [(_, _, params, raw)] = cluster.sent(suffix="/_bulk")
    # A missing alias must fail the update, not auto-create an index with a guessed mapping.
    assert params["require_alias"] == "true"
    assert _bulk_sources(raw) == [
        ({"index": {"_index": "test-fi", "_id": "page:1"}}, document_body(documents[0])),
        ({"index": {"_index": "test-en", "_id": "page:2"}}, document_body(documents[1])),
    ]
    assert fallback.indexed == documents
    assert not resync_needed()


def test_failed_bulk_items_do_not_raise_but_ask_for_a_rebuild(cluster, fallback, caplog):
    cluster.bulk_status = lambda action, meta: 404  # no alias yet
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)

    backend.index_documents([_document()])

    assert resync_needed()
    assert any("search_rebuild" in r.getMessage() for r in caplog.records)


def test_delete_documents_deletes_from_every_locale_and_ignores_not_found(cluster, fallback):
    cluster.bulk_status = lambda action, meta: 200 if meta["_index"] == "portal-sv" else 404
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)

    backend.delete_documents(["page:5"])

    [(_, _, _, raw)] = cluster.sent(suffix="/_bulk")
    assert _bulk_actions(raw) == [
        ("delete", {"_index": f"portal-{locale}", "_id": "page:5"}) for locale in ("fi", "sv", "en")
    ]
    assert fallback.deleted == ["page:5"]
    assert not resync_needed()


def test_rebuild_fills_new_indices_and_switches_the_aliases_at_once(cluster, fallback, monkeypatch):
    old = "portal-fi-20250101000000-abcdef"
    leftover = "portal-sv-20250101000000-dead00"  # from a rebuild that failed
    cluster.routes[("GET", "/portal-fi,portal-fi-*")] = (200, {old: {"aliases": {"portal-fi": {}}}})
    cluster.routes[("GET", "/portal-sv,portal-sv-*")] = (200, {leftover: {"aliases": {}}})
    cluster.routes[("GET", "/portal-en,portal-en-*")] = (200, {})
    rules = {"fi": ["velka, laina"], "sv": [], "en": []}
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback, synonym_rules=rules.get)
    es_backend._resync.set()
    monkeypatch.setattr(es_backend, "BULK_CHUNK_SIZE", 3)
    documents = [_document(f"page:{n}", locale=("fi", "sv", "en")[n % 3]) for n in range(7)]
    done = []

    count = backend.rebuild(iter(documents), progress=done.append)

    assert count == 7
    assert done == [3, 3, 1]  # per batch, as the command's progress bar adds them up
    assert fallback.rebuilt == documents
    created = _created_indices(cluster)
    new = {name.split("-")[1]: name for name in created}
    assert set(new) == {"fi", "sv", "en"}
    for locale, name in new.items():
        assert created[name] == index_body(locale, rules[locale])
    bulk_requests = cluster.sent(suffix="/_bulk")
    assert len(bulk_requests) == 3
    indexed = [meta for _, _, _, raw in bulk_requests for _, meta in _bulk_actions(raw)]
    assert [(meta["_index"], meta["_id"]) for meta in indexed] == [
        (new[doc.locale], doc.key) for doc in documents
    ]
    assert cluster.sent("POST", "/_refresh")
    [(_, _, _, raw)] = cluster.sent("POST", "/_aliases")
    assert json.loads(raw)["actions"] == [
        {"remove": {"index": old, "alias": "portal-fi"}},
        {"add": {"index": new["fi"], "alias": "portal-fi"}},
        {"add": {"index": new["sv"], "alias": "portal-sv"}},
        {"add": {"index": new["en"], "alias": "portal-en"}},
    ]
    [(_, deleted, _, _)] = cluster.sent("DELETE")
    assert deleted == f"/{old},{leftover}"
    assert not resync_needed()


def test_a_failed_rebuild_deletes_its_new_indices_and_raises(cluster, fallback):
    cluster.routes[("PUT", "/_bulk")] = (500, {"error": "boom", "status": 500})
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)

    with pytest.raises(es_backend.ApiError):
        backend.rebuild([_document()])

    created = sorted(_created_indices(cluster))
    [(_, deleted, _, _)] = cluster.sent("DELETE")
    assert deleted == "/" + ",".join(created)
    assert not cluster.sent("POST", "/_aliases")


def test_a_bug_in_building_documents_does_not_fail_publishing(cluster, fallback, monkeypatch):
    def broken(doc):
        raise KeyError("surprise")

    monkeypatch.setattr(es_backend, "document_body", broken)
    backend = ElasticsearchBackend(url=cluster.url, fallback=fallback)

    backend.index_documents([_document()])

    assert resync_needed()
    assert not cluster.sent(suffix="/_bulk")
