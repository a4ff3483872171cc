"""PTV general descriptions (pohjakuvaukset): national templates that services implement.

A general description says what a kind of service is, nationally and by law ("Talous- ja
velkaneuvonta"); it is not a service anyone can reach. A county's service page links the
description it implements and may take its texts. Descriptions are kept as records, not
pages: the PTV import writes them, editors start a service from one, and search judges a
service by the description's PTV code. A description outside a wellbeing services county's
remit (veterinary care, ditch disputes) stays here for the record and is never shown to
residents."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.models.channels import ChargeType
from portal.ptv.topics import OTHER_SERVICES, TAXONOMY

TOPIC_CHOICES = [(topic.key, topic.titles["en"]) for topic in TAXONOMY]

# The texts a description carries per language (JSON objects keyed by language code).
LOCALIZED_TEXTS = (
    "names",
    "summaries",
    "descriptions",
    "requirements",
    "user_instructions",
    "charge_info",
)


class GeneralDescription(models.Model):
    reference = models.CharField(
        _("PTV reference"),
        max_length=64,
        unique=True,
        help_text=_("The general description's ReferenceCode, or its id where it has none."),
    )
    ptv_ids = models.JSONField(
        _("PTV ids"), default=list, help_text=_("The ids of every version PTV has given it.")
    )
    names = models.JSONField(_("names"), default=dict)
    summaries = models.JSONField(_("summaries"), default=dict)
    descriptions = models.JSONField(_("descriptions"), default=dict)
    requirements = models.JSONField(_("who it is for"), default=dict)
    user_instructions = models.JSONField(_("how to apply"), default=dict)
    charge_type = models.CharField(
        _("charge"), max_length=10, choices=ChargeType.choices, blank=True
    )
    charge_info = models.JSONField(_("about the price"), default=dict)
    laws = models.JSONField(
        _("legal basis"), default=list, help_text=_("[{names: {fi: …}, urls: {fi: …}}, …]")
    )
    classifications = models.ManyToManyField(
        "portal.Classification",
        blank=True,
        related_name="general_descriptions",
        verbose_name=_("target groups and classes"),
    )
    topic_key = models.CharField(
        _("topic"),
        max_length=64,
        choices=TOPIC_CHOICES,
        help_text=_(
            "Where a service started from this description goes. “Other services” means "
            "outside a wellbeing services county's remit: never shown to residents."
        ),
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(_("last changed by PTV import"), null=True, blank=True)

    class Meta:
        verbose_name = _("PTV general description")
        verbose_name_plural = _("PTV general descriptions")
        ordering = ["reference"]

    def __str__(self):
        return f"{self.name_in()} ({self.reference})"

    @property
    def in_remit(self) -> bool:
        """Is this a social or health service, which a wellbeing services county provides?"""
        return self.topic_key != OTHER_SERVICES

    def text_in(self, field: str, language: str | None = None) -> str:
        """A text in `language` (default: the active one), or "" when it has none."""
        if field not in LOCALIZED_TEXTS:
            raise ValueError(f"not a localized text: {field}")
        return getattr(self, field).get((language or get_language() or "fi")[:2], "")

    def name_in(self, language: str | None = None) -> str:
        """The name in `language`, else in Finnish (every description has a Finnish name)."""
        return self.text_in("names", language) or self.names.get("fi", self.reference)

    def laws_in(self, language: str) -> list[dict[str, str]]:
        """The laws as {"name", "url"} in `language`, falling back to Finnish."""
        laws = []
        for law in self.laws:
            names, urls = law.get("names", {}), law.get("urls", {})
            name = names.get(language) or names.get("fi", "")
            if name:
                laws.append({"name": name, "url": urls.get(language) or urls.get("fi", "")})
        return laws
