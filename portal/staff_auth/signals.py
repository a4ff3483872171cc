"""Security audit lines for staff sign-in. User ids only: usernames may be personal data, and
a name that matches no account (an identity code typed in the wrong box, say) is not logged."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django_otp.forms import otp_verification_failed

from portal.staff_auth.throttling import ACCOUNT_KEY_PREFIX, existing_account_id

security_log = logging.getLogger("portal.security")


@receiver(otp_verification_failed)
def log_failed_otp(sender, user, **kwargs):
    security_log.warning("Failed OTP verification for user id %s", user.pk)


@receiver(user_login_failed)
def log_failed_password(sender, credentials, request=None, **kwargs):
    account_id = existing_account_id(credentials.get(get_user_model().USERNAME_FIELD))
    if account_id is None:
        security_log.warning("Failed staff password sign-in for an unknown account")
    else:
        security_log.warning("Failed staff password sign-in for user id %s", account_id)


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    # `username` is the throttling key (portal.staff_auth.throttling.account_key), never the
    # name as typed; the address is left out of the logs as everywhere else.
    if username and username.startswith(ACCOUNT_KEY_PREFIX):
        account = f"user id {username.removeprefix(ACCOUNT_KEY_PREFIX)}"
    else:
        account = "an unknown account"
    security_log.warning("Staff password sign-in locked out for %s", account)
