from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search over service information: backends, synonyms, query log (later issues)."""

    name = "search"
    verbose_name = _("Search")
