from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public service-information site, site settings and staff two-factor wiring."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import signals  # noqa: F401  (page cache invalidation)
        from portal.staff_auth import signals as staff_signals  # noqa: F401  (OTP audit)
