"""A small fixed-window rate limit kept in the cache. The client address is hashed with the
secret key and kept only for the window: it is never written to the database or logs.

While the shared cache is not answering, each process counts for itself: limits then hold per
worker rather than not at all, and nobody is refused because Redis is down."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from portal.cache import cache_available

_local_counts = LocMemCache("portal-rate-limit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def client_address(request) -> str:
    """The visitor's address. Behind proxies (`TRUSTED_PROXY_HOPS` > 0) REMOTE_ADDR is the
    nearest proxy's, shared by everyone: the visitor is then the address the outermost
    trusted proxy saw, counted from the right of X-Forwarded-For (addresses further left
    are whatever the client claimed, so never trusted)."""
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def client_fingerprint(request) -> str:
    address = client_address(request)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limit_exceeded(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; True once `limit` requests came from this client in the window."""
    key = f"ratelimit:{scope}:{client_fingerprint(request)}"
    count = _counted(cache, key, window_seconds)
    if not cache_available():
        count = _counted(_local_counts, key, window_seconds)
    return count > limit


def _counted(store, key: str, window_seconds: int) -> int:
    if store.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between add and incr (or the cache is not answering)
        store.add(key, 1, timeout=window_seconds)
        return 1
