"""Page types of the public site. Service, topic and urgent-help pages arrive with the
service-information issue; these are the pages every locale's tree needs from day one."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root of one locale's tree: what the portal is for and where to start."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")


class AccessibilityStatementPage(Page):
    """The accessibility statement required by law 306/2019 (saavutettavuusseloste)."""

    body = RichTextField(_("statement"), blank=True)
    feedback_email = models.EmailField(
        _("feedback e-mail"),
        blank=True,
        help_text=_("Accessibility feedback is answered within 14 days."),
    )
    prepared_on = models.DateField(_("statement prepared on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("feedback_email"),
        FieldPanel("prepared_on"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pages/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
