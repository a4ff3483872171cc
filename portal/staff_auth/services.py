"""Writes for staff two-factor: completing verification and enrolling a device."""

import logging

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.staff_auth.throttling import account_key_for_user

security_log = logging.getLogger("portal.security")

AUTHENTICATOR_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


def staff_session_verify(*, request, device) -> None:
    """Mark the session as having passed the second factor and give it a new key, so a
    session id seen before verification is worthless afterwards."""
    django_otp.login(request, device)
    request.session.cycle_key()
    security_log.info("OTP verified for user id %s", request.user.pk)


def totp_enrolment_device_get_or_create(*, user) -> TOTPDevice:
    """The unconfirmed authenticator a person is setting up; the same one on every reload
    so that the QR code they already scanned stays valid."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": AUTHENTICATOR_DEVICE_NAME}
    )
    return device


@transaction.atomic
def totp_enrolment_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm the authenticator and issue fresh backup tokens, returned once for display."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_tokens_regenerate(user=device.user)


@transaction.atomic
def backup_tokens_regenerate(*, user) -> list[str]:
    """Replace the user's backup tokens; each works once. Only their holder ever sees them."""
    backup_device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": BACKUP_DEVICE_NAME, "confirmed": True}
    )
    backup_device.token_set.all().delete()
    tokens = [StaticToken.random_token() for _ in range(settings.STAFF_BACKUP_TOKEN_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup_device, token=t) for t in tokens)
    security_log.info("Backup tokens issued for user id %s", user.pk)
    return tokens


def staff_login_lockout_clear(*, user) -> int:
    """Lift a password lock-out on the account, from every address; returns the number of
    failure records removed. A lock on an address alone is lifted with `axes_reset_ip`."""
    removed = AxesProxyHandler.reset_attempts(username=account_key_for_user(user))
    security_log.info("Password lock-out lifted for user id %s", user.pk)
    return removed
