"""How residents say they cannot go on, are being hurt or have no food or bed tonight, in
their own words: each brings the crisis numbers above the first result, with the help for
that kind of danger first. Ordinary searches do not."""

import re

import pytest
from django.contrib.auth.models import Group

from portal.factories import TOTPDeviceFactory
from portal.models import HomePage, ServicePage, SiteSettings, TopicPage
from search.crisis_phrases import BASIC_NEEDS, GENERAL, SELF_HARM, VIOLENCE
from search.emergency import danger_kinds, primary_danger, signals_emergency
from search.models import CrisisPhrase
from search.templatetags.crisis_help import numbers_in_order
from tests.conftest import staff_sign_in

NO_EDITOR_PHRASES = ()

# (language, what was typed, the kind of danger the box is written for)
PHRASINGS = [
    # Finnish: written and spoken, without dots, shouted.
    ("fi", "en jaksa enää", SELF_HARM),
    ("fi", "mä en jaksa enää", SELF_HARM),
    ("fi", "En jaksa enää!!!", SELF_HARM),
    ("fi", "EN JAKSA ENÄÄ", SELF_HARM),
    ("fi", "en mä jaksa enää mitään", SELF_HARM),
    ("fi", "en jaksa enaa", SELF_HARM),
    ("fi", "en kestä tätä enää", SELF_HARM),
    ("fi", "en kesta enaa", SELF_HARM),
    ("fi", "haluaisin vain kuolla", SELF_HARM),
    ("fi", "mä haluun kuolla", SELF_HARM),
    ("fi", "ei ole mitään syytä elää", SELF_HARM),
    ("fi", "ei oo mitään syytä elää", SELF_HARM),
    ("fi", "kaikki olisi parempi ilman minua", SELF_HARM),
    ("fi", "kaikki ois parempi ilman mua", SELF_HARM),
    ("fi", "en halua elää", SELF_HARM),
    ("fi", "viiltelen itseäni", SELF_HARM),
    ("fi", "itsetuhoisia ajatuksia", SELF_HARM),
    ("fi", "mies lyö minua", VIOLENCE),
    ("fi", "mies lyo mua", VIOLENCE),
    ("fi", "puoliso uhkaa", VIOLENCE),
    ("fi", "pelkään miestäni", VIOLENCE),
    ("fi", "pelkaan miestani", VIOLENCE),
    ("fi", "poikaystävä kuristi", VIOLENCE),
    ("fi", "pelottaa mennä kotiin", VIOLENCE),
    ("fi", "ei ole ruokaa eikä rahaa", BASIC_NEEDS),
    ("fi", "ei oo ruokaa", BASIC_NEEDS),
    ("fi", "minulla ei ole yöpaikkaa", BASIC_NEEDS),
    ("fi", "nukun kadulla tänä yönä", BASIC_NEEDS),
    ("fi", "minne mennä yöksi", BASIC_NEEDS),
    ("fi", "heitti mut pihalle", BASIC_NEEDS),
    # Swedish
    ("sv", "jag orkar inte mer", SELF_HARM),
    ("sv", "Jag orkar inte mer.", SELF_HARM),
    ("sv", "JAG ORKAR INTE LÄNGRE", SELF_HARM),
    ("sv", "pallar inte mer", SELF_HARM),
    ("sv", "jag vill inte leva längre", SELF_HARM),
    ("sv", "vill bara dö", SELF_HARM),
    ("sv", "ta livet av mig", SELF_HARM),
    ("sv", "allt vore bättre utan mig", SELF_HARM),
    ("sv", "ingen mening att leva", SELF_HARM),
    ("sv", "självmordstankar", SELF_HARM),
    ("sv", "min man slår mig", VIOLENCE),
    ("sv", "han slog mig igår", VIOLENCE),
    ("sv", "rädd för min sambo", VIOLENCE),
    ("sv", "pappa hotar mamma", VIOLENCE),
    ("sv", "jag har ingenstans att sova i natt", BASIC_NEEDS),
    ("sv", "har ingen mat", BASIC_NEEDS),
    ("sv", "inget att äta", BASIC_NEEDS),
    ("sv", "sover på gatan", BASIC_NEEDS),
    ("sv", "de kastade ut mig", BASIC_NEEDS),
    # English
    ("en", "i can't go on", SELF_HARM),
    ("en", "I can’t take it anymore", SELF_HARM),
    ("en", "I CANT TAKE IT ANY MORE", SELF_HARM),
    ("en", "cant cope", SELF_HARM),
    ("en", "no reason to live", SELF_HARM),
    ("en", "everyone is better off without me", SELF_HARM),
    ("en", "i want to die", SELF_HARM),
    ("en", "i don't want to be alive", SELF_HARM),
    ("en", "self harm", SELF_HARM),
    ("en", "my partner hits me", VIOLENCE),
    ("en", "I'm afraid of my husband", VIOLENCE),
    ("en", "he beats me", VIOLENCE),
    ("en", "my boyfriend threatens me", VIOLENCE),
    ("en", "scared to go home", VIOLENCE),
    ("en", "abusive husband", VIOLENCE),
    ("en", "nowhere to sleep tonight", BASIC_NEEDS),
    ("en", "no food and no money", BASIC_NEEDS),
    ("en", "i have no food", BASIC_NEEDS),
    ("en", "nothing to eat", BASIC_NEEDS),
    ("en", "sleeping rough", BASIC_NEEDS),
    # Anything else that endangers life: 112.
    ("fi", "yliannostus", GENERAL),
    ("en", "kill myself", SELF_HARM),  # the general "kill" gives way to the self-harm box
]

