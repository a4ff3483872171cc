"""Which of a staff member's OTP devices a code belongs to, chosen without asking them."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_token_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_confirmed_device(user) -> bool:
    return confirmed_totp_device(user) is not None or backup_token_device(user) is not None


def device_for_code(user, code: str):
    """Authenticator codes are six digits; anything else is tried as a backup token.

    Choosing by shape, rather than trying every device, keeps a wrong authenticator code
    from counting as a failed attempt against the backup tokens (and vice versa)."""
    code = code.strip()
    if code.isdigit() and len(code) == 6:
        return confirmed_totp_device(user)
    return backup_token_device(user)
