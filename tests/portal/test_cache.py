"""The shared cache: Redis being down costs speed, never a page, and no key gives away a URL."""

import logging
import os
import socket
import subprocess
import sys
import time
import uuid
import warnings
from contextlib import closing
from pathlib import Path
from unittest import mock
from urllib.parse import quote, quote_plus

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from portal import cache as breakers
from portal import page_cache, rate_limit
from portal.cache import cache_key
from portal.models import UrgentHelpPage
from portal.page_cache import content_version, content_version_bump, local_cache_clear

LIVE_REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
PERSONAL_DATA = ("131052-308T", "040 123 4567", "matti.meikalainen@example.fi")


def _closed_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_caches(location: str, **extra) -> dict:
    return {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"portal-test-{uuid.uuid4().hex[:8]}",
            "KEY_FUNCTION": "portal.cache.cache_key",
            **extra,
        }
    }


def _cache_warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "portal.cache" and "not answering" in r.msg]


@pytest.fixture(autouse=True)
def _fresh_breakers():
    """Each test meets every cache location as if for the first time."""
    breakers._breakers.clear()
    yield
    breakers._breakers.clear()


@pytest.fixture
def public_urls(client, demo_site, service_page, database_search):
    """One URL of every kind a resident opens, on a site with a topic, a service, the urgent
    help page and the demo self-assessments."""
    from selfassess.demo import selfassess_demo_load
    from selfassess.models import InstrumentPage

    urgent = demo_site.add_child(instance=UrgentHelpPage(title="Kiireellinen apu", slug="apu"))
    urgent.save_revision().publish()
    selfassess_demo_load(home_fi=demo_site)
    who5 = InstrumentPage.objects.get(instrument="who5", locale__language_code="fi")
    with translation.override("fi"):
        search, suggestions = reverse("search"), reverse("search_autocomplete")
    return {
        "home": "/fi/",
        "topic": service_page.get_parent().url,
        "service": service_page.url,
        "urgent help": urgent.url,
        "search": f"{search}?q=toimeentulotuki",
        "suggestions": f"{suggestions}?q=toim",
        "self-assessment intro": who5.url,
        "self-assessment step": f"/fi/self-assessment/{who5.pk}/step/1/",
        "HSDS API": "/api/hsds/services/",
    }


@pytest.fixture
def redis_down(settings):
    """The cache is Redis on a port where nothing listens; page caching is on."""
    settings.CACHES = _redis_caches(f"redis://127.0.0.1:{_closed_port()}/0")
    settings.PAGE_CACHE_ENABLED = True
    rate_limit._local_counts.clear()
    local_cache_clear()
    yield
    rate_limit._local_counts.clear()


