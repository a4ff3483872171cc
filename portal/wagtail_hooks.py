from django.contrib import messages
from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem as ListingAction
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.models import (
    Classification,
    EServiceChannel,
    GeneralDescription,
    LocationChannel,
    PageFeedback,
    PhoneChannel,
    PrintableFormChannel,
    ServiceChannel,
    WebPageChannel,
)
from portal.service_start import (
    UNPUBLISHED_DUPLICATE,
    UNPUBLISHED_OUTSIDE_REMIT,
    general_description_services_withdraw,
)
from portal.views_admin import (
    GeneralDescriptionFilterSet,
    ReviewOverdueReportView,
    general_description_start,
)


class _ImportedOnlyPolicy(ModelPermissionPolicy):
    """PTV's records: the import adds and removes them, editors may only change what the
    county decides about them (the topic)."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


# Registered before the viewset asks for a policy (Wagtail would make a default one).
register_permission_policy(GeneralDescription, _ImportedOnlyPolicy(GeneralDescription))


class _ChannelViewSet(SnippetViewSet):
    list_display = ["name_fi", "ptv_id"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    ordering = ["name_fi"]


class PhoneChannelViewSet(_ChannelViewSet):
    model = PhoneChannel
    icon = "mobile-alt"
    list_display = ["name_fi", "phone_number", "ptv_id"]


class LocationChannelViewSet(_ChannelViewSet):
    model = LocationChannel
    icon = "site"
    list_display = ["name_fi", "street_fi", "ptv_id"]


class EServiceChannelViewSet(_ChannelViewSet):
    model = EServiceChannel
    icon = "link-external"


class WebPageChannelViewSet(_ChannelViewSet):
    model = WebPageChannel
    icon = "link"


class PrintableFormChannelViewSet(_ChannelViewSet):
    model = PrintableFormChannel
    icon = "doc-full"


class ServiceChannelChooserViewSet(SnippetViewSet):
    """Every channel type in one chooser for the service page. Not in the menu: channels are
    created and edited in their typed listings, so nobody makes a channel without a type."""

    model = ServiceChannel
    icon = "list-ul"
    menu_label = _("All channels")
    add_to_admin_menu = False
    list_display = ["name_fi", "channel_type"]
    list_filter = ["channel_type"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    inspect_view_enabled = True


class ServiceChannelGroup(SnippetViewSetGroup):
    menu_label = _("Service channels")
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        PhoneChannelViewSet,
        LocationChannelViewSet,
        EServiceChannelViewSet,
        WebPageChannelViewSet,
        PrintableFormChannelViewSet,
    )


class ClassificationViewSet(SnippetViewSet):
    model = Classification
    icon = "tag"
    menu_label = _("Classifications")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name_fi", "kind", "uri"]
    list_filter = ["kind"]
    search_fields = ["name_fi", "name_sv", "name_en", "uri"]


class GeneralDescriptionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(service_count=Count("service_pages"))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.in_remit:
            url = reverse("portal_general_description_start", args=[instance.pk])
            buttons.append(
                ListingAction(_("Start a service"), url=url, icon_name="plus", priority=5)
            )
        return buttons


class GeneralDescriptionViewSet(SnippetViewSet):
    """PTV's national service templates, to see which the county implements and to start a
    service from one."""

    model = GeneralDescription
    icon = "doc-full-inverse"
    menu_label = _("PTV general descriptions")
    add_to_admin_menu = True
    menu_order = 255
    list_display = [
        "__str__",  # the name and the reference, linked, with the row's actions
        "topic_key",
        Column("service_count", label=_("Services")),
    ]
    filterset_class = GeneralDescriptionFilterSet
    search_fields = ["reference", "names__fi", "names__sv", "names__en"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # The topic is the county's to decide; everything else is PTV's (and read-only here).
    panels = [FieldPanel("topic_key")]

    index_view_class = GeneralDescriptionIndexView


class PageFeedbackViewSet(ModelViewSet):
    """Residents' anonymous answers to "Was this page useful?" (read-only for editors)."""

    model = PageFeedback
    icon = "comment"
    menu_label = _("Page feedback")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["page", "useful", "comment", "language", "created_on"]
    list_filter = ["useful", "language", "created_on"]
    form_fields = ["useful", "comment"]
    inspect_view_enabled = True
    exclude_form_fields = []


register_snippet(ServiceChannelGroup)
register_snippet(ServiceChannelChooserViewSet)
register_snippet(ClassificationViewSet)
register_snippet(GeneralDescriptionViewSet)


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return PageFeedbackViewSet("page_feedback")


@hooks.register("register_reports_menu_item")
def register_review_overdue_menu_item():
    return MenuItem(
        _("Pages past review"),
        reverse("portal_review_overdue"),
        name="pages-past-review",
        icon_name="time",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_review_overdue_urls():
    return [
        path(
            "reports/past-review/", ReviewOverdueReportView.as_view(), name="portal_review_overdue"
        ),
        path(
            "reports/past-review/results/",
            ReviewOverdueReportView.as_view(results_only=True),
            name="portal_review_overdue_results",
        ),
        path(
            "general-descriptions/<int:pk>/start/",
            general_description_start,
            name="portal_general_description_start",
        ),
    ]


@hooks.register("after_edit_snippet")
def withdraw_services_of_a_description_moved_out_of_the_remit(request, instance):
    """An editor who moves a description to "Other services" takes its services off the
    public site, and is told which."""
    if not isinstance(instance, GeneralDescription):
        return
    pages = general_description_services_withdraw(description=instance, user=request.user)
    if pages:
        messages.warning(
            request,
            ngettext(
                "%(count)d service implementing it was unpublished, as the description is "
                "now outside a wellbeing services county's remit: %(titles)s.",
                "%(count)d services implementing it were unpublished, as the description is "
                "now outside a wellbeing services county's remit: %(titles)s.",
                len(pages),
            )
            % {"count": len(pages), "titles": ", ".join(page.title for page in pages)},
        )


def _description_name(log_entry) -> str:
    description = (log_entry.data or {}).get("description") or {}
    return description.get("name") or description.get("reference") or ""


@hooks.register("register_log_actions")
def register_unpublish_explanations(actions):
    @actions.register_action(UNPUBLISHED_OUTSIDE_REMIT)
    class OutsideRemit(LogFormatter):
        label = _("Unpublished: description outside the remit")

        def format_message(self, log_entry):
            return _(
                "Unpublished: its PTV general description “%(name)s” is outside a wellbeing "
                "services county's remit."
            ) % {"name": _description_name(log_entry)}

    @actions.register_action(UNPUBLISHED_DUPLICATE)
    class Duplicate(LogFormatter):
        label = _("Unpublished: another service implements its description")

        def format_message(self, log_entry):
            kept = (log_entry.data or {}).get("kept") or {}
            if kept.get("title"):
                return _(
                    "Unpublished: “%(title)s” implements the PTV general description "
                    "“%(name)s” in this language, and residents should meet one service."
                ) % {"title": kept["title"], "name": _description_name(log_entry)}
            return _(
                "Unpublished: another live service implements the PTV general description "
                "“%(name)s” in this language, and residents should meet one service."
            ) % {"name": _description_name(log_entry)}
