"""The managers' report: self-assessment completions and their results, anonymous and with
small cells suppressed."""

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from selfassess.models import Completion
from selfassess.selectors import completion_statistics
from selfassess.small_cells import THRESHOLD


class CompletionFilterSet(WagtailFilterSet):
    completed_on = django_filters.DateFromToRangeFilter(
        label=_("Completed"), widget=DateRangePickerWidget
    )
    locale = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Completion
        fields = ["completed_on", "locale"]


class SelfAssessmentStatisticsView(ReportView):
    """Counts per assessment and band. Managers and admins only (the `view_completion`
    permission); there is nothing here about any one person to export."""

    page_title = _("Self-assessment results")
    header_icon = "tasks"
    index_url_name = "selfassess_statistics"
    index_results_url_name = "selfassess_statistics_results"
    results_template_name = "selfassess/reports/statistics_results.html"
    filterset_class = CompletionFilterSet
    permission_policy = ModelPermissionPolicy(Completion)
    permission_required = "view"
    model = Completion
    paginate_by = None
    list_export: list[str] = []

    def get_queryset(self):
        return Completion.objects.all()

    def get_filtered_queryset(self):
        return completion_statistics(completions=self.filter_queryset(self.get_queryset()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["threshold"] = THRESHOLD
        return context