ORDINARY_SEARCHES = [
    ("fi", "jaksaminen työssä"),  # coping at work
    ("fi", "työuupumus tuki"),  # burnout: support, not danger
    ("fi", "hätämajoitus"),  # emergency housing, a service
    ("fi", "kuolinpesä"),  # an estate
    ("fi", "väkivallaton viestintä kurssi"),  # a course in non-violent communication
    ("fi", "en jaksa siivota"),
    ("fi", "en pysty enää kävelemään"),  # mobility, for home care
    ("fi", "lyödä vetoa"),  # betting
    ("fi", "häätö uhkaa"),  # an eviction
    ("fi", "vauva nukkuu ulkona"),  # a baby's nap
    ("fi", "vauva ei nuku yöllä"),
    ("fi", "en nuku kadun melun takia"),
    ("fi", "lapsi ei halua mennä kouluun"),
    ("fi", "ruoka ei maistu"),
    ("fi", "ruoka-apu"),
    ("fi", "omaishoidon tuki"),
    ("sv", "orkar inte städa"),
    ("sv", "nödvändig"),
    ("sv", "klarar inte längre att bo hemma"),
    ("sv", "hur slår man ihop två filer"),
    ("sv", "kan inte sova på natten"),
    ("sv", "bebis sover ute"),
    ("sv", "vald till ordförande"),
    ("sv", "matbank"),
    ("sv", "dödsbo"),
    ("en", "food bank"),
    ("en", "food bank no id needed"),
    ("en", "substance abuse treatment"),
    ("en", "homeless shelter"),
    ("en", "i do not live there anymore"),
    ("en", "my mom hurt her hip"),
    ("en", "can't sleep because of street noise"),
    ("en", "hit songs"),
    ("en", "free school meals"),
    ("fi", ""),
    ("en", "   "),
]


@pytest.mark.usefixtures("voikko")
@pytest.mark.parametrize(("language", "text", "kind"), PHRASINGS)
def test_distress_in_everyday_words_brings_the_crisis_numbers(language, text, kind):
    kinds = danger_kinds(text, language, editor_phrases=NO_EDITOR_PHRASES)
    assert kinds, text
    assert primary_danger(kinds) == kind


