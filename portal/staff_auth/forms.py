"""Staff sign-in forms: password, then a one-time code from the user's own device."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.forms import OTPAuthenticationFormMixin
from wagtail.admin.forms.auth import LoginForm

from portal.staff_auth.devices import device_for_code
from portal.staff_auth.throttling import lockout_message

# django-otp's own text for its throttling is English only; one message of ours replaces it.
CODE_THROTTLED_MESSAGE = _(
    "Code verification is temporarily disabled after too many wrong codes. "
    "Wait a moment and try again."
)

CODE_WIDGET_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "autocapitalize": "off",
    "spellcheck": "false",
}


class AutomaticDeviceMixin(OTPAuthenticationFormMixin):
    """django-otp's form logic, with the device picked from the code instead of a drop-down."""

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("That code is not valid. Check your authenticator app and try again."),
        "device_required": _("Two-factor authentication is not set up for this account."),
        # django-otp formats this with the failure count; ours has no placeholder to fill.
        "n_failed_attempts": CODE_THROTTLED_MESSAGE,
        "verification_not_allowed": CODE_THROTTLED_MESSAGE,
    }

    def _chosen_device(self, user):
        return device_for_code(user, self.cleaned_data.get("otp_token") or "")

    def _update_form(self, user):
        # django-otp would re-render the password into the page after a wrong code; never.
        pass


class StaffLoginForm(AutomaticDeviceMixin, LoginForm):
    """Wagtail's login form with an optional code field.

    With a code the person is fully signed in at once; with the password alone they are
    signed in unverified and the staff middleware sends them to the code step."""

    otp_token = forms.CharField(
        label=_("Verification code (optional)"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs=CODE_WIDGET_ATTRS),
        help_text=_("If you leave this empty, we will ask for the code next."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's form leaves the label to the field name, which is never translated.
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        # django-axes marks the request once this account or address is locked out; the right
        # password is then refused too, with the same message whether the account exists.
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code="locked_out")
        return super().get_invalid_login_error()

    def clean(self):
        cleaned_data = super().clean()
        if self.get_user() is not None and cleaned_data.get("otp_token"):
            self.clean_otp(self.get_user())
        return cleaned_data


class OTPVerifyForm(AutomaticDeviceMixin, forms.Form):
    """The second step: a code from the authenticator app or a backup token."""

    otp_token = forms.CharField(
        label=_("Verification code"),
        max_length=16,
        widget=forms.TextInput(attrs={**CODE_WIDGET_ATTRS, "autofocus": True}),
        help_text=_("Six digits from your authenticator app, or one of your backup codes."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("otp_token"):
            try:
                self.clean_otp(self.user)
            except forms.ValidationError as error:
                self.add_error("otp_token", error)
        return cleaned_data


class TOTPEnrolmentForm(forms.Form):
    """Confirms a new authenticator: proves the app and the server share the secret."""

    otp_token = forms.CharField(
        label=_("Code shown by your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={**CODE_WIDGET_ATTRS, "autofocus": True}),
    )

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip()
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code did not match. Check the time on your phone and try again.")
            )
        return token
