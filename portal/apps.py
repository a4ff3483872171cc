from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public service-information site, site settings and staff two-factor wiring."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.staff_auth import signals  # noqa: F401  (connects the OTP audit handlers)
