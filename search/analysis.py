"""Language analysis shared by every search backend, for indexing and for queries alike.

Pure: no Django imports. Text becomes words (`tokenize`), and words become index/query terms
(`analyze`): Finnish base forms and compound parts from libvoikko, Snowball stems for Swedish
and English. Both backends must use this one module so that a query is analysed exactly as
the documents were.

Where libvoikko (the Python binding, the shared library or the Finnish dictionary) is missing,
Finnish falls back to the Snowball stemmer with one logged warning. `SEARCH_DISABLE_VOIKKO=1`
forces that fallback; it is read at first use, and `reset()` makes the next call read it again.
"""

import functools
import logging
import os
import re
import threading
import unicodedata

import snowballstemmer

logger = logging.getLogger(__name__)

LANGUAGES = ("fi", "sv", "en")
DISABLE_VOIKKO_ENV = "SEARCH_DISABLE_VOIKKO"
# Distinct words remembered per process. Inflected Finnish makes the vocabulary large, but a
# portal's texts and queries keep coming back to the same few tens of thousands of forms.
WORD_CACHE_SIZE = 50_000
# Longer "words" are pasted garbage (hashes, URLs without dots); they are kept as they are,
# not analysed, since neither voikko nor a stemmer says anything useful about them.
MAX_ANALYSED_WORD_LENGTH = 80

_SNOWBALL_ALGORITHMS = {"fi": "finnish", "sv": "swedish", "en": "english"}

# Function words dropped from queries when asked to (`stopwords=True`); compared with the
# folded word as written, before analysis. Kept short on purpose: a function word missing
# here costs a little ranking, a content word wrongly listed here is silently ignored.
# fmt: off
STOPWORDS = {
    "fi": frozenset([
        "ja", "tai", "sekä", "eli", "vai", "on", "ovat", "oli", "ei", "en", "että", "kun", "jos",
        "kuin", "mutta", "myös", "niin", "jo", "vain", "se", "ne", "tämä", "tuo", "mikä", "mitä",
        "miten", "missä", "mistä", "mihin", "milloin", "kuka", "kuinka", "voi", "voiko", "minä",
        "mä", "minun", "minulla", "sinä", "hän", "me", "te", "he", "olen", "olla",
    ]),
    "sv": frozenset([
        "och", "eller", "att", "det", "den", "en", "ett", "är", "som", "i", "på", "av", "för",
        "med", "till", "om", "hur", "vad", "var", "när", "vem", "jag", "du", "han", "hon", "vi",
        "ni", "de", "min", "mitt", "kan", "har", "inte", "så",
    ]),
    "en": frozenset([
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "is",
        "are", "be", "am", "was", "how", "what", "where", "when", "who", "which", "i", "you",
        "my", "me", "it", "this", "that", "do", "does", "can",
    ]),
}
# fmt: on

# Nordic letters other alphabets write differently: in Finnish and Swedish æ is ä and ø is ö.
_NORDIC_EQUIVALENTS = {"æ": "ä", "ø": "ö"}
_KEPT_LETTERS = frozenset("åäö")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2019": "'"})

_LETTER_OR_DIGIT = r"[^\W_][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*"
# A word is letters and digits, joined inside by hyphens or apostrophes (vuokra-asunto,
# vaa'an). "EU:n", "HUS:ssa", "3:n": after an abbreviation or a number, a colon introduces a
# Finnish or Swedish case ending, which is dropped.
_WORD = re.compile(
    rf"(?P<word>(?:{_LETTER_OR_DIGIT})+(?:[-'\u2010\u2011\u2019](?:{_LETTER_OR_DIGIT})+)*)"
    r"(?::(?P<ending>[^\W\d_]+))?"
)
# One piece of voikko's WORDBASES: "+neuvo(neuvoa)", "+ta(+ta)", "+sosiaali", "+-".
_WORDBASE_PIECE = re.compile(r"\+([^+()]*)(?:\(([^()]*)\))?")


def fold(word: str) -> str:
    """Lower-case `word` and strip accents, except that å, ä and ö stay distinct letters.

    é → e and ü → u, because people type them without the accent; but in Finnish and Swedish
    å, ä and ö are letters of their own (tuli/tuuli/tyli, sata/sätä), so they are kept, and
    the Danish/Norwegian æ and ø become ä and ö.
    """
    folded = []
    for char in unicodedata.normalize("NFC", word).casefold():
        if char in _KEPT_LETTERS:
            folded.append(char)
        elif char in _NORDIC_EQUIVALENTS:
            folded.append(_NORDIC_EQUIVALENTS[char])
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            folded.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return unicodedata.normalize("NFC", "".join(folded))


_fold_word = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(fold)


def _fold_token(word: str) -> str:
    # Only words of sensible length are cached: queries are user input, and a cache of
    # 50,000 pasted megabyte "words" would be a memory leak on demand.
    return _fold_word(word) if len(word) <= MAX_ANALYSED_WORD_LENGTH else fold(word)


