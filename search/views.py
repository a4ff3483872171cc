"""The public search page and the search box's suggestions.

Thin: read the request, call `search.services`, render. Never cached anywhere (each answer
depends on the query and is logged once); rate limited per client without storing who it is.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.rate_limit import rate_limit_exceeded
from search.services import SearchRequest, autocomplete_run, search_run

# Short facet keys only ("housing", a classification code or URI); anything else is ignored.
MAX_FILTER_LENGTH = 200


def _filter_value(request, name: str) -> str | None:
    value = request.GET.get(name, "").strip()
    return value if 0 < len(value) <= MAX_FILTER_LENGTH and value.isprintable() else None


def _page_number(request) -> int:
    value = request.GET.get("page", "")
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    return int(value) if value.isascii() and value.isdecimal() and len(value) < 4 else 1


@never_cache
@require_safe
def search_page(request):
    language = get_language()
    # Per client and minute: a person never gets near the limit; a script hammering the page does.
    limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
    if rate_limit_exceeded(request, scope="search", limit=limit, window_seconds=60):
        response = render(
            request,
            "search/search_page.html",
            {"rate_limited": True, "query": request.GET.get("q", "")[:200]},
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    search = SearchRequest(
        text=request.GET.get("q", ""),
        locale=language,
        topic=_filter_value(request, "topic"),
        target_group=_filter_value(request, "group"),
        page=_page_number(request),
        log_ref=request.GET.get("ref", "")[:300],
        # Link checkers and monitors send HEAD: answer them, but they are not searches.
        logged=request.method != "HEAD",
    )
    outcome = search_run(search)
    return render(
        request,
        "search/search_page.html",
        {
            "outcome": outcome,
            "query": outcome.text,
            "topic": search.topic,
            "group": search.target_group,
        },
    )


@never_cache
@require_safe
def autocomplete(request):
    # Every keystroke may ask, hence a looser limit; suggestions are not logged.
    limit = settings.SEARCH_SUGGESTIONS_RATE_LIMIT_PER_MINUTE
    if rate_limit_exceeded(request, scope="search-suggest", limit=limit, window_seconds=60):
        return JsonResponse({"suggestions": []}, status=429, headers={"Retry-After": "60"})
    suggestions = autocomplete_run(request.GET.get("q", ""), get_language())
    return JsonResponse({"suggestions": suggestions})
