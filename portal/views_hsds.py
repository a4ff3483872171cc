"""Read-only Open Referral HSDS 3 API over the published services (GET /api/hsds/services/).

Anonymous and the same for everyone, so responses are public-cacheable for
PAGE_CACHE_SECONDS. The built services are also kept in the cache under the content version
of `portal.page_cache`, which every publish and channel change bumps, so the export is built
once per content change rather than once per request (when PAGE_CACHE_ENABLED).
URLs in the data start with the configured public base URL (`portal.hsds.public_base_url`),
never the request's Host header: a cached answer must not carry whatever host the first
client sent, nor the internal host a proxy forwards to.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.hsds import hsds_service_summary, hsds_services
from portal.page_cache import CONTENT_VERSION_KEY

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# A bound far above any real page count, so absurd numbers are refused rather than parsed.
MAX_PAGE = 1_000_000
SERVICES_CACHE_SECONDS = 300
NO_LANGUAGE_REDIRECT_URLCONF = "portal.hsds_urls"
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")


class _BadParameter(ValueError):
    pass


@require_safe
def service_list(request):
    """HSDS `Page` of services: total_items, total_pages, page_number, size, first_page,
    last_page, empty and contents. `?page=` (from 1), `?per_page=` (1…MAX_PER_PAGE) and
    `?full=true` for fully nested services instead of HSDS's default one-to-one fields."""
    try:
        page_number = _int_parameter(request, "page", default=1, maximum=MAX_PAGE)
        per_page = _int_parameter(
            request, "per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE
        )
        full = _bool_parameter(request, "full", default=False)
    except _BadParameter as error:
        return _error(400, "bad_request", str(error))
    services = _services()
    total_pages = max(1, math.ceil(len(services) / per_page))
    start = (page_number - 1) * per_page
    contents = services[start : start + per_page]
    if not full:
        contents = [hsds_service_summary(service) for service in contents]
    return _cacheable(
        JsonResponse(
            {
                "total_items": len(services),
                "total_pages": total_pages,
                "page_number": page_number,
                "size": len(contents),
                "first_page": page_number == 1,
                "last_page": page_number >= total_pages,
                "empty": not contents,
                "contents": contents,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    )


@require_safe
def service_detail(request, service_id: str):
    """One fully nested HSDS service by its id."""
    for service in _services():
        if service["id"] == service_id:
            return _cacheable(JsonResponse(service, json_dumps_params={"ensure_ascii": False}))
    # LocaleMiddleware answers any 404 outside i18n_patterns with a redirect to /fi/… (the
    # root URLconf prefixes the default language, and Wagtail's catch-all makes every prefixed
    # path look valid); judged by this URLconf instead, an API client gets its JSON 404.
    request.urlconf = NO_LANGUAGE_REDIRECT_URLCONF
    return _error(404, "not_found", _("There is no service with this id."))


def _services() -> list[dict]:
    if not settings.PAGE_CACHE_ENABLED:
        return hsds_services()
    version = cache.get_or_set(CONTENT_VERSION_KEY, 1, timeout=None)
    return cache.get_or_set(f"hsds:services:{version}", hsds_services, SERVICES_CACHE_SECONDS)


def _int_parameter(request, name: str, *, default: int, maximum: int) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    # isdigit alone accepts non-ASCII digits; the length check keeps int() cheap.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum))):
        raise _BadParameter(
            _("%(name)s must be a whole number from 1 to %(maximum)d.")
            % {"name": name, "maximum": maximum}
        )
    value = int(raw)
    if not 1 <= value <= maximum:
        raise _BadParameter(
            _("%(name)s must be a whole number from 1 to %(maximum)d.")
            % {"name": name, "maximum": maximum}
        )
    return value


def _bool_parameter(request, name: str, *, default: bool) -> bool:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise _BadParameter(_("%(name)s must be true or false.") % {"name": name})


def _error(status: int, code: str, message: str) -> JsonResponse:
    return _cacheable(JsonResponse({"error": code, "message": message}, status=status))


def _cacheable(response: JsonResponse) -> JsonResponse:
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    return response
