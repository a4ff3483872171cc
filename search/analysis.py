"""Language analysis shared by every search backend, for indexing and for queries alike.

Pure: no Django imports. Text becomes words (`tokenize`), and words become index/query terms
(`analyze`): Finnish base forms and compound parts from Voikko's Finnish morphology, Snowball
stems for Swedish and English. Both backends must use this one module so that a query is
analysed exactly as the documents were.

The Finnish morphology is the voikko-fi transducer that PyPI's `pyvoikko` ships, read by
`search.voikko_fst` with kfst: it comes with the Python dependencies, no system library.
Should it be missing or broken, Finnish falls back to the Snowball stemmer with one logged
warning; `finnish_backend()` says which is in use (the tests fail when it is the fallback).
`SEARCH_DISABLE_VOIKKO=1` forces the fallback; it is read at first use, and `reset()` makes
the next call read it again.
"""

import functools
import importlib.util
import json
import logging
import os
import re
import threading
import unicodedata
from pathlib import Path

import snowballstemmer

from search import voikko_fst

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
    """Stem of the word (and of each hyphen part). Finnish also keeps the folded word;
    Swedish adds the stems of a compound's parts (`swedish_compound_parts`).

    Finnish only gets here for a word voikko cannot analyse (or without voikko): those are
    names and typos, where the stem is a guess and the word itself is the safer match.
    """
    folded = _fold_word(word)
    if language == "sv":
        folded = swedish_definite_base(folded)
    terms = [_stem(folded, language)]
    if language == "fi":
        terms.append(folded)
    if language == "sv":
        terms.extend(_stem(part, "sv") for part in swedish_compound_parts(folded))
    for part in _hyphen_parts(word):
        terms.extend(_word_terms(part, language))
    return _distinct(terms)


# --- Swedish compounds -------------------------------------------------------------------------
# Swedish writes compounds as one word, like Finnish, but has no analyser here that splits
# them. They are split against a shipped list of the words compounds in social and health
# services are made of (`data/sv-compound-words.txt`), allowing the linking letters Swedish
# puts between parts (missbruk-s-vård, gat-u-kök) and a first part's dropped final -a
# (skol-barn). The fewest parts win, as in Finnish; a word that cannot be split wholly into
# listed words is not split.
SV_COMPOUND_WORDS = Path(__file__).resolve().parent / "data" / "sv-compound-words.txt"
_SV_LINKS = ("", "s", "e", "a", "u", "o")
_SV_MIN_PART = 3
_SV_MIN_COMPOUND = 6
_SV_MAX_PARTS = 3


@functools.cache
def _swedish_words() -> tuple[frozenset[str], dict[str, str]]:
    """(the listed words, folded; their Snowball stems → the word)."""
    words = set()
    with SV_COMPOUND_WORDS.open(encoding="utf-8") as data:
        for line in data:
            line = line.split("#", 1)[0].strip()
            if len(line) >= _SV_MIN_PART:
                words.add(fold(line))
    stems = {}
    for word in sorted(words):
        stems.setdefault(_stem(word, "sv"), word)
    return frozenset(words), stems


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def swedish_compound_parts(word: str) -> tuple[str, ...]:
    """The parts of a Swedish compound as listed words: "skuldrådgivningen" → ("skuld",
    "rådgivning"); () when `word` (folded) is not a compound of listed words."""
    if len(word) < _SV_MIN_COMPOUND:
        return ()
    split = _swedish_split(word, _SV_MAX_PARTS)
    return split if split and len(split) > 1 else ()


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _swedish_split(word: str, max_parts: int) -> tuple[str, ...] | None:
    words, stems = _swedish_words()
    # The head may be inflected (rådgivningen): its stem names it.
    head = word if word in words else stems.get(_stem(word, "sv"))
    if head is not None:
        return (head,)
    if max_parts < 2:
        return None
    best = None
    for end in range(len(word) - _SV_MIN_PART, _SV_MIN_PART - 1, -1):
        first = _swedish_modifier(word[:end], words)
        if first is None:
            continue
        rest = _swedish_split(word[end:], max_parts - 1)
        if rest is not None and (best is None or len(rest) + 1 < len(best)):
            best = (first, *rest)
            if len(best) == 2:
                break
    return best


# Snowball's Swedish stemmer leaves some definite forms whole: the -n of nouns ending in -a
# (pappan, skolan, hyran), the -t of nouns in -ende (boendet, beroendet) and the -n of
# nouns in -or (kuratorn), so "min pappa" and "pappan" would be different words. Names of
# people by their office end in -man (ombudsman), which is not a definite form.
_SV_DEFINITE_MIN_LENGTH = 5


def swedish_definite_base(word: str) -> str:
    """The indefinite form of a Swedish noun in a definite form Snowball does not stem
    (`word` folded): "pappan" → "pappa", "boendet" → "boende", "kuratorn" → "kurator"."""
    if len(word) < _SV_DEFINITE_MIN_LENGTH:
        return word
    if word.endswith("an") and (not word.endswith("man") or word.endswith("mman")):
        return word[:-1]
    if word.endswith("endet") or (word.endswith("orn") and len(word) > 6):
        return word[:-1]
    return word


