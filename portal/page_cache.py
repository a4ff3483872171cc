"""Whole-page cache for anonymous visitors.

Residents never log in, so every public page looks the same to all of them and can be served
from the cache without routing, database queries or rendering. Publishing anything bumps one
content version number that is part of every key, so a publish invalidates all pages at once
(navigation, translations and shared channels make pages depend on each other). Entries also
expire after PAGE_CACHE_SECONDS because "open now" changes with the clock.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

CONTENT_VERSION_KEY = "pagecache:content-version"
CACHEABLE_CONTENT_TYPE = "text/html"
UNCACHEABLE_CACHE_CONTROL = ("private", "no-cache", "no-store")


def content_version_bump() -> None:
    """Invalidate every cached page (called on publish, unpublish, move, delete, snippet save)."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def cached_for_content(key: str, compute, timeout: int = 3600):
    """A value derived from published content (a footer link, the site settings), kept until
    the next publish. Saves the same few queries on every page, even with page caching off."""
    version = cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)
    return cache.get_or_set(f"content:{version}:{key}", compute, timeout=timeout)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._is_cacheable_request(request):
            return self.get_response(request)
        version = cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)
        key = f"pagecache:{version}:{request.get_host()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, status, headers = cached
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._is_cacheable_response(response):
            headers = dict(response.headers.items())
            cache.set(
                key,
                (response.content, response.status_code, headers),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
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
