"""Keys for self-assessment state and hand-over codes, all derived with HKDF.

Each purpose gets its own key, so the cookie key cannot open hand-over answers and the key
that hashes codes for lookup cannot decrypt anything. The hand-over keys come from
SELFASSESS_HANDOVER_KEY when set (so they can be rotated without touching SECRET_KEY),
otherwise from SECRET_KEY. Codes are never an input to a key: a code is only looked up
through its keyed hash, so a database dump alone reveals neither codes nor answers. The copy
of a code kept to show it again is encrypted with a key that also needs the random secret in
the person's own cookie, so not even a dump with the server's keys reveals it.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SALT = b"palveluneuvonta-selfassess-v1"


@lru_cache(maxsize=16)
def _derive(secret: str, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=purpose.encode()).derive(
        secret.encode()
    )


def _handover_secret() -> str:
    return settings.SELFASSESS_HANDOVER_KEY or settings.SECRET_KEY


def state_fernet() -> Fernet:
    """Encrypts the half-answered assessment kept in the person's own cookie."""
    return Fernet(base64.urlsafe_b64encode(_derive(settings.SECRET_KEY, "state")))


def handover_fernet() -> Fernet:
    """Encrypts the answers behind a hand-over code."""
    return Fernet(base64.urlsafe_b64encode(_derive(_handover_secret(), "handover-encrypt")))


def handover_code_digest(code: str) -> str:
    """The lookup hash of a (normalised) hand-over code: HMAC-SHA256 with its own key."""
    key = _derive(_handover_secret(), "handover-lookup")
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def handover_owner_digest(owner: str) -> str:
    """The lookup hash of a finished assessment's hand-over secret (`AssessmentState`)."""
    key = _derive(_handover_secret(), "handover-owner")
    return hmac.new(key, owner.encode(), hashlib.sha256).hexdigest()


def handover_code_fernet(owner: str) -> Fernet:
    """Encrypts a hand-over code so that it can be shown again to the person whose cookie
    holds `owner`, and to no one else: the key needs both the server's secret and theirs."""
    key = _derive(_handover_secret(), "handover-code")
    return Fernet(base64.urlsafe_b64encode(hmac.new(key, owner.encode(), hashlib.sha256).digest()))
