"""The search page's crisis box: the site's crisis numbers, in the order the kind of danger
needs (`search.emergency.primary_danger`)."""

from django import template
from django.utils.translation import get_language, gettext

from portal.templatetags.portal_tags import site_settings, violence_line_label
from search.crisis_phrases import BASIC_NEEDS, SELF_HARM, VIOLENCE

register = template.Library()

Number = tuple[str, str]  # (label, number)


def numbers_in_order(
    danger: str,
    *,
    emergency: Number,
    social: Number,
    crisis_lines: list[Number],
    violence_line: Number = ("", ""),
) -> list[Number]:
    """Someone who cannot go on reaches the crisis line first; someone without food or bed
    tonight the social emergency service; anyone else, and anyone being hurt, 112. Someone
    hurt or threatened at home is offered Nollalinja right after 112; everyone else finds
    it after the crisis lines. Numbers the site does not have (an empty social emergency
    or Nollalinja number) are left out."""
    if danger == SELF_HARM:
        ordered = [*crisis_lines, emergency, social, violence_line]
    elif danger == BASIC_NEEDS:
        ordered = [social, emergency, *crisis_lines, violence_line]
    elif danger == VIOLENCE:
        ordered = [emergency, violence_line, social, *crisis_lines]
    else:
        ordered = [emergency, social, *crisis_lines, violence_line]
    return [(label, number) for label, number in ordered if number]


@register.inclusion_tag("components/crisis_numbers_list.html", takes_context=True)
def crisis_numbers_for(context, danger: str = "") -> dict:
    """The full list of crisis numbers (as `crisis_numbers`), ordered for `danger`."""
    numbers = site_settings(context)
    crisis_lines = [
        (gettext("Crisis line"), numbers.crisis_line_number),
        (gettext("Crisis line in Swedish"), numbers.crisis_line_number_sv),
    ]
    if get_language() == "sv":
        crisis_lines.reverse()
    ordered = numbers_in_order(
        danger,
        emergency=(
            gettext("Emergency – life, health or safety in danger"),
            numbers.emergency_number,
        ),
        social=(gettext("Social emergency service, 24/7"), numbers.social_emergency_number),
        crisis_lines=crisis_lines,
        violence_line=(violence_line_label(), numbers.violence_helpline_number),
    )
    return {
        "compact": False,
        "numbers": [{"label": label, "number": number} for label, number in ordered],
    }
