"""Editors' views in the Wagtail admin: reports, and starting a service from a PTV general
description."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.models import GeneralDescription, ServicePage
from portal.ptv.topics import OTHER_SERVICES
from portal.service_start import (
    DescriptionImplemented,
    DescriptionOutsideRemit,
    default_home_page,
    live_implementation,
    service_page_start,
    topic_page_fi,
)

YES_NO_ANY = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class ReviewOverdueReportView(PageReportView):
    """Service pages whose next review date has passed, oldest first, with their owners."""

    page_title = _("Pages past review")
    header_icon = "time"
    index_url_name = "portal_review_overdue"
    index_results_url_name = "portal_review_overdue_results"
    results_template_name = "portal/reports/review_overdue_results.html"
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    list_export = [*PageReportView.list_export, "next_review", "last_reviewed", "content_owner"]
    export_headings = {
        **PageReportView.export_headings,
        "next_review": _("Next review"),
        "last_reviewed": _("Last reviewed"),
        "content_owner": _("Content owner"),
    }

    def get_filename(self):
        return f"pages-past-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            ServicePage.objects.filter(next_review__lt=timezone.localdate())
            .select_related("content_owner", "locale")
            .order_by("next_review", "title")
        )


class GeneralDescriptionFilterSet(WagtailFilterSet):
    in_remit = django_filters.BooleanFilter(
        label=_("In a wellbeing services county's remit"),
        method="filter_in_remit",
        widget=forms.RadioSelect(choices=YES_NO_ANY),
    )
    implemented = django_filters.BooleanFilter(
        label=_("A service of ours implements it"),
        method="filter_implemented",
        widget=forms.RadioSelect(choices=YES_NO_ANY),
    )

    class Meta:
        model = GeneralDescription
        fields = ["topic_key"]

    def filter_in_remit(self, queryset, name, value):
        if value is None:
            return queryset
        in_remit = ~Q(topic_key=OTHER_SERVICES)
        return queryset.filter(in_remit if value else ~in_remit)

    def filter_implemented(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(service_pages__isnull=not value).distinct()


@require_http_methods(["GET", "POST"])
def general_description_start(request, pk: int):
    """Start a county service from a description: draft service pages in each language it
    has a name in, under its topic; the editor lands on the Finnish draft to complete it.
    GET asks to confirm and says what already implements it; POST starts. When a live
    service implements it in Finnish already, the editor is sent to that one instead."""
    description = get_object_or_404(GeneralDescription, pk=pk)
    index_url = reverse(GeneralDescription.snippet_viewset.get_url_name("list"))
    home_fi = default_home_page()
    if home_fi is None:
        messages.error(request, _("The site has no home page yet."))
        return redirect(index_url)
    where = topic_page_fi(description.topic_key) or home_fi
    if not where.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    existing = live_implementation(description=description, language="fi")
    if existing is not None:
        return _existing_service_redirect(request, existing)
    if request.method == "GET":
        return TemplateResponse(
            request,
            "portal/admin/general_description_start.html",
            {
                "description": description,
                "services": description.service_pages.select_related("locale"),
                "index_url": index_url,
            },
        )
    try:
        pages = service_page_start(description=description, home_fi=home_fi)
    except DescriptionImplemented as implemented:  # published since the GET
        return _existing_service_redirect(request, implemented.page)
    except DescriptionOutsideRemit:
        messages.error(
            request,
            _(
                "“%(name)s” is outside a wellbeing services county's remit. Move it to a topic "
                "first if the county does offer it."
            )
            % {"name": description.name_in()},
        )
        return redirect(index_url)
    messages.success(
        request,
        _("Draft service started from “%(name)s”. Complete it and publish it when it is ready.")
        % {"name": description.name_in()},
    )
    return redirect("wagtailadmin_pages:edit", pages["fi"].pk)


def _existing_service_redirect(request, page: ServicePage):
    messages.info(
        request,
        _(
            "“%(title)s” already implements this description and is published: edit it "
            "rather than starting a second service that residents would see twice."
        )
        % {"title": page.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
