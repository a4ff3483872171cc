"""A small fixed-window rate limit kept in the cache. The client address is hashed with the
secret key and kept only for the window: it is never written to the database or logs."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_fingerprint(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limit_exceeded(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; True once `limit` requests came from this client in the window."""
    key = f"ratelimit:{scope}:{client_fingerprint(request)}"
    if cache.add(key, 1, timeout=window_seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return False
    return count > limit
