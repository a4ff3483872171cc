"""Serving public pages without walking the page tree on every request.

Wagtail finds a page by looking up the site, the root page's translation and then the path,
and checks view restrictions on every ancestor: seven queries before the page's own view
runs. Which site answers a host, which page lives at a URL path and which subtrees are
restricted only change when content is published, so they are kept by content version
(`cached_for_content`, invalidated on every publish, move, unpublish and delete) and a
request fetches just its page row. Anything unusual — an unknown path, a page type with its
own sub-routing, a preview — goes through Wagtail's own routing unchanged.
"""

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult

from portal.page_cache import cached_for_content


def serve(request, path):
    """Wagtail's `serve` view, with the route found from content-versioned lookups."""
    from wagtail import views as wagtail_views  # loads models: not importable from models

    page = page_for_request(request, path)
    # Page URLs in the templates need every site's root path; Wagtail would fetch that
    # list from the shared cache on each request.
    request._wagtail_cached_site_root_paths = cached_for_content(
        "route-site-root-paths", Site.get_site_root_paths
    )
    if page is not None:
        # Wagtail's serve() reads the route from here instead of walking the tree again;
        # hooks, view restrictions and the page's own serve() all still run.
        request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def site_for_request(request) -> Site | None:
    """`Site.find_for_request`, with the host → site answer kept per content version."""
    if not hasattr(request, "_wagtail_site"):
        # As Wagtail does: the raw host, because ALLOWED_HOSTS was checked by then.
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()

        def find() -> Site | None:
            try:
                return get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                return None

        request._wagtail_site = cached_for_content(f"route-site:{hostname}:{port}", find)
    return request._wagtail_site


def page_for_request(request, path: str) -> Page | None:
    """The live page at `path` on this request's site in the active language, in one query,
    or None when Wagtail's own routing should decide (including "not found")."""
    site = site_for_request(request)
    if site is None:
        return None
    root_path = cached_for_content(
        f"route-root:{site.pk}:{get_language()}", lambda: site.root_page.localized.url_path
    )
    components = [component for component in path.split("/") if component]
    url_path = root_path + "".join(f"{component}/" for component in components)
    target = cached_for_content(f"route-page:{url_path}", lambda: _live_page_at(url_path))
    if target is None:
        return None
    page_id, content_type_id = target
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or (components and model.route is not Page.route):
        return None  # a page type that routes further itself (e.g. RoutablePageMixin)
    return model.objects.filter(pk=page_id, live=True).first()


def _live_page_at(url_path: str) -> tuple[int, int] | None:
    return (
        Page.objects.filter(url_path=url_path, live=True)
        .values_list("pk", "content_type_id")
        .first()
    )


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of pages with a view restriction; their subtrees are checked the slow way."""
    return cached_for_content(
        "route-restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def aliases_exist() -> bool:
    return cached_for_content(
        "route-aliases-exist", lambda: Page.objects.filter(alias_of__isnull=False).exists()
    )


class CachedViewRestrictionsMixin:
    """For page models: answer "no view restrictions here" without two queries per request
    when no restricted page is this page or one of its ancestors. Aliases take their source's
    restrictions, which needs Wagtail's own lookup, so any alias in the tree disables this."""

    def get_view_restrictions(self):
        if aliases_exist() or any(self.path.startswith(p) for p in restricted_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