@pytest.mark.usefixtures("voikko")
@pytest.mark.parametrize(("language", "text"), ORDINARY_SEARCHES)
def test_ordinary_searches_do_not(language, text):
    assert danger_kinds(text, language, editor_phrases=NO_EDITOR_PHRASES) == frozenset()


@pytest.mark.usefixtures("voikko")
def test_the_table_has_at_least_fifteen_phrasings_per_language():
    for language in ("fi", "sv", "en"):
        assert sum(1 for lang, _, _ in PHRASINGS if lang == language) >= 15


@pytest.mark.usefixtures("voikko")
@pytest.mark.parametrize(
    ("language", "text"),
    [("fi", "i can't go on"), ("fi", "jag orkar inte mer"), ("sv", "en jaksa enää")],
)
def test_distress_in_another_language_than_the_sites_counts_too(language, text):
    assert danger_kinds(text, language, editor_phrases=NO_EDITOR_PHRASES) == {SELF_HARM}


@pytest.mark.usefixtures("voikko")
def test_editor_phrases_add_to_the_shipped_ones():
    phrase = [("fi", GENERAL, "olen ihan loppu")]
    assert not danger_kinds("olen ihan loppu", "fi", editor_phrases=NO_EDITOR_PHRASES)
    assert danger_kinds("olen aivan ihan loppu", "fi", editor_phrases=phrase) == {GENERAL}
    # An editor's word of six letters counts inside compounds, as shipped words do.
    word = [("sv", VIOLENCE, "hedersvåld")]
    assert danger_kinds("hedersvåldet", "sv", editor_phrases=word) == {VIOLENCE}
    assert danger_kinds("jag orkar inte mer", "sv", editor_phrases=word) == {SELF_HARM}


def test_without_a_database_the_shipped_list_still_answers():
    # No django_db mark: reading the editors' rows fails, the shipped list does not.
    assert signals_emergency("en jaksa enää", "fi")


def test_the_box_orders_the_numbers_for_the_danger():
    emergency, social = ("Emergency", "112"), ("Social emergency", "0800 1234")
    lines = [("Crisis line", "09 2525 0111"), ("Crisis line in Swedish", "09 2525 0112")]
    order = {
        danger: [
            number
            for _, number in numbers_in_order(
                danger, emergency=emergency, social=social, crisis_lines=lines
            )
        ]
        for danger in (SELF_HARM, VIOLENCE, BASIC_NEEDS, GENERAL)
    }
    assert order[SELF_HARM][:2] == ["09 2525 0111", "09 2525 0112"]
    assert order[VIOLENCE][0] == order[GENERAL][0] == "112"
    assert order[BASIC_NEEDS][:2] == ["0800 1234", "112"]
    without_social = numbers_in_order(
        BASIC_NEEDS, emergency=emergency, social=("Social", ""), crisis_lines=lines
    )
    assert without_social[0] == emergency


# --- Through the public search page ------------------------------------------------------

SEARCH_PATHS = {"fi": "/fi/haku/", "sv": "/sv/sok/", "en": "/en/search/"}
CRISIS_LINE = {"fi": "09 2525 0111", "sv": "09 2525 0112", "en": "09 2525 0111"}


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def services_that_match(demo_site, database_search):
    """In each language a service that the distress words also find, so that the page has
    results for the crisis box to stand above (today's 'en jaksa enää' found hospice care)."""
    texts = {
        "fi": ("Saattohoito", "Hoitoa ja tukea elämän loppuun, kun omaiset eivät enää jaksa."),
        "sv": ("Hemtjänst", "Hjälp hemma när du inte orkar mer med vardagen."),
        "en": ("Home care", "Help at home when you can't go on alone with the housework."),
    }
    homes = {home.locale.language_code: home for home in HomePage.objects.all()}
    for language, (title, summary) in texts.items():
        topic = _publish(
            homes[language],
            TopicPage(
                title=title + " (topic)", slug=f"care-{language}", topic_key="everyday-coping"
            ),
        )
        _publish(topic, ServicePage(title=title, slug=f"service-{language}", summary=summary))
    return texts


