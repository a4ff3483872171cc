"""The editors' search thesaurus in the Wagtail admin (Snippets → Search synonyms)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


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


register_snippet(SynonymViewSet)
