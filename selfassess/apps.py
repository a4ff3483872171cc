from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessConfig(AppConfig):
    """Anonymous self-assessment instruments, scoring and hand-over codes (later issues)."""

    name = "selfassess"
    verbose_name = _("Self-assessments")
