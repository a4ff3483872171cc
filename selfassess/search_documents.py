"""Self-assessments in site search: "jaksaminen testi" or "alkoholi kysely" should find the
assessment as well as the services. Registered with `search.indexing` when the app loads,
so the search app needs to know nothing about self-assessments."""

from django.utils.html import strip_tags

from portal.ptv.topics import TOPICS_BY_KEY
from search import analysis, thesaurus
from search.backends.base import KIND_SELF_ASSESSMENT, IndexDocument
from search.indexing import BuildContext, page_key, register_page_type
from selfassess.models import AssessmentPage, InstrumentPage
from selfassess.scoring import INSTRUMENTS

# The topic whose lay terms find a validated instrument ("ahdistaa" → GAD-7), and whose
# facet it shows under.
INSTRUMENT_TOPICS = {
    "who5": "mental-health",
    "phq9": "mental-health",
    "gad7": "mental-health",
    "eurohis8": "mental-health",
    "audit": "substance-use",
    "auditc": "substance-use",
}
SUMMARY_LENGTH = 300

# What residents call a self-assessment ("masennustesti", "alcohol test", "självtest"): the
# pages rarely say it of themselves, so every self-assessment carries these as keywords.
KIND_WORDS = {
    "fi": ("itsearviointi", "testi", "itsetesti", "kysely"),
    "sv": ("självskattning", "självtest", "test", "enkät"),
    "en": ("self-assessment", "self-test", "test", "questionnaire", "quiz"),
}
# What each validated instrument asks about, in everyday words: the page titles name the
# instrument ("Mood (PHQ-9)"), residents name the worry ("depression test").
INSTRUMENT_SUBJECTS = {
    "who5": {
        "fi": ("hyvinvointi", "jaksaminen", "mieliala"),
        "sv": ("välbefinnande", "ork", "humör"),
        "en": ("wellbeing", "coping", "mood"),
    },
    "phq9": {
        "fi": ("masennus", "mieliala", "alakulo"),
        "sv": ("depression", "nedstämdhet", "humör"),
        "en": ("depression", "mood", "feeling down"),
    },
    "gad7": {
        "fi": ("ahdistus", "ahdistuneisuus", "paniikki", "huoli"),
        "sv": ("ångest", "oro", "panik"),
        "en": ("anxiety", "worry", "panic"),
    },
    "audit": {
        "fi": ("alkoholi", "juominen", "päihteet"),
        "sv": ("alkohol", "drickande", "missbruk"),
        "en": ("alcohol", "drinking", "substance use"),
    },
    "auditc": {
        "fi": ("alkoholi", "juominen", "päihteet"),
        "sv": ("alkohol", "drickande", "missbruk"),
        "en": ("alcohol", "drinking", "substance use"),
    },
    "eurohis8": {
        "fi": ("elämänlaatu", "hyvinvointi"),
        "sv": ("livskvalitet", "välbefinnande"),
        "en": ("quality of life", "wellbeing"),
    },
}


def _document(page, language: str, *, topics: tuple[str, ...], keywords: tuple[str, ...]):
    intro = " ".join(strip_tags(page.intro or "").split())
    summary = page.search_description or intro[:SUMMARY_LENGTH]
    return IndexDocument(
        key=page_key(page.pk),
        locale=language,
        kind=KIND_SELF_ASSESSMENT,
        title=page.title,
        url=page.get_url() or page.url_path,
        summary=summary,
        body=intro,
        keywords=keywords + KIND_WORDS.get(language, ()),
        lay_terms=thesaurus.lay_terms_for(language, topics),
        topics=topics,
        topic_labels=tuple(
            TOPICS_BY_KEY[key].titles.get(language, TOPICS_BY_KEY[key].titles["fi"])
            for key in topics
        ),
        page_id=page.pk,
    )


@register_page_type(InstrumentPage)
def instrument_document(page: InstrumentPage, context: BuildContext) -> IndexDocument:
    language = analysis.primary_language(page.locale.language_code)
    topic = INSTRUMENT_TOPICS.get(page.instrument)
    instrument = INSTRUMENTS.get(page.instrument)
    subjects = INSTRUMENT_SUBJECTS.get(page.instrument, {}).get(language, ())
    return _document(
        page,
        language,
        topics=(topic,) if topic else (),
        keywords=((instrument.name,) if instrument else ()) + subjects,
    )


@register_page_type(AssessmentPage)
def assessment_document(page: AssessmentPage, context: BuildContext) -> IndexDocument:
    language = analysis.primary_language(page.locale.language_code)
    return _document(page, language, topics=(), keywords=())
