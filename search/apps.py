from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search over service information: backends, indexing on publish, the editors'
    thesaurus and relevance evaluation."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import signals  # noqa: F401  (index updates follow content)
