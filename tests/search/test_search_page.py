"""The public search page and the search box's suggestions, as a resident uses them."""

import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from portal.models import Classification, ServicePage, TopicPage
from search.models import Promotion, QueryLogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_search")]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def county(demo_site):
    """Two topics with services: money matters (with a target group) and housing."""
    money = _publish(
        demo_site,
        TopicPage(title="Raha-asiat ja velat", slug="raha", topic_key="money-and-debt"),
    )
    housing = _publish(demo_site, TopicPage(title="Asuminen", slug="asuminen", topic_key="housing"))
    adults = Classification.objects.create(
        kind="target_group", uri="urn:adults", name_fi="Aikuiset", name_sv="Vuxna"
    )
    debt = _publish(
        money,
        ServicePage(
            title="Velkaneuvonta",
            slug="velkaneuvonta",
            summary="Maksutonta apua, kun velat kasvavat eikä raha riitä laskuihin.",
        ),
    )
    debt.classifications.add(adults)
    debt.save_revision().publish()
    _publish(
        housing,
        ServicePage(
            title="Asumisneuvonta",
            slug="asumisneuvonta",
            summary="Apua vuokravelkaan ja häätöuhkaan sekä asunnon hakemiseen.",
        ),
    )
    return {"money": money, "housing": housing, "adults": adults}


def _results(response) -> list[str]:
    return re.findall(r'class="search-result__title"><a href="[^"]*">([^<]*)</a>', response.text)


def test_a_resident_finds_a_service_by_an_inflected_word(client, county):
    response = client.get("/fi/haku/", {"q": "velkojen kanssa apua"})
    assert response.status_code == 200
    assert _results(response)[0] == "Velkaneuvonta"
    assert "<mark>" in response.text  # the matched words are highlighted in the snippet


def test_the_search_page_has_a_translated_address_in_each_language(client, county):
    assert client.get("/sv/sok/", {"q": "skuld"}).status_code == 200
    assert client.get("/en/search/", {"q": "debt"}).status_code == 200
    assert client.get("/fi/search/").status_code == 404


def test_every_page_has_a_search_box_pointing_to_its_language(client, county):
    for language, address in (("fi", "/fi/haku/"), ("sv", "/sv/sok/"), ("en", "/en/search/")):
        page = client.get(f"/{language}/")
        assert f'<form class="site-search" role="search" method="get" action="{address}">' in (
            page.text
        )


def test_an_empty_search_shows_the_box_and_no_results(client, county):
    response = client.get("/fi/haku/", {"q": "   "})
    assert response.status_code == 200
    assert 'id="search-q"' in response.text
    assert "results-heading" not in response.text
    assert not QueryLogEntry.objects.exists()


def test_nothing_found_tells_what_to_try(client, county):
    response = client.get("/fi/haku/", {"q": "zzxqv"})
    assert response.status_code == 200
    assert 'class="search-empty"' in response.text
    assert QueryLogEntry.objects.get().result_count == 0


def test_a_very_long_search_is_shortened_with_a_message(client, county):
    response = client.get("/fi/haku/", {"q": "velka " * 2000})
    assert response.status_code == 200
    assert 'role="status"' in response.text
    assert len(QueryLogEntry.objects.get().query) <= 200


def test_an_emergency_search_shows_the_crisis_numbers_first(client, county):
    response = client.get("/fi/haku/", {"q": "itsemurha-ajatuksia"})
    assert 'id="urgent-help-heading"' in response.text
    assert 'href="tel:112"' in response.text.split('id="results-heading"')[0]
    calm = client.get("/fi/haku/", {"q": "velkaneuvonta"})
    assert 'id="urgent-help-heading"' not in calm.text


@pytest.mark.parametrize(
    "language, query",
    [("fi", "mieheni väkivaltaisuus"), ("sv", "våld i hemmet"), ("en", "domestic violence")],
)
def test_violence_signals_an_emergency_in_each_language(client, county, language, query):
    path = {"fi": "/fi/haku/", "sv": "/sv/sok/", "en": "/en/search/"}[language]
    assert 'id="urgent-help-heading"' in client.get(path, {"q": query}).text


