"""search.typos: pg_trgm's trigram similarity in Python, and choosing a correction."""

import pytest
from django.db import connection

from search import typos


def test_trigrams_are_padded_like_pg_trgm():
    assert typos.trigrams("koti") == {"  k", " ko", "kot", "oti", "ti "}
    assert typos.trigrams("Koti!") == typos.trigrams("koti")
    assert typos.trigrams("") == frozenset()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("velkaneuvota", "velkaneuvonta"),
        ("päihdekuntotus", "päihdekuntoutus"),
        ("koti", "kota"),
        ("turvakoti", "turvakti"),
        ("vuokra-asunto", "vuokra asunto"),
        ("abc", "xyz"),
    ],
)
def test_similarity_matches_postgresql(a, b, db):
    expected = typos.similarity(a, b)
    assert 0.0 <= expected <= 1.0
    assert typos.similarity(a, b) == typos.similarity(b, a)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT similarity(%s, %s)", [a, b])
            assert cursor.fetchone()[0] == pytest.approx(expected, abs=1e-6)


def test_best_correction_prefers_the_most_similar_word():
    correction = typos.best_correction(
        "velkaneuvota", [("velkaneuvonta", 3), ("velkaneuvoja", 1), ("neuvonta", 40)]
    )
    assert correction.replacement == "velkaneuvonta"
    assert correction.word == "velkaneuvota"
    assert correction.similarity >= typos.SIMILARITY_THRESHOLD


def test_a_near_tie_goes_to_the_more_common_word():
    # Equally similar: the word in forty documents beats the one in one.
    candidates = [("kuntoutusx", 1), ("kuntoutusy", 40)]
    assert typos.best_correction("kuntoutus", candidates).replacement == "kuntoutusy"
    # Clearly more similar beats more common.
    candidates = [("velkaneuvonta", 1), ("velkaneuvojat", 40)]
    assert typos.best_correction("velkaneuvota", candidates).replacement == "velkaneuvonta"


def test_no_correction_below_the_threshold_or_for_short_words():
    assert typos.best_correction("masennus", [("maksu", 20), ("massa", 3)]) is None
    assert typos.best_correction("kla", [("kela", 10)]) is None
    assert typos.best_correction("velka", [("velka", 10)]) is None
    assert typos.best_correction("velka", []) is None


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("psykolgille", "fi", [("psykolg", "ille"), ("psykolgi", "lle")]),
        ("skulderna", "sv", [("skuld", "erna"), ("skulder", "na")]),
        ("velka", "fi", [("velk", "a")]),
        ("apu", "fi", []),  # nothing of four letters would be left
        ("debts", "en", [("debt", "s")]),
    ],
)
def test_a_mistyped_word_is_also_compared_without_its_ending(word, language, expected):
    assert typos.ending_variants(word, language) == expected


def test_an_inflected_typo_is_close_to_the_word_once_the_ending_is_gone():
    assert typos.similarity("psykolgille", "psykologi") < typos.SIMILARITY_THRESHOLD
    assert typos.similarity("psykolgi", "psykologi") >= typos.SIMILARITY_THRESHOLD


@pytest.mark.parametrize(
    ("word", "known", "expected"),
    [
        ("päihdekuntotus", {"päihde"}, [("päihde", "kuntotus")]),
        ("skuldrådgivnig", {"skuld", "skul"}, [("skuld", "rådgivnig"), ("skul", "drådgivnig")]),
        ("velkaneuvota", set(), []),
        ("kotiapu", {"koti"}, []),  # three letters left: too few to correct
    ],
)
def test_a_compound_is_corrected_after_its_known_first_part(word, known, expected):
    assert typos.compound_heads(word, known.__contains__) == expected
    assert typos.compound_heads(word, None) == []
