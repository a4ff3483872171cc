"""Demo self-assessments: the validated instruments as ready pages, and one editor-built
assessment, in fi, sv and en, linked as translations. Idempotent, like the rest of the demo.

Recommended services are the demo county's (found by their Finnish slug); without the county
the pages are created without them.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page

from portal.models import HomePage, ServicePage
from portal.page_trees import translated_pages_ensure
from selfassess.models import AssessmentPage, InstrumentPage, SelfAssessmentIndexPage

LANGUAGES = ("fi", "sv", "en")
DEMO_ADVICE_PHONE = "09 0000 2000"

INDEX_TEXT = {
    "fi": (
        "Itsearvioinnit",
        "itsearvioinnit",
        "Testaa omaa tilannettasi nimettömästi. Vastauksiasi ei tallenneta, ja tulos kertoo, "
        "mistä saat apua.",
    ),
    "sv": (
        "Självskattningar",
        "sjalvskattningar",
        "Testa din situation anonymt. Dina svar sparas inte, och resultatet berättar var du "
        "får hjälp.",
    ),
    "en": (
        "Self-assessments",
        "self-assessments",
        "Check your own situation anonymously. Your answers are not saved, and the result tells "
        "you where to get help.",
    ),
}

# instrument → (slug, titles, introductions, services by band as Finnish service slugs)
INSTRUMENT_PAGES = {
    "who5": (
        "who-5",
        {"fi": "Hyvinvointi (WHO-5)", "sv": "Välbefinnande (WHO-5)", "en": "Wellbeing (WHO-5)"},
        {
            "fi": "Viisi kysymystä siitä, miltä sinusta on tuntunut kahden viime viikon aikana.",
            "sv": "Fem frågor om hur du har mått under de senaste två veckorna.",
            "en": "Five questions about how you have been feeling over the last two weeks.",
        },
        {
            "good": ["kohtaamispaikka-olohuone"],
            "low": ["matalan-kynnyksen-mielenterveyspalvelut", "palveluohjaus"],
        },
    ),
    "phq9": (
        "phq-9",
        {"fi": "Mieliala (PHQ-9)", "sv": "Sinnesstämning (PHQ-9)", "en": "Mood (PHQ-9)"},
        {
            "fi": "Yhdeksän kysymystä masennuksen oireista kahden viime viikon aikana.",
            "sv": "Nio frågor om symtom på depression under de senaste två veckorna.",
            "en": "Nine questions about symptoms of depression over the last two weeks.",
        },
        {
            "mild": ["matalan-kynnyksen-mielenterveyspalvelut"],
            "moderate": ["matalan-kynnyksen-mielenterveyspalvelut", "palveluohjaus"],
            "moderately_severe": ["matalan-kynnyksen-mielenterveyspalvelut", "palveluohjaus"],
            "severe": ["matalan-kynnyksen-mielenterveyspalvelut", "kriisiapu"],
        },
    ),
    "gad7": (
        "gad-7",
        {"fi": "Ahdistus (GAD-7)", "sv": "Ångest (GAD-7)", "en": "Anxiety (GAD-7)"},
        {
            "fi": "Seitsemän kysymystä ahdistuneisuudesta kahden viime viikon aikana.",
            "sv": "Sju frågor om ångest under de senaste två veckorna.",
            "en": "Seven questions about anxiety over the last two weeks.",
        },
        {
            "mild": ["matalan-kynnyksen-mielenterveyspalvelut"],
            "moderate": ["matalan-kynnyksen-mielenterveyspalvelut", "palveluohjaus"],
            "severe": ["matalan-kynnyksen-mielenterveyspalvelut", "kriisiapu"],
        },
    ),
    "audit": (
        "audit",
        {
            "fi": "Alkoholinkäyttö (AUDIT)",
            "sv": "Alkoholvanor (AUDIT)",
            "en": "Alcohol use (AUDIT)",
        },
        {
            "fi": "Kymmenen kysymystä alkoholinkäytöstäsi ja sen haitoista.",
            "sv": "Tio frågor om ditt alkoholbruk och dess skador.",
            "en": "Ten questions about your drinking and the harm it may cause.",
        },
        {
            "risk": ["paihde-ja-riippuvuuspalvelut"],
            "harmful": ["paihde-ja-riippuvuuspalvelut", "palveluohjaus"],
            "dependence": ["paihde-ja-riippuvuuspalvelut", "palveluohjaus"],
        },
    ),
    "auditc": (
        "audit-c",
        {
            "fi": "Alkoholin pikatesti (AUDIT-C)",
            "sv": "Snabbtest om alkohol (AUDIT-C)",
            "en": "Quick alcohol check (AUDIT-C)",
        },
        {
            "fi": "Kolme kysymystä: onko alkoholinkäyttösi riskirajan yli?",
            "sv": "Tre frågor: dricker du mer än riskgränsen?",
            "en": "Three questions: is your drinking above the risk limit?",
        },
        {"risk": ["paihde-ja-riippuvuuspalvelut", "palveluohjaus"]},
    ),
    "eurohis8": (
        "eurohis-8",
        {
            "fi": "Elämänlaatu (EUROHIS-8)",
            "sv": "Livskvalitet (EUROHIS-8)",
            "en": "Quality of life (EUROHIS-8)",
        },
        {
            "fi": "Kahdeksan kysymystä elämänlaadustasi.",
            "sv": "Åtta frågor om din livskvalitet.",
            "en": "Eight questions about your quality of life.",
        },
        {"lower": ["sosiaalinen-kuntoutus", "palveluohjaus"]},
    ),
}

EVERYDAY = {
    "fi": {
        "title": "Miten arkesi sujuu?",
        "slug": "arjen-sujuminen",
        "intro": "<p>Neljä kysymystä rahasta, tuesta ja jaksamisesta. Tulos kertoo, mistä "
        "palveluista voisi olla apua.</p>",
        "questions": [
            (
                "single_choice",
                "Riittävätkö rahasi välttämättömiin menoihin, kuten ruokaan, vuokraan ja "
                "lääkkeisiin?",
                ["Aina", "Yleensä", "Harvoin", "Ei koskaan"],
            ),
            (
                "likert",
                "Minulla on joku, jonka kanssa voin puhua huolistani.",
                [
                    "Täysin samaa mieltä",
                    "Jokseenkin samaa mieltä",
                    "Ei samaa eikä eri mieltä",
                    "Jokseenkin eri mieltä",
                    "Täysin eri mieltä",
                ],
            ),  # fmt: skip
            (
                "multiple_choice",
                "Mitkä seuraavista ovat huolettaneet sinua viime kuukauden aikana?",
                [
                    "Asuminen",
                    "Velat tai laskut",
                    "Yksinäisyys",
                    "Päihteet",
                    "Väkivalta tai sen uhka",
                ],
            ),  # fmt: skip
            ("number", "Monena päivänä viime viikolla et jaksanut hoitaa arjen asioita?", "päivää"),
        ],
        "bands": [
            ("Arkesi sujuu hyvin", "<p>Vastaustesi perusteella pärjäät arjessa hyvin.</p>"),
            (
                "Arjessa on kuormittavia asioita",
                "<p>Sinulla on huolia, joihin voit saada neuvoa. Katso alla olevat palvelut.</p>",
            ),
            (
                "Saatat tarvita tukea arkeen",
                "<p>Arjessasi on monta kuormittavaa asiaa. Palveluohjaus auttaa löytämään sinulle "
                "sopivat palvelut.</p>",
            ),
        ],
    },
    "sv": {
        "title": "Hur går vardagen?",
        "slug": "vardagen",
        "intro": "<p>Fyra frågor om pengar, stöd och ork. Resultatet berättar vilka tjänster "
        "som kan hjälpa.</p>",
        "questions": [
            (
                "single_choice",
                "Räcker dina pengar till nödvändiga utgifter, som mat, hyra och mediciner?",
                ["Alltid", "Oftast", "Sällan", "Aldrig"],
            ),
            (
                "likert",
                "Jag har någon som jag kan prata med om mina bekymmer.",
                [
                    "Helt av samma åsikt",
                    "Delvis av samma åsikt",
                    "Varken av samma eller annan åsikt",
                    "Delvis av annan åsikt",
                    "Helt av annan åsikt",
                ],
            ),  # fmt: skip
            (
                "multiple_choice",
                "Vilka av följande har oroat dig under den senaste månaden?",
                [
                    "Boende",
                    "Skulder eller räkningar",
                    "Ensamhet",
                    "Rusmedel",
                    "Våld eller hot om våld",
                ],
            ),  # fmt: skip
            (
                "number",
                "Hur många dagar förra veckan orkade du inte sköta vardagliga saker?",
                "dagar",
            ),
        ],
        "bands": [
            ("Din vardag fungerar bra", "<p>Enligt dina svar klarar du vardagen bra.</p>"),
            (
                "Vardagen har belastande saker",
                "<p>Du har bekymmer som du kan få råd om. Se tjänsterna nedan.</p>",
            ),
            (
                "Du kan behöva stöd i vardagen",
                "<p>Din vardag har många belastande saker. Servicehandledningen hjälper dig att "
                "hitta tjänster som passar dig.</p>",
            ),
        ],
    },
    "en": {
        "title": "How is everyday life going?",
        "slug": "everyday-life",
        "intro": "<p>Four questions about money, support and energy. The result tells you "
        "which services could help.</p>",
        "questions": [
            (
                "single_choice",
                "Does your money cover the essentials, such as food, rent and medicines?",
                ["Always", "Usually", "Rarely", "Never"],
            ),
            (
                "likert",
                "I have someone I can talk to about my worries.",
                [
                    "Strongly agree",
                    "Somewhat agree",
                    "Neither agree nor disagree",
                    "Somewhat disagree",
                    "Strongly disagree",
                ],
            ),  # fmt: skip
            (
                "multiple_choice",
                "Which of these have worried you during the last month?",
                [
                    "Housing",
                    "Debts or bills",
                    "Loneliness",
                    "Alcohol or drugs",
                    "Violence or the threat of it",
                ],
            ),  # fmt: skip
            (
                "number",
                "On how many days last week could you not manage everyday things?",
                "days",
            ),
        ],
        "bands": [
            ("Everyday life is going well", "<p>Your answers suggest you are coping well.</p>"),
            (
                "Some things weigh on you",
                "<p>You have worries you can get advice on. See the services below.</p>",
            ),
            (
                "You may need support in everyday life",
                "<p>Many things weigh on your everyday life. Service guidance helps you find "
                "the services that suit you.</p>",
            ),
        ],
    },
}
# Scores shared by every language: the scoring must be identical in all translations.
EVERYDAY_SCORES = [
    [0, 1, 2, 3],
    [0, 1, 2, 3, 4],
    [1, 1, 1, 1, 2],
]
EVERYDAY_RED_FLAG = (2, 4)  # question index, option index: violence
EVERYDAY_BANDS = [(0, 5, "advice"), (6, 11, "advice"), (12, 20, "guidance")]
EVERYDAY_SERVICES = [
    ["ota-yhteytta-palveluneuvontaan"],
    ["talousneuvonta", "asumisneuvonta", "kohtaamispaikka-olohuone"],
    ["palveluohjaus", "apua-lahisuhdevakivaltaan"],
]


@transaction.atomic
def selfassess_demo_load(*, home_fi: HomePage) -> dict[str, int]:
    """Create what is missing; return how many assessment pages there are per language."""
    homes = {"fi": home_fi} | {
        code: home_fi.get_translation(Locale.objects.get(language_code=code))
        for code in LANGUAGES[1:]
    }
    services = _services_by_fi_slug()
    indexes = translated_pages_ensure(
        homes,
        SelfAssessmentIndexPage,
        {code: INDEX_TEXT[code][1] for code in LANGUAGES},
        lambda code: {
            "title": INDEX_TEXT[code][0],
            "intro": INDEX_TEXT[code][2],
            "guidance_phone": DEMO_ADVICE_PHONE,
            "guidance_page": services.get("palveluohjaus", {}).get(code),
        },
        lookup=lambda code: {},  # one index per home
    )
    count = 0
    for instrument, (slug, titles, intros, band_services) in INSTRUMENT_PAGES.items():
        if instrument == "eurohis8" and not settings.SELFASSESS_EUROHIS8_ENABLED:
            continue
        translated_pages_ensure(
            indexes,
            InstrumentPage,
            dict.fromkeys(LANGUAGES, slug),
            lambda code, i=instrument, t=titles, n=intros, b=band_services: {
                "title": t[code],
                "instrument": i,
                "intro": f"<p>{n[code]}</p>",
                "band_services": [
                    ("band", {"band": band, "services": _pages(services, slugs, code)})
                    for band, slugs in b.items()
                ],
            },
            lookup=lambda code, i=instrument: {"instrument": i},
        )
        count += 1
    translated_pages_ensure(
        indexes,
        AssessmentPage,
        {code: EVERYDAY[code]["slug"] for code in LANGUAGES},
        lambda code: _everyday_fields(code, services),
        lookup=lambda code: {"assessment_key": "everyday-life"},
    )
    return {"assessments": count + 1}


def _services_by_fi_slug() -> dict[str, dict[str, Page]]:
    """Demo services in each language, keyed by the Finnish page's slug."""
    found: dict[str, dict[str, Page]] = {}
    for page in ServicePage.objects.filter(locale__language_code="fi"):
        translations = page.get_translations(inclusive=True).select_related("locale")
        found[page.slug] = {p.locale.language_code: p for p in translations}
    return found


