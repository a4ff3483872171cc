"""The behaviour every search backend promises (`search.backends.base.SearchBackend`).

One suite, run against each backend by the `backend` fixture (tests/search/conftest.py):
the database backend always, Elasticsearch when ELASTICSEARCH_URL is set. The documents are
small and our own, in Finnish, Swedish and English.
"""

import time

import pytest

from search.backends.base import (
    FACET_TARGET_GROUP,
    FACET_TOPIC,
    KIND_SERVICE,
    KIND_TOPIC,
    IndexDocument,
    SearchBackend,
    SearchQuery,
)
from tests.search.conftest import settle

ADULTS = "http://urn.fi/URN:NBN:fi:au:ptvl:v2001"
DISABLED = "http://urn.fi/URN:NBN:fi:au:ptvl:v2007"


def service(key, title, summary="", body="", *, locale="fi", topic="money-and-debt", **extra):
    fields = {
        "key": key,
        "locale": locale,
        "kind": KIND_SERVICE,
        "title": title,
        "url": f"/{locale}/{key}/",
        "summary": summary,
        "body": body,
        "topics": (topic,),
        "topic_labels": (topic.replace("-", " ").capitalize(),),
        "target_groups": (ADULTS,),
        "target_group_labels": ("Aikuiset",),
        "reference": key.upper(),
    }
    fields.update(extra)
    return IndexDocument(**fields)


DOCUMENTS = [
    service(
        "debt",
        "Talous- ja velkaneuvonta",
        "Maksutonta neuvontaa, kun velat ja laskut kasvavat.",
        "Velkaneuvoja auttaa tekemään maksusuunnitelman ja neuvottelee velkojien kanssa. "
        "Pikavipit ja ulosotto ovat tavallisia syitä hakea apua.",
    ),
    service(
        "assistance",
        "Toimeentulotuki",
        "Täydentävä ja ehkäisevä toimeentulotuki hyvinvointialueelta.",
        "Hae ensin perustoimeentulotukea Kelasta. Toimeentulotuen päätös tehdään seitsemässä "
        "arkipäivässä.",
    ),
    service(
        "budget",
        "Raha-asioiden ohjaus",
        "Apua budjetin tekemiseen.",
        "Ohjaaja neuvoo, miten laskut maksetaan ajallaan ja miten velkoihin haetaan neuvontaa.",
    ),
    service(
        "shelter",
        "Turvakoti",
        "Turvallinen paikka väkivaltaa pakeneville ympäri vuorokauden.",
        "Turvakotiin voi tulla lasten kanssa. Lähisuhdeväkivalta on rikos.",
        topic="violence-and-abuse",
        target_groups=(ADULTS, DISABLED),
        target_group_labels=("Aikuiset", "Vammaiset"),
    ),
    service(
        "mental",
        "Mielenterveyspalvelut",
        "Keskusteluapua ja hoitoa aikuisille.",
        "Mielenterveyden ongelmiin saa apua ilman lähetettä.",
        topic="mental-health",
    ),
    service(
        "detox",
        "Päihdekuntoutus",
        "Kuntoutusta alkoholi- ja huumeongelmiin.",
        "Päihdekuntoutukseen hakeudutaan päihdepalveluiden kautta.",
        topic="substance-use",
    ),
    service(
        "debt-sv",
        "Ekonomisk rådgivning och skuldrådgivning",
        "Avgiftsfri rådgivning när skulderna växer.",
        "Skuldrådgivaren hjälper med en betalningsplan.",
        locale="sv",
    ),
    service(
        "debt-en",
        "Financial and debt counselling",
        "Free advice when debts and bills pile up.",
        "The debt counsellor helps you make a repayment plan.",
        locale="en",
    ),
    IndexDocument(
        key="topic-money",
        locale="fi",
        kind=KIND_TOPIC,
        title="Raha-asiat ja velat",
        url="/fi/raha-asiat/",
        summary="Palvelut, kun rahat eivät riitä.",
        topics=("money-and-debt",),
        topic_labels=("Raha-asiat ja velat",),
    ),
]


