"""Nollalinja, the national helpline for violence in close relationships (080 005 005, free,
24/7): offered right after 112 when a search tells of violence, listed with the other
helplines everywhere else, and hidden when editors empty the setting."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from portal.models import SiteSettings
from portal.templatetags.portal_tags import crisis_numbers
from search.crisis_phrases import BASIC_NEEDS, GENERAL, SELF_HARM, VIOLENCE
from search.templatetags.crisis_help import numbers_in_order

NOLLALINJA = "080 005 005"
SEARCH_PATHS = {"fi": "/fi/haku/", "sv": "/sv/sok/", "en": "/en/search/"}
LABELS = {
    "fi": "Nollalinja – apua lähisuhdeväkivaltaan, 24/7",
    "sv": "Nollinjen – hjälp vid våld i nära relationer, 24/7",
    "en": "Nollalinja – help with violence in close relationships, 24/7",
}


def _urgent_numbers(html: str) -> list[tuple[str, str]]:
    """(href, number) of each number in the crisis box, in order."""
    return re.findall(r'class="urgent-numbers__number" href="([^"]*)">([^<]*)</a>', html)


def test_the_default_is_nollalinjas_number():
    assert SiteSettings().violence_helpline_number == NOLLALINJA


def test_violence_puts_nollalinja_right_after_112_and_others_find_it_after_the_lines():
    emergency, social = ("Emergency", "112"), ("Social emergency", "0800 1234")
    lines = [("Crisis line", "09 2525 0111"), ("Crisis line in Swedish", "09 2525 0112")]
    nollalinja = ("Nollalinja", NOLLALINJA)

    def order(danger, violence_line=nollalinja):
        ordered = numbers_in_order(
            danger,
            emergency=emergency,
            social=social,
            crisis_lines=lines,
            violence_line=violence_line,
        )
        return [number for _, number in ordered]

    assert order(VIOLENCE) == ["112", NOLLALINJA, "0800 1234", "09 2525 0111", "09 2525 0112"]
    assert order(SELF_HARM)[:2] == ["09 2525 0111", "09 2525 0112"]
    assert order(SELF_HARM)[-1] == NOLLALINJA
    assert order(BASIC_NEEDS)[:2] == ["0800 1234", "112"]
    assert order(GENERAL)[0] == "112" and NOLLALINJA in order(GENERAL)
    assert NOLLALINJA not in order(VIOLENCE, violence_line=("Nollalinja", ""))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query"),
    [("fi", "mies lyö minua"), ("sv", "min man slår mig"), ("en", "my partner hits me")],
)
def test_a_violence_search_lists_112_then_nollalinja_as_tel_links(
    client, demo_site, database_search, language, query
):
    html = client.get(SEARCH_PATHS[language], {"q": query}).text
    numbers = _urgent_numbers(html)
    assert [number for _, number in numbers[:2]] == ["112", NOLLALINJA]
    assert numbers[:2] == [("tel:112", "112"), ("tel:+35880005005", NOLLALINJA)]
    assert LABELS[language] in html


@pytest.mark.django_db
def test_a_self_harm_search_still_puts_the_crisis_line_first(client, demo_site, database_search):
    numbers = [n for _, n in _urgent_numbers(client.get("/fi/haku/", {"q": "en jaksa enää"}).text)]
    assert numbers[0] == "09 2525 0111"
    assert numbers.index("112") < numbers.index(NOLLALINJA)


@pytest.mark.django_db
def test_an_empty_setting_hides_nollalinja(client, demo_site, database_search):
    settings = SiteSettings.objects.get()
    settings.violence_helpline_number = ""
    settings.save()
    html = client.get("/fi/haku/", {"q": "mies lyö minua"}).text
    numbers = [n for _, n in _urgent_numbers(html)]
    assert numbers[0] == "112" and NOLLALINJA not in numbers
    assert LABELS["fi"] not in html


@pytest.mark.django_db
def test_the_full_list_has_nollalinja_with_the_helplines_and_the_crisis_bar_does_not(demo_site):
    request = RequestFactory().get("/fi/", HTTP_HOST="localhost")
    with translation.override("fi"):
        full = crisis_numbers({"request": request})["numbers"]
        compact = crisis_numbers({"request": request}, compact=True)["numbers"]
    assert full[-1] == {"label": LABELS["fi"], "number": NOLLALINJA}
    assert NOLLALINJA not in [item["number"] for item in compact]
