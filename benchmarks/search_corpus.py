"""The 20,000-document Finnish corpus of `benchmarks/search.py`, and its query mix.

The corpus is the real PTV service list (`../shared/data/ptv/service-list-*.csv`: 2,034 Finnish
service names and summaries from Turku, Oulu, Mikkeli and national services), read at run time
and never copied into the repository, plus generated variants of those rows: another row's name
with a municipality, its summary followed by a sentence of a second row, and a body of three to
six further rows' names and summaries. That gives documents of realistic words and lengths, in
realistic proportions, without inventing text. The generator is deterministic (a fixed seed):
the same arguments give the same documents, byte for byte.

Pure: no Django. `IndexDocument` is plain data, and `portal.ptv.topics` places each document
under the topic the PTV importer would choose for its name.
"""

import csv
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from portal.ptv.topics import TAXONOMY, topic_for_service
from search.backends.base import KIND_SERVICE, IndexDocument

SERVICE_LIST = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "ptv"
    / "service-list-turku-oulu-mikkeli-national.csv"
)
KEY_PREFIX = "bench:"
DEFAULT_SEED = 20_000
# Municipality names, so that variants of one service differ the way a national corpus does.
MUNICIPALITIES = (
    "Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä", "Kuopio", "Lahti",
    "Pori", "Kouvola", "Joensuu", "Lappeenranta", "Hämeenlinna", "Vaasa", "Seinäjoki",
    "Rovaniemi", "Mikkeli", "Kotka", "Salo", "Porvoo", "Kokkola", "Lohja", "Hyvinkää",
    "Nurmijärvi", "Järvenpää", "Rauma", "Kirkkonummi", "Tuusula", "Kajaani", "Kerava",
    "Savonlinna", "Nokia", "Ylöjärvi", "Kangasala", "Riihimäki", "Raasepori", "Imatra",
    "Raahe", "Iisalmi",
)  # fmt: skip
_TOPIC_TITLES = {topic.key: topic.titles["fi"] for topic in TAXONOMY}


@dataclass(frozen=True)
class ServiceRow:
    name: str
    summary: str


