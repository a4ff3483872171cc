"""Does a search say the resident may be in danger? Then the search page shows the crisis
numbers above the results, whatever the results are.

Matching is by analysed terms (`search.analysis`), so inflected forms and compounds count:
"itsemurhaa", "lähisuhdeväkivallasta" and "väkivaltainen puoliso" all match. The word lists
are deliberately short and unambiguous: a false alarm costs a box of phone numbers, a missed
one could cost more, but a box shown on every other search would soon be ignored.
"""

import functools

from search import analysis

# Words (dictionary forms) that signal danger to life, health or safety, per language.
EMERGENCY_WORDS: dict[str, tuple[str, ...]] = {
    "fi": (
        "itsemurha",
        "itsetuho",
        "itsetuhoinen",
        "itsetuhoisuus",
        "hätä",
        "hätänumero",
        "hätäkeskus",
        "väkivalta",
        "väkivaltainen",
        "pahoinpitely",
        "pahoinpidellä",
        "raiskaus",
        "raiskata",
        "hengenvaara",
        "kriisi",
        "tappaa",
        "uhkailla",
        "uhkailu",
        "yliannostus",
        "vainota",
        "vaino",
        "turvakoti",
    ),
    "sv": (
        "självmord",
        "självskada",
        "nöd",
        "nödnummer",
        "våld",
        "våldsam",
        "misshandel",
        "misshandla",
        "våldtäkt",
        "livsfara",
        "kris",
        "döda",
        "hota",
        "hot",
        "överdos",
        "förföljelse",
        "skyddshem",
    ),
    "en": (
        "suicide",
        "suicidal",
        "self-harm",
        "emergency",
        "violence",
        "violent",
        "abuse",
        "assault",
        "rape",
        "crisis",
        "kill",
        "threaten",
        "overdose",
        "stalking",
        "shelter",
    ),
}


@functools.lru_cache(maxsize=8)
def _emergency_terms(language: str) -> frozenset[str]:
    words = EMERGENCY_WORDS.get(language, ())
    return frozenset(term for word in words for term in analysis.analyze(word, language))


def signals_emergency(text: str, language: str) -> bool:
    """True when a word of `text` (in any of its analyses) is one of the emergency words."""
    language = analysis.primary_language(language or "fi")
    terms = _emergency_terms(language)
    if not terms or not text:
        return False
    return any(
        term in terms
        for word_terms in analysis.analyze_words(text, language)
        for term in word_terms
    )