def test_filters_narrow_the_results_and_can_be_removed(client, county):
    everything = client.get("/fi/haku/", {"q": "apua"})
    assert set(_results(everything)) == {"Velkaneuvonta", "Asumisneuvonta"}
    assert "Asuminen</a> (1)" in everything.text
    housing = client.get("/fi/haku/", {"q": "apua", "topic": "housing"})
    assert _results(housing) == ["Asumisneuvonta"]
    assert 'aria-current="true">Asuminen (1)' in housing.text
    adults = client.get("/fi/haku/", {"q": "apua", "group": "urn:adults"})
    assert _results(adults) == ["Velkaneuvonta"]


def test_pages_of_results(client, county):
    for number in range(12):
        _publish(
            county["money"],
            ServicePage(title=f"Budjettikurssi {number}", slug=f"talous-{number}", summary="Raha"),
        )
    first = client.get("/fi/haku/", {"q": "budjettikurssi"})
    assert len(_results(first)) == 10
    assert 'rel="next"' in first.text
    second = client.get("/fi/haku/", {"q": "budjettikurssi", "page": "2"})
    assert len(_results(second)) == 2
    assert '<ol class="search-results__list" start="11">' in second.text
    assert 'rel="prev"' in second.text
    # Nonsense page numbers give the first page; one past the end gives the last page.
    for nonsense in ("abc", "²", "①", "0", "-1", "99999"):
        response = client.get("/fi/haku/", {"q": "budjettikurssi", "page": nonsense})
        assert response.status_code == 200
        assert len(_results(response)) == 10, nonsense
    past_the_end = client.get("/fi/haku/", {"q": "budjettikurssi", "page": "5"})
    assert '<ol class="search-results__list" start="11">' in past_the_end.text


def test_later_pages_and_filters_belong_to_the_same_logged_search(client, county):
    for number in range(12):
        _publish(
            county["money"],
            ServicePage(title=f"Budjettikurssi {number}", slug=f"talous-{number}", summary="Raha"),
        )
    first = client.get("/fi/haku/", {"q": "budjettikurssi"})
    next_link = re.search(r'<a href="([^"]*)" rel="next"', first.text).group(1)
    client.get(next_link.replace("&amp;", "&"))
    assert QueryLogEntry.objects.count() == 1
    # A forged reference is ignored: the search is logged as a new one.
    client.get("/fi/haku/", {"q": "budjettikurssi", "page": "2", "ref": "forged"})
    assert QueryLogEntry.objects.count() == 2


def test_a_result_link_records_its_rank_and_leads_to_the_page(client, county):
    response = client.get("/fi/haku/", {"q": "velkaneuvonta"})
    link = re.search(r'class="search-result__title"><a href="([^"]*)"', response.text).group(1)
    followed = client.get(link.replace("&amp;", "&"))
    assert followed.status_code == 302
    assert followed["Location"].endswith("/raha/velkaneuvonta/")
    assert QueryLogEntry.objects.get().clicked_rank == 1


def test_a_typo_offers_did_you_mean(client, county):
    response = client.get("/fi/haku/", {"q": "velkaneuvota"})
    assert 'class="search-suggestion"' in response.text
    assert ">velkaneuvonta</a>" in response.text


def test_identity_codes_typed_into_search_are_never_stored(client, county):
    client.get("/fi/haku/", {"q": "velka 131052-308T soita 040 1234567"})
    stored = QueryLogEntry.objects.get().query
    assert "131052" not in stored and "1234567" not in stored
    assert "velka" in stored


def test_the_search_page_is_never_cached(client, county, settings):
    settings.PAGE_CACHE_ENABLED = True  # the whole-page cache of public pages is on
    response = client.get("/fi/haku/", {"q": "velka"})
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    client.get("/fi/haku/", {"q": "velka"})
    assert QueryLogEntry.objects.count() == 2  # each search reached the view


