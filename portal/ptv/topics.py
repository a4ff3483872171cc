"""Which life-situation topic a PTV service belongs under. Pure: no Django.

The taxonomy follows the support needs of the Social Welfare Act §11 (see DOMAIN.md). PTV has
no such grouping, so services are placed by words in their Finnish name and service classes;
the first matching rule wins, more specific situations first. Editors can move pages
afterwards: re-import never moves an existing page.
"""

from dataclasses import dataclass

OTHER_SERVICES = "other-services"
DEFAULT_SOCIAL_TOPIC = "everyday-coping"


@dataclass(frozen=True)
class Topic:
    key: str
    titles: dict[str, str]
    slugs: dict[str, str]


TAXONOMY = (
    Topic(
        "everyday-coping",
        {"fi": "Arjessa pärjääminen", "sv": "Att klara vardagen", "en": "Everyday coping"},
        {"fi": "arjessa-parjaaminen", "sv": "att-klara-vardagen", "en": "everyday-coping"},
    ),
    Topic(
        "housing",
        {"fi": "Asuminen", "sv": "Boende", "en": "Housing"},
        {"fi": "asuminen", "sv": "boende", "en": "housing"},
    ),
    Topic(
        "money-and-debt",
        {"fi": "Raha-asiat ja velat", "sv": "Pengar och skulder", "en": "Money and debt"},
        {"fi": "raha-asiat-ja-velat", "sv": "pengar-och-skulder", "en": "money-and-debt"},
    ),
    Topic(
        "loneliness-and-inclusion",
        {
            "fi": "Yksinäisyys ja osallisuus",
            "sv": "Ensamhet och delaktighet",
            "en": "Loneliness and inclusion",
        },
        {
            "fi": "yksinaisyys-ja-osallisuus",
            "sv": "ensamhet-och-delaktighet",
            "en": "loneliness-and-inclusion",
        },
    ),
    Topic(
        "violence-and-abuse",
        {
            "fi": "Väkivalta ja kaltoinkohtelu",
            "sv": "Våld och övergrepp",
            "en": "Violence and abuse",
        },
        {
            "fi": "vakivalta-ja-kaltoinkohtelu",
            "sv": "vald-och-overgrepp",
            "en": "violence-and-abuse",
        },
    ),
    Topic(
        "sudden-crises",
        {"fi": "Äkilliset kriisit", "sv": "Plötsliga kriser", "en": "Sudden crises"},
        {"fi": "akilliset-kriisit", "sv": "plotsliga-kriser", "en": "sudden-crises"},
    ),
    Topic(
        "substance-use",
        {"fi": "Päihteet", "sv": "Rusmedel", "en": "Substance use"},
        {"fi": "paihteet", "sv": "rusmedel", "en": "substance-use"},
    ),
    Topic(
        "mental-health",
        {"fi": "Mielenterveys", "sv": "Psykisk hälsa", "en": "Mental health"},
        {"fi": "mielenterveys", "sv": "psykisk-halsa", "en": "mental-health"},
    ),
    Topic(
        "illness-disability-functioning",
        {
            "fi": "Sairaus, vamma ja toimintakyky",
            "sv": "Sjukdom, funktionsnedsättning och funktionsförmåga",
            "en": "Illness, disability and functioning",
        },
        {
            "fi": "sairaus-vamma-ja-toimintakyky",
            "sv": "sjukdom-och-funktionsformaga",
            "en": "illness-disability-and-functioning",
        },
    ),
    Topic(
        "employment-and-activity",
        {
            "fi": "Työ ja toimeliaisuus",
            "sv": "Arbete och aktivitet",
            "en": "Employment and activity",
        },
        {
            "fi": "tyo-ja-toimeliaisuus",
            "sv": "arbete-och-aktivitet",
            "en": "employment-and-activity",
        },
    ),
    Topic(
        "support-for-relatives",
        {"fi": "Läheisen tukeminen", "sv": "Stöd för närstående", "en": "Support for relatives"},
        {"fi": "laheisen-tukeminen", "sv": "stod-for-narstaende", "en": "support-for-relatives"},
    ),
    Topic(
        OTHER_SERVICES,
        {"fi": "Muut palvelut", "sv": "Övriga tjänster", "en": "Other services"},
        {"fi": "muut-palvelut", "sv": "ovriga-tjanster", "en": "other-services"},
    ),
)
TOPICS_BY_KEY = {topic.key: topic for topic in TAXONOMY}

# (topic, word stems in the Finnish name or service classes), most specific first.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("violence-and-abuse", ("turvakoti", "väkival", "kaltoin", "lähisuhde")),
    (
        "substance-use",
        (
            "päihde",
            "päihte",
            "selviämis",
            "katkaisu",
            "vieroitus",
            "alkoholi",
            "huume",
            "riippuvuu",
        ),
    ),
    ("mental-health", ("mielenterv", "psykolog", "psykoterap", "psykiatr")),
    ("sudden-crises", ("päivysty", "kriisi", "ensiapu")),
    ("money-and-debt", ("velka", "toimeentulo", "luototus", "lainat ja luot", "elatus")),
    ("housing", ("asunto", "asunno", "asumis", "asuminen")),
    ("support-for-relatives", ("omais", "läheis", "perhehoito", "tukiperhe", "tukihenkilö")),
    ("employment-and-activity", ("työtoiminta", "työllist", "työttöm", "kuntouttava työ")),
    (
        "loneliness-and-inclusion",
        (
            "vertais",
            "virkistys",
            "harrastus",
            "kerho",
            "päivätoiminta",
            "osallisuu",
            "yksinäi",
            "maahanmuutt",
            "kotoutt",
        ),
    ),
    (
        "illness-disability-functioning",
        (
            "vamma",
            "kuntoutu",
            "apuväline",
            "terapi",
            "hoito",
            "terveydenhuol",
            "terveystarkast",
            "sairaa",
            "lääkär",
            "kuljetus",
            "vastaanotto",
            "henkilökohtai",
            "tulkki",
            "hammas",
            "suun ",
            "neuvola",
            "laboratori",
            "rokotu",
            "potilas",
        ),
    ),
)
# Outside social and health care (municipal permits, libraries, business services …) only
# these unmistakable words pull a service into a resident topic ("talous" alone would bring in
# household wastewater and farm relief services); everything else goes under "Other services".
OTHER_SERVICE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("money-and-debt", ("velkaneuvon", "toimeentulo", "luototus")),
    ("violence-and-abuse", ("väkival", "turvakoti")),
    ("substance-use", ("päihde", "päihte")),
    ("mental-health", ("mielenterv",)),
    ("sudden-crises", ("kriisi",)),
)


def topic_for_service(*, reference: str, name_fi: str, service_classes: list[str]) -> str:
    """The topic key for a service, from its PTV reference, Finnish name and classes.

    The name is tried first and the classes only when the name says nothing: a class such as
    "Päihde- ja mielenterveyspalvelut" is shared by services that belong to either topic."""
    name = name_fi.lower()
    classes = " | ".join(service_classes).lower()
    is_social_or_health = reference.upper().startswith("SOTE-") or "sosiaali" in f"{name} {classes}"
    rules = RULES if is_social_or_health else OTHER_SERVICE_RULES
    for text in (name, classes):
        for topic_key, stems in rules:
            if any(stem in text for stem in stems):
                return topic_key
    return DEFAULT_SOCIAL_TOPIC if is_social_or_health else OTHER_SERVICES
