"""Writes: anonymous completions and hand-over codes."""

import datetime
import json
import logging

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from selfassess.codes import code_generate, code_normalise
from selfassess.crypto import handover_code_digest, handover_fernet
from selfassess.models import Completion, HandoverCode
from selfassess.scoring import Result

logger = logging.getLogger("portal.security")


def completion_record(*, assessment: str, result: Result, locale: str) -> Completion:
    """Count one completed assessment: which one, its scoring version, the band, the language
    and the date. Nothing about the person, their answers or the time of day."""
    return Completion.objects.create(
        assessment=assessment,
        version=result.version,
        band=result.band,
        locale=locale,
        completed_on=timezone.localdate(),
    )


def completion_update(
    *, completion_id: str, band: str | None = None, municipality: str | None = None
) -> bool:
    """Correct the band after the person changed an answer, or add the municipality they
    chose. The municipality is set once and only from the configured list."""
    rows = Completion.objects.filter(pk=completion_id)
    changes: dict[str, str] = {}
    if band is not None:
        changes["band"] = band
    if municipality is not None:
        if municipality not in settings.SELFASSESS_MUNICIPALITIES:
            return False
        rows = rows.filter(municipality="")
        changes["municipality"] = municipality
    return bool(changes) and rows.update(**changes) == 1


def handover_code_create(
    *, payload: dict, now: datetime.datetime | None = None
) -> tuple[str, datetime.datetime]:
    """Encrypt what the person chose to hand over and return (code, expires_at). The code is
    shown to the person once and never stored: only its keyed hash is."""
    now = now or timezone.now()
    expires_at = now + datetime.timedelta(hours=settings.SELFASSESS_HANDOVER_HOURS)
    token = handover_fernet().encrypt(json.dumps(payload).encode()).decode()
    handover_codes_purge(now=now)  # opportunistic: expired codes go even without cron
    for _attempt in range(5):
        code = code_generate()
        try:
            with transaction.atomic():
                HandoverCode.objects.create(
                    code_hash=handover_code_digest(code), payload=token, expires_at=expires_at
                )
        except IntegrityError:  # one in 2^40 per live code: try another
            continue
        return code, expires_at
    raise RuntimeError("could not find a free hand-over code")


def handover_code_revoke(*, code: str) -> None:
    """Delete a code whose answers the person has since changed."""
    normalised = code_normalise(code)
    if normalised:
        HandoverCode.objects.filter(code_hash=handover_code_digest(normalised)).delete()


def handover_code_redeem(*, code: str, user, now: datetime.datetime | None = None) -> dict | None:
    """The answers and result behind a code, for an adviser, or None when the code is
    unknown, mistyped or expired. An expired code is never readable, whether or not the
    purge has run yet. Each look-up is logged with the adviser's id, never the code."""
    now = now or timezone.now()
    handover_codes_purge(now=now)
    normalised = code_normalise(code)
    row = None
    if normalised:
        row = HandoverCode.objects.filter(
            code_hash=handover_code_digest(normalised), expires_at__gt=now
        ).first()
    logger.info("hand-over code look-up by user %s: %s", user.pk, "found" if row else "not found")
    if row is None:
        return None
    try:
        payload = json.loads(handover_fernet().decrypt(row.payload.encode()))
    except InvalidToken:  # SELFASSESS_HANDOVER_KEY changed since the code was issued
        logger.warning("hand-over code found but not decryptable: was the key changed?")
        return None
    payload["expires_at"] = row.expires_at.isoformat()
    return payload


def handover_codes_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete every expired code with its encrypted answers; returns how many went."""
    deleted, _ = HandoverCode.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
