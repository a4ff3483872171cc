"""Editors' reports in the Wagtail admin."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.models import ServicePage


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
