"""Page types of the public site. Service, topic and urgent-help pages arrive with the
service-information issue; these are the pages every locale's tree needs from day one."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.url_routing import RouteResult

from portal.blocks import LawLinkBlock
from portal.models.channels import CONTACT_CHANNEL_TYPES, ChargeType
from portal.models.localized import LanguageListField
from portal.routing import CachedViewRestrictionsMixin

if TYPE_CHECKING:
    from portal.models.general_descriptions import GeneralDescription

SUMMARY_MAX_LENGTH = 150


class HomePage(CachedViewRestrictionsMixin, Page):
    """The root of one locale's tree: what the portal is for and where to start."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.TopicPage",
        "portal.UrgentHelpPage",
        "portal.AccessibilityStatementPage",
        "selfassess.SelfAssessmentIndexPage",
    ]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a page below home by its URL path in one query (plus its `specific` row),
        instead of two queries per level of the tree as Wagtail's default walk does."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            raise Http404
        page = page.specific
        if type(page).route is not Page.route:
            # A page that routes further itself (e.g. a RoutablePage): let Wagtail walk.
            return super().route(request, path_components)
        if not page.live:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public()
        context["topics"] = (
            TopicPage.objects.child_of(self)
            .live()
            .public()
            .filter(show_in_navigation=True)
            .order_by("path")
        )
        context["urgent_help"] = children.type(UrgentHelpPage).first()
        # Looked up by name: selfassess builds on portal, so portal does not import it.
        index_model = apps.get_model("selfassess", "SelfAssessmentIndexPage")
        context["self_assessments"] = children.type(index_model).first()
        return context


class AccessibilityStatementPage(CachedViewRestrictionsMixin, Page):
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


