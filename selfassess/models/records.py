"""What self-assessments leave behind: anonymous statistics rows and hand-over codes."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Completion(models.Model):
    """One completed self-assessment, for statistics. Deliberately nothing else: no answers,
    no score, no time of day, no address. The key is random so that rows carry no order
    that could be matched against web-server logs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.CharField(
        _("assessment"),
        max_length=64,
        help_text=_("The instrument code (who5, …) or an editor-built assessment's key."),
    )
    version = models.CharField(_("scoring version"), max_length=16)
    band = models.CharField(_("result band"), max_length=32)
    locale = models.CharField(_("language"), max_length=8)
    completed_on = models.DateField(_("completed on"))
    municipality = models.CharField(_("municipality"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("self-assessment completion")
        verbose_name_plural = _("self-assessment completions")
        indexes = [models.Index(fields=["completed_on", "assessment"], name="selfassess_day_idx")]

    def __str__(self) -> str:
        return f"{self.assessment} {self.version} {self.band} {self.completed_on}"


class HandoverCode(models.Model):
    """Answers and result a person chose to hand to a phone adviser, encrypted, found by a
    keyed hash of the code (the code itself is never stored readable) and deleted when
    expired. One per finished assessment: `owner_hash` is a keyed hash of the random secret
    in the person's state cookie, and `code_sealed` the code encrypted with a key only that
    secret opens, so that asking again shows the same code."""

    code_hash = models.CharField(max_length=64, unique=True)
    owner_hash = models.CharField(max_length=64, blank=True, default="")
    code_sealed = models.TextField(blank=True, default="")
    payload = models.TextField(help_text="Fernet token: the encrypted answers and result.")
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("hand-over code")
        verbose_name_plural = _("hand-over codes")
        permissions = [("redeem_handovercode", _("Can look up self-assessments by hand-over code"))]
        constraints = [
            # Also what stops two requests racing to make a second code for one completion.
            models.UniqueConstraint(
                fields=["owner_hash"],
                condition=~models.Q(owner_hash=""),
                name="selfassess_one_code_per_owner",
            )
        ]

    def __str__(self) -> str:
        return f"hand-over code expiring {self.expires_at:%Y-%m-%d %H:%M}"
