from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.urls import include, path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import routing, views
from portal.staff_auth import urls as staff_auth_urls
from search.analytics_views import click_redirect


def django_admin_login(request, extra_context=None):
    """Staff sign in once, through the Wagtail login with its second factor."""
    return redirect_to_login(
        request.GET.get("next", "/django-admin/"), reverse("wagtailadmin_login")
    )


admin.site.login = django_admin_login
admin.site.site_header = admin.site.site_title = settings.WAGTAIL_SITE_NAME

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("staff/two-factor/", include(staff_auth_urls)),
    path("staff/self-assessment/", include("selfassess.staff_urls")),
    path("api/hsds/", include("portal.hsds_urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt),
    path("favicon.ico", views.favicon),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("feedback/", views.page_feedback, name="page_feedback"),
    path("self-assessment/", include("selfassess.urls")),
    path("search/go/", click_redirect, name="search_click"),
    path(_("search/"), include("search.urls")),
    # Wagtail's page URLs, with its page-serving view swapped for one that finds the page
    # without walking the tree (portal/routing.py); the name stays, so page URLs reverse.
    *[p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