class TopicPage(CachedViewRestrictionsMixin, Page):
    """A life situation ("Money and debt") that gathers the services for it."""

    topic_key = models.SlugField(
        _("topic key"),
        max_length=64,
        help_text=_("A stable identifier shared by the translations, used in statistics."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    show_in_navigation = models.BooleanField(_("show on the home page"), default=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("topic_key"),
        FieldPanel("show_in_navigation"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ServicePage"]
    template = "pages/topic_page.html"

    class Meta:
        verbose_name = _("topic")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.child_of(self)
            .live()
            .public()
            .order_by("title")
            .only("title", "summary", "url_path", "path", "depth", "locale_id")
        )
        return context


def duplicate_implementation_message(existing: "ServicePage") -> str:
    return _(
        "“%(title)s” already implements this general description in this language and is "
        "published. Residents would see the service twice: edit that page instead, or "
        "unpublish it first."
    ) % {"title": existing.title}


def implementation_refusal(page: "ServicePage", description) -> str | None:
    """Why `page` may not be live implementing `description`, or None: a description outside
    a wellbeing services county's remit, or one already implemented live in the language.
    A service the county itself describes in PTV (`ptv_reference`) is its own statement
    that it offers the service, whatever the remit read from the description's classes."""
    if description is None:
        return None
    if not description.in_remit and not page.ptv_reference:
        return _(
            "“%(name)s” is outside a wellbeing services county's remit (for example a "
            "municipal or private service): a service implementing it is not shown to "
            "residents. Choose another general description or keep the page as a draft."
        ) % {"name": description}
    existing = page.live_implementation_elsewhere(general_description_id=description.pk)
    return duplicate_implementation_message(existing) if existing else None


class ServicePageForm(WagtailAdminPageForm):
    """Refuses publishing (or submitting for publication) a service residents should not
    see (`implementation_refusal`). A draft may wait beside the live one."""

    def clean(self):
        cleaned_data = super().clean()
        # A live page is checked by the model itself (`ServicePage.clean`) on every save;
        # a draft being saved as a draft goes nowhere residents see.
        if self.instance.live or self.is_deferred_validation:
            return cleaned_data
        refusal = implementation_refusal(self.instance, cleaned_data.get("general_description"))
        if refusal:
            self.add_error("general_description", refusal)
        return cleaned_data


class ServicePage(CachedViewRestrictionsMixin, Page):
    """One service, with fields modelled on PTV's service description.

    Fields listed in PTV_MANAGED_FIELDS are overwritten by `import_ptv` when the page came
    from PTV (`ptv_reference` set); everything else is the editors' own and survives."""

    PTV_MANAGED_FIELDS = (
        "title",
        "summary",
        "description",
        "eligibility",
        "user_instructions",
        "charge_type",
        "charge_info",
        "languages",
        "legal_basis",
    )

    summary = models.TextField(
        _("summary"),
        help_text=_("One or two sentences, at most 150 characters (PTV's limit)."),
    )
    selkokieli_summary = models.TextField(
        _("plain-language summary (selkokieli)"),
        blank=True,
        help_text=_("Shown when the reader chooses plain language."),
    )
    description = RichTextField(_("description"), blank=True)
    eligibility = RichTextField(_("who it is for"), blank=True)
    user_instructions = RichTextField(_("how to apply"), blank=True)
    charge_type = models.CharField(
        _("charge"), max_length=10, choices=ChargeType.choices, blank=True
    )
    charge_info = models.TextField(_("about the price"), blank=True)
    languages = LanguageListField(_("languages served"))
    legal_basis = StreamField([("law", LawLinkBlock())], blank=True, verbose_name=_("legal basis"))
    classifications = ParentalManyToManyField(
        "portal.Classification",
        blank=True,
        related_name="service_pages",
        verbose_name=_("target groups and classes"),
    )

    general_description = models.ForeignKey(
        "portal.GeneralDescription",
        verbose_name=_("PTV general description"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_pages",
        help_text=_(
            "The national description this service implements. Its texts are shown where "
            "this page leaves a field empty, and search judges the page by its PTV code."
        ),
    )

    ptv_reference = models.CharField(
        _("PTV reference"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("PTV ReferenceCode or id. Pages with one are updated by the PTV import."),
    )
    ptv_modified = models.DateTimeField(_("modified in PTV"), null=True, blank=True)
    ptv_imported_at = models.DateTimeField(_("last changed by PTV import"), null=True, blank=True)
    ptv_source_hash = models.CharField(max_length=64, blank=True, editable=False)

    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        HelpPanel(
            content=_(
                "<p><strong>Pages with a PTV reference are updated by the PTV import.</strong> "
                "Change the title, summary, description, who it is for, how to apply, price, "
                "languages and legal basis in PTV: edits here are replaced at the next import. "
                "The plain-language summary, the channels you add yourself, the review dates "
                "and the page's place in the site are yours and are kept.</p>"
            ),
            heading=_("PTV"),
        ),
        HelpPanel(
            content=_(
                "<p>Where you leave the description, who it is for, how to apply, the price "
                "or the legal basis empty, the page shows the text of the PTV general "
                "description it implements. Without channels of its own, the page tells "
                "residents to ask the service-advice line set in the site settings.</p>"
            ),
            heading=_("PTV general description"),
        ),
        *Page.content_panels,
        FieldPanel("general_description"),
        FieldPanel("summary"),
        FieldPanel("selkokieli_summary"),
        FieldPanel("description"),
        FieldPanel("eligibility"),
        FieldPanel("user_instructions"),
        FieldRowPanel([FieldPanel("charge_type"), FieldPanel("charge_info")], heading=_("Price")),
        FieldPanel("languages"),
        InlinePanel("channel_links", heading=_("How to reach the service"), label=_("Channel")),
        FieldPanel("legal_basis"),
        FieldPanel("classifications"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("next_review"), FieldPanel("content_owner")],
            heading=_("Review"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ptv_reference", read_only=True),
                FieldPanel("ptv_modified", read_only=True),
                FieldPanel("ptv_imported_at", read_only=True),
            ],
            heading=_("PTV"),
        ),
    ]

    parent_page_types = ["portal.TopicPage"]
    subpage_types: list[str] = []
    template = "pages/service_page.html"
    base_form_class = ServicePageForm

    class Meta:
        verbose_name = _("service")

    def clean(self):
        super().clean()
        errors = {}
        if self._summary_is_own() and len(self.summary or "") > SUMMARY_MAX_LENGTH:
            errors["summary"] = _("Keep the summary to %(max)d characters or fewer.") % {
                "max": SUMMARY_MAX_LENGTH
            }
        refusal = self.live and implementation_refusal(self, self.general_description)
        if refusal:
            errors["general_description"] = refusal
        if errors:
            raise ValidationError(errors)

    def live_implementation_elsewhere(
        self, *, general_description_id: int | None
    ) -> "ServicePage | None":
        """Another live service in this page's language implementing the general
        description `general_description_id` (the page's own, or the one a form sets)."""
        if general_description_id is None or self.locale_id is None:
            return None
        others = ServicePage.objects.live().filter(
            general_description_id=general_description_id, locale_id=self.locale_id
        )
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        return others.order_by("pk").first()

    def _summary_is_own(self) -> bool:
        """Did an editor write the summary (rather than PTV, which has its own limits)?"""
        if self.ptv_reference:
            return False
        description, language = self._general_description_in_language()
        return description is None or self.summary != description.text_in("summaries", language)

    @property
    def is_review_overdue(self) -> bool:
        return self.next_review is not None and self.next_review < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from portal.selectors import (
            service_advice_channels,
            service_channels_for_page,
            service_target_groups,
        )

        context = super().get_context(request, *args, **kwargs)
        # Previews show the draft's own channel links, so they skip the published-data cache.
        published = not getattr(request, "is_preview", False)
        own = service_channels_for_page(page=self, use_cache=published)
        # A service with no phone, office or e-service of its own is still reachable:
        # residents are told to ask the county's service-advice line, first, and the page
        # says that this is what it is.
        reachable = any(view.channel.channel_type in CONTACT_CHANNEL_TYPES for view in own)
        context["channels_are_fallback"] = not reachable
        context["channels"] = (
            own if reachable else [*service_advice_channels(request=request), *own]
        )
        context["texts"] = self.texts_shown()
        context["target_groups"] = service_target_groups(page=self, use_cache=published)
        context["plain_language"] = bool(
            self.selkokieli_summary and request.GET.get("selko") == "1"
        )
        return context

    def _general_description_cached(self) -> "GeneralDescription | None":
        """The description, kept until the next content change (an import that changes a
        description bumps the content version too), so a known page still renders from its
        own row alone."""
        from portal.page_cache import cached_for_content

        if self.general_description_id is None:
            return None
        return cached_for_content(
            f"general-description:{self.general_description_id}", lambda: self.general_description
        )

    def _general_description_in_language(self) -> tuple["GeneralDescription | None", str]:
        """The description and the page's language (only a page that takes texts from a
        description needs its locale's row)."""
        description = self._general_description_cached()
        language = self.locale.language_code if description and self.locale_id else "fi"
        return description, language

    def texts_shown(self) -> "ServiceTexts":
        """The page's own texts, each empty one taken from its general description."""
        description, language = self._general_description_in_language()

        def own_or_general(own, field: str):
            if own or description is None:
                return own
            return description.text_in(field, language)

        laws = [
            {"name": block.value["name"], "url": block.value["url"]} for block in self.legal_basis
        ]
        return ServiceTexts(
            description=own_or_general(self.description, "descriptions"),
            eligibility=own_or_general(self.eligibility, "requirements"),
            user_instructions=own_or_general(self.user_instructions, "user_instructions"),
            charge_type=self.charge_type or (description.charge_type if description else ""),
            charge_info=own_or_general(self.charge_info, "charge_info"),
            laws=laws or (description.laws_in(language) if description else []),
            from_ptv=bool(self.ptv_reference or description),
        )


@dataclass(frozen=True)
class ServiceTexts:
    """What a service page shows: its own texts, or its general description's."""

    description: str
    eligibility: str
    user_instructions: str
    charge_type: str
    charge_info: str
    laws: list[dict[str, str]]
    from_ptv: bool  # shows PTV's data-source and licence line

    @property
    def charge_type_display(self) -> str:
        return str(dict(ChargeType.choices).get(self.charge_type, ""))


class ServiceChannelLink(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="channel_links")
    channel = models.ForeignKey(
        "portal.ServiceChannel",
        on_delete=models.CASCADE,
        related_name="service_links",
        verbose_name=_("channel"),
    )

    panels = [FieldPanel("channel")]

    class Meta(Orderable.Meta):
        verbose_name = _("service channel")
        constraints = [
            models.UniqueConstraint(fields=["page", "channel"], name="unique_channel_per_service")
        ]


class UrgentHelpPage(CachedViewRestrictionsMixin, Page):
    """Where to get help now: 112, the social emergency service, crisis lines."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "pages/urgent_help_page.html"

    class Meta:
        verbose_name = _("urgent help page")
