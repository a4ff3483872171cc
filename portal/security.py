"""Content Security Policy: strict on the public site, relaxed only where the admin needs it."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, adding `STAFF_CONTENT_SECURITY_POLICY_ADDITIONS` on staff
    URLs (Wagtail's admin sets inline styles), so residents' pages keep the strict policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(tuple(settings.STAFF_URL_PREFIXES)):
            parts.update = {
                **(parts.update or {}),
                **settings.STAFF_CONTENT_SECURITY_POLICY_ADDITIONS,
            }
        return parts