def _words(text: str) -> list[str]:
    """The words of `text` as written (NFC, hyphens and apostrophes normalised)."""
    words = []
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        word, ending = match.group("word", "ending")
        words.append(word.translate(_HYPHENS))
        if ending and not ((word.isupper() or word.isdigit()) and ending.islower()):
            # "Huom:tämä" is two words: only an abbreviation or a number takes an ending.
            words.append(ending)
    return words


def tokenize(text: str) -> list[str]:
    """The words of `text`, folded (see `fold`), in text order.

    A hyphenated word stays one token ("vuokra-asunto"); `analyze` adds its parts.
    """
    return [token for token in map(_fold_token, _words(text)) if token]


def analyze(text: str, language: str, *, stopwords: bool = False) -> list[str]:
    """The index or query terms of `text` in `language` ("fi", "sv" or "en"), in text order.

    A word's terms are distinct, but a word that occurs twice gives its terms twice: full-text
    ranking (BM25, ts_rank) counts term frequency, so repeats are information. Callers that
    want a set of query terms can deduplicate.

    Finnish: every base form voikko gives and the word's compound parts (velkaneuvontaan →
    velkaneuvonta, velka, neuvonta); a word voikko does not know (typo, name) gives its Snowball
    stem and the folded word. Swedish and English: Snowball stems. Other languages: folded
    words. `stopwords=True` drops a few function words (meant for queries, not for indexing).
    """
    return [
        term
        for word_terms in analyze_words(text, language, stopwords=stopwords)
        for term in word_terms
    ]


def analyze_words(text: str, language: str, *, stopwords: bool = False) -> list[tuple[str, ...]]:
    """Like `analyze`, but one tuple of alternative terms per word.

    A query should match any term of a word (turvakotiin → turvakoti or turvakota, or a
    compound part) but every word, which the flat list of `analyze` cannot express.
    """
    language = primary_language(language)
    dropped = STOPWORDS.get(language, frozenset()) if stopwords else frozenset()
    analysed = []
    for word in _words(text):
        lowered = word.lower()
        if _fold_token(lowered) in dropped:
            continue
        if len(lowered) > MAX_ANALYSED_WORD_LENGTH:
            terms = _distinct([fold(lowered)])
        else:
            terms = _word_terms(lowered, language)
        if terms:
            analysed.append(terms)
    return analysed


def primary_language(language: str) -> str:
    """The primary subtag of a language code: fi-FI, sv_FI and EN give fi, sv and en."""
    return language.strip().lower().replace("_", "-").split("-")[0]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_terms(word: str, language: str) -> tuple[str, ...]:
    """The terms of one lower-cased word (memoised: the same words recur all the time)."""
    if language == "fi" and _finnish_voikko() is not None:
        return _voikko_terms(word)
    if language in _SNOWBALL_ALGORITHMS:
        return _snowball_terms(word, language)
    return _distinct([_fold_word(part) for part in [word, *_hyphen_parts(word)]])


def _hyphen_parts(word: str) -> list[str]:
    parts = word.split("-")
    return parts if len(parts) > 1 else []


def _distinct(terms: list[str]) -> tuple[str, ...]:
    return tuple(term for term in dict.fromkeys(terms) if term)


def _snowball_terms(word: str, language: str) -> tuple[str, ...]:
    """Stem of the word (and of each hyphen part). Finnish also keeps the folded word.

    Finnish only gets here for a word voikko cannot analyse (or without voikko): those are
    names and typos, where the stem is a guess and the word itself is the safer match.
    """
    folded = _fold_word(word)
    terms = [_stem(folded, language)]
    if language == "fi":
        terms.append(folded)
    for part in _hyphen_parts(word):
        terms.extend(_word_terms(part, language))
    return _distinct(terms)


def _voikko_terms(word: str) -> tuple[str, ...]:
    analyses = _voikko_analyze(word)
    if not analyses:
        return _snowball_terms(word, "fi")
    # Voikko also offers far-fetched compounds: "palveluneuvonnasta" is palvelu+neuvonta
    # (elative) but also palvelu+neuvo+nasta ("stud"). Fewest parts wins, the usual
    # decompounding heuristic; readings with as many parts (turvakoti, turvakota) all stay.
    fewest_parts = min(_part_count(analysis) for analysis in analyses)
    base_forms: list[str] = []
    parts: list[str] = []
    seen_base_forms = set()
    for analysis in (a for a in analyses if _part_count(a) == fewest_parts):
        base_form = analysis.get("BASEFORM") or ""
        base_forms.append(_fold_word(base_form))
        # Analyses sharing a base form differ only in how they derive it (koti+hoidon(hoito)
        # +tuki beside koti+hoi(hoitaa)+don+tuki); splitting the first one is enough and
        # keeps inflected stems such as "hoidon" out of the terms.
        if base_form.lower() not in seen_base_forms:
            seen_base_forms.add(base_form.lower())
            parts.extend(_fold_word(part) for part in _compound_parts(analysis, word))
    return _distinct(base_forms + parts)


def _part_count(analysis: dict[str, str]) -> int:
    return (analysis.get("STRUCTURE") or "=").count("=")


