"""Which searches bring the crisis numbers to the top of the search page."""

import pytest

from search.emergency import signals_emergency


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "itsemurha"),
        ("fi", "itsemurha-ajatuksia"),
        ("fi", "lähisuhdeväkivallasta apua"),
        ("fi", "mieheni on väkivaltainen"),
        ("fi", "haluan kuolla"),
        ("fi", "en jaksa enää elää"),
        ("fi", "pääsenkö turvakotiin"),
        ("fi", "hätä"),
        ("sv", "självmordstankar"),
        ("sv", "våld i hemmet"),
        ("sv", "jag vill dö"),
        ("sv", "misshandlad av min partner"),
        ("en", "suicidal thoughts"),
        ("en", "domestic violence"),
        ("en", "I want to die"),
        ("en", "domestic abuse"),
    ],
)
def test_danger_brings_the_crisis_numbers(language, text):
    assert signals_emergency(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "velkaneuvonta"),
        ("fi", "hätämajoitus"),  # emergency housing: a service, not a sign of danger
        ("fi", "itsehoito"),
        ("fi", "omaishoitajan vapaa"),
        ("sv", "nödvändiga intyg"),
        ("sv", "hotell"),
        ("en", "substance abuse treatment"),
        ("en", "homeless shelter"),
        ("en", "debt advice"),
        ("fi", ""),
    ],
)
def test_everyday_searches_do_not(language, text):
    assert not signals_emergency(text, language)