def _pages(services, slugs, code) -> list[Page]:
    return [services[slug][code] for slug in slugs if code in services.get(slug, {})]


def _everyday_fields(code: str, services) -> dict:
    text = EVERYDAY[code]
    questions = []
    for position, (kind, question, options) in enumerate(text["questions"]):
        if kind == "number":
            value = {
                "question": question,
                "minimum": 0,
                "maximum": 7,
                "unit": options,
                "score_per_unit": 1,
            }
        else:
            value = {
                "question": question,
                "options": [
                    {
                        "label": label,
                        "score": EVERYDAY_SCORES[position][index],
                        "red_flag": (position, index) == EVERYDAY_RED_FLAG,
                    }
                    for index, label in enumerate(options)
                ],
            }
        questions.append((kind, value))
    bands = [
        (
            "band",
            {
                "min_score": low,
                "max_score": high,
                "heading": heading,
                "explanation": explanation,
                "services": _pages(services, EVERYDAY_SERVICES[index], code),
                "disposition": disposition,
            },
        )
        for index, ((low, high, disposition), (heading, explanation)) in enumerate(
            zip(EVERYDAY_BANDS, text["bands"], strict=True)
        )
    ]
    return {
        "title": text["title"],
        "assessment_key": "everyday-life",
        "intro": text["intro"],
        "questions": questions,
        "bands": bands,
        "minutes": 2,
    }
