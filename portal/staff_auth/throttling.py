"""Throttling of the staff password step, built on django-axes' database handler.

Failures are counted in the database, never in the cache: while Redis is down the cache
answers every read with a miss, and a counter kept there would start again from zero at every
guess. django-axes asks the hooks below (named in settings as `AXES_*`) who is signing in, from
where, and how many failures each of three tiers allows.
"""

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.http import HttpResponse
from django.utils.translation import ngettext

from portal.rate_limit import client_address

ACCOUNT_KEY_PREFIX = "user:"
UNKNOWN_KEY_PREFIX = "unknown:"


@dataclass(frozen=True)
class Tier:
    """One way of counting failures: by the fields in `parameters`, locked at `limit`."""

    parameters: tuple[str, ...]
    limit: int


@dataclass(frozen=True)
class TierCount:
    failures: int
    limit: int


def active_tiers() -> list[Tier]:
    """Account at one address (always on), any account from one address (someone spraying
    many accounts) and one account from any address (many machines guessing one password).
    A limit of 0 turns the last two off."""
    tiers = [
        Tier(
            ("username", "ip_address"),
            max(1, settings.STAFF_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS),
        ),
        Tier(("ip_address",), settings.STAFF_LOGIN_FAILURES_PER_ADDRESS),
        Tier(("username",), settings.STAFF_LOGIN_FAILURES_PER_ACCOUNT),
    ]
    return [tier for tier in tiers if tier.limit > 0]


def existing_account_id(typed_username: str | None) -> int | None:
    """The id of the account the name refers to, matched without regard to case."""
    if not typed_username:
        return None
    user_model = get_user_model()
    lookup = {f"{user_model.USERNAME_FIELD}__iexact": typed_username.strip()}
    return (
        user_model._default_manager.filter(**lookup)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def account_key(typed_username: str | None) -> str | None:
    """What failures are counted under: `user:<id>` for an existing account, so that an
    administrator can find and lift its lock-out, otherwise a keyed hash of the name as typed,
    since that may be anything, an identity code included, and must not be stored."""
    if not typed_username:
        return None
    account_id = existing_account_id(typed_username)
    if account_id is not None:
        return f"{ACCOUNT_KEY_PREFIX}{account_id}"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), typed_username.strip().casefold().encode(), hashlib.sha256
    ).hexdigest()
    return f"{UNKNOWN_KEY_PREFIX}{digest[:32]}"


def account_key_for_user(user) -> str:
    return f"{ACCOUNT_KEY_PREFIX}{user.pk}"


# --- Hooks named in settings ---------------------------------------------------------------


def throttle_username(request, credentials) -> str | None:
    """AXES_USERNAME_CALLABLE."""
    field = get_user_model().USERNAME_FIELD
    typed = credentials.get(field) if credentials else request.POST.get(field)
    return account_key(typed)


def throttle_client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the visitor as the rate limits see them (`TRUSTED_PROXY_HOPS`).
    Anything that is not an address is counted as one shared unknown address."""
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def lockout_parameters(request_or_attempt, credentials=None) -> list[list[str]]:
    """AXES_LOCKOUT_PARAMETERS."""
    return [list(tier.parameters) for tier in active_tiers()]


def failure_limit(request, credentials=None) -> int:
    """AXES_FAILURE_LIMIT: the limit of the tier nearest to it (see `get_failures`)."""
    return AxesProxyHandler.get_implementation().nearest_tier(request, credentials).limit


def lockout_message() -> str:
    minutes = settings.STAFF_LOGIN_LOCKOUT_MINUTES
    # Says nothing of the account, so that it reads the same whether the account exists or not.
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(minutes)d minute, or ask an "
        "administrator to lift the block.",
        "Too many failed sign-in attempts. Try again in %(minutes)d minutes, or ask an "
        "administrator to lift the block.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page as the view rendered it, its form already carrying
    the lock-out message (StaffLoginForm), answered 429 so that monitoring sees lock-outs."""
    if isinstance(original_response, HttpResponse):
        original_response.status_code = 429
        return original_response
    return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")


class StaffLoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for each tier (axes has one for all).

    axes locks when `get_failures() >= failure_limit()`; both report the tier nearest to its
    limit, so that holds exactly when some tier has reached its own limit."""

    def tier_counts(self, request, credentials=None) -> list[TierCount]:
        # get_user_attempts gives one queryset per lockout parameter group, in tier order.
        attempts = self.get_user_attempts(request, credentials)
        return [
            TierCount(
                failures=queryset.aggregate(total=Sum("failures_since_start"))["total"] or 0,
                limit=tier.limit,
            )
            for queryset, tier in zip(attempts, active_tiers(), strict=True)
        ]

    def nearest_tier(self, request, credentials=None) -> TierCount:
        return max(self.tier_counts(request, credentials), key=lambda t: t.failures / t.limit)

    def get_failures(self, request, credentials=None) -> int:
        return self.nearest_tier(request, credentials).failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A correct password clears that account's failures only. axes would also clear every
        failure from the address, letting anyone with one account undo a spray's count."""
        key = throttle_username(request, credentials)
        if key is None:
            return 0
        return self.reset_attempts(username=key)
