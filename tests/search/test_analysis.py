"""search.analysis: the language analysis both search backends index and query with.

Tests that need Voikko's Finnish morphology take the `voikko` fixture (tests/search/conftest.py),
which fails, never skips, where it did not load.
"""

import logging
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from search import analysis, ranking


@pytest.fixture
def snowball_only(monkeypatch):
    """Finnish analysed by the Snowball fallback, as where the morphology could not load."""
    monkeypatch.setenv(analysis.DISABLE_VOIKKO_ENV, "1")
    analysis.reset()
    yield
    analysis.reset()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("toimeentulotuen", {"toimeentulotuki", "toimeentulo", "tuki"}),
        ("asumistuen", {"asumistuki", "tuki"}),
        ("velkaneuvontaan", {"velkaneuvonta", "velka", "neuvonta"}),
        ("turvakotiin", {"turvakoti", "turva", "koti"}),
        ("alkoholiongelma", {"alkoholiongelma", "alkoholi", "ongelma"}),
        ("Toimeentulotukea", {"toimeentulotuki"}),
        ("KELAN", {"kela"}),
        ("lastensuojeluilmoitus", {"lastensuojeluilmoitus", "lapsi", "suojelu", "ilmoitus"}),
        ("työkyvyttömyyseläkkeelle", {"työkyvyttömyyseläke", "työ", "kyvyttömyys", "eläke"}),
        ("vaa'an", {"vaaka"}),
    ],
)
def test_finnish_base_forms_and_compound_parts(voikko, word, expected):
    assert expected <= set(analysis.analyze(word, "fi"))


@pytest.mark.parametrize(
    ("word", "inner"),
    [
        ("mielenterveyspalveluihin", ("mielenterveys", "terveyspalvelu")),
        ("lastensuojeluilmoituksen", ("lastensuojelu", "suojeluilmoitus")),
        ("vertaistukiryhmään", ("vertaistuki", "tukiryhmä")),
        ("kotihoidontuki", ("kotihoito", "hoidontuki")),
    ],
)
def test_compounds_of_three_parts_give_the_compounds_inside_them(voikko, word, inner):
    terms = analysis.analyze_words(word, "fi")[0]
    assert set(inner) <= set(terms)
    # They are parts, weighed as parts: the base form stays the only whole word.
    base_forms, parts = ranking.split_word_terms(terms)
    assert len(base_forms) == 1
    assert set(inner) <= set(parts)


def test_two_part_compounds_and_hyphen_halves_give_no_inner_compounds(voikko):
    assert analysis.analyze_words("velkaneuvontaan", "fi") == [
        ("velkaneuvonta", "velka", "neuvonta")
    ]
    assert "turvaasia" not in analysis.analyze("työttömyysturva-asiat", "fi")


@pytest.mark.parametrize(
    ("word", "unexpected"),
    [
        # Inflected or derivational pieces are not terms of their own.
        ("velkaneuvontaan", {"velkaneuvontaan", "neuvoa", "n", "ta"}),
        ("kotihoidontuki", {"hoidon"}),
        # An inflected first part shifts the boundaries: no "uusiv"/"uosi" nonsense.
        ("uudenvuoden", {"uusiv", "uosi", "uuden", "vuoden"}),
        # A far-fetched reading with more parts (palvelu+neuvo+nasta) is left out.
        ("Palveluneuvonnasta", {"palveluneuvonnasta", "nasta", "neuvo"}),
        # Not a compound: the base form only.
        ("hakemus", {"hakemu"}),
    ],
)
def test_finnish_terms_leave_out_pieces_that_are_not_words(voikko, word, unexpected):
    assert not unexpected & set(analysis.analyze(word, "fi"))


def test_finnish_word_with_several_readings_gives_every_base_form(voikko):
    # Base forms first (in the analyser's order), compound parts after them.
    terms = analysis.analyze_words("turvakotiin", "fi")[0]
    assert set(terms[:2]) == {"turvakoti", "turvakota"}
    assert set(terms[2:]) == {"turva", "koti", "kota"}


def test_unknown_finnish_word_gives_its_stem_and_itself(voikko):
    # A typo: voikko has no analysis.
    assert analysis.analyze("velkaneuvonnnan", "fi") == ["velkaneuvonn", "velkaneuvonnnan"]


def test_finnish_hyphenated_word_gives_the_whole_and_its_parts(voikko):
    assert analysis.analyze("vuokra-asuntoon", "fi") == ["vuokra-asunto", "vuokra", "asunto"]
    # Unknown as a whole: the whole word as written, and each part analysed.
    terms = analysis.analyze("Kela-kortin", "fi")
    assert {"kela-kortin", "kela", "kortti"} <= set(terms)


def test_query_and_document_meet_on_the_same_terms(voikko):
    document = set(analysis.analyze("Velkaneuvonta auttaa velkojen kanssa.", "fi"))
    assert set(analysis.analyze("velkaneuvontaan", "fi")) & document
    assert "velka" in document
    query = analysis.analyze("Miten haen toimeentulotukea", "fi")
    assert {"hakea", "toimeentulotuki"} <= set(query)


