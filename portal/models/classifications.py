from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.models.localized import LocalizedMixin


class ClassificationKind(models.TextChoices):
    TARGET_GROUP = "target_group", _("Target group")
    SERVICE_CLASS = "service_class", _("Service class")
    ONTOLOGY_TERM = "ontology_term", _("Ontology term")
    LIFE_EVENT = "life_event", _("Life event")
    AREA = "area", _("Area")


class Classification(LocalizedMixin, models.Model):
    """A term from one of PTV's national vocabularies (target groups, service classes, YSO
    ontology terms, life events, areas), identified by its URI and shared by all locales."""

    kind = models.CharField(_("kind"), max_length=20, choices=ClassificationKind.choices)
    uri = models.CharField(_("URI"), max_length=255, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=255)
    name_sv = models.CharField(_("name (Swedish)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("uri"),
        FieldPanel("name_fi"),
        FieldPanel("name_sv"),
        FieldPanel("name_en"),
    ]

    class Meta:
        verbose_name = _("classification")
        ordering = ["kind", "name_fi"]
        indexes = [models.Index(fields=["kind", "name_fi"])]

    def __str__(self):
        return f"{self.localized('name')} ({self.get_kind_display()})"