def test_searching_too_fast_is_refused_politely(client, county, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 3
    statuses = [client.get("/fi/haku/", {"q": "velka"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/fi/haku/", {"q": "velka"})
    assert 'role="alert"' in refused.text
    assert QueryLogEntry.objects.count() == 3


def test_suggestions_complete_what_was_typed(client, county):
    response = client.get("/fi/haku/ehdotukset/", {"q": "velk"})
    assert response.status_code == 200
    assert "Velkaneuvonta" in response.json()["suggestions"]
    assert client.get("/fi/haku/ehdotukset/", {"q": "v"}).json() == {"suggestions": []}
    assert not QueryLogEntry.objects.exists()  # suggestions are not searches


_HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=190, max_size=400),
    st.sampled_from(
        [
            "\x00velka",
            '"velka" OR 1=1 --',
            "velka* AND (asunto OR NOT)",
            "NEAR(velka asunto)",
            "'; DROP TABLE search_searchdocument; --",
            "<script>alert(1)</script>",
            "\u202evelka\u200b",
            "%",
            "_",
            "\\",
            "a" * 10_000,
            "velka " * 2_000,
            "🙂" * 500,
        ]
    ),
)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=_HOSTILE_TEXT,
    page=st.one_of(st.text(max_size=12), st.integers(-5, 10**6).map(str)),
    topic=st.text(max_size=40),
)
def test_hostile_input_never_fails_the_page(client, county, settings, text, page, topic):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 10**6
    settings.SEARCH_SUGGESTIONS_RATE_LIMIT_PER_MINUTE = 10**6
    # The test client sends what a browser's query string can carry: no NUL in a URL.
    params = {"q": text.replace("\x00", ""), "page": page, "topic": topic, "group": topic}
    response = client.get("/fi/haku/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    suggestions = client.get("/fi/haku/ehdotukset/", {"q": text.replace("\x00", "")})
    assert suggestions.status_code == 200


def test_a_real_word_missing_from_the_pages_is_not_called_a_typo(client, county):
    _publish(
        county["money"],
        ServicePage(title="Kasvatusneuvola", slug="kasvatus", summary="Lasten kasvatus."),
    )
    response = client.get("/fi/haku/", {"q": "velat kasvaa"})
    assert 'class="search-suggestion"' not in response.text


def test_a_head_request_is_answered_but_not_logged(client, county):
    assert client.head("/fi/haku/", {"q": "velka"}).status_code == 200
    assert not QueryLogEntry.objects.exists()


def test_a_refused_search_says_when_to_try_again(client, county, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 1
    client.get("/fi/haku/", {"q": "velka"})
    assert client.get("/fi/haku/", {"q": "velka"})["Retry-After"] == "60"


def test_switching_language_starts_a_new_logged_search(client, county):
    first = client.get("/fi/haku/", {"q": "apua"})
    ref = re.search(r"ref=([^&\"]+)", first.text).group(1)
    client.get("/sv/sok/", {"q": "apua", "ref": ref.replace("%3A", ":"), "page": "1"})
    assert sorted(QueryLogEntry.objects.values_list("locale", flat=True)) == ["fi", "sv"]


def test_a_promoted_result_comes_first_and_its_clicks_count(client, county):
    debt = ServicePage.objects.get(slug="velkaneuvonta")
    Promotion.objects.create(language="fi", triggers="ulosotto", page=debt, description="Apua.")
    response = client.get("/fi/haku/", {"q": "ulosotto uhkaa"})
    assert 'id="promotions-heading"' in response.text
    link = re.search(
        r'class="search-promotions".*?<a href="([^"]*)">Velkaneuvonta</a>', response.text, re.S
    ).group(1)
    followed = client.get(link.replace("&amp;", "&"))
    assert followed["Location"].endswith("/raha/velkaneuvonta/")
    assert QueryLogEntry.objects.get().clicked_rank == 0
