"""Editors' additions to the signs of danger that bring the crisis numbers to the search
page (`search.emergency`). The shipped signs (`search.crisis_phrases`) always apply as well:
these rows only add to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel

from portal.page_cache import content_version_bump
from search import analysis, crisis_phrases


class DangerKind(models.TextChoices):
    """What the crisis box puts first (see `search.crisis_phrases.KIND_PRIORITY`)."""

    SELF_HARM = crisis_phrases.SELF_HARM, _("Cannot go on, thoughts of suicide or self-harm")
    VIOLENCE = crisis_phrases.VIOLENCE, _("Violence or threats")
    BASIC_NEEDS = crisis_phrases.BASIC_NEEDS, _("No food, or nowhere to sleep tonight")
    GENERAL = crisis_phrases.GENERAL, _("Other danger to life or health")


class CrisisPhrase(models.Model):
    """A word or phrase that shows the crisis numbers above the search results."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(
        _("kind of danger"),
        max_length=20,
        choices=DangerKind.choices,
        default=DangerKind.GENERAL,
        help_text=_(
            "Decides which numbers come first. Violence also shows the quick-exit link on "
            "the search page."
        ),
    )
    text = models.CharField(
        _("word or phrase"),
        max_length=200,
        help_text=_(
            "Write it as residents would, e.g. “en jaksa enää”. A search shows the crisis "
            "numbers when it contains every word, in any inflected form and order. A single "
            "word of six letters or more also counts inside longer words."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=250,
        blank=True,
        help_text=_("Optional. Why it was added, for other editors."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        HelpPanel(
            content=_(
                "<p>Searches that show someone may be in danger get the crisis numbers above "
                "the results. A list of such words and phrases comes with the portal and "
                "always applies; add the ones it misses here. Avoid words of everyday "
                "searches: a box shown too often is soon ignored.</p>"
            )
        ),
        FieldPanel("language"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("crisis search phrase")
        verbose_name_plural = _("crisis search phrases")
        ordering = ["language", "kind", "text"]

    def __str__(self):
        return f"{self.text[:60]} ({self.language})"

    def clean(self):
        super().clean()
        if not analysis.tokenize(self.text or ""):
            raise ValidationError({"text": _("Give at least one word.")})


# Searches read the rows kept by content version; a change must reach every process at once.
@receiver(post_save, sender=CrisisPhrase)
@receiver(post_delete, sender=CrisisPhrase)
def _crisis_phrase_changed(sender, instance, **kwargs):
    content_version_bump()
