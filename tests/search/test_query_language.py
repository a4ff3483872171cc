"""search.query_language, and the search page's note when a query is in another language."""

import re

import pytest

from search import services
from search.backends.database import DatabaseBackend
from search.query_language import query_language, words_to_look_up
from search.services import SearchRequest, search_run
from tests.search.test_contract import service

# What each language's index knows, as a small portal's would (the tests of the pure module
# give it directly; the service looks the query's words up in the index).
VOCABULARY = {
    "fi": {
        "miten",
        "haen",
        "toimeentulotukea",
        "toimeentulotuki",
        "velkaneuvonta",
        "apua",
        "asunto",
        "velat",
        "kela",
        "helsinki",
        "mielenterveyspalvelut",
        "tarvitsen",
    },
    "sv": {
        "hur",
        "ansöker",
        "försörjningsstöd",
        "hjälp",
        "skulder",
        "behöver",
        "boende",
        "äldre",
        "skuldrådgivning",
        "kela",
        "helsinki",
        "social",
        "service",
        "mental",
        "stöd",
    },
    "en": {
        "how",
        "apply",
        "social",
        "assistance",
        "help",
        "debts",
        "need",
        "service",
        "services",
        "mental",
        "health",
        "housing",
        "kela",
        "helsinki",
        "debt",
        "advice",
    },
}


def known(text):
    words = set(words_to_look_up(text))
    return {language: words & vocabulary for language, vocabulary in VOCABULARY.items()}


@pytest.mark.parametrize(
    "page, text, expected",
    [
        # Swedish
        ("en", "hur ansöker jag om försörjningsstöd", "sv"),
        ("fi", "jag behöver hjälp med skulder", "sv"),
        ("en", "boende för äldre", "sv"),
        ("fi", "var kan jag få hjälp", "sv"),  # function words and å, no index word needed
        ("en", "skuldrådgivning", "sv"),  # one long word only Swedish knows
        # Finnish
        ("sv", "miten haen toimeentulotukea", "fi"),
        ("en", "tarvitsen apua velat", "fi"),
        ("en", "toimeentulotuki", "fi"),
        ("sv", "mielenterveyspalvelut", "fi"),
        # English
        ("fi", "how do I apply for social assistance", "en"),
        ("sv", "i need help with my debts", "en"),
        ("fi", "mental health services", "en"),
        ("fi", "debt advice", "en"),
        # The page's own language: nothing to say.
        ("sv", "hur ansöker jag om försörjningsstöd", None),
        ("en", "how do I apply for social assistance", None),
        ("fi", "miten haen toimeentulotukea", None),
        # Ambiguous, mixed, names, numbers, short words: no answer.
        ("fi", "social service", None),  # Swedish and English alike
        ("fi", "velkaneuvonta debt advice", None),  # mixed, and the page's language is in it
        ("en", "kela helsinki", None),  # names every language's pages use
        ("fi", "Matti Meikäläinen", None),  # unknown everywhere
        ("en", "112", None),
        ("en", "0800 123 456 i", None),
        ("en", "å", None),
        ("en", "stöd", None),  # one short word
        ("sv", "help", None),
        ("fi", "housing", None),  # one word, not long enough to go by
        ("en", "velat", None),
        ("en", "hjälp debts", None),  # one word each
        ("en", "", None),
        ("xx", "hur ansöker jag om försörjningsstöd", None),
    ],
)
def test_the_language_of_a_query(page, text, expected):
    assert query_language(text, page_language=page, known=known(text)) == expected


def test_a_word_with_letters_english_does_not_write_is_not_english():
    text = "hjälp behöver"
    vocabulary = {"en": {"hjälp", "behöver"}, "sv": {"hjälp", "behöver"}}
    assert query_language(text, page_language="fi", known=vocabulary) == "sv"


def test_one_short_word_is_not_even_looked_up():
    assert words_to_look_up("stöd") == ()
    assert words_to_look_up("a 112 EU") == ()
    assert words_to_look_up("hur ansöker jag") == ("hur", "ansöker", "jag")


# --- The search page ------------------------------------------------------------------------


@pytest.fixture
def pages_in_three_languages(db, database_search):
    backend = DatabaseBackend()
    backend.clear()
    backend.index_documents(
        [
            service(
                "assistance-fi",
                "Toimeentulotuki",
                "Miten haen toimeentulotukea? Kela auttaa.",
            ),
            service(
                "assistance-sv",
                "Utkomststöd",
                "Hur ansöker jag om försörjningsstöd? Du får hjälp med ansökan.",
                locale="sv",
            ),
            service(
                "assistance-en",
                "Social assistance",
                "How to apply for social assistance when you need help with money.",
                locale="en",
            ),
        ]
    )


_NOTE = re.compile(r'<p class="search-suggestion search-language">(.*?)</p>', re.S)


@pytest.mark.django_db
def test_a_swedish_search_on_the_english_page_links_the_swedish_search(
    client, demo_site, pages_in_three_languages
):
    query = "hur ansöker jag om försörjningsstöd"
    response = client.get("/en/search/", {"q": query})
    note = _NOTE.search(response.text)
    assert note, "no note on the page"
    assert "Your search looks like Swedish." in note.group(1)
    link = re.search(r'<a href="([^"]+)" lang="sv" hreflang="sv">([^<]+)</a>', note.group(1))
    assert link and link.group(2) == "Sök på svenska"
    swedish = client.get(link.group(1).replace("&amp;", "&"))
    assert swedish.status_code == 200
    assert link.group(1).startswith("/sv/sok/?q=")
    assert "Utkomststöd" in swedish.text
    assert not _NOTE.search(swedish.text)  # the Swedish page has nothing more to say


@pytest.mark.django_db
def test_the_note_is_in_the_pages_language(client, demo_site, pages_in_three_languages):
    response = client.get("/fi/haku/", {"q": "how to apply for social assistance"})
    note = _NOTE.search(response.text)
    assert note and "Hakusi näyttää olevan englantia." in note.group(1)
    assert '<a href="/en/search/?q=how%20to%20apply' in note.group(1)
    assert 'lang="en" hreflang="en">Search in English</a>' in note.group(1)


@pytest.mark.django_db
def test_an_english_search_on_the_english_page_has_no_note(
    client, demo_site, pages_in_three_languages
):
    response = client.get("/en/search/", {"q": "how to apply for social assistance"})
    assert response.status_code == 200
    assert "Social assistance" in response.text
    assert not _NOTE.search(response.text)
    assert not _NOTE.search(client.get("/en/search/", {"q": "stöd"}).text)


@pytest.mark.django_db
def test_the_language_costs_one_query_and_none_for_a_short_word(
    pages_in_three_languages, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert services._query_language("hur ansöker jag om försörjningsstöd", "en") == "sv"
    with django_assert_num_queries(0):
        assert services._query_language("stöd", "en") == ""
    outcome = search_run(SearchRequest(text="hur ansöker jag", locale="en-GB", logged=False))
    assert outcome.query_language == "sv"
