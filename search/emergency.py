"""Does a search say the resident may be in danger? Then the search page shows the crisis
numbers above the results, whatever the results are, with the help for that kind of danger
first: the crisis line when someone cannot go on, 112 when someone is being hurt, the social
emergency service when there is no food or bed tonight (`danger_kinds`, `primary_danger`).

The signs are data: the shipped list in `search.crisis_phrases` (words, and phrases whose
words must all be in the query in any form) and what editors add as `CrisisPhrase` rows.
Matching is on base forms (`search.analysis`), so inflected and colloquial forms count
("itsemurhaa", "våldet", "mä en jaksa enää"), and a longer danger word counts inside a
compound ("lähisuhdeväkivallasta", "självmordstankar"). Finnish typed without dots is read
as Voikko would read it with them ("pelkaan miestani"), for words Voikko does not know as
typed. The query is also read in the site's other two languages for their phrases and long
words: someone may write English on the Finnish pages.

Where the line is drawn. A false alarm costs a box of phone numbers; a missed one could
cost more; but a box shown on every other search would soon be ignored. So:

- A short word counts only as a whole word: "hätämajoitus" (emergency housing, a service)
  and "nödvändig" raise no alarm. "kuolla" or "leva" alone is no sign ("kuolinpesä" is an
  estate), only in a phrase ("haluan kuolla", "vill inte leva").
- Exhaustion needs "no longer": "en jaksa enää", "orkar inte mer", "can't take it anymore".
  "jaksaminen työssä", "työuupumus tuki" and "orkar inte städa" are people looking for
  support or a cleaner, not signs of danger. Exhaustion with "no longer" about anything
  ("en jaksa enää hoitaa äitiä") does bring the box: a carer at the end of their strength
  is who the crisis line is for, and the results are shown below it all the same.
- "väkivallaton viestintä kurssi" (a course in non-violent communication) raises no alarm:
  "väkivalta" is not inside "väkivallaton" and is deliberately not made to be.
- Verbs that are everyday words elsewhere need a person with them: "lyö" with "minua" or a
  partner ("lyödä vetoa" is betting), "uhkaa" with a partner ("häätö uhkaa" is an eviction),
  "sleep" or "nukkua" with a street or "tonight" in the first person ("vauva nukkuu
  ulkona" is a baby's nap).
- Accepted: a wish to die in palliative care ("haluaa kuolla kotona") also shows the box.

Editors' rows are read kept by content version (`portal.page_cache.cached_for_content`); a
save or delete bumps that version, so every process uses the new list within a second. The
compiled signs are kept per process for each list. Should the rows not be readable (no
database, a migration not yet run), the shipped list answers alone.
"""

import functools
import itertools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from portal.page_cache import cached_for_content
from search import analysis, ranking
from search.crisis_phrases import GENERAL, KIND_PRIORITY, PHRASES, WORDS

logger = logging.getLogger(__name__)

# A danger word at least this long also counts inside a longer word, and is distinctive
# enough to count in the site's other languages too.
INSIDE_WORDS_MIN_LENGTH = 6
# A Finnish word typed without dots is tried with ä and ö in at most this many places.
UMLAUT_GUESS_MAX_PLACES = 4
_WRITTEN = "="  # marks a slot alternative (and a query word) matched as written

EditorPhrase = tuple[str, str, str]  # (language, kind, text)


@dataclass(frozen=True)
class Sign:
    """One compiled sign: each slot a set of alternatives (base forms, "=written" forms), all
    of which must be met; `inside`: a long form also counts inside a longer query word."""

    kind: str
    slots: tuple[frozenset[str], ...]
    inside: bool = False

    def found_in(self, forms: frozenset[str]) -> bool:
        return all(slot & forms or self._inside(slot, forms) for slot in self.slots)

    def _inside(self, slot: frozenset[str], forms: frozenset[str]) -> bool:
        if not self.inside:
            return False
        long_forms = [form for form in slot if len(form) >= INSIDE_WORDS_MIN_LENGTH]
        return any(
            long_form in form
            for form in forms
            if not form.startswith(_WRITTEN)
            for long_form in long_forms
        )


# --- The public answer ----------------------------------------------------------------------


def danger_kinds(
    text: str, language: str, *, editor_phrases: Iterable[EditorPhrase] | None = None
) -> frozenset[str]:
    """The kinds of danger (`search.crisis_phrases.KINDS`) that `text` shows; empty when none.

    `editor_phrases`: (language, kind, text) rows to use instead of the editors' rows in the
    database (tests, and callers that have them already)."""
    language = analysis.primary_language(language or "fi")
    if not text or not text.strip():
        return frozenset()
    entries = tuple(editor_phrases) if editor_phrases is not None else editor_phrases_saved()
    kinds = set()
    for sign_language, signs in _signs_for(language, entries):
        forms = query_forms(text, sign_language)
        kinds.update(sign.kind for sign in signs if sign.kind not in kinds and sign.found_in(forms))
    return frozenset(kinds)


def signals_emergency(text: str, language: str) -> bool:
    """True when `text` shows any kind of danger (see the module)."""
    return bool(danger_kinds(text, language))