def _urgent_numbers(html: str) -> list[str]:
    return re.findall(r'class="urgent-numbers__number" href="[^"]*">([^<]*)</a>', html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("fi", "en jaksa enää"),
        ("fi", "mä en jaksa enää"),
        ("sv", "jag orkar inte mer"),
        ("en", "i can't go on"),
    ],
)
def test_the_crisis_line_comes_before_the_first_result(
    client, services_that_match, language, query
):
    html = client.get(SEARCH_PATHS[language], {"q": query}).text
    assert 'class="search-result"' in html, "the test needs a result to stand above"
    assert html.index('id="urgent-help-heading"') < html.index('class="search-result"')
    numbers = _urgent_numbers(html)
    assert numbers[0] == CRISIS_LINE[language]
    assert "112" in numbers
    assert "data-quick-exit" not in html  # no violence told of


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query"),
    [("fi", "mies lyö minua"), ("sv", "min man slår mig"), ("en", "my partner hits me")],
)
def test_violence_puts_112_first_and_offers_the_quick_exit(
    client, services_that_match, language, query
):
    html = client.get(SEARCH_PATHS[language], {"q": query}).text
    assert _urgent_numbers(html)[0] == "112"
    assert html.index("data-quick-exit") < html.index('class="skip-link"')


@pytest.mark.django_db
def test_no_bed_tonight_puts_the_social_emergency_service_first(client, services_that_match):
    settings = SiteSettings.objects.get()
    html = client.get(SEARCH_PATHS["fi"], {"q": "minulla ei ole yöpaikkaa"}).text
    assert _urgent_numbers(html)[:2] == [settings.social_emergency_number, "112"]


@pytest.mark.django_db
def test_an_ordinary_search_shows_no_crisis_box(client, services_that_match):
    html = client.get(SEARCH_PATHS["fi"], {"q": "saattohoito"}).text
    assert 'class="search-result"' in html
    assert 'id="urgent-help-heading"' not in html


@pytest.fixture
def editor_client(client):
    device = TOTPDeviceFactory()
    device.user.is_superuser = False
    device.user.save()
    device.user.groups.add(Group.objects.get(name="Editor"))
    return staff_sign_in(client, device)


@pytest.mark.django_db
def test_an_editors_phrase_brings_the_box_until_it_is_deleted(
    client, editor_client, services_that_match
):
    query = {"q": "saattohoito on loppu"}
    assert 'id="urgent-help-heading"' not in client.get("/fi/haku/", query).text
    added = editor_client.post(
        "/admin/snippets/search/crisisphrase/add/",
        {"language": "fi", "kind": "general", "text": "saattohoito loppu", "note": "test"},
    )
    assert added.status_code == 302
    phrase = CrisisPhrase.objects.get(text="saattohoito loppu")
    html = client.get("/fi/haku/", {"q": "saattohoidon loppu"}).text
    assert html.index('id="urgent-help-heading"') < html.index('class="search-result"')
    deleted = editor_client.post(f"/admin/snippets/search/crisisphrase/delete/{phrase.pk}/")
    assert deleted.status_code == 302
    assert not CrisisPhrase.objects.exists()
    assert 'id="urgent-help-heading"' not in client.get("/fi/haku/", query).text


@pytest.mark.django_db
def test_editors_may_manage_crisis_phrases():
    permissions = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    assert {
        "add_crisisphrase",
        "change_crisisphrase",
        "delete_crisisphrase",
        "view_crisisphrase",
    } <= permissions


@pytest.mark.django_db
def test_a_phrase_without_words_is_refused(editor_client):
    response = editor_client.post(
        "/admin/snippets/search/crisisphrase/add/",
        {"language": "fi", "kind": "general", "text": "?!", "note": ""},
    )
    assert response.status_code == 200
    assert not CrisisPhrase.objects.exists()