@pytest.fixture
def live_redis(settings):
    """The cache is the local Redis, under a key prefix of this test's own."""
    import redis

    try:
        redis.Redis.from_url(LIVE_REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis answers at {LIVE_REDIS_URL} (set REDIS_TEST_URL; CI has one)")
    settings.CACHES = _redis_caches(LIVE_REDIS_URL)
    local_cache_clear()
    yield redis.Redis.from_url(LIVE_REDIS_URL)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    client = redis.Redis.from_url(LIVE_REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


# --- Keys ----------------------------------------------------------------------------------


def test_short_plain_keys_are_kept_as_django_makes_them():
    assert cache_key("ratelimit:search:abc", "portal", 1) == "portal:1:ratelimit:search:abc"


@pytest.mark.parametrize(
    "key", ["x" * 201, "pagecache:1:host:/fi/haku/?q=a b", "route-page:/fi/ääkköset/", "a\nb"]
)
def test_long_or_unusual_keys_are_hashed(key):
    made = cache_key(key, "portal", 1)
    assert made.startswith("portal:1:sha256:") and len(made) == len("portal:1:sha256:") + 64
    assert made == cache_key(key, "portal", 1) != cache_key(key + "!", "portal", 1)


def _assert_nothing_personal(texts):
    forms = {form(value) for value in PERSONAL_DATA for form in (str, quote, quote_plus)}
    for text in texts:
        for form in forms:
            assert form not in text, f"{form!r} leaked: {text[:300]!r}"


def test_a_long_search_url_leaves_no_personal_data_in_logs_warnings_or_keys(
    client, settings, capsys, caplog, service_page, database_search
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "long-url-test",
            "KEY_FUNCTION": "portal.cache.cache_key",
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    query = "velka " + " ".join(PERSONAL_DATA) + " " + "toimeentulotuki " * 16
    with translation.override("fi"):
        url = f"{reverse('search')}?q={quote_plus(query)}"
    assert len(url) > 300
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert client.get(url).status_code == 200
        assert client.get(service_page.url)["X-Page-Cache"] == "miss"
    captured = capsys.readouterr()
    _assert_nothing_personal(
        [captured.out, captured.err, caplog.text]
        + [record.getMessage() for record in caplog.records]
        + [str(warning.message) for warning in caught]
    )
    from django.core.cache.backends.locmem import _caches

    keys = list(_caches["long-url-test"])
    assert any(key.startswith(":1:pagecache:") for key in keys)
    _assert_nothing_personal(keys)
    assert not any("/fi/" in key for key in keys if key.startswith(":1:pagecache:"))


def _run_in_fresh_django(script: str, *python_options: str) -> subprocess.CompletedProcess:
    """`script` in a new interpreter with the test settings, as a server process starts."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    return subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, *python_options, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(django_settings.BASE_DIR),
        timeout=120,
        check=True,
    )


def test_python_warnings_reach_the_log_through_the_redaction_filter():
    """In a fresh process as production has it: Django set up, then a warning that quotes
    personal data (as Django's cache key warning quoted a search URL)."""
    script = (
        f"import django, warnings; django.setup(); warnings.warn('haku: {' '.join(PERSONAL_DATA)}')"
    )
    result = _run_in_fresh_django(script, "-W", "always")
    assert "py.warnings" in result.stderr and "UserWarning" in result.stderr
    _assert_nothing_personal([result.stdout, result.stderr])


def test_the_development_servers_access_log_is_redacted():
    """runserver (`make demo`) logs every request line, query string and all, through a
    handler Django sets up itself."""
    request_line = f"GET /fi/haku/?q={'+'.join(PERSONAL_DATA)} HTTP/1.1"
    script = (
        "import django, logging; django.setup(); "
        f"logging.getLogger('django.server').info('\"%s\" %s %s', {request_line!r}, '200', '9')"
    )
    result = _run_in_fresh_django(script)
    assert "GET /fi/haku/?q=" in result.stderr
    _assert_nothing_personal([result.stdout, result.stderr])


# --- Redis down ----------------------------------------------------------------------------


def test_every_public_page_is_served_while_redis_is_down(client, public_urls, redis_down, caplog):
    caplog.set_level(logging.WARNING)
    for _round in range(2):  # the second from this process's own copies where cacheable
        for name, url in public_urls.items():
            response = client.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
        start = public_urls["self-assessment step"].replace("step/1/", "")
        assert client.get(start).status_code == 302
    assert client.get(public_urls["service"])["X-Page-Cache"] == "hit"
    assert len(_cache_warnings(caplog)) == 1  # once, not once a request


def test_health_check_reports_the_cache_as_degraded_but_keeps_the_node(client, db, redis_down):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "unavailable": ["cache:default"]}


def test_health_check_is_503_only_without_the_database(client, db):
    with mock.patch("portal.views.connection.cursor", side_effect=RuntimeError("db down")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_feedback_is_taken_while_redis_is_down(client, service_page, redis_down):
    response = client.post("/fi/feedback/", {"page": service_page.pk, "useful": "1"})
    assert response.status_code == 302


def test_rate_limits_hold_per_process_while_redis_is_down(db, redis_down, caplog):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7")
    other = RequestFactory().get("/", REMOTE_ADDR="198.51.100.8")
    limited = [
        rate_limit.rate_limit_exceeded(request, scope="t", limit=2, window_seconds=60)
        for _ in range(3)
    ]
    assert limited == [False, False, True]
    assert not rate_limit.rate_limit_exceeded(other, scope="t", limit=2, window_seconds=60)


def test_the_content_version_is_kept_and_a_publish_counted_once_redis_answers(settings):
    working = settings.CACHES
    content_version_bump()
    before = content_version()
    settings.CACHES = _redis_caches(f"redis://127.0.0.1:{_closed_port()}/0")
    local_cache_clear()
    assert content_version() == before  # not the default of 1 while nothing answers
    content_version_bump()  # a publish while Redis is down
    assert content_version() == before
    settings.CACHES = working  # Redis answers again
    local_cache_clear()
    assert content_version() == before + 1
    assert cache.get(page_cache.CONTENT_VERSION_KEY) == before + 1


def test_a_redis_that_never_answers_costs_one_short_timeout(settings, caplog):
    """A black hole: the connection is accepted (by the kernel's backlog) but nothing is ever
    read or answered."""
    with closing(socket.socket()) as hole:
        hole.bind(("127.0.0.1", 0))
        hole.listen(8)
        settings.CACHES = _redis_caches(f"redis://127.0.0.1:{hole.getsockname()[1]}/0")
        started = time.monotonic()
        assert cache.get("anything", "default") == "default"
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert cache.get("anything") is None
            cache.set("anything", 1)
        assert first < 2.0 and time.monotonic() - started < 0.1
    assert len(_cache_warnings(caplog)) == 1
    assert "TimeoutError" in _cache_warnings(caplog)[0].getMessage()


def test_passwords_are_left_out_of_the_warning(settings, caplog):
    settings.CACHES = _redis_caches(f"redis://:s3cret@127.0.0.1:{_closed_port()}/0")
    cache.get("anything")
    (record,) = _cache_warnings(caplog)
    assert "s3cret" not in record.getMessage() and "127.0.0.1" in record.getMessage()


# --- Redis up ------------------------------------------------------------------------------


def test_against_a_live_redis_the_cache_works_as_usual(live_redis, settings):
    assert cache.available
    cache.set("a", {"b": 1}, timeout=60)
    assert cache.get("a") == {"b": 1}
    assert cache.add("counter", 1) and not cache.add("counter", 5)
    assert cache.incr("counter") == 2
    with pytest.raises(ValueError):
        cache.incr("missing")
    long_key = "x" * 300
    cache.set(long_key, "long", timeout=60)
    assert cache.get(long_key) == "long"
    assert cache.get_many(["a", "counter"]) == {"a": {"b": 1}, "counter": 2}
    assert cache.delete("a") and cache.get("a") is None
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    assert all(len(key) < 120 for key in live_redis.scan_iter(f"{prefix}:*"))


def test_against_a_live_redis_pages_are_cached_under_hashed_keys(
    client, live_redis, settings, service_page
):
    settings.PAGE_CACHE_ENABLED = True
    url = f"{service_page.url}?q=131052-308T"
    assert client.get(url)["X-Page-Cache"] == "miss"
    local_cache_clear()  # the next hit has to come from Redis
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/healthz/").json() == {"status": "ok"}
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    keys = [key.decode() for key in live_redis.scan_iter(f"{prefix}:*")]
    assert any(":pagecache:" in key for key in keys)
    _assert_nothing_personal(keys)
    assert not any(service_page.slug in key for key in keys if ":pagecache:" in key)


def test_after_a_failure_redis_is_tried_again_and_the_recovery_logged(live_redis, caplog):
    from redis.exceptions import ConnectionError as RedisConnectionError

    breaker = cache._breaker
    breaker.retry_seconds = 0.05
    cache.get("a")
    breaker.trip(RedisConnectionError("simulated"))
    assert not cache.available and cache.get("a", "skipped") == "skipped"
    time.sleep(0.06)
    cache.set("a", 1, timeout=60)
    assert cache.available and cache.get("a") == 1
    messages = [r.getMessage() for r in caplog.records if r.name == "portal.cache"]
    assert len(messages) == 2 and messages[1].endswith("answers again")
