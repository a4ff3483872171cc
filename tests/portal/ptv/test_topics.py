import pytest

from portal.ptv.topics import TAXONOMY, topic_for_service


@pytest.mark.parametrize(
    ("reference", "name", "classes", "expected"),
    [
        ("SOTE-0008", "Turvakotitoiminta", ["Lastensuojelu"], "violence-and-abuse"),
        ("SOTE-0001", "Sosiaalipäivystys", ["Sosiaalipalvelut"], "sudden-crises"),
        (
            "SOTE-0005",
            "Psykiatrian päivystyspalvelut",
            ["Päihde- ja mielenterveyspalvelut", "Ensiapu ja päivystys"],
            "mental-health",
        ),
        ("SOTE-0062", "Mielenterveyspalvelut", ["Mielenterveyspalvelut"], "mental-health"),
        ("SOTE-0057", "Sosiaalinen luototus", ["Lainat ja luottotiedot"], "money-and-debt"),
        (
            "GD103",
            "Talous- ja velkaneuvonta",
            ["Henkilön talous- ja velkaneuvonta"],
            "money-and-debt",
        ),
        ("SOTE-0072", "Tuettu asuminen", ["Asumispalvelut"], "housing"),
        (
            "SOTE-0091",
            "Omaishoidon tuki",
            ["Kotisairaanhoito ja omaishoito"],
            "support-for-relatives",
        ),
        (
            "SOTE-0056",
            "Kuntouttava työtoiminta",
            ["Työllistyjän taloudellinen tukeminen"],
            "employment-and-activity",
        ),
        ("SOTE-0093", "Sosiaalihuollon vertaistukitoiminta", [], "loneliness-and-inclusion"),
        (
            "SOTE-0047",
            "Apuvälinepalvelut",
            ["Hyvinvointipalvelujen tukipalvelut"],
            "illness-disability-functioning",
        ),
        ("SOTE-0009", "Sosiaali- ja terveyspalveluiden neuvonta", [], "everyday-coping"),
        ("GD102", "Kirjastopalvelut", ["Kirjastot ja tietopalvelut"], "other-services"),
        ("x", "Talousjätevesien käsittelyvaatimuksista poikkeaminen", [], "other-services"),
        ("x", "Maatalousyrittäjien lomituspalvelut", [], "other-services"),
        ("x", "Korkotukilainat", ["Asuntolainat"], "other-services"),
        # A municipal permit that mentions housing stays out of the residents' topics.
        ("GD101", "Tupakointikiellon hakeminen taloyhtiöön", ["Vuokra-asuminen"], "other-services"),
    ],
)
def test_topic_for_service(reference, name, classes, expected):
    assert topic_for_service(reference=reference, name_fi=name, service_classes=classes) == expected


def test_taxonomy_has_the_eleven_support_needs_and_other_services():
    assert len(TAXONOMY) == 12
    for topic in TAXONOMY:
        assert set(topic.titles) == set(topic.slugs) == {"fi", "sv", "en"}
