"""Security audit lines for staff sign-in. User ids only: usernames may be personal data."""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django_otp.forms import otp_verification_failed

security_log = logging.getLogger("portal.security")


@receiver(otp_verification_failed)
def log_failed_otp(sender, user, **kwargs):
    security_log.warning("Failed OTP verification for user id %s", user.pk)


@receiver(user_login_failed)
def log_failed_password(sender, credentials, request=None, **kwargs):
    security_log.warning("Failed staff password sign-in")
