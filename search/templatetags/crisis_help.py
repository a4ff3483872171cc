"""The search page's crisis box: the site's crisis numbers, in the order the kind of danger
needs (`search.emergency.primary_danger`)."""

from django import template
from django.utils.translation import get_language, gettext

from portal.templatetags.portal_tags import site_settings
from search.crisis_phrases import BASIC_NEEDS, SELF_HARM

register = template.Library()

Number = tuple[str, str]  # (label, number)


def numbers_in_order(
    danger: str, *, emergency: Number, social: Number, crisis_lines: list[Number]
) -> list[Number]:
    """Someone who cannot go on reaches the crisis line first; someone without food or bed
    tonight the social emergency service; anyone else, and anyone being hurt, 112. Numbers
    the site does not have (an empty social emergency number) are left out."""
    if danger == SELF_HARM:
        ordered = [*crisis_lines, emergency, social]
    elif danger == BASIC_NEEDS:
        ordered = [social, emergency, *crisis_lines]
    else:
        ordered = [emergency, social, *crisis_lines]
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
    )
    return {
        "compact": False,
        "numbers": [{"label": label, "number": number} for label, number in ordered],
    }
