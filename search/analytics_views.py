"""Views of search analytics: the public click-through of search results, and the editors'
and managers' weekly report of search queries in the Wagtail admin."""

import csv
import datetime
import re

from django import forms
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from search import analytics
from search.models import QueryLogEntry

# --- The click-through ---------------------------------------------------------------------


@never_cache
@require_safe
def click_redirect(request):
    """Count the first click on a logged search's result and go to the result.

    The token is signed by `analytics.click_url`; a damaged or tampered one, or one leading
    off the site, gets an explanation in the visitor's language instead of a redirect.
    """
    click = analytics.click_read(request.GET.get("t", ""))
    if click is None:
        return render(request, "search/click_error.html", status=400)
    if request.method == "GET":  # link previews and checkers send HEAD: not a click
        analytics.click_record(click)
    return HttpResponseRedirect(click.target_url)


# --- The weekly report ---------------------------------------------------------------------

_ISO_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class QueryReportForm(forms.Form):
    week = forms.CharField(
        label=_("Week"),
        required=False,
        widget=forms.TextInput(attrs={"type": "week", "pattern": r"\d{4}-W\d{2}"}),
        help_text=_("Year and week number, e.g. 2026-W05. Weeks start on Monday."),
    )
    locale = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All")), *settings.LANGUAGES]
    )

    def clean_week(self) -> tuple[int, int] | None:
        value = self.cleaned_data["week"]
        if not value:
            return None
        match = _ISO_WEEK.match(value)
        try:
            if match is None:
                raise ValueError(value)
            year, week = int(match[1]), int(match[2])
            datetime.date.fromisocalendar(year, week, 1)
        except ValueError as error:
            raise forms.ValidationError(
                _("Give a week as the year and the week number, e.g. 2026-W05."), code="invalid"
            ) from error
        return year, week


class QueryReportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    """What residents searched for in one week: the most frequent queries, queries that
    found nothing and queries whose results nobody clicked. For people with the
    `search.view_querylogentry` permission (editors, managers, admins); the log holds no
    one's identity, so there is no small-cell suppression here."""

    page_title = _("Search queries")
    header_icon = "search"
    template_name = "search/reports/query_report.html"
    permission_policy = ModelPermissionPolicy(QueryLogEntry)
    permission_required = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request):
        form = QueryReportForm(request.GET)
        report = None
        if form.is_valid():
            year, week = form.cleaned_data["week"] or analytics.current_week()
            report = analytics.week_report(year, week, form.cleaned_data["locale"] or None)
            if request.GET.get("export") == "csv":
                return _csv_response(report)
        context = self.get_context_data(form=form, report=report)
        if report is not None:
            links = _week_links(request, report)
            # Show the week that was reported, also when it was the default one.
            context["form"] = QueryReportForm(
                initial={"week": links.pop("week_value"), "locale": report.locale or ""}
            )
            context.update(links)
        return self.render_to_response(context)


def _week_links(request, report: analytics.WeekReport) -> dict:
    def url(**params) -> str:
        query = request.GET.copy()
        query.pop("export", None)
        for key, value in params.items():
            query[key] = value  # replaces, where update() would add a second value
        return f"{reverse('search_query_report')}?{query.urlencode()}"

    def week_of(day: datetime.date) -> str:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"

    return {
        "week_value": week_of(report.starts_on),
        "previous_week_url": url(week=week_of(report.starts_on - datetime.timedelta(days=7))),
        "next_week_url": url(week=week_of(report.starts_on + datetime.timedelta(days=7))),
        "csv_url": url(week=week_of(report.starts_on), export="csv"),
    }


# Spreadsheet programs run a cell starting with these as a formula; queries are typed by
# anyone, so such a cell is made text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _csv_response(report: analytics.WeekReport) -> HttpResponse:
    language = f"-{report.locale}" if report.locale else ""
    filename = f"search-queries-{report.year}-W{report.week:02d}{language}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("Table"),
            gettext("Query"),
            gettext("Language"),
            gettext("Searches"),
            gettext("Average results"),
            gettext("Click-through share"),
        ]
    )
    for row in report.top_queries:
        writer.writerow(
            [
                gettext("Top queries"),
                _cell(row.query),
                row.locale,
                row.searches,
                f"{row.average_results:.1f}",
                f"{row.click_share:.2f}",
            ]
        )
    for title, rows in (
        (gettext("No results"), report.zero_result_queries),
        (gettext("Results, no clicks"), report.unclicked_queries),
    ):
        for row in rows:
            writer.writerow([title, _cell(row.query), row.locale, row.searches, "", ""])
    return response
