"""The editors' search tools in the Wagtail admin: the thesaurus, promoted results and
crisis phrases (snippets, menu items side by side) and the weekly report of search queries
(Reports)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.analytics_views import QueryReportView
from search.models import CrisisPhrase, Promotion, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["terms", "topic_key", "expands_to", "language", "active"]
    list_filter = ["language", "topic_key", "active"]
    search_fields = ["terms", "expands_to"]
    ordering = ["language", "topic_key", "terms"]


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "thumbtack"
    menu_label = _("Promoted search results")
    add_to_admin_menu = True
    menu_order = 271
    list_display = ["triggers", "page", "language", "active", "starts_on", "ends_on"]
    list_filter = ["language", "active"]
    search_fields = ["triggers", "description"]
    ordering = ["language", "triggers"]


class CrisisPhraseViewSet(SnippetViewSet):
    model = CrisisPhrase
    icon = "warning"
    menu_label = _("Crisis search phrases")
    add_to_admin_menu = True
    menu_order = 272
    list_display = ["text", "kind", "language", "note"]
    list_filter = ["language", "kind"]
    search_fields = ["text", "note"]
    ordering = ["language", "kind", "text"]


register_snippet(SynonymViewSet)
register_snippet(PromotionViewSet)
register_snippet(CrisisPhraseViewSet)


class _QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querylogentry")


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return _QueryReportMenuItem(
        _("Search queries"),
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=670,
    )


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        path("reports/search-queries/", QueryReportView.as_view(), name="search_query_report"),
    ]
