"""search.ranking: BM25F over stored terms, the same arithmetic on every database."""

import math

import pytest

from search import ranking

STATS = ranking.CollectionStats(
    documents=100,
    average_lengths={"title": 3, "summary": 10, "keywords": 5, "lay": 10, "body": 100},
)


@pytest.mark.parametrize(
    ("terms", "base_forms", "parts"),
    [
        (("velka",), ("velka",), ()),
        (("tulla", "tuli"), ("tulla", "tuli"), ()),
        (("alkoholiongelma", "alkoholi", "ongelma"), ("alkoholiongelma",), ("alkoholi", "ongelma")),
        (
            ("turvakoti", "turvakota", "turva", "koti", "kota"),
            ("turvakoti", "turvakota"),
            ("turva", "koti", "kota"),
        ),
        (("vuokra-asunto", "vuokra", "asunto"), ("vuokra-asunto",), ("vuokra", "asunto")),
        ((), (), ()),
    ],
)
def test_split_word_terms(terms, base_forms, parts):
    assert ranking.split_word_terms(terms) == (base_forms, parts)


def test_compound_parts_weigh_less_than_the_word():
    weights = ranking.word_term_weights([("päihdekuntoutus", "päihde", "kuntoutus")])
    assert weights == {
        "päihdekuntoutus": 1.0,
        "päihde": ranking.PART_WEIGHT,
        "kuntoutus": ranking.PART_WEIGHT,
    }
    # A term that is a whole word elsewhere in the query keeps its full weight.
    weights = ranking.word_term_weights([("päihdekuntoutus", "päihde", "kuntoutus"), ("päihde",)])
    assert weights["päihde"] == 1.0


def test_idf_is_higher_for_rarer_terms_and_never_negative():
    assert ranking.idf(1, 100) > ranking.idf(10, 100) > ranking.idf(90, 100) > 0
    assert ranking.idf(100, 100) >= 0


def score(fields, weights=None, doc_freqs=None):
    return ranking.bm25f(weights or {"velka": 1.0}, fields, STATS, doc_freqs or {"velka": 5})


def test_a_word_in_the_title_outweighs_the_same_word_in_the_body():
    assert score({"title": "velka neuvonta"}) > score({"body": "velka " + "x " * 50})


def test_more_occurrences_count_but_saturate():
    once = score({"body": "velka " + "x " * 99})
    twice = score({"body": "velka velka " + "x " * 98})
    many = score({"body": "velka " * 50 + "x " * 50})
    assert once < twice < many
    assert many < 3 * once


def test_longer_fields_dilute_a_match():
    assert score({"body": "velka x"}) > score({"body": "velka " + "x " * 300})


def test_query_weights_scale_the_contribution():
    full = score({"title": "velka"}, {"velka": 1.0})
    half = score({"title": "velka"}, {"velka": 0.5})
    assert math.isclose(half, full / 2)


def test_terms_not_in_the_query_or_the_document_add_nothing():
    assert score({"title": "laskut"}) == 0
    assert score({"title": "velka"}, {"velka": 1.0, "laskut": 1.0}) == score({"title": "velka"})


def test_scorer_takes_fields_in_order():
    scorer = ranking.Scorer({"velka": 1.0}, STATS, {"velka": 5})
    assert scorer.score(["velka", "", "", "", ""]) == score({"title": "velka"})
    assert scorer.score(["", "", "", "", ""]) == 0


def test_a_document_matching_more_of_the_query_words_keeps_more_of_its_score():
    weights = {"velka": 1.0, "laskut": 1.0, "apu": 0.3}
    term_words = {"velka": {0}, "laskut": {1}, "apu": {2}}
    scorer = ranking.Scorer(weights, STATS, {}, term_words=term_words, word_weights=[1.0, 1.0, 0.3])
    plain = ranking.Scorer(weights, STATS, {})
    one = ["velka", "", "", "", ""]
    both = ["velka laskut", "", "", "", ""]
    assert scorer.score(one) == pytest.approx(plain.score(one) * (1 / 2.3) ** (1 / 3))
    assert scorer.score(both) == pytest.approx(plain.score(both) * (2 / 2.3) ** (1 / 3))
    assert scorer.coverage(["velka", "laskut", "apu"]) == pytest.approx(1.0)
    assert scorer.coverage(["unknown"]) == 0.0


@pytest.mark.parametrize(
    ("coverage", "expected"), [(1.0, 1.0), (0.125, 0.5), (0.0, 0.0), (-1.0, 0.0)]
)
def test_coordination_is_a_gentle_power_of_the_coverage(coverage, expected):
    assert ranking.coordination(coverage) == pytest.approx(expected)


def test_a_word_written_as_one_of_its_base_forms_reads_as_that_one_first():
    # "yksin" (alone) is also a form of "yksi" (one); as typed it most likely means alone.
    weights = ranking.word_term_weights([("yksi", "yksin")], written="yksin")
    assert weights == {"yksin": 1.0, "yksi": ranking.OTHER_READING_WEIGHT}
    # A word whose written form is none of its base forms keeps them all alike.
    assert ranking.word_term_weights([("tulla", "tuli")], written="tulin") == {
        "tulla": 1.0,
        "tuli": 1.0,
    }
