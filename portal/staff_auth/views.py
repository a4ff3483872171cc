"""The second sign-in step for staff, and first-time enrolment of an authenticator."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from portal.roles import is_staff_member
from portal.staff_auth import services
from portal.staff_auth.devices import has_confirmed_device
from portal.staff_auth.forms import OTPVerifyForm, TOTPEnrolmentForm


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(url_name: str, request) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': _safe_next(request)})}"


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def otp_verify(request):
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not has_confirmed_device(request.user):
        return redirect(_with_next("staff_otp_setup", request))
    form = OTPVerifyForm(request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_session_verify(request=request, device=request.user.otp_device)
        return redirect(_safe_next(request))
    return render(request, "staff/otp_verify.html", {"form": form, "next": _safe_next(request)})


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def otp_setup(request):
    if not is_staff_member(request.user):
        raise PermissionDenied
    if has_confirmed_device(request.user):
        return redirect(_with_next("staff_otp_verify", request))
    device = services.totp_enrolment_device_get_or_create(user=request.user)
    form = TOTPEnrolmentForm(device, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        backup_tokens = services.totp_enrolment_confirm(device=device)
        services.staff_session_verify(request=request, device=device)
        # Shown in this response only, never stored where they could be shown again.
        return render(
            request,
            "staff/backup_tokens.html",
            {"backup_tokens": backup_tokens, "next": _safe_next(request)},
        )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)
    return render(
        request,
        "staff/otp_setup.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": _grouped_base32_secret(device),
            "next": _safe_next(request),
        },
    )


def _grouped_base32_secret(device) -> str:
    """The secret as people type it into an app by hand: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