def service_rows(path: Path = SERVICE_LIST) -> list[ServiceRow]:
    """The service list's rows with a name, in file order."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = [
            ServiceRow(" ".join(row["name"].split()), " ".join(row["serviceSummary"].split()))
            for row in csv.DictReader(file)
        ]
    return [row for row in rows if row.name]


def _first_sentence(text: str) -> str:
    head, dot, _rest = text.partition(". ")
    return head + (dot.strip() or "")


def corpus_documents(
    rows: list[ServiceRow],
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    lay_terms: Callable[[tuple[str, ...]], tuple[str, ...]] = lambda topics: (),
) -> Iterator[IndexDocument]:
    """`count` Finnish service documents: the rows as they are first, then variants.

    `lay_terms(topics)` gives the thesaurus's lay terms of a document's topics, as the
    indexing of a real service page adds them (`search.thesaurus.lay_terms_for`)."""
    rng = random.Random(seed)
    for number in range(count):
        if number < len(rows):
            row = rows[number]
            title, summary, body, keywords = row.name, row.summary, "", ()
        else:
            row = rows[rng.randrange(len(rows))]
            municipality = rng.choice(MUNICIPALITIES)
            pattern = rng.randrange(3)
            title = (
                f"{row.name}, {municipality}",
                f"{municipality}: {row.name}",
                f"{row.name} ({municipality})",
            )[pattern]
            second = rows[rng.randrange(len(rows))]
            summary = f"{row.summary} {_first_sentence(second.summary)}".strip()
            others = [rows[rng.randrange(len(rows))] for _ in range(rng.randint(3, 6))]
            body = " \n".join(f"{other.name}. {other.summary}" for other in others)
            body += f" \nKunta: {municipality}."
            keywords = (municipality,)
        topic = topic_for_service(reference="", name_fi=row.name, service_classes=[])
        topics = (topic,)
        labels = (_TOPIC_TITLES[topic],)
        yield IndexDocument(
            key=f"{KEY_PREFIX}{seed}:{number}",  # another seed, other documents: other keys
            locale="fi",
            kind=KIND_SERVICE,
            title=title,
            url=f"/fi/bench/{number}/",
            summary=summary,
            body=body,
            keywords=(*keywords, *labels),
            lay_terms=lay_terms(topics),
            topics=topics,
            topic_labels=labels,
        )


# --- The query mix ------------------------------------------------------------------------------
#
# What residents type, written for this benchmark (not taken from any relevance set): single
# service words, inflected forms, situations in several words, municipality names, typos, a
# topic filter, a second result page, noise, one letter, punctuation only, and words that are
# in no document. Each is {"text", "locale"} plus optional SearchQuery fields.

_FI = [
    "toimeentulotuki",
    "toimeentulotukea",  # partitive
    "toimeentulotuen hakeminen",  # genitive, two words
    "velkaneuvonta",
    "velkaneuvontaan",  # illative
    "velkaneuvota",  # typo
    "mielenterveyspalvelut",
    "mielenteveys",  # typo
    "mielenterveyspalvelut nuorille",
    "päihdepalvelut",
    "alkoholi",
    "peliriippuvuus",
    "asumisneuvonta",
    "vuokra-asunto",
    "en pysty maksamaan vuokraa",
    "rahat loppu ja laskuja maksamatta",
    "kotihoito",
    "kotihoito oulu",
    "omaishoidon tuki",
    "omaishoitajan vapaa",
    "lastensuojelu",
    "lapsiperheen kotipalvelu",
    "perheneuvola",
    "ero ja lasten huoltajuus",
    "väkivalta parisuhteessa",
    "sosiaalipäivystys",
    "kriisiapu",
    "yksinäisyys",
    "masennus",
    "työttömyys",
    "työtön työnhakija",
    "kuntouttava työtoiminta",
    "vammaispalvelut",
    "kuljetuspalvelu",
    "henkilökohtainen apu",
    "muistisairaus",
    "ikääntyneiden palvelut turku",
    "kehitysvamma",
    "hammashoito",
    "neuvola",
    "raskaus",
    "koulukuraattori",
    "maahanmuuttajan kotoutuminen",
    "kirjasto",
    "uimahalli mikkeli",
    "rakennuslupa",
    "pysäköinti",
    "äänestäminen",
    "ajokortti",
    "lomake",
    "miten haen apua kun en jaksa enää",
    "asunto AND (vuokra OR tuki)",  # operators are plain words
    "a",  # one letter
    "?!",  # nothing to search for
    "kvanttikromodynamiikka",  # no document has it
]
_FI_FILTERED = [
    {"text": "tuki", "topic": "money-and-debt"},
    {"text": "neuvonta", "topic": "housing"},
    {"text": "palvelut", "page": 2},
]
_SV_EN = [
    ("utkomststöd", "sv"),
    ("skuldrådgivning", "sv"),
    ("missbruk", "sv"),
    ("hemvård för äldre", "sv"),
    ("barnskydd", "sv"),
    ("social assistance", "en"),
    ("debt advice", "en"),
    ("mental health services", "en"),
    ("home care", "en"),
    ("child welfare", "en"),
]
_AUTOCOMPLETE_FI = [
    "to", "toim", "velk", "mielen", "asumis", "koti", "kotihoito ou", "lasten", "päih",
    "omaishoi", "sosiaalipäivy", "työttö", "x", "kvanttikr",
]  # fmt: skip
_AUTOCOMPLETE_SV_EN = [("utk", "sv"), ("skuld", "sv"), ("deb", "en"), ("home c", "en")]


def search_queries(scenario: str) -> list[dict]:
    """The search mix: Finnish everywhere; Swedish and English too on the PTV corpus, which
    has them (the 20,000-document corpus adds Finnish documents only)."""
    queries = [{"text": text, "locale": "fi"} for text in _FI]
    queries += [{"locale": "fi", **query} for query in _FI_FILTERED]
    if scenario == "ptv":
        queries += [{"text": text, "locale": locale} for text, locale in _SV_EN]
    return queries


def autocomplete_prefixes(scenario: str) -> list[dict]:
    prefixes = [{"prefix": prefix, "locale": "fi"} for prefix in _AUTOCOMPLETE_FI]
    if scenario == "ptv":
        prefixes += [{"prefix": prefix, "locale": locale} for prefix, locale in _AUTOCOMPLETE_SV_EN]
    return prefixes
