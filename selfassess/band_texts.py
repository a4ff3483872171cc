"""What the result page says for each band of the validated instruments.

Interface text, so it is translated through gettext (unlike the instruments' own wording in
`wording.py`). Plain words first: the heading says where the person stands, the explanation
what it means for them.
"""

from django.utils.translation import gettext_lazy as _

BAND_TEXTS = {
    "who5": {
        "good": (
            _("Your wellbeing seems good"),
            _(
                "Your answers suggest that you have felt fairly well over the last two weeks. "
                "Keep doing the things that help you cope."
            ),
        ),
        "low": (
            _("Your wellbeing seems low"),
            _(
                "Your answers suggest that your wellbeing has been low over the last two weeks. "
                "It is worth talking about how you feel with a professional: low wellbeing can "
                "be a sign of depression, and help is available."
            ),
        ),
    },
    "phq9": {
        "minimal": (
            _("Few or no signs of depression"),
            _("Your answers show few or no symptoms of depression."),
        ),
        "mild": (
            _("Mild symptoms of depression"),
            _(
                "Your answers show mild symptoms of depression. Follow how you feel; if the "
                "symptoms go on or get worse, talk to a professional."
            ),
        ),
        "moderate": (
            _("Moderate symptoms of depression"),
            _(
                "Your answers show moderate symptoms of depression. We recommend that you talk "
                "about them with a health or social care professional."
            ),
        ),
        "moderately_severe": (
            _("Moderately severe symptoms of depression"),
            _(
                "Your answers show moderately severe symptoms of depression. Please contact a "
                "professional soon."
            ),
        ),
        "severe": (
            _("Severe symptoms of depression"),
            _(
                "Your answers show severe symptoms of depression. Please contact a professional "
                "as soon as you can."
            ),
        ),
    },
    "gad7": {
        "minimal": (
            _("Few or no signs of anxiety"),
            _("Your answers show few or no symptoms of anxiety."),
        ),
        "mild": (
            _("Mild symptoms of anxiety"),
            _(
                "Your answers show mild symptoms of anxiety. Follow how you feel; if the "
                "symptoms go on or get worse, talk to a professional."
            ),
        ),
        "moderate": (
            _("Moderate symptoms of anxiety"),
            _(
                "Your answers show moderate symptoms of anxiety. We recommend that you talk "
                "about them with a health or social care professional."
            ),
        ),
        "severe": (
            _("Severe symptoms of anxiety"),
            _(
                "Your answers show severe symptoms of anxiety. Please contact a professional "
                "as soon as you can."
            ),
        ),
    },
    "audit": {
        "low_risk": (
            _("Low-risk drinking"),
            _(
                "Your answers suggest that your drinking is low-risk at the moment. Even so, "
                "less alcohol is always better for your health."
            ),
        ),
        "risk": (
            _("Risky drinking"),
            _(
                "Your drinking is above the limit of risky use. Cutting down now lowers the risk "
                "of harm; self-help tools and services can help you."
            ),
        ),
        "harmful": (
            _("Harmful drinking"),
            _(
                "Your drinking is probably already harming you. Talking with a professional "
                "helps you find a way to cut down."
            ),
        ),
        "dependence": (
            _("Possible alcohol dependence"),
            _(
                "Your answers suggest that you may be dependent on alcohol. Please contact a "
                "substance abuse service or your health centre: help is available, and it works."
            ),
        ),
    },
    "auditc": {
        "low_risk": (
            _("Low-risk drinking"),
            _(
                "Your answers suggest that your drinking is low-risk at the moment. Even so, "
                "less alcohol is always better for your health."
            ),
        ),
        "risk": (
            _("Risky drinking"),
            _(
                "Your drinking is above the limit of risky use. Three questions cannot tell "
                "whether it already harms you, so talk it over with a professional: service "
                "guidance or a substance abuse service helps you find a way to cut down. The "
                "full AUDIT test tells you more."
            ),
        ),
    },
    "eurohis8": {
        "good": (
            _("Good quality of life"),
            _("Your answers suggest that your quality of life is good."),
        ),
        "lower": (
            _("Your quality of life could be better"),
            _(
                "Your answers suggest that some parts of your life are not as good as you would "
                "like. Look at the questions you answered lowest: services can help with many "
                "of them, such as money, housing or loneliness."
            ),
        ),
    },
}

# What any self-assessment result does and does not tell.
RESULT_NOTE = _(
    "This is a self-assessment, not a diagnosis. It describes how you have been recently and "
    "helps you decide whether to look for help. Only a professional can assess your situation "
    "as a whole."
)

# Shown with the crisis numbers whenever a red-flag answer was given.
RED_FLAG_TEXTS = {
    "phq9": _(
        "You answered that you have had thoughts of being better off dead or of hurting "
        "yourself. Please talk to someone today: call the crisis line or the social emergency "
        "service. If you are in immediate danger, call 112."
    ),
    "custom": _(
        "Some of your answers suggest that you may need help soon. Please talk to someone "
        "today: call the crisis line or the social emergency service. If you are in immediate "
        "danger, call 112."
    ),
}


def band_text(instrument: str, band: str) -> tuple[str, str]:
    return BAND_TEXTS[instrument][band]


def red_flag_text(instrument: str) -> str:
    return str(RED_FLAG_TEXTS.get(instrument, RED_FLAG_TEXTS["custom"]))
