"""The shared cache, and what the site does when it is not answering.

Everything in the cache can be rebuilt from the database, so Redis being down must cost speed,
never pages: `ResilientRedisCache` turns connection errors and timeouts into misses (get →
default, add → False, incr → "no such key", writes dropped). After a failure it does not try
Redis again for `RETRY_SECONDS`, so requests do not each wait for a connection that will not
come, and it logs one warning per `LOG_INTERVAL_SECONDS` rather than one per request. The
breaker is per process and per cache location: Django makes a cache object per thread, and
all of them should stop trying at once.

`cache_key` is the KEY_FUNCTION of every cache: keys that are long or hold characters outside
printable ASCII are replaced by their SHA-256, so Django never warns with the key's text (a
warning would print a search URL, personal data and all) and the key stays within Redis's and
memcached's limits.
"""

import hashlib
import logging
import re
import secrets
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

MAX_PLAIN_KEY_LENGTH = 200
UNAVAILABLE_ERRORS = (RedisConnectionError, RedisTimeoutError)
# Redis sits next to the web nodes and answers in a millisecond: anything slower is down.
DEFAULT_CLIENT_OPTIONS = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.5,
    # One immediate retry on a dropped connection (Redis restarted, pool connection stale),
    # none on a timeout, which would only double the wait.
    "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
}


def cache_key(key: str, key_prefix: str, version: int) -> str:
    """Django's `prefix:version:key`, with the key hashed when it is long or unusual."""
    if len(key) > MAX_PLAIN_KEY_LENGTH or not (key.isascii() and key.isprintable()) or " " in key:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return f"{key_prefix}:{version}:{key}"


def cache_available(alias: str = "default") -> bool:
    """False while the cache has just failed and is being left alone; other backends than
    `ResilientRedisCache` are always available. Read it after an operation: it reports what
    that operation found."""
    return getattr(caches[alias], "available", True)


def cache_answers(alias: str = "default") -> bool:
    """Whether the cache stores and returns a value right now (for the health check)."""
    backend = caches[alias]
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        backend.set(key, 1, timeout=10)
        answered = backend.get(key) == 1
        backend.delete(key)
    except Exception:  # any cache backend's failure means the same thing here
        logger.warning("Cache %r failed the health check", alias, exc_info=True)
        return False
    return answered


class _Breaker:
    """Per-process state of one cache location: when to try again, when last logged."""

    def __init__(self, location: str, retry_seconds: float, log_interval_seconds: float):
        self.location = location
        self.retry_seconds = retry_seconds
        self.log_interval_seconds = log_interval_seconds
        self.retry_at = 0.0
        self.failing = False
        self.logged_at: float | None = None
        # A recovery is announced only after an announced failure, so a flapping Redis
        # still writes at most two lines an interval.
        self.announced_down = False
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return self.failing and time.monotonic() < self.retry_at

    def trip(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self.failing = True
            self.retry_at = now + self.retry_seconds
            log = self.logged_at is None or now - self.logged_at >= self.log_interval_seconds
            if log:
                self.logged_at, self.announced_down = now, True
        if log:
            logger.warning(
                "Cache at %s is not answering (%s: %s); serving without it, next try in %g s",
                self.location,
                type(error).__name__,
                error,
                self.retry_seconds,
            )

    def close(self) -> None:
        if not self.failing:
            return
        with self._lock:
            announce, self.failing, self.announced_down = self.announced_down, False, False
        if announce:
            logger.warning("Cache at %s answers again", self.location)


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: str, retry_seconds: float, log_interval_seconds: float) -> _Breaker:
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = _Breaker(location, retry_seconds, log_interval_seconds)
        return _breakers[location]


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that degrades to "nothing cached" while Redis is unreachable.

    Extra settings beside OPTIONS: RETRY_SECONDS (5) before trying a failed Redis again,
    LOG_INTERVAL_SECONDS (60) between warnings while it stays down. OPTIONS default to short
    socket timeouts (DEFAULT_CLIENT_OPTIONS), so a Redis that drops packets cannot hang a
    request either.
    """

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_CLIENT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        self._breaker = _breaker_for(
            _location_without_password(location),
            float(params.get("RETRY_SECONDS", 5)),
            float(params.get("LOG_INTERVAL_SECONDS", 60)),
        )

    @property
    def available(self) -> bool:
        return not self._breaker.is_open()

    def _guarded(self, operation, *args, when_unavailable, **kwargs):
        if self._breaker.is_open():
            return when_unavailable
        try:
            result = operation(*args, **kwargs)
        except UNAVAILABLE_ERRORS as error:
            self._breaker.trip(error)
            return when_unavailable
        self._breaker.close()
        return result

    def add(self, key, value, *args, **kwargs):
        return self._guarded(super().add, key, value, *args, when_unavailable=False, **kwargs)

    def get(self, key, default=None, version=None):
        return self._guarded(super().get, key, default, version, when_unavailable=default)

    def set(self, key, value, *args, **kwargs):
        self._guarded(super().set, key, value, *args, when_unavailable=None, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._guarded(super().touch, key, *args, when_unavailable=False, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._guarded(super().delete, key, *args, when_unavailable=False, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        return self._guarded(super().get_many, keys, *args, when_unavailable={}, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._guarded(super().has_key, key, *args, when_unavailable=False, **kwargs)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guarded(super().incr, key, delta, version, when_unavailable=missing)
        if result is missing:
            # What Django's contract says for a key that is not there, which is what callers
            # already handle.
            raise ValueError("Key not found: the cache is not answering.")
        return result

    def set_many(self, data, *args, **kwargs):
        return self._guarded(super().set_many, data, *args, when_unavailable=list(data), **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        self._guarded(super().delete_many, keys, *args, when_unavailable=None, **kwargs)

    def clear(self):
        return self._guarded(super().clear, when_unavailable=False)


def _location_without_password(location: str) -> str:
    """redis://user:secret@host:6379/0 → redis://host:6379/0, for log lines."""
    return re.sub(r"://[^/@,;]*@", "://", location)
