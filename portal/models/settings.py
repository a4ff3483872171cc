from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="warning")
class SiteSettings(BaseSiteSetting):
    """Numbers shown in the crisis bar on every public page, editable by editors.

    Defaults are the national numbers; the county's own social emergency number must be
    set before going live (the demo uses a fictional one)."""

    emergency_number = models.CharField(_("emergency number"), max_length=32, default="112")
    social_emergency_number = models.CharField(
        _("social emergency service number"),
        max_length=32,
        blank=True,
        help_text=_("The county's sosiaalipäivystys, 24/7 (Social Welfare Act §29)."),
    )
    crisis_line_number = models.CharField(
        _("crisis line number (Finnish)"), max_length=32, default="09 2525 0111"
    )
    crisis_line_number_sv = models.CharField(
        _("crisis line number (Swedish)"), max_length=32, default="09 2525 0112"
    )
    violence_helpline_number = models.CharField(
        _("Nollalinja number"),
        max_length=32,
        blank=True,
        default="080 005 005",
        help_text=_(
            "The national helpline for violence in close relationships, free and 24/7. "
            "Shown with 112 when a search tells of violence. Leave empty to hide it."
        ),
    )
    service_advice_channel = models.ForeignKey(
        "portal.ServiceChannel",
        verbose_name=_("service-advice line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on every service page that has no channels of its own, as the way to ask "
            "about the service."
        ),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("emergency_number"),
                FieldPanel("social_emergency_number"),
                FieldPanel("crisis_line_number"),
                FieldPanel("crisis_line_number_sv"),
                FieldPanel("violence_helpline_number"),
            ],
            heading=_("Crisis numbers"),
        ),
        FieldPanel("service_advice_channel"),
        FieldPanel("accessibility_statement"),
    ]

    class Meta:
        verbose_name = _("site settings")
