"""Writes: anonymous completions and hand-over codes."""

import datetime
import json
import logging

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from selfassess.codes import code_generate, code_normalise
from selfassess.crypto import (
    handover_code_digest,
    handover_code_fernet,
    handover_fernet,
    handover_owner_digest,
)
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
    *, payload: dict, owner: str, now: datetime.datetime | None = None
) -> tuple[str, datetime.datetime]:
    """Encrypt what the person chose to hand over and return (code, expires_at).

    One live code per finished assessment: `owner` is the random secret in the person's
    state cookie (`AssessmentState.handover_secret`), and while a code made for it is live,
    that code and its expiry are returned again and `payload` is ignored, however often the
    same cookie is sent. The code is never stored readable: only its keyed hash, and a copy
    encrypted with a key that needs `owner`, which only the person's cookie holds."""
    now = now or timezone.now()
    handover_codes_purge(now=now)  # opportunistic: expired codes go even without cron
    owner_hash = handover_owner_digest(owner)
    if live := _live_code(owner=owner, owner_hash=owner_hash, now=now):
        return live
    expires_at = now + datetime.timedelta(hours=settings.SELFASSESS_HANDOVER_HOURS)
    token = handover_fernet().encrypt(json.dumps(payload).encode()).decode()
    sealer = handover_code_fernet(owner)
    for _attempt in range(5):
        code = code_generate()
        try:
            with transaction.atomic():
                HandoverCode.objects.create(
                    code_hash=handover_code_digest(code),
                    owner_hash=owner_hash,
                    code_sealed=sealer.encrypt(code.encode()).decode(),
                    payload=token,
                    expires_at=expires_at,
                )
        except IntegrityError:
            # A request with the same cookie made the code first, or (one in 2^40 per live
            # code) this code is taken: show that one, or try another.
            if live := _live_code(owner=owner, owner_hash=owner_hash, now=now):
                return live
            continue
        return code, expires_at
    raise RuntimeError("could not find a free hand-over code")


def _live_code(
    *, owner: str, owner_hash: str, now: datetime.datetime
) -> tuple[str, datetime.datetime] | None:
    row = HandoverCode.objects.filter(owner_hash=owner_hash, expires_at__gt=now).first()
    if row is None:
        return None
    try:
        code = handover_code_fernet(owner).decrypt(row.code_sealed.encode()).decode()
    except InvalidToken:
        # SELFASSESS_HANDOVER_KEY changed since: the answers cannot be read either.
        row.delete()
        return None
    return code, row.expires_at


def handover_code_revoke(*, owner: str | None = None, code: str | None = None) -> None:
    """Delete the code of a finished assessment whose answers the person has since changed,
    found by its owner secret (whichever copy of the cookie asked for it) or by the code."""
    if owner:
        HandoverCode.objects.filter(owner_hash=handover_owner_digest(owner)).delete()
    normalised = code_normalise(code or "")
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
