"""Does a search say the resident may be in danger? Then the search page shows the crisis
numbers above the results, whatever the results are.

Matching is on base forms (`search.analysis`), so inflected forms count ("itsemurhaa",
"våldet"), and a longer danger word counts inside a compound or derivation
("lähisuhdeväkivallasta", "itsemurha-ajatuksia", "självmordstankar"). Short words count only
as whole words, so "hätämajoitus" or "nödvändig" raise no alarm, and a few situations are
phrases ("haluan kuolla", "want to die"). The lists are deliberately short: a false alarm
costs a box of phone numbers, a missed one could cost more, but a box shown on every other
search would soon be ignored.
"""

import functools

from search import analysis, ranking

# A danger word at least this long also counts inside a longer word.
INSIDE_WORDS_MIN_LENGTH = 6

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
        "assault",
        "rape",
        "crisis",
        "kill",
        "threaten",
        "overdose",
        "stalking",
    ),
}


# Situations no single word gives away: every word must be in the query, in any form.
EMERGENCY_PHRASES: dict[str, tuple[str, ...]] = {
    "fi": ("haluan kuolla", "en jaksa elää", "satuttaa itseäni", "lyö minua"),
    "sv": ("vill dö", "orkar inte leva", "skada mig själv", "slår mig"),
    "en": (
        "want to die",
        "end my life",
        "kill myself",
        "hurt myself",
        "domestic abuse",
        "sexual abuse",
        "child abuse",
        "hits me",
    ),
}


def _base_forms(text: str, language: str) -> list[frozenset[str]]:
    """Per word of `text`, its base forms (without compound parts)."""
    return [
        frozenset(ranking.split_word_terms(terms)[0])
        for terms in analysis.analyze_words(text, language)
    ]


@functools.lru_cache(maxsize=8)
def _danger_signs(language: str):
    words = frozenset(
        form
        for word in EMERGENCY_WORDS.get(language, ())
        for forms in _base_forms(word, language)
        for form in forms
    )
    long_words = tuple(word for word in words if len(word) >= INSIDE_WORDS_MIN_LENGTH)
    phrases = tuple(
        tuple(_base_forms(phrase, language)) for phrase in EMERGENCY_PHRASES.get(language, ())
    )
    return words, long_words, phrases


def signals_emergency(text: str, language: str) -> bool:
    """True when `text` contains a danger word or phrase of `language` (see the module)."""
    language = analysis.primary_language(language or "fi")
    if not text:
        return False
    words, long_words, phrases = _danger_signs(language)
    forms = set().union(*_base_forms(text, language))
    if forms & words:
        return True
    if any(word in form for form in forms for word in long_words):
        return True
    return any(all(word & forms for word in phrase) for phrase in phrases if phrase)