def primary_danger(kinds: Iterable[str]) -> str:
    """The kind the crisis box is written for (`KIND_PRIORITY`), or "" for no danger."""
    kinds = set(kinds)
    return next((kind for kind in KIND_PRIORITY if kind in kinds), "")


def editor_phrases_saved() -> tuple[EditorPhrase, ...]:
    """The editors' phrases, as (language, kind, text); none when they cannot be read."""
    try:
        return cached_for_content("crisis-phrases", _editor_phrases_load)
    # Whatever goes wrong with the editors' rows, the shipped list must still answer.
    except Exception as error:
        logger.warning("Editors' crisis phrases unavailable (%s): shipped list only.", error)
        return ()


def _editor_phrases_load() -> tuple[EditorPhrase, ...]:
    from search.models_crisis import CrisisPhrase  # the detector itself needs no models

    rows = CrisisPhrase.objects.order_by("pk").values_list("language", "kind", "text")
    return tuple((language, kind, text) for language, kind, text in rows)


# --- Reading the query ----------------------------------------------------------------------


def query_forms(text: str, language: str) -> frozenset[str]:
    """The base forms of every word of `text` in `language`, and each word as written
    (folded, with "=" in front)."""
    forms: set[str] = set()
    for token in analysis.tokenize(text):
        forms.add(_WRITTEN + token)
        forms.update(_word_forms(token, language))
        if language == "fi" and analysis.is_unknown_finnish_word(token):
            for guess in _umlaut_guesses(token):
                forms.update(_word_forms(guess, language))
    return frozenset(forms)


def _word_forms(word: str, language: str) -> set[str]:
    return {
        form
        for terms in analysis.analyze_words(word, language)
        for form in ranking.split_word_terms(terms)[0]
    }


def _umlaut_guesses(word: str) -> list[str]:
    """`word` with dots put back where Voikko then knows it: "pelkaan" → "pelkään". Only for
    words typed without any ä or ö (that keyboard had none)."""
    if "ä" in word or "ö" in word:
        return []
    places = [index for index, char in enumerate(word) if char in "ao"]
    if not places or len(places) > UMLAUT_GUESS_MAX_PLACES:
        return []
    guesses = []
    for choice in itertools.product((False, True), repeat=len(places)):
        if not any(choice):
            continue
        letters = list(word)
        for place, dotted in zip(places, choice, strict=True):
            if dotted:
                letters[place] = "ä" if letters[place] == "a" else "ö"
        guess = "".join(letters)
        if not analysis.is_unknown_finnish_word(guess):
            guesses.append(guess)
    return guesses


# --- Compiling the signs --------------------------------------------------------------------


def _signs_for(
    language: str, entries: tuple[EditorPhrase, ...]
) -> list[tuple[str, tuple[Sign, ...]]]:
    """(language to read the query in, signs) for the page's language and the others."""
    backend = analysis.finnish_backend()  # signs compiled with Snowball differ from Voikko's
    languages = [language, *(other for other in analysis.LANGUAGES if other != language)]
    return [
        (
            sign_language,
            _signs_compiled(sign_language, entries, backend, own=sign_language == language),
        )
        for sign_language in languages
        if sign_language in analysis.LANGUAGES
    ]


@functools.lru_cache(maxsize=64)
def _signs_compiled(
    language: str, entries: tuple[EditorPhrase, ...], backend: str, *, own: bool
) -> tuple[Sign, ...]:
    """The shipped and the editors' signs of `language`. In another language than the
    page's (`own` false) only the distinctive ones: phrases, and long words as whole words."""
    sources = [
        (kind, text, True)
        for kind, by_language in WORDS.items()
        for text in by_language.get(language, ())
    ]
    sources += [
        (kind, text, False)
        for kind, by_language in PHRASES.items()
        for text in by_language.get(language, ())
    ]
    sources += [
        (kind or GENERAL, text, None) for lang, kind, text in entries if lang == language and text
    ]
    signs = []
    for kind, text, is_word in sources:
        sign = sign_compile(text, language, kind=kind, word=is_word)
        if sign is None:
            continue
        if not own:
            if sign.inside and not all(
                len(form) >= INSIDE_WORDS_MIN_LENGTH for form in sign.slots[0]
            ):
                continue
            sign = Sign(kind=sign.kind, slots=sign.slots)
        signs.append(sign)
    return tuple(signs)


def sign_compile(text: str, language: str, *, kind: str, word: bool | None = None) -> Sign | None:
    """`text` (a word, or a phrase of slots in the `search.crisis_phrases` notation) as a
    sign; None when it has no words. `word`: whether it counts inside compounds; None
    decides by the text (one word, one alternative, not "=written")."""
    slots = tuple(slot for slot in (_slot(part, language) for part in text.split()) if slot)
    if not slots:
        return None
    if word is None:
        word = len(slots) == 1 and "|" not in text and _WRITTEN not in text
    return Sign(kind=kind, slots=slots, inside=bool(word))


def _slot(alternatives: str, language: str) -> frozenset[str]:
    forms: set[str] = set()
    for alternative in alternatives.split("|"):
        if alternative.startswith(_WRITTEN):
            forms.update(_WRITTEN + token for token in analysis.tokenize(alternative[1:]))
        else:
            for token in analysis.tokenize(alternative):
                forms.update(_word_forms(token, language))
    return frozenset(forms)
