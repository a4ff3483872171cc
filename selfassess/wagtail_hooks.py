from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from selfassess.models import AssessmentPage
from selfassess.views_admin import SelfAssessmentStatisticsView


class _StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("selfassess.view_completion")


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return _StatisticsMenuItem(
        _("Self-assessment results"),
        reverse("selfassess_statistics"),
        name="self-assessment-results",
        icon_name="tasks",
        order=660,
    )


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path(
            "reports/self-assessments/",
            SelfAssessmentStatisticsView.as_view(),
            name="selfassess_statistics",
        ),
        path(
            "reports/self-assessments/results/",
            SelfAssessmentStatisticsView.as_view(results_only=True),
            name="selfassess_statistics_results",
        ),
    ]


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_incomplete_assessments(request, action_type, objects, action):
    """The edit form refuses to publish an assessment whose bands leave scores uncovered;
    bulk publishing must not be a way around that."""
    if action_type != "publish":
        return None
    for page in objects:
        specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
        if not isinstance(specific, AssessmentPage):
            continue
        draft = specific.get_latest_revision_as_object()
        if draft.band_problem_messages():
            messages.error(
                request,
                _("“%(title)s” was not published: its result bands do not cover every score.")
                % {"title": draft.title},
            )
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("wagtailadmin_home")
            return redirect(target)
    return None
