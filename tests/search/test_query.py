"""search.query.clean_query_text: what the backends get from the search box."""

import pytest

from search.backends.base import MAX_QUERY_LENGTH
from search.query import clean_query_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  velka \n\t neuvonta  ", "velka neuvonta"),
        ("velka\x00\x07neuvonta", "velkaneuvonta"),
        ("ve\u200blka\u202e", "velka"),
        ("\x1b[31mpunainen", "[31mpunainen"),
        ("Päihde-\u00adkuntoutus", "Päihde-kuntoutus"),
        ("a\u0308iti", "äiti"),
    ],
)
def test_cleaning(text, expected):
    assert clean_query_text(text) == expected


def test_long_text_is_cut_at_a_word_boundary():
    text = "velkaneuvonta " * 100
    cleaned = clean_query_text(text)
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert cleaned.split(" ")[-1] == "velkaneuvonta"


def test_one_long_word_is_cut_at_the_limit():
    assert clean_query_text("a" * 10_000) == "a" * MAX_QUERY_LENGTH