def _compound_parts(analysis: dict[str, str], word: str) -> list[str]:
    """The base forms of a compound's parts: velkaneuvontaan → ["velka", "neuvonta"].

    WORDBASES lists the pieces of the base form, "+velka(velka)+neuvo(neuvoa)+n+ta(+ta)",
    derivational suffixes and all; STRUCTURE marks where each compound part starts in the
    word as written, "=ppppp=pppppppppp". A piece starts a part where both agree. A part that
    is one piece is named by that piece's base (lasten(lapsi) → lapsi); a part built by
    derivation is named by its pieces together (neuvo+n+ta → neuvonta). A word that is not a
    compound gives no parts: its base form already says it all.
    """
    base_form = (analysis.get("BASEFORM") or "").lower()
    starts = _part_starts(analysis.get("STRUCTURE") or "")
    groups: list[list[str]] = []  # [text, base] per part
    current: list[str] | None = None
    offset = 0
    for text, base in _WORDBASE_PIECE.findall(analysis.get("WORDBASES") or ""):
        if text == "-":
            current = None
        elif (
            current is None
            # An inflected first part (uudenvuoden → uusivuosi) moves every later boundary,
            # so a boundary in the written word only counts where the two still agree.
            or (
                not base.startswith("+")
                and offset in starts
                and word[:offset] == base_form[:offset]
            )
        ):
            current = [text, base]
            groups.append(current)
        else:
            current[0] += text
            current[1] = ""
        offset += len(text)
    if len(groups) < 2:
        return []
    return [(base or text).replace("=", "") for text, base in groups]


def _part_starts(structure: str) -> set[int]:
    """Offsets in the written word where STRUCTURE ("=ppppp=ppppp") starts a compound part."""
    starts = set()
    offset = 0
    for char in structure:
        if char == "=":
            starts.add(offset)
        else:
            offset += 1
    return starts


# --- Backends ------------------------------------------------------------------------------
# libvoikko handles and Snowball stemmer objects keep state between calls and are not
# thread-safe; each is used under a lock (one analysis is tens of microseconds, and the word
# cache answers most calls without taking it).

_voikko_lock = threading.Lock()
_stem_lock = threading.Lock()
_stemmers: dict[str, object] = {}
_UNLOADED = object()
_voikko = _UNLOADED


def finnish_backend() -> str:
    """Which Finnish analysis is in use: "voikko", or "snowball" for the fallback."""
    return "voikko" if _finnish_voikko() is not None else "snowball"


def is_unknown_finnish_word(word: str) -> bool:
    """True when libvoikko does not recognise a Finnish word (a typo, or a name); False when
    it does, or when Finnish uses the Snowball fallback and so nothing can be said."""
    if _finnish_voikko() is None or not word or len(word) > MAX_ANALYSED_WORD_LENGTH:
        return False
    return not _voikko_analyze(word.lower())


def reset() -> None:
    """Forget the loaded Finnish backend and every cached word.

    The next call loads the backend again and reads `SEARCH_DISABLE_VOIKKO` again; tests use
    this to run the fallback.
    """
    global _voikko
    with _voikko_lock:
        _voikko = _UNLOADED
    _word_terms.cache_clear()


def _finnish_voikko():
    """The libvoikko handle, or None when Finnish uses Snowball. Loaded on first use."""
    global _voikko
    if _voikko is _UNLOADED:
        with _voikko_lock:
            if _voikko is _UNLOADED:
                _voikko = _load_voikko()
    return _voikko


def _load_voikko():
    if os.environ.get(DISABLE_VOIKKO_ENV, "").strip().lower() in {"1", "true", "yes", "on"}:
        logger.info("%s is set: Finnish search uses the Snowball stemmer.", DISABLE_VOIKKO_ENV)
        return None
    try:
        import libvoikko
    except ImportError as error:
        return _voikko_unavailable(error)
    try:
        # Probe the shared library first: a Voikko() that fails to load it leaves a
        # half-built object whose __del__ prints a traceback.
        libvoikko.Voikko.getVersion()
    except OSError as error:  # no libvoikko.so.1 (Debian libvoikko1)
        return _voikko_unavailable(error)
    try:
        return libvoikko.Voikko("fi")
    except libvoikko.VoikkoException as error:  # no Finnish dictionary (Debian voikko-fi)
        return _voikko_unavailable(error)


def _voikko_unavailable(error: Exception) -> None:
    logger.warning(
        "libvoikko is not available (%s); Finnish search falls back to the Snowball stemmer, "
        "without base forms or compound parts. Install the Debian packages libvoikko1 and "
        "voikko-fi.",
        error,
    )


def _voikko_analyze(word: str) -> list[dict[str, str]]:
    voikko = _finnish_voikko()
    with _voikko_lock:
        return voikko.analyze(word)


def _stem(word: str, language: str) -> str:
    with _stem_lock:
        stemmer = _stemmers.get(language)
        if stemmer is None:
            stemmer = _stemmers[language] = snowballstemmer.stemmer(_SNOWBALL_ALGORITHMS[language])
        return stemmer.stemWord(word)
