from django import forms
from django.utils.translation import gettext_lazy as _

from portal.services import FEEDBACK_COMMENT_MAX_LENGTH


class PageFeedbackForm(forms.Form):
    page = forms.IntegerField(widget=forms.HiddenInput)
    useful = forms.TypedChoiceField(
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could we do better? (optional)"),
        help_text=_(
            "Do not write your name, identity code or contact details here. "
            "We cannot answer feedback given here."
        ),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the comment under %(limit_value)d characters.")},
    )