@pytest.fixture
def indexed(backend):
    backend.index_documents(DOCUMENTS)
    settle(backend)
    return backend


def search(backend, text, locale="fi", **options):
    return backend.search(SearchQuery(text=text, locale=locale, **options))


def keys(results):
    return [hit.key for hit in results.hits]


def test_implements_the_protocol(backend):
    assert isinstance(backend, SearchBackend)
    assert backend.name


def test_an_obvious_match_comes_first(indexed):
    results = search(indexed, "velkaneuvonta")
    assert keys(results)[0] == "debt"
    assert results.hits[0].reference == "DEBT"
    assert results.hits[0].url == "/fi/debt/"
    assert results.hits[0].kind == KIND_SERVICE
    assert results.total >= 1


def test_an_inflected_finnish_word_finds_its_base_form(indexed):
    assert keys(search(indexed, "toimeentulotuesta"))[0] == "assistance"
    assert "shelter" in keys(search(indexed, "turvakodista"))


def test_a_compound_query_finds_its_parts(indexed):
    # "velkaneuvontaa" is velka + neuvonta: the budget page has the two words apart.
    assert "budget" in keys(search(indexed, "velkaneuvontaa"))
    assert "mental" in keys(search(indexed, "mielenterveys palvelut"))


def test_a_typo_gets_a_suggestion_and_still_finds(indexed):
    results = search(indexed, "velkaneuvota")
    assert results.suggestion == "velkaneuvonta"
    assert keys(results)[0] == "debt"


def test_a_correct_query_gets_no_suggestion(indexed):
    assert search(indexed, "velkaneuvonta").suggestion is None


def test_each_locale_is_searched_on_its_own(indexed):
    assert keys(search(indexed, "skuldrådgivning", "sv")) == ["debt-sv"]
    assert keys(search(indexed, "debt counselling", "en"))[0] == "debt-en"
    assert "debt-sv" not in keys(search(indexed, "skuldrådgivning", "fi"))


def test_facets_count_topics_and_target_groups(indexed):
    results = search(indexed, "velat väkivalta")
    topics = {facet.value: facet.count for facet in results.facets[FACET_TOPIC]}
    groups = {facet.value: facet.count for facet in results.facets[FACET_TARGET_GROUP]}
    found = list(results.hits)
    assert topics["violence-and-abuse"] == 1
    assert topics["money-and-debt"] == sum(1 for hit in found if "money-and-debt" in hit.topics)
    assert groups[DISABLED] == 1
    assert groups[ADULTS] == sum(1 for hit in found if hit.kind == KIND_SERVICE)
    labels = {facet.value: facet.label for facet in results.facets[FACET_TARGET_GROUP]}
    assert labels[DISABLED] == "Vammaiset"


def test_filters_by_topic_and_target_group(indexed):
    results = search(indexed, "velat väkivalta", topic="violence-and-abuse")
    assert keys(results) == ["shelter"]
    assert results.total == 1
    results = search(indexed, "velat väkivalta", target_group=DISABLED)
    assert keys(results) == ["shelter"]


def test_pagination_reports_the_total_and_pages_through_it(indexed):
    everything = search(indexed, "velat laskut velkaneuvonta raha", per_page=50)
    assert everything.total == len(everything.hits) >= 3
    first = search(indexed, "velat laskut velkaneuvonta raha", per_page=2)
    second = search(indexed, "velat laskut velkaneuvonta raha", per_page=2, page=2)
    assert first.total == second.total == everything.total
    assert keys(first) == keys(everything)[:2]
    assert keys(second) == keys(everything)[2:4]
    beyond = search(indexed, "velat laskut velkaneuvonta raha", per_page=2, page=50)
    assert beyond.hits == [] and beyond.total == everything.total


