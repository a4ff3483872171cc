"""search.voikko_fst: raw voikko-fi analyses read as libvoikko reads them.

The raw strings are what the transducer answers (as kfst returns them); the expected values
are libvoikko 4.3's for the same words, letter case aside (search folds every term).
`benchmarks/finnish_analysis.py` compares the two on the portal's whole vocabulary.
"""

import pytest

from search import analysis, voikko_fst

VELKANEUVONTAAN = (
    "[Ln][Xp]velka[X]velk[Sn][Ny]a[Bh][Bc][Lt][Xp]neuvoa[X]neuvo[Ln]n[Xj]ta[X]t[Sill][Ny]aan"
)


@pytest.mark.parametrize(
    ("word", "raw", "base_form", "structure", "wordbases"),
    [
        (
            "velkaneuvontaan",
            VELKANEUVONTAAN,
            "velkaneuvonta",
            "=ppppp=pppppppppp",
            "+velka(velka)+neuvo(neuvoa)+n+ta(+ta)",
        ),
        # An inflected first part stays as written; the last piece takes its base form.
        (
            "aikuisiässä",
            "[Lnl][Xp]aikuinen[X]aikuis[Bh][Bc][Ln][Xp]ikä[X]iä[Sine][Ny]ssä",
            "aikuisikä",
            "=pppppp=ppppp",
            "+aikuis(aikuinen)+ikä(ikä)",
        ),
        # A boundary inside one lexical piece ([Bm]) counts in the structure only.
        (
            "uudenvuoden",
            "[Ln][Xp]uusivuosi[X][Sg][Ny]uuden[Bm]vuoden",
            "uusivuosi",
            "=ppppp=pppppp",
            "+uusivuosi(uusivuosi)",
        ),
        (
            "vuokra-asunto",
            "[Ln][Xp]vuokra[X]vuokr[Sn][Ny]a-[Bh][Bc][Ln][Xp]asunto[X]asunto[Sn][Ny]",
            "vuokra-asunto",
            "=pppppp-=pppppp",
            "+vuokra(vuokra)+-+asunto(asunto)",
        ),
        # Numerals: the parts' bases joined (kahdeksan + toista); no piece bases.
        (
            "kahdeksantoista",
            "[Lu][Xp]kahdeksan[X]kahdeks[Sn][Ny]an[Bc]toista[Xp][X]",
            "kahdeksantoista",
            "=ppppppppp=pppppp",
            "+kahdeksantoista",
        ),
        # A number with a suffix word: the general rule.
        (
            "13-vuotiaalla",
            "[Lu]13-[Bc][Ll][Xp]vuotias[X]vuotiaa[Sade][Ny]lla",
            "13-vuotias",
            "=pp-=pppppppppp",
            "+13+-+vuotias(vuotias)",
        ),
        # A place name whose first part inflects: Isolla-Britannialla → Iso-Britannia.
        (
            "isolla-britannialla",
            "[Lnl][De][Xp]iso[X]iso[Sade][Ny]lla-[Bc][Lep][Xp]Britannia[X]britannia[Sade][Ny]lla",
            "iso-britannia",
            "=pppppp-=pppppppppppp",
            "+isolla(iso)+-+Britannia(Britannia)",
        ),
    ],
)
def test_raw_analysis_reads_as_libvoikko_reads_it(word, raw, base_form, structure, wordbases):
    analysis_ = voikko_fst.analysis_from_raw(raw, word)
    assert analysis_["BASEFORM"].lower() == base_form
    assert analysis_["STRUCTURE"] == structure
    assert analysis_["WORDBASES"] == wordbases


@pytest.mark.parametrize(
    "raw",
    [
        # Same vowel on both sides of a boundary needs a hyphen: "kesäaika" is fine, but
        # "linjaauto" is not linja+auto.
        "[Ln][Xp]linja[X]linj[Sn][Ny]a[Bh][Bc][Ln][Xp]auto[X]auto[Sn][Ny]",
        # And a hyphen where none is needed is wrong: "kesä-loma".
        "[Ln][Xp]kesä[X]kes[Sn][Ny]ä-[Bh][Bc][Ln][Xp]loma[X]lom[Sn][Ny]a",
        # A proper noun may not end as a common noun: Savon+linna needs [Ica].
        "[Lep][Xp]Savo[X]savo[Sg][Ny]n[Bh][Bc][Ln][Xp]linna[X]linn[Sn][Ny]a",
    ],
)
def test_analyses_breaking_the_hyphen_rules_are_dropped(raw):
    assert voikko_fst.analysis_from_raw(raw, "sana") is None


def test_hyphen_between_same_vowels_and_the_proper_noun_marker_are_valid():
    assert voikko_fst.analysis_from_raw(
        "[Ln][Xp]linja[X]linj[Sn][Ny]a-[Bh][Bc][Ln][Xp]auto[X]auto[Sn][Ny]", "linja-auto"
    )
    assert voikko_fst.analysis_from_raw(
        "[Lep][Xp]Savo[X]savo[Sg][Ny]n[Bc][Icu][Ln][Ica][Xp]linna[X]linn[Sn][Ny]a", "savonlinna"
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("aikuisiässä", ("aikuisikä", "aikuinen", "ikä")),
        # libvoikko's parts, then the inner compounds search.analysis adds.
        ("kotihoidontuki", ("kotihoidontuki", "koti", "hoito", "tuki", "kotihoito", "hoidontuki")),
        ("palveluneuvonnasta", ("palveluneuvonta", "palvelu", "neuvonta")),
        (
            "erikoissairaanhoidon",
            (
                "erikoissairaanhoito",
                *("erikoinen", "sairas", "hoito", "erikoissairas", "sairaanhoito"),
            ),
        ),
    ],
)
def test_words_get_libvoikkos_terms_from_the_transducer(voikko, word, expected):
    assert analysis._word_terms(word, "fi") == expected


def test_a_character_outside_the_transducers_alphabet_gives_no_analysis(voikko):
    analyser = analysis._finnish_voikko()
    assert analyser.analyze("x©") == []
    assert analyser.analyze("kissa")