def test_swedish_stems():
    stem = analysis.analyze("skuldrådgivning", "sv")
    assert stem == ["skuldrådgivning", "skuld", "rådgivning"]
    assert analysis.analyze("Skuldrådgivningen", "sv") == stem
    assert analysis.analyze("bostadsbidraget", "sv") == analysis.analyze("bostadsbidrag", "sv")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("skuldrådgivning", ("skuld", "rådgivning")),
        ("skuldrådgivningen", ("skuld", "rådgivning")),  # an inflected head
        ("missbruksvård", ("missbruk", "vård")),  # linking -s-
        ("missbrukarvård", ("missbrukare", "vård")),  # the first part's dropped -e
        ("närståendevårdare", ("närstående", "vårdare")),
        ("hemvård", ("hem", "vård")),
        ("sysselsättningsstöd", ("sysselsättning", "stöd")),
        ("missbruk", ()),  # a listed word is not split further
        ("behandling", ()),  # be+handling: "be" is no listed word
        ("familjen", ()),  # too short a rest to be a part
        ("bostadslös", ()),  # "lös" is not listed: no half split
    ],
)
def test_swedish_compounds_are_split_into_listed_words(word, parts):
    assert analysis.swedish_compound_parts(word) == parts


def test_a_swedish_compound_finds_its_parts_and_the_parts_find_it():
    compound = set(analysis.analyze("missbruksvården", "sv"))
    assert set(analysis.analyze("missbruk", "sv")) <= compound
    assert set(analysis.analyze("vård", "sv")) <= compound


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("siitä", "fi", {"siitä", "siittää", "se"}),  # every reading, never a part
        ("velkaneuvontaan", "fi", {"velkaneuvonta"}),
        ("skulderna", "sv", {"skuld"}),
    ],
)
def test_base_forms_are_readings_without_compound_parts(voikko, word, language, expected):
    assert set(analysis.base_forms(word, language)) == expected


def test_english_stems():
    assert analysis.analyze("rehabilitation", "en") == ["rehabilit"]
    assert analysis.analyze("Rehabilitating", "en") == ["rehabilit"]
    assert analysis.analyze("housing services", "en") == ["hous", "servic"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi-FI", "fi"), ("sv_FI", "sv"), ("EN", "en")],
)
def test_regional_language_codes_use_their_language(language, expected):
    assert analysis.analyze("rehabilitation skuldrådgivningen", language) == analysis.analyze(
        "rehabilitation skuldrådgivningen", expected
    )


def test_other_languages_get_folded_words():
    assert analysis.analyze("Café Müller-Straße", "de") == [
        "cafe",
        "muller-strasse",
        "muller",
        "strasse",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Café RÉSUMÉ naïve Müller", ["cafe", "resume", "naive", "muller"]),
        ("Åbo ÄITI Östersund", ["åbo", "äiti", "östersund"]),
        # Decomposed input (a + combining diaeresis) is the same word as the composed one.
        ("a\u0308iti", ["äiti"]),
        ("Færøerne", ["färöerne"]),
        ("ﬁnanssi Straße", ["finanssi", "strasse"]),
    ],
)
def test_folding_strips_accents_but_keeps_å_ä_ö(text, expected):
    assert analysis.tokenize(text) == expected


def test_ä_and_a_stay_different_words():
    assert analysis.fold("sätä") != analysis.fold("sata")
    assert analysis.fold("työ") != analysis.fold("tyo")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vuokra-asunto", ["vuokra-asunto"]),
        ("vuokra\u2011asunto", ["vuokra-asunto"]),  # non-breaking hyphen
        ("sosiaali- ja terveyspalvelut", ["sosiaali", "ja", "terveyspalvelut"]),
        ("EU:n ja HUS:ssa, 3:n", ["eu", "ja", "hus", "3"]),
        ("Huom:tämä", ["huom", "tämä"]),
        ("HUOM:TÄMÄ", ["huom", "tämä"]),
        ("klo 12:30–16", ["klo", "12", "30", "16"]),
        ("vaa’an", ["vaa'an"]),
        ("snake_case www.kela.fi", ["snake", "case", "www", "kela", "fi"]),
    ],
)
def test_tokenize(text, expected):
    assert analysis.tokenize(text) == expected


def test_hyphenated_words_in_snowball_languages_give_the_whole_and_the_parts():
    assert analysis.analyze("e-mail", "en") == ["e-mail", "e", "mail"]


def test_repeated_words_repeat_their_terms():
    # Term frequency is information for ranking; the index must see each occurrence.
    assert analysis.analyze("housing housing", "en") == ["hous", "hous"]