def test_snippets_are_escaped_and_mark_the_matches(backend):
    backend.index_documents(
        [
            service(
                "html",
                "Neuvonta",
                "",
                'Kirjoita <script>alert("x")</script> & velkaneuvontaan liittyvät kysymykset.',
            )
        ]
    )
    settle(backend)
    snippet = search(backend, "velkaneuvonta").hits[0].snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet
    assert "<mark>velkaneuvontaan</mark>" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


HOSTILE = [
    "",
    "   ",
    "AND",
    "OR NOT",
    '"',
    '"velka',
    "velka*",
    "*",
    "(velka OR",
    ")",
    "NEAR(velka laskut)",
    "title:velka",
    "velka^2 -laskut",
    "'; DROP TABLE search_searchdocument; --",
    "\x00\x01\x02 velka \x1b[31m",
    "\u202evelka\u200b",
    "<script>alert(1)</script>",
    "a" * 10_000,
    "velka " * 2_000,
    "!!! ??? ### ::: |||",
    "🤦🏼‍♂️ velka",
    "vaa'an vuokra-asunto EU:n",
    "\\",
    "%_%",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_odd_input_never_raises_and_answers_quickly(indexed, text):
    started = time.perf_counter()
    results = search(indexed, text)
    completions = indexed.autocomplete(text, "fi")
    assert time.perf_counter() - started < 2.0
    assert results.total >= len(results.hits)
    assert isinstance(completions, list)


def test_empty_query_has_no_results(indexed):
    results = search(indexed, "")
    assert results.hits == [] and results.total == 0


def test_deleted_documents_are_gone(indexed):
    indexed.delete_documents(["debt", "unknown-key"])
    settle(indexed)
    assert "debt" not in keys(search(indexed, "velkaneuvonta"))


def test_indexing_again_replaces_the_document(indexed):
    indexed.index_documents([service("debt", "Sosiaalinen luototus", "Pieni laina.")])
    settle(indexed)
    assert "debt" not in keys(search(indexed, "velkaneuvonta"))
    assert keys(search(indexed, "luototus"))[0] == "debt"


def test_rebuild_replaces_everything_and_reports_progress(indexed):
    done = []
    count = indexed.rebuild(DOCUMENTS[:2], progress=done.append)
    settle(indexed)
    assert count == 2 and sum(done) == 2
    assert keys(search(indexed, "turvakoti")) == []
    assert keys(search(indexed, "toimeentulotuki"))[0] == "assistance"


def test_autocomplete_completes_titles(indexed):
    completions = indexed.autocomplete("velk", "fi")
    assert "Talous- ja velkaneuvonta" in completions
    assert all(isinstance(item, str) for item in completions)
    assert len(indexed.autocomplete("velk", "fi", limit=1)) == 1
    assert "Turvakoti" in indexed.autocomplete("turv", "fi")
    assert indexed.autocomplete("skuld", "sv")[0].startswith("Ekonomisk")


def test_unpublished_and_deleted_pages_leave_the_index(backend, demo_site):
    from portal.models import ServicePage, TopicPage

    topic = demo_site.add_child(
        instance=TopicPage(title="Raha-asiat", slug="raha", topic_key="money-and-debt")
    )
    topic.save_revision().publish()
    page = topic.add_child(
        instance=ServicePage(title="Velkaneuvonta", slug="velkaneuvonta", summary="Apua velkoihin.")
    )
    page.save_revision().publish()
    settle(backend)
    hit = search(backend, "velkaneuvonta").hits[0]
    assert hit.page_id == page.pk and hit.topics == ("money-and-debt",)

    page.unpublish()
    settle(backend)
    assert page.pk not in [hit.page_id for hit in search(backend, "velkaneuvonta").hits]

    page.save_revision().publish()
    settle(backend)
    assert search(backend, "velkaneuvonta").hits[0].page_id == page.pk
    page.delete()
    settle(backend)
    assert search(backend, "velkaneuvonta").hits == []
