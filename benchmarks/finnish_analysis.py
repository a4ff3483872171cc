"""Finnish analysis: the transducer from PyPI (`search.voikko_fst`) against libvoikko.

Collects the Finnish vocabulary the portal meets (PTV general descriptions, the relevance
query sets, the repository's own texts), analyses every word with the portal's analysis in
use (the voikko-fi transducer read by kfst) and, where the libvoikko binding, its shared
library and the Finnish dictionary are installed, with libvoikko through the same term
rules. Prints how many words get the same terms (in the same order, and as sets), lists the
words that differ, and the time per word of each (cold: the word cache is cleared first).

    .venv/bin/python benchmarks/finnish_analysis.py [--show 40]

libvoikko is not a dependency; to compare, install it by hand in a scratch venv or machine:
`apt-get install libvoikko1 voikko-fi` and `.venv/bin/pip install libvoikko`.
"""

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import analysis  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def vocabulary() -> list[str]:
    words: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            words.update(word.lower() for word in analysis._words(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    sources = [SHARED / "ptv" / "general-descriptions.json", *SHARED.glob("search/*.json")]
    sources += sorted((ROOT / "search").rglob("*.json"))
    for path in sources:
        walk(json.loads(path.read_text(encoding="utf-8")))
    for package in ("portal", "selfassess", "search", "tests"):
        for path in sorted((ROOT / package).rglob("*.py")):
            walk(path.read_text(encoding="utf-8"))
    return sorted(word for word in words if len(word) <= analysis.MAX_ANALYSED_WORD_LENGTH)


def terms_with(analyser, words: list[str]) -> tuple[list[tuple[str, ...]], float]:
    """Every word's Finnish terms with `analyser` in place, and the seconds per word."""
    analysis.reset()
    analysis._voikko = analyser
    started = time.perf_counter()
    terms = [analysis._word_terms(word, "fi") for word in words]
    elapsed = time.perf_counter() - started
    analysis.reset()
    return terms, elapsed / len(words)


def load_libvoikko():
    try:
        import libvoikko

        libvoikko.Voikko.getVersion()
        return libvoikko.Voikko("fi")
    except Exception as error:  # binding, shared library or dictionary missing
        print(f"libvoikko is not available ({error}); measuring the transducer alone.")
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=40, help="differing words to list")
    args = parser.parse_args()

    words = vocabulary()
    started = time.perf_counter()
    transducer = analysis._load_voikko()
    load_seconds = time.perf_counter() - started
    if transducer is None:
        print("The transducer did not load: install the project's dependencies.")
        return 1
    ours, ours_per_word = terms_with(transducer, words)
    known = sum(1 for word in words if transducer.analyze(word))
    print(f"{len(words)} distinct words; the transducer knows {known}")
    print(f"transducer: loaded in {load_seconds:.2f} s, {ours_per_word * 1e6:.1f} µs per word")

    reference = load_libvoikko()
    if reference is None:
        return 0
    theirs, theirs_per_word = terms_with(reference, words)
    print(f"libvoikko:  {theirs_per_word * 1e6:.1f} µs per word")
    same_order = sum(1 for a, b in zip(ours, theirs, strict=True) if a == b)
    same_set = sum(1 for a, b in zip(ours, theirs, strict=True) if set(a) == set(b))
    print(f"same terms in the same order: {same_order} ({same_order / len(words):.2%})")
    print(f"same terms as sets:           {same_set} ({same_set / len(words):.2%})")
    differing = [
        (word, a, b) for word, a, b in zip(words, ours, theirs, strict=True) if set(a) != set(b)
    ]
    for word, a, b in differing[: args.show]:
        print(f"  {word}: transducer {a} / libvoikko {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
