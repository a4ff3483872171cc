from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessConfig(AppConfig):
    """Anonymous self-assessments: validated instruments and editor-built ones, exact
    scoring, results that lead to services and triage, hand-over codes, statistics."""

    name = "selfassess"
    verbose_name = _("Self-assessments")

    def ready(self):
        from selfassess import search_documents  # noqa: F401  (registers with search)