def is_swedish_compound_start(text: str) -> bool:
    """Whether `text` (folded) can begin a Swedish compound: a listed word, with or without
    a linking letter."""
    return _swedish_modifier(text, _swedish_words()[0]) is not None


def _swedish_modifier(text: str, words: frozenset[str]) -> str | None:
    """The listed word a compound's first part `text` stands for, if any."""
    for link in _SV_LINKS:
        if link and not text.endswith(link):
            continue
        base = text[: len(text) - len(link)] if link else text
        if len(base) < _SV_MIN_PART:
            continue
        if base in words:
            return base
        for dropped in ("a", "e"):  # skol(a)barn, missbrukar(e)vård
            if base + dropped in words:
                return base + dropped
    return None


def base_forms(word: str, language: str) -> tuple[str, ...]:
    """The base forms of one word (Finnish: every reading voikko gives, "siitä" → siitä,
    siittää, se), or its stem (Swedish, English, and Finnish words voikko does not know);
    never compound parts."""
    language = primary_language(language)
    lowered = word.lower()
    if not lowered or len(lowered) > MAX_ANALYSED_WORD_LENGTH:
        return _distinct([fold(lowered)])
    return _base_forms(lowered, language)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _base_forms(word: str, language: str) -> tuple[str, ...]:
    if language == "fi" and _finnish_voikko() is not None:
        analyses = _voikko_analyze(word)
        if analyses:
            fewest_parts = min(_part_count(analysis) for analysis in analyses)
            return _distinct(
                [
                    _fold_word(analysis.get("BASEFORM") or "")
                    for analysis in analyses
                    if _part_count(analysis) == fewest_parts
                ]
            )
    if language in _SNOWBALL_ALGORITHMS:
        folded = _fold_word(word)
        if language == "sv":
            folded = swedish_definite_base(folded)
        return _distinct([_stem(folded, language), folded if language == "fi" else ""])
    return _distinct([_fold_word(word)])


def _voikko_terms(word: str) -> tuple[str, ...]:
    analyses = _voikko_analyze(word)
    if not analyses:
        return _snowball_terms(word, "fi")
    # Voikko also offers far-fetched compounds: "palveluneuvonnasta" is palvelu+neuvonta
    # (elative) but also palvelu+neuvo+nasta ("stud"). Fewest parts wins, the usual
    # decompounding heuristic; readings with as many parts (turvakoti, turvakota) all stay.
    fewest_parts = min(_part_count(analysis) for analysis in analyses)
    readings = [analysis for analysis in analyses if _part_count(analysis) == fewest_parts]
    base_forms = [_fold_word(analysis.get("BASEFORM") or "") for analysis in readings]
    # Analyses sharing a base form differ only in how they derive it (koti+hoidon(hoito)
    # +tuki beside koti+hoi(hoitaa)+don+tuki). One of them is split, whatever order the
    # analyser lists them in: the one giving most parts, then the one with fewest derivational
    # suffixes, whose parts are lexical base forms ("hoito") rather than inflected stems.
    split_by_base_form: dict[str, list[str]] = {}
    for analysis, base_form in zip(readings, base_forms, strict=True):
        candidate = _compound_parts(analysis, word)
        chosen = split_by_base_form.get(base_form)
        if chosen is None or _split_rank(candidate, analysis) < _split_rank(*chosen):
            split_by_base_form[base_form] = (candidate, analysis)
    parts = [_fold_word(part) for candidate, _ in split_by_base_form.values() for part in candidate]
    return _distinct(base_forms + parts)