def test_stopwords_are_dropped_only_when_asked():
    assert analysis.analyze("how to apply", "en") == ["how", "to", "appli"]
    assert analysis.analyze("how to apply", "en", stopwords=True) == ["appli"]
    assert analysis.analyze("hur och var", "sv", stopwords=True) == []


def test_fallback_still_stems_finnish(snowball_only):
    assert analysis.finnish_backend() == "snowball"
    assert analysis.analyze("toimeentulotuen", "fi") == ["toimeentulotue", "toimeentulotuen"]
    # A query in another form still meets the document on the stem.
    assert set(analysis.analyze("Toimeentulotuen", "fi")) & set(
        analysis.analyze("toimeentulotuesta", "fi")
    )
    assert analysis.analyze("asumistuen", "fi")[0] == "asumistue"


def test_the_real_finnish_analysis_is_in_use_without_system_packages(monkeypatch):
    # What `make demo` and production get from the Python dependencies alone: base forms
    # and compound parts, not Snowball stems. Fails (never skips) where the fallback is on.
    monkeypatch.delenv(analysis.DISABLE_VOIKKO_ENV, raising=False)
    analysis.reset()
    try:
        assert analysis.finnish_backend() == "voikko"
        assert analysis.analyze("velkaneuvontaan", "fi") == ["velkaneuvonta", "velka", "neuvonta"]
    finally:
        analysis.reset()


@pytest.mark.parametrize("missing_module", ["kfst", "pyvoikko"])
def test_fallback_is_chosen_with_one_warning_where_the_morphology_is_missing(
    monkeypatch, caplog, missing_module
):
    monkeypatch.delenv(analysis.DISABLE_VOIKKO_ENV, raising=False)
    monkeypatch.setitem(sys.modules, missing_module, None)  # importing it raises
    if missing_module == "pyvoikko":
        monkeypatch.setattr(analysis.importlib.util, "find_spec", lambda name: None)
    analysis.reset(reload_morphology=True)
    try:
        with caplog.at_level(logging.INFO, logger="search.analysis"):
            assert analysis.finnish_backend() == "snowball"
            analysis.analyze("velkaneuvontaan toimeentulotuen", "fi")
            assert analysis.finnish_backend() == "snowball"
    finally:
        monkeypatch.undo()
        analysis.reset(reload_morphology=True)
    warnings = [r for r in caplog.records if r.name == "search.analysis"]
    assert [r.levelno for r in warnings] == [logging.WARNING]
    assert "pyvoikko" in warnings[0].getMessage()


def test_concurrent_analysis_gives_the_same_terms():
    # Stemmers are not thread-safe, nor promised to be the analyser; gunicorn threads share them.
    texts = [f"toimeentulotuen velkaneuvontaan turvakotiin asumistuen sana{n}" for n in range(200)]
    expected = [analysis.analyze(text, "fi") for text in texts]
    analysis.reset()
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda text: analysis.analyze(text, "fi"), texts)) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "?!… — «»", "___", "-'-:", "toimeentulotuen" * 700, "sana " * 2000],
)
@pytest.mark.parametrize("language", ["fi", "sv", "en", "xx"])
def test_degenerate_input_does_not_fail(text, language):
    terms = analysis.analyze(text, language)
    assert all(terms)
    assert len(analysis.analyze_words(text, language)) == len(analysis.tokenize(text))


def test_overlong_words_are_kept_but_not_analysed_or_cached():
    word = "toimeentulotuen" * 700
    cached_words = analysis._word_terms.cache_info().currsize
    assert analysis.analyze(word.upper(), "fi") == [word]
    assert analysis._word_terms.cache_info().currsize == cached_words


def test_degenerate_input_does_not_fail_in_the_fallback(snowball_only):
    assert analysis.analyze("", "fi") == []
    assert len(analysis.analyze("toimeentulotuen " * 700, "fi")) == 1400


@pytest.mark.parametrize(
    ("word", "same_as"),
    [
        ("pappan", "pappa"),
        ("mamman", "mamma"),
        ("skolan", "skola"),
        ("hyran", "hyra"),
        ("boendet", "boende"),
        ("kuratorn", "kurator"),
    ],
)
def test_swedish_definite_forms_snowball_leaves_whole_get_the_same_stem(word, same_as):
    assert analysis.analyze(word, "sv") == analysis.analyze(same_as, "sv")
    assert analysis.base_forms(word, "sv") == analysis.base_forms(same_as, "sv")


@pytest.mark.parametrize("word", ["ombudsman", "plan", "man", "kan"])
def test_swedish_words_that_only_look_definite_are_left_alone(word):
    assert analysis.swedish_definite_base(word) == word


def test_a_stem_that_would_be_a_function_word_keeps_the_word():
    # Snowball cuts "demens" to "dem" (them), which every Swedish page says.
    assert analysis.analyze("demens", "sv") == ["demens"]
    assert analysis.analyze("dem", "sv") == ["dem"]
    # Two-letter stems are the function word's own forms.
    assert analysis.analyze("being", "en") == ["be"]
