from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from portal.cache import cache_answers
from portal.forms import PageFeedbackForm
from portal.rate_limit import rate_limit_exceeded
from portal.services import page_feedback_create

FEEDBACK_LIMIT_PER_HOUR = 20
FEEDBACK_WINDOW_SECONDS = 3600


@never_cache
def healthz(request):
    """For load balancers: 200 while the database answers, 503 otherwise. Without the cache
    the node still serves every page, only slower: "degraded", and still 200."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means this node should not get traffic
        return JsonResponse({"status": "unavailable", "unavailable": ["database"]}, status=503)
    unavailable = [f"cache:{alias}" for alias in settings.CACHES if not cache_answers(alias)]
    if unavailable:
        return JsonResponse({"status": "degraded", "unavailable": unavailable})
    return JsonResponse({"status": "ok"})


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/", "Disallow: /staff/"]
    # Search result pages are endless and would fill the editors' query report with crawlers.
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
            lines.append(f"Disallow: {reverse('search_click')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them at the SVG."""
    return redirect(static("favicon.svg"), permanent=True)


# Anonymous and sessionless: pages carrying this form are cached for everyone, so they
# cannot embed a per-visitor CSRF token. Nothing here acts on anyone's behalf, and the
# rate limit bounds abuse.
@csrf_exempt
@require_POST
@never_cache
def page_feedback(request):
    page_id = request.POST.get("page", "")
    page = Page.objects.live().public().filter(pk=page_id).first() if page_id.isdigit() else None
    if page is None:
        return render(request, "portal/feedback_result.html", {"page": None}, status=400)
    page = page.specific
    form = PageFeedbackForm(request.POST)
    if not form.is_valid():
        # Shown again with the comment as typed, so nothing the person wrote is lost.
        return render(
            request, "portal/feedback_result.html", {"page": page, "form": form}, status=400
        )
    if rate_limit_exceeded(
        request,
        scope="feedback",
        limit=FEEDBACK_LIMIT_PER_HOUR,
        window_seconds=FEEDBACK_WINDOW_SECONDS,
    ):
        response = render(
            request, "portal/feedback_result.html", {"page": page, "rate_limited": True}, status=429
        )
        # The window is fixed: at most this long until the count starts again.
        response["Retry-After"] = str(FEEDBACK_WINDOW_SECONDS)
        return response
    page_feedback_create(
        page=page,
        useful=form.cleaned_data["useful"],
        comment=form.cleaned_data["comment"],
        language=get_language() or "fi",
    )
    return redirect(f"{page.get_url(request)}?feedback=thanks#feedback")