def _split_rank(parts: list[str], analysis: dict[str, str]) -> tuple[int, int]:
    return (-len(parts), (analysis.get("WORDBASES") or "").count("(+"))


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

    A compound of three or more parts also gives the compounds inside it, each ending in
    its last part's base form: mielenterveyspalvelu → mielenterveys, terveyspalvelu;
    kotihoidontuki → kotihoito, hoidontuki. Residents write "mielenterveys palvelut" or
    "lastensuojeluilmoitus" where a page says "mielenterveyspalveluja" or "lastensuojelu",
    and these inner compounds are what the two share (both in the index and in queries).
    """
    base_form = (analysis.get("BASEFORM") or "").lower()
    starts = _part_starts(analysis.get("STRUCTURE") or "")
    groups: list[list[str]] = []  # [text, base] per part
    hyphenated: set[int] = set()  # indexes of the parts that follow a hyphen
    current: list[str] | None = None
    offset = 0
    for text, base in _WORDBASE_PIECE.findall(analysis.get("WORDBASES") or ""):
        if text == "-":
            current = None
            hyphenated.add(len(groups))
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
    parts = [(base or text).replace("=", "") for text, base in groups]
    return parts + _inner_compounds(groups, hyphenated)


def _inner_compounds(groups: list[list[str]], hyphenated: set[int]) -> list[str]:
    """The runs of two or more (but not all) adjacent parts, longest first: the parts as
    written in the base form, the last one by its own base form. Runs across a hyphen are
    left out (the hyphen's halves are words of their own)."""
    found = []
    for size in range(len(groups) - 1, 1, -1):
        for start in range(len(groups) - size + 1):
            end = start + size - 1
            if any(index in hyphenated for index in range(start + 1, end + 1)):
                continue
            texts = [text for text, _base in groups[start:end]]
            last_text, last_base = groups[end]
            found.append("".join([*texts, last_base or last_text]).replace("=", ""))
    return found


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
# Snowball stemmer objects keep state between calls and are not thread-safe; they and the
# Finnish analyser (whose thread-safety kfst does not promise) are each used under a lock.
# One Finnish analysis takes about a tenth of a millisecond, and the word cache answers
# most calls without taking the lock.

_voikko_lock = threading.Lock()
_stem_lock = threading.Lock()
_stemmers: dict[str, object] = {}
_UNLOADED = object()
_voikko = _UNLOADED  # the analyser in use: the morphology, or None for Snowball
_loaded_morphology = _UNLOADED  # kept across reset(): loading takes about half a second


def finnish_backend() -> str:
    """Which Finnish analysis is in use: "voikko", or "snowball" for the fallback."""
    return "voikko" if _finnish_voikko() is not None else "snowball"


def is_unknown_finnish_word(word: str) -> bool:
    """True when Voikko's morphology does not recognise a Finnish word (a typo, or a name);
    False when it does, or when Finnish uses the Snowball fallback and nothing can be said."""
    if _finnish_voikko() is None or not word or len(word) > MAX_ANALYSED_WORD_LENGTH:
        return False
    return not _voikko_analyze(word.lower())


def reset(*, reload_morphology: bool = False) -> None:
    """Forget the Finnish backend in use and every cached word.

    The next call reads `SEARCH_DISABLE_VOIKKO` again (tests use this to run the fallback).
    The loaded morphology is kept, since loading it takes about half a second, unless
    `reload_morphology` asks to load it again too.
    """
    global _voikko, _loaded_morphology
    with _voikko_lock:
        _voikko = _UNLOADED
        if reload_morphology:
            _loaded_morphology = _UNLOADED
    _word_terms.cache_clear()
    _base_forms.cache_clear()
    swedish_compound_parts.cache_clear()
    _swedish_split.cache_clear()


def preload() -> None:
    """Load the Finnish morphology now, so that a server's first search does not wait for it."""
    _finnish_voikko()


def _finnish_voikko():
    """The Finnish analyser, or None when Finnish uses Snowball. Loaded on first use."""
    global _voikko
    if _voikko is _UNLOADED:
        with _voikko_lock:
            if _voikko is _UNLOADED:
                _voikko = _choose_voikko()
    return _voikko


def _choose_voikko():
    global _loaded_morphology
    if os.environ.get(DISABLE_VOIKKO_ENV, "").strip().lower() in {"1", "true", "yes", "on"}:
        logger.info("%s is set: Finnish search uses the Snowball stemmer.", DISABLE_VOIKKO_ENV)
        return None
    if _loaded_morphology is _UNLOADED:
        _loaded_morphology = _load_voikko()
    return _loaded_morphology


def _load_voikko():
    try:
        return voikko_fst.TransducerAnalyser.load(str(_transducer_path()))
    except (ImportError, OSError, ValueError) as error:
        # ValueError: kfst's answer to a file that is not a transducer.
        return _voikko_unavailable(error)


def _transducer_path() -> Path:
    """voikko-fi's morphology transducer as pyvoikko ships it, found without importing
    pyvoikko (whose import loads the transducer once more, with its own parser)."""
    spec = importlib.util.find_spec("pyvoikko")
    if spec is None or spec.origin is None:
        raise ImportError("the Python package pyvoikko is not installed")
    return Path(spec.origin).parent / "voikko.kfst"


def _voikko_unavailable(error: Exception) -> None:
    logger.warning(
        "The Finnish morphology is not available (%s); Finnish search falls back to the "
        "Snowball stemmer, without base forms or compound parts. Install the project's "
        "Python dependencies (pyvoikko, kfst, kfst-rs).",
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
        stem = stemmer.stemWord(word)
    if (
        len(stem) >= MIN_GUARDED_STEM
        and stem != word
        and stem in _function_words(language)
        and word not in _function_words(language)
    ):
        # Snowball cuts some words down to a function word ("demens" → "dem", them): the
        # word itself is the safer term, or it would match every page saying "them".
        return word
    return stem


TOPICLESS_WORDS = Path(__file__).resolve().parent / "data" / "topicless-words.json"
# Two-letter stems ("be" of "being", "do" of "doing") are the function word's own forms.
MIN_GUARDED_STEM = 3


@functools.cache
def _function_words(language: str) -> frozenset[str]:
    """The function words of `language` as written (`data/topicless-words.json` and the
    query stop words), folded."""
    with TOPICLESS_WORDS.open(encoding="utf-8") as data:
        listed = json.load(data).get(language, {}).get("function", ())
    return frozenset(fold(word) for word in listed) | STOPWORDS.get(language, frozenset())
