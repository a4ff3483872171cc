"""search.situation: reading a query as a situation (pure rules, tables of cases)."""

import pytest

from search import analysis, situation
from search.situation import TopicPattern


@pytest.mark.parametrize(
    ("written", "language", "expected"),
    [
        # Function words: pronouns, conjunctions, the verb "to be", question words.
        ("minulla", "fi", situation.FUNCTION_WEIGHT),
        ("enää", "fi", situation.FUNCTION_WEIGHT),
        ("siitä", "fi", situation.FUNCTION_WEIGHT),  # also a form of "se"
        ("jag", "sv", situation.FUNCTION_WEIGHT),
        ("har", "sv", situation.FUNCTION_WEIGHT),
        ("my", "en", situation.FUNCTION_WEIGHT),
        # Generic verbs and nouns: needing, wanting, help, time.
        ("tarvitsen", "fi", situation.GENERIC_WEIGHT),
        ("apua", "fi", situation.GENERIC_WEIGHT),
        ("haluisin", "fi", situation.GENERIC_WEIGHT),
        ("behöver", "sv", situation.GENERIC_WEIGHT),
        ("hjälp", "sv", situation.GENERIC_WEIGHT),
        ("need", "en", situation.GENERIC_WEIGHT),
        # Whose situation it is, not what it is.
        ("äitiä", "fi", situation.PEOPLE_WEIGHT),
        ("mieheni", "fi", situation.PEOPLE_WEIGHT),
        ("pappan", "sv", situation.PEOPLE_WEIGHT),
        ("son", "en", situation.PEOPLE_WEIGHT),
        # Inflected function words are listed as written: their readings stay content
        # words ("aikana" is listed, "aika" is generic, "ilma" and "jälki" are content).
        ("ilmaa", "fi", 1.0),
        ("aika", "fi", situation.GENERIC_WEIGHT),
        # Words that say what the situation is.
        ("äitiysneuvola", "fi", 1.0),
        ("velkoja", "fi", 1.0),
        ("toimeentulotukea", "fi", 1.0),  # a compound of "tuki" is not generic
        ("skulder", "sv", 1.0),
        ("drinking", "en", 1.0),
    ],
)
def test_words_that_carry_no_topic_weigh_little(voikko, written, language, expected):
    folded = analysis.fold(written)
    base_forms = analysis.base_forms(written, language)
    assert situation.word_salience(folded, base_forms, language) == expected


@pytest.mark.parametrize(
    ("doc_freq", "documents", "expected"),
    [
        (1, 100, 1.0),
        (25, 100, 1.0),  # up to a quarter of the documents: IDF alone says enough
        (50, 100, 0.25),
        (100, 100, 0.0625),
        (0, 100, 1.0),
        (5, 0, 1.0),
    ],
)
def test_terms_in_most_documents_lose_weight(doc_freq, documents, expected):
    assert situation.share_factor(doc_freq, documents) == pytest.approx(expected)


def _pattern(topic, *words):
    return TopicPattern(topic=topic, pattern=tuple(frozenset([word]) for word in words))


PATTERNS = (
    _pattern("money", "velka"),
    _pattern("money", "raha", "loppua"),
    _pattern("money", "pikavippi"),
    _pattern("substance", "alkoholi"),
    _pattern("substance", "juoda"),
    _pattern("housing", "koti"),
    _pattern("violence", "koti"),
)


def _word(bases, parts=(), weight=1.0):
    return (frozenset(bases), frozenset(parts), weight)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # One word of two points to money: half the query's weight.
        ([_word({"velka"}), _word({"kasvaa"})], {"money": 0.5}),
        # A lay term of several words needs them all, in a row.
        ([_word({"raha"}), _word({"loppua"})], {"money": 1.0}),
        ([_word({"raha"}), _word({"kesken"}), _word({"loppua"})], {}),
        # A compound part points with less strength (0.6) than the word itself.
        ([_word({"alkoholiongelma"}, {"alkoholi", "ongelma"})], {"substance": 0.6}),
        # A word pointing to two topics shares its weight between them.
        ([_word({"koti"})], {"housing": 0.5, "violence": 0.5}),
        # Weak words weigh less in the share: "apua" does not dilute "juon".
        ([_word({"juoda"}), _word({"apu"}, weight=0.3)], {"substance": 1 / 1.3}),
        # Several words pointing to one topic add up.
        (
            [_word({"pikavippi"}), _word({"velka"}), _word({"alkoholi"})],
            {"money": 2 / 3, "substance": 1 / 3},
        ),
        ([], {}),
    ],
)
def test_topic_evidence_is_the_share_of_the_query_pointing_to_a_topic(words, expected):
    evidence = situation.topic_evidence(words, PATTERNS)
    assert evidence == pytest.approx(expected)


@pytest.mark.parametrize(
    ("evidence", "topics", "expected"),
    [
        ({"money": 1.0}, ["money"], 1 + situation.TOPIC_BOOST),
        ({"money": 0.5}, ["money"], 1 + situation.TOPIC_BOOST * 0.5),
        ({"money": 0.5}, ["housing"], 1.0),
        ({"money": 0.1}, ["money"], 1.0),  # below MIN_TOPIC_EVIDENCE: incidental
        ({"money": 0.5, "housing": 0.9}, ["money", "housing"], 1 + situation.TOPIC_BOOST * 0.9),
        ({}, ["money"], 1.0),
    ],
)
def test_the_topic_boost_is_bounded(evidence, topics, expected):
    assert situation.topic_factor(evidence, topics) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("evidence", "results", "expected"),
    [
        ({"housing": 1.0}, 0, "housing"),
        ({"housing": 0.5}, 2, "housing"),
        ({"housing": 1.0}, situation.FEW_RESULTS, None),  # enough results of its own
        ({"housing": 0.2}, 0, None),  # too little of the query points there
        ({"housing": 0.4, "money": 0.6}, 0, "money"),
        ({}, 0, None),
    ],
)
def test_the_fallback_topic_needs_few_results_and_clear_evidence(evidence, results, expected):
    assert situation.fallback_topic(evidence, results) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("vräkt", {"vräkning"}),  # another inflection: a shared beginning
        ("vräkningen", {"vräkning"}),
        ("alkohool", {"alkohol"}),  # a typo: trigram similarity
        ("hem", set()),  # too short to tell
        ("våldtäkt", set()),
    ],
)
def test_unknown_words_count_as_the_lay_terms_they_are_close_to(word, expected):
    patterns = (_pattern("housing", "vräkning"), _pattern("substance", "alkohol"))
    assert situation.close_lay_terms(word, patterns) == expected


def test_the_longest_lay_term_matching_a_word_decides_its_topic():
    patterns = (
        _pattern("housing", "home"),
        _pattern("home-care", "home", "help"),
    )
    words = [_word({"home"}), _word({"help"}), _word({"mother"})]
    evidence = situation.topic_evidence(words, patterns)
    assert set(evidence) == {"home-care"}
    # Alone, the word still points where its own lay term does.
    assert set(situation.topic_evidence([_word({"home"})], patterns)) == {"housing"}
