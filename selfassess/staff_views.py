"""The phone adviser's look-up of a hand-over code."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from portal.rate_limit import rate_limit_exceeded
from selfassess import services
from selfassess.blocks import DISPOSITION_CHOICES

LOOKUPS_PER_HOUR = 60


@never_cache
@sensitive_post_parameters("code")
@login_required
@permission_required("selfassess.redeem_handovercode", raise_exception=True)
def handover_lookup(request):
    """Advisers and service guides type the code the caller reads out and see the answers
    and result the caller chose to share."""
    context: dict = {"code": ""}
    status = 200
    if request.method == "POST":
        context["code"] = request.POST.get("code", "")[:32]
        if rate_limit_exceeded(
            request,
            scope=f"handover:{request.user.pk}",
            limit=LOOKUPS_PER_HOUR,
            window_seconds=3600,
        ):
            context["error"] = _("Too many look-ups. Try again in an hour.")
            status = 429
        else:
            context["found"] = services.handover_code_redeem(
                code=context["code"], user=request.user
            )
            if context["found"] is not None:
                disposition = context["found"]["result"]["disposition"]
                context["disposition"] = dict(DISPOSITION_CHOICES).get(disposition, disposition)
            else:
                context["error"] = _(
                    "No self-assessment has this code. Check the code with the caller: "
                    "codes are valid for %(hours)d hours."
                ) % {"hours": settings.SELFASSESS_HANDOVER_HOURS}
    return render(request, "selfassess/staff/handover_lookup.html", context, status=status)
