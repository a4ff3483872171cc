"""Whole-page cache for anonymous visitors.

Residents never log in, so every public page looks the same to all of them and can be served
from the cache without routing, database queries or rendering. Publishing anything bumps one
content version number that is part of every key, so a publish invalidates all pages at once
(navigation, translations and shared channels make pages depend on each other). Entries also
expire after PAGE_CACHE_SECONDS because "open now" changes with the clock.

Two levels: the shared cache (Redis in production) holds pages for every worker, and each
process keeps its hottest pages and the content version in memory, re-reading the version at
most once a CONTENT_VERSION_CHECK_SECONDS. A hit then costs no network round trip at all; a
publish reaches other workers within that second.

While the shared cache is down (`portal.cache`), pages are served from this process's copies
or rendered afresh, and the content version last read is kept. A publish in that time clears
this process's copies and is counted in the shared version once the cache answers again, so
other workers then drop what they kept from before it.

Page keys hold a hash of the host and path, never the URL itself: a search URL carries
whatever the person typed.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from portal.cache import cache_available

CONTENT_VERSION_KEY = "pagecache:content-version"
CONTENT_VERSION_CHECK_SECONDS = 1.0
LOCAL_PAGES_MAX = 500
CACHEABLE_CONTENT_TYPE = "text/html"
UNCACHEABLE_CACHE_CONTROL = ("private", "no-cache", "no-store")

_lock = threading.Lock()
_local_version: dict[str, float] = {"value": 0, "checked_at": 0.0, "bump_pending": False}
_local_pages: "OrderedDict[str, tuple]" = OrderedDict()
# Values derived from content; keys carry the content version, so old ones simply age out.
_local_values: dict[str, object] = {}
LOCAL_VALUES_MAX = 2000


def content_version() -> int:
    """The current content version, from this process's memory when recently checked."""
    now = time.monotonic()
    if now - _local_version["checked_at"] > CONTENT_VERSION_CHECK_SECONDS:
        if _local_version["bump_pending"]:
            _shared_version_bump()
        value = cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)
        if cache_available():  # otherwise `value` is only the default
            _local_version["value"] = value
        _local_version["checked_at"] = now
    return int(_local_version["value"])


def content_version_bump() -> None:
    """Invalidate every cached page (called on publish, unpublish, move, delete, snippet save)."""
    _shared_version_bump()
    local_cache_clear()


def _shared_version_bump() -> None:
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)
    # Not counted while the cache is down: retried, or other workers would keep serving what
    # they cached before this publish for as long as it lives.
    _local_version["bump_pending"] = not cache_available()


def local_cache_clear() -> None:
    """Forget this process's copies; the next request re-reads the shared version."""
    with _lock:
        _local_pages.clear()
        _local_values.clear()
        _local_version["checked_at"] = 0.0


def cached_for_content(key: str, compute, timeout: int = 3600):
    """A value derived from published content (a footer link, the site settings), kept until
    the next publish. Saves the same few queries on every page, even with page caching off;
    like pages, the value is kept in this process too, so a render makes no round trip."""
    full_key = f"content:{content_version()}:{key}"
    with _lock:
        if full_key in _local_values:
            return _local_values[full_key]
    value = cache.get_or_set(full_key, compute, timeout=timeout)
    with _lock:
        _local_values[full_key] = value
        while len(_local_values) > LOCAL_VALUES_MAX:
            _local_values.pop(next(iter(_local_values)))
    return value


def _local_get(key: str):
    with _lock:
        entry = _local_pages.get(key)
        if entry is None:
            return None
        if entry[0] + settings.PAGE_CACHE_SECONDS < time.time():
            del _local_pages[key]
            return None
        _local_pages.move_to_end(key)
        return entry


def _local_put(key: str, entry: tuple) -> None:
    with _lock:
        _local_pages[key] = entry
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES_MAX:
            _local_pages.popitem(last=False)


def page_key(request) -> str:
    """The request's host and full path, hashed: the same length for every URL, and no query
    text in the cache or in a warning about a key."""
    url = f"{request.get_host()}:{request.get_full_path()}"
    return hashlib.sha256(url.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._is_cacheable_request(request):
            return self.get_response(request)
        key = f"pagecache:{content_version()}:{page_key(request)}"
        entry = _local_get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry[0] + settings.PAGE_CACHE_SECONDS >= time.time():
                _local_put(key, entry)
            else:
                entry = None
        if entry is not None:
            _created, content, status, headers = entry
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._is_cacheable_response(response):
            entry = (
                time.time(),
                response.content,
                response.status_code,
                dict(response.headers.items()),
            )
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            _local_put(key, entry)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _is_cacheable_request(request) -> bool:
        if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return False
        if request.path_info.startswith(tuple(settings.STAFF_URL_PREFIXES)):
            return False
        # Anyone with a session (staff, or a resident mid-way through a form) sees it live.
        return settings.SESSION_COOKIE_NAME not in request.COOKIES and (
            "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def _is_cacheable_response(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith(CACHEABLE_CONTENT_TYPE):
            return False
        if "Cookie" in response.get("Vary", ""):
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in UNCACHEABLE_CACHE_CONTROL)
