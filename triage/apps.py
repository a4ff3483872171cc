from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    """Triage rules, escalation and consent, the intake queue and hand-off (later issues)."""

    name = "triage"
    verbose_name = _("Triage and intake")
