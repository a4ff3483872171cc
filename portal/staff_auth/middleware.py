"""Refuses staff URLs to sessions that have not passed the second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from portal.staff_auth.devices import has_confirmed_device

# Reachable with the password alone: signing in and out, and the second-factor step itself.
OPEN_STAFF_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/django-admin/login/",
    "/django-admin/logout/",
    "/staff/two-factor/",
)


class StaffTwoFactorMiddleware:
    """A signed-in but unverified session on a staff URL goes to the code step (or to
    enrolment when the account has no device yet). Anonymous requests pass through so that
    each admin can send them to its login page as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_second_factor(request):
            step = "staff_otp_verify" if has_confirmed_device(request.user) else "staff_otp_setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(step)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request) -> bool:
        path = request.path_info
        if not path.startswith(tuple(settings.STAFF_URL_PREFIXES)):
            return False
        if path.startswith(OPEN_STAFF_PATHS):
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified()
