"""Reading PTV files: general descriptions, v11 services and channels (invented fixtures)."""

import copy
import dataclasses
import json
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from portal.ptv.parsing import (
    LANGUAGES,
    Address,
    Classification,
    LawLink,
    PhoneNumber,
    PtvFormatError,
    PtvService,
    ServiceHoursEntry,
    parse_payloads,
    pick_versions,
    read_source,
    source_hash,
)

FIXTURES = Path(__file__).parent / "fixtures"
GENERAL = FIXTURES / "general_descriptions.json"
SERVICE = FIXTURES / "v11_service.json"
CHANNELS = FIXTURES / "v11_channels.json"
PAGED = FIXTURES / "v11_paged.json"
FINLEX_FI = "https://www.finlex.fi/fi/laki/ajantasa/2007/20070417"
FINLEX_SV = "https://www.finlex.fi/sv/laki/ajantasa/2007/20070417"
REAL_GENERAL = Path("/work/shared/data/ptv/general-descriptions.json")

SERVICE_ID = "50000000-0000-4000-8000-000000000001"
PHONE_ID = "60000000-0000-4000-8000-000000000001"
LOCATION_ID = "60000000-0000-4000-8000-000000000002"
WEBPAGE_ID = "60000000-0000-4000-8000-000000000003"
ESERVICE_ID = "60000000-0000-4000-8000-000000000004"
FORM_ID = "60000000-0000-4000-8000-000000000005"


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def write(folder: Path, name: str, payload) -> Path:
    path = folder / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def by_reference(result):
    return {service.reference: service for service in result.services}


def by_id(result):
    return {channel.ptv_id: channel for channel in result.channels}


@pytest.fixture(scope="module")
def general():
    return read_source(GENERAL)


@pytest.fixture(scope="module")
def channels():
    return by_id(read_source(CHANNELS))


# --------------------------------------------------------------------------------------------
# General descriptions


class TestGeneralDescriptions:
    def test_one_service_per_code(self, general):
        assert [s.reference for s in general.services] == [
            "40000000-0000-4000-8000-000000000001",
            "TEST-0001",
            "TEST-0002",
        ]
        assert general.skipped_versions == 2
        assert general.channels == []

    def test_richest_version_is_picked(self, general):
        service = by_reference(general)["TEST-0001"]
        # Version 2 has names in three languages; version 3 has more text but two languages.
        assert service.ptv_id == "10000000-0000-4000-8000-000000000002"
        assert service.source_kind == "general_description"
        assert service.names == {
            "fi": "Arjen tuki",
            "sv": "Stöd i vardagen",
            "en": "Everyday support",
        }

    def test_record_without_reference_code_uses_id(self, general):
        service = by_reference(general)["40000000-0000-4000-8000-000000000001"]
        assert service.ptv_id == service.reference
        assert service.names == {"fi": "Viitekooditon palvelu", "en": "Service without a code"}

    def test_texts(self, general):
        service = by_reference(general)["TEST-0001"]
        assert service.summaries == {
            "fi": "Apua arjen asioihin.",
            "sv": "Hjälp i vardagen.",
            "en": "Help with everyday life.",
        }
        # Description (plain text) first, then BackgroundDescription (Draft.js).
        assert service.descriptions_html["fi"] == (
            "<p>Ensimmäinen kappale.<br>Toinen rivi.</p>"
            "<p>Toinen kappale &amp; &lt;b&gt;ei lihavointia&lt;/b&gt;.</p>\n"
            "<h2>Kuinka palvelu toimii</h2>"
            '<p><b>Palvelu</b> auttaa arjen asioissa. Lue <a href="https://palvelu.example.fi/'
            'ohje">lisää verkosta</a>.</p>'
            "<h3>Mitä tarvitset</h3>"
            "<ul><li>henkilöllisyystodistus</li><li><i>ajanvaraus</i></li></ul>"
            "<p>Älä klikkaa tätä &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        )
        assert service.descriptions_html["sv"] == "<p>Bakgrund på svenska.</p>"
        assert service.user_instructions_html == {
            "fi": "<ol><li>Soita neuvontaan.</li><li>Varaa aika.</li></ol>"
        }
        assert service.requirements_html == {"fi": "<p>Palvelu on tarkoitettu täysi-ikäisille.</p>"}
        assert service.charge_info == {"fi": "Ei maksua."}

    def test_missing_and_unsupported_languages_are_absent(self, general):
        services = by_reference(general)
        # "" and null labels are absent; the Northern Sami ("se") text is ignored.
        assert services["TEST-0002"].names == {"fi": "Lupa-asia"}
        assert set(services["TEST-0001"].descriptions_html) == {"fi", "sv"}
        assert services["TEST-0001"].user_instructions_html.keys() == {"fi"}
        # A Draft.js text with only empty blocks counts as absent too.
        assert services["TEST-0002"].descriptions_html == {}
        for service in general.services:
            for texts in (service.names, service.summaries, service.descriptions_html):
                assert set(texts) <= set(LANGUAGES)
                assert all(text == text.strip() and text for text in texts.values())

    def test_charge_types(self, general):
        services = by_reference(general)
        assert services["TEST-0001"].charge_type == "free"
        assert services["TEST-0002"].charge_type == "charged"
        assert services["TEST-0002"].charge_info == {
            "fi": "Maksu on 10 euroa.",
            "en": "The fee is 10 euros.",
        }
        assert services["40000000-0000-4000-8000-000000000001"].charge_type == "other"

    def test_charge_type_null_is_empty(self, tmp_path):
        record = load(GENERAL)[3]
        record["ChargeType"] = None
        (service,) = read_source(write(tmp_path, "gd.json", [record])).services
        assert service.charge_type == ""

    def test_laws(self, general):
        assert by_reference(general)["TEST-0001"].laws == (
            LawLink(
                names={
                    "fi": "Laki kuvitteellisista palveluista",
                    "sv": "Lag om påhittade tjänster",
                },
                urls={
                    "fi": "https://www.finlex.fi/fi/laki/ajantasa/2000/20001234",
                    "sv": "https://www.finlex.fi/sv/laki/ajantasa/2000/20001234",
                },
            ),
            # The javascript: link is dropped, the name is kept.
            LawLink(names={"fi": "Asetus, jonka linkki hylätään"}, urls={}),
        )

    @pytest.mark.parametrize(
        ("names", "urls", "language", "name", "url"),
        [
            ({"fi": "Lastensuojelulaki", "sv": "Barnskyddslag"}, {}, "sv", "Barnskyddslag", ""),
            ({"fi": "Lastensuojelulaki"}, {}, "en", "Lastensuojelulaki", ""),
            # The real record behind the empty link on the English child-welfare page: named
            # in Swedish only, linked under Finnish.
            ({"sv": "Barnskyddslag"}, {"fi": FINLEX_SV}, "en", "Barnskyddslag", FINLEX_SV),
            ({}, {"fi": FINLEX_FI}, "en", FINLEX_FI, FINLEX_FI),
            ({"en": "  "}, {"sv": FINLEX_SV}, "en", FINLEX_SV, FINLEX_SV),
            ({}, {}, "fi", "", ""),
        ],
    )
    def test_law_name_and_address_in_a_language(self, names, urls, language, name, url):
        law = LawLink(names=names, urls=urls)
        assert (law.name_in(language), law.url_in(language)) == (name, url)

    def test_classifications(self, general):
        assert by_reference(general)["TEST-0001"].classifications == (
            Classification(
                "target_group", "http://urn.fi/URN:NBN:fi:au:ptvl:v2001", {"fi": "Kansalaiset"}
            ),
            Classification(
                "service_class",
                "http://urn.fi/URN:NBN:fi:au:ptvl:v9001",
                {"fi": "Kuvitteellinen palveluluokka"},
            ),
            # The duplicate ontology term is listed once.
            Classification("ontology_term", "http://www.yso.fi/onto/koko/p90001", {"fi": "arki"}),
            Classification(
                "life_event", "http://urn.fi/URN:NBN:fi:au:ptvl:v3001", {"fi": "Muutto"}
            ),
        )

    def test_general_description_has_no_languages_channels_or_modified(self, general):
        service = by_reference(general)["TEST-0001"]
        assert service.languages == ()
        assert service.channel_ids == ()
        assert service.modified is None
        assert service.service_type == "service"
        assert by_reference(general)["TEST-0002"].service_type == "permit_or_obligation"

    def test_summary_length_is_reported_not_truncated(self, general):
        service = by_reference(general)["40000000-0000-4000-8000-000000000001"]
        assert len(service.summaries["fi"]) > 150
        assert service.summaries["fi"].endswith("liian pitkä.")
        assert service.summary_too_long == ("fi",)
        assert by_reference(general)["TEST-0001"].summary_too_long == ()

    def test_record_without_finnish_name_is_rejected(self, general):
        assert general.rejected == [
            ("TEST-0003", f"no Finnish name ({GENERAL} record 4)"),
        ]
        assert "TEST-0003" not in by_reference(general)


# --------------------------------------------------------------------------------------------
# Version picking


def make_service(**changes) -> PtvService:
    base = PtvService(
        reference="X-1",
        ptv_id="id-a",
        source_kind="general_description",
        names={"fi": "Nimi"},
        summaries={},
        descriptions_html={},
        user_instructions_html={},
        requirements_html={},
        charge_type="",
        charge_info={},
        laws=(),
        classifications=(),
        languages=(),
        channel_ids=(),
        modified=None,
        source_hash="h-a",
    )
    return dataclasses.replace(base, **changes)


class TestPickVersions:
    def test_more_languages_beat_more_text(self):
        few = make_service(ptv_id="id-a", descriptions_html={"fi": "<p>" + "x" * 500 + "</p>"})
        many = make_service(ptv_id="id-b", names={"fi": "Nimi", "sv": "Namn", "en": "Name"})
        for records in ([few, many], [many, few]):
            picked, skipped = pick_versions(records)
            assert picked == [many]
            assert skipped == 1

    def test_more_texts_then_more_text(self):
        one = make_service(ptv_id="id-a", summaries={"fi": "y" * 100})
        two = make_service(ptv_id="id-b", summaries={"fi": "a"}, charge_info={"fi": "b"})
        longer = make_service(ptv_id="id-c", summaries={"fi": "a"}, charge_info={"fi": "bbb"})
        assert pick_versions([one, two])[0] == [two]
        assert pick_versions([longer, two])[0] == [longer]
        # Markup does not count as text.
        tagged = make_service(ptv_id="id-d", summaries={"fi": "a"}, charge_info={"fi": "<b>bb"})
        assert pick_versions([tagged, longer])[0] == [longer]

    def test_finnish_name_beats_richness(self):
        swedish = make_service(ptv_id="id-a", names={"sv": "Namn", "en": "Name"})
        finnish = make_service(ptv_id="id-b", names={"fi": "Nimi"})
        assert pick_versions([swedish, finnish])[0] == [finnish]

    def test_latest_modified_wins(self):
        old = make_service(
            ptv_id="s", modified=datetime(2023, 1, 1, tzinfo=UTC), names={"fi": "a", "sv": "b"}
        )
        new = make_service(ptv_id="s", modified=datetime(2024, 1, 1, tzinfo=UTC), source_hash="n")
        undated = make_service(ptv_id="s", names={"fi": "a", "sv": "b", "en": "c"})
        assert pick_versions([new, old, undated])[0] == [new]

    def test_ties_are_broken_deterministically(self):
        a = make_service(ptv_id="id-a", source_hash="1")
        b = make_service(ptv_id="id-b", source_hash="0")
        c = make_service(ptv_id="id-b", source_hash="2")
        assert pick_versions([a, b, c])[0] == pick_versions([c, b, a])[0] == [c]

    def test_codes_are_kept_apart_and_sorted(self):
        records = [make_service(reference=ref, ptv_id=ref) for ref in ("B", "A", "C", "A")]
        picked, skipped = pick_versions(records)
        assert [r.reference for r in picked] == ["A", "B", "C"]
        assert skipped == 1

    def test_channels_are_grouped_by_id(self, channels):
        phone = channels[PHONE_ID]
        newer = dataclasses.replace(
            phone, modified=datetime(2030, 1, 1, tzinfo=UTC), names={"fi": "Uusi"}
        )
        assert pick_versions([newer, phone]) == ([newer], 1)
        assert pick_versions([phone, newer]) == ([newer], 1)

    def test_across_files(self, tmp_path):
        records = load(GENERAL)
        write(tmp_path, "a.json", records[:2])
        write(tmp_path, "b.json", records[2:])
        result = read_source(tmp_path)
        assert by_reference(result)["TEST-0001"].ptv_id == "10000000-0000-4000-8000-000000000002"
        assert result.skipped_versions == 2

    def test_same_id_without_reference_in_two_files(self, tmp_path):
        record = load(GENERAL)[5]
        richer = copy.deepcopy(record)
        richer["Name"].append({"Lang": "sv", "Label": "Tjänst utan kod"})
        write(tmp_path, "1.json", [richer])
        write(tmp_path, "2.json", [record])
        result = read_source(tmp_path)
        (service,) = result.services
        assert service.reference == record["Id"]
        assert service.names["sv"] == "Tjänst utan kod"
        assert result.skipped_versions == 1


# --------------------------------------------------------------------------------------------
# v11 services and channels


@pytest.fixture(scope="module")
def service():
    result = read_source(SERVICE)
    assert result.rejected == []
    (service,) = result.services
    return service


class TestV11Service:
    def test_identity(self, service):
        assert service.reference == service.ptv_id == SERVICE_ID
        assert service.source_kind == "service"
        assert service.modified == datetime(2024, 3, 1, 10, 15, 0, 123456, tzinfo=UTC)
        assert service.general_description_id == "10000000-0000-4000-8000-000000000002"
        assert service.source_hash == source_hash(load(SERVICE))

    def test_texts(self, service):
        assert service.names == {
            "fi": "Kuvitteellinen aikuisneuvonta",
            "sv": "Påhittad vuxenrådgivning",
        }
        assert service.alternative_names == {"fi": "Neuvola aikuisille"}
        assert service.summaries == {"fi": "Neuvontaa aikuisille.", "sv": "Rådgivning för vuxna."}
        assert service.descriptions_html == {
            "fi": "<p>Ensimmäinen kappale.</p><p>Toinen kappale &lt;i&gt;kursiivi?&lt;/i&gt;</p>"
        }
        assert service.user_instructions_html == {"fi": "<p>Varaa aika puhelimitse.</p>"}
        assert service.requirements_html == {"fi": "<p>Asiakkaan on asuttava Esimerkkilässä.</p>"}
        assert service.charge_type == "charged"
        assert service.charge_info == {"fi": "Käynti maksaa 5 euroa."}
        assert service.keywords == {"fi": ("neuvonta", "aikuiset"), "sv": ("rådgivning",)}

    def test_languages_channels_laws(self, service):
        assert service.languages == ("fi", "sv", "ru")
        assert service.channel_ids == (PHONE_ID, LOCATION_ID)
        assert service.laws == (
            LawLink(
                {"fi": "Laki kuvitteellisista palveluista"},
                {"fi": "https://www.finlex.fi/fi/laki/ajantasa/2000/20001234"},
            ),
        )

    def test_classifications(self, service):
        assert [(c.kind, c.uri) for c in service.classifications] == [
            ("target_group", "http://urn.fi/URN:NBN:fi:au:ptvl:v2001"),
            ("service_class", "http://urn.fi/URN:NBN:fi:au:ptvl:v9001"),
            ("ontology_term", "http://www.yso.fi/onto/koko/p90001"),
            ("area", "municipality:999"),
            ("area", "province:99"),
        ]
        target_group = service.classifications[0]
        assert target_group.labels == {"fi": "Kansalaiset", "sv": "Medborgare", "en": "Citizens"}
        # Null labels are absent.
        assert service.classifications[2].labels == {"fi": "arki", "sv": "vardag"}
        assert service.classifications[3].labels == {"fi": "Esimerkkilä", "sv": "Exempelby"}
        assert service.area_type == "limited"

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("FreeOfCharge", "free"),
            ("Free", "free"),
            ("Chargeable", "charged"),
            ("Charged", "charged"),
            ("Other", "other"),
            ("SomethingNew", "other"),
            (None, ""),
            ("", ""),
        ],
    )
    def test_charge_type_mapping(self, raw, expected):
        record = load(SERVICE)
        record["serviceChargeType"] = raw
        (service,) = parse_payloads([("x.json", record)]).services
        assert service.charge_type == expected


class TestChannels:
    def test_all_types(self, channels):
        assert {c.ptv_id: c.channel_type for c in channels.values()} == {
            PHONE_ID: "phone",
            LOCATION_ID: "location",
            WEBPAGE_ID: "webpage",
            ESERVICE_ID: "eservice",
            FORM_ID: "printable_form",
        }
        for channel in channels.values():
            assert channel.service_ids == (SERVICE_ID,)
            assert channel.modified == datetime(2024, 2, 1, 12, 0, tzinfo=UTC)
            assert channel.organization_id == "70000000-0000-4000-8000-000000000001"

    def test_phone(self, channels):
        phone = channels[PHONE_ID]
        assert phone.names == {"fi": "Neuvontapuhelin", "sv": "Rådgivningstelefon"}
        assert phone.descriptions == {"fi": "Soita meille."}
        assert phone.summaries == {"fi": "Puhelin."}
        assert phone.phone_numbers == (
            # The fi and sv entries of one number are merged.
            PhoneNumber(
                number="+358 401234567",
                charge_type="charged",
                charge_info={
                    "fi": "Puhelu maksaa normaalin verran.",
                    "sv": "Samtalet kostar normalt.",
                },
                languages=("fi", "sv"),
                additional_info={"fi": "Neuvonta"},
            ),
            PhoneNumber(
                number="0800 12345",
                charge_type="free",
                charge_info={},
                languages=("fi",),
                service_number=True,
            ),
        )
        assert phone.emails == ("neuvonta@palvelu.example.fi",)
        assert phone.hours == (
            ServiceHoursEntry(
                kind="weekly",
                valid_from=None,
                valid_to=None,
                closed=False,
                always_open=False,
                notes={},
                spans=((0, 4, time(9), time(15)),),
            ),
        )

    def test_location(self, channels):
        location = channels[LOCATION_ID]
        assert location.names == {"fi": "Neuvontapiste", "en": "Advice point"}
        assert location.descriptions == {"fi": "Käyntiosoite keskustassa.\n\nTervetuloa!"}
        # The trunk zero is dropped after +358.
        assert [p.number for p in location.phone_numbers] == ["+358 9 123 4567"]
        assert location.emails == ("piste@palvelu.example.fi",)
        assert location.urls == {
            "fi": "https://palvelu.example.fi/piste",
            "sv": "https://palvelu.example.fi/sv/piste",
        }
        assert location.addresses == (
            Address(
                kind="visiting",
                street={"fi": "Keksitie", "sv": "Påhittvägen"},
                street_number="7 A",
                postal_code="99990",
                post_office={"fi": "ESIMERKKILÄ", "sv": "EXEMPELBY"},
                municipality_code="999",
                municipality={"fi": "Esimerkkilä", "sv": "Exempelby"},
                additional_info={"fi": "Sisäänkäynti pihan puolelta."},
                country="FI",
            ),
            Address(
                kind="postal",
                street={},
                street_number="",
                postal_code="99991",
                post_office={"fi": "ESIMERKKILÄ"},
                municipality_code="",
                municipality={},
                post_office_box={"fi": "PL 12"},
                country="FI",
            ),
        )
        assert location.accessibility == {
            "fi": "Pääsisäänkäynti\nOvi on leveä.\nRampin kaltevuus on loiva.",
            "en": "Main entrance\nThe door is wide.",
        }

    def test_location_hours(self, channels):
        weekly, christmas, new_years_eve, night = channels[LOCATION_ID].hours
        assert weekly == ServiceHoursEntry(
            kind="weekly",
            valid_from=None,
            valid_to=None,
            closed=False,
            always_open=False,
            notes={"fi": "Heinäkuussa suljettu."},
            spans=(
                (0, None, time(8), time(16)),
                (1, None, time(8), time(16)),
                (3, None, time(10), time(18, 30)),
            ),
        )
        # UTC timestamps are read as Finnish calendar dates.
        assert christmas.kind == "exception"
        assert (christmas.valid_from, christmas.valid_to) == (
            date(2024, 12, 24),
            date(2024, 12, 26),
        )
        assert christmas.closed is True
        assert christmas.spans == ()
        assert christmas.notes == {"fi": "Joulu"}
        # No dayFrom: the weekday of validFrom (2024-12-31 is a Tuesday).
        assert new_years_eve.valid_from == date(2024, 12, 31)
        assert new_years_eve.spans == ((1, None, time(10), time(14)),)
        assert night.kind == "over_midnight"
        assert night.spans == ((4, 5, time(22), time(4)),)

    def test_webpage(self, channels):
        webpage = channels[WEBPAGE_ID]
        assert webpage.urls == {"fi": "https://palvelu.example.fi/"}
        assert webpage.accessibility == {
            "fi": "Saavutettavuusseloste\nhttps://palvelu.example.fi/saavutettavuus"
        }
        assert webpage.phone_numbers == webpage.addresses == webpage.hours == ()

    def test_eservice(self, channels):
        eservice = channels[ESERVICE_ID]
        assert eservice.names == {"fi": "Sähköinen ajanvaraus", "sv": "Elektronisk tidsbokning"}
        # The Swedish javascript: URL is dropped.
        assert eservice.urls == {"fi": "https://asiointi.example.fi/varaa"}
        (support,) = eservice.phone_numbers
        assert (support.number, support.charge_type) == ("+358 201234567", "other")
        assert support.charge_info == {"fi": "Hinta riippuu liittymästä."}
        assert eservice.emails == ("tuki@asiointi.example.fi",)

    def test_printable_form(self, channels):
        form = channels[FORM_ID]
        # The form's own URL comes before the web page.
        assert form.urls == {"fi": "https://palvelu.example.fi/lomake.pdf"}
        (delivery,) = form.addresses
        assert delivery.kind == "delivery"
        assert delivery.post_office_box == {"fi": "PL 34"}
        assert delivery.postal_code == "99992"
        assert delivery.receiver == {"fi": "Neuvontapalvelut / hakemukset"}

    def test_channel_without_finnish_name_is_rejected(self):
        record = load(CHANNELS)[2]
        record["serviceChannelNames"] = [{"language": "en", "value": "Web page", "type": "Name"}]
        result = parse_payloads([("c.json", [record])])
        assert result.channels == []
        assert result.rejected == [
            (WEBPAGE_ID, "service channel has no Finnish name (c.json record 0)")
        ]


# --------------------------------------------------------------------------------------------
# Files and folders


class TestInput:
    def test_paged_response(self):
        result = read_source(PAGED)
        assert [s.reference for s in result.services] == [
            SERVICE_ID,
            "50000000-0000-4000-8000-000000000002",
        ]
        assert by_reference(result)[SERVICE_ID].names["fi"] == "Vanha nimi"
        assert by_reference(result)["50000000-0000-4000-8000-000000000002"].charge_type == "free"

    def test_folder(self):
        result = read_source(FIXTURES)
        services = by_reference(result)
        assert sorted(services) == [
            "40000000-0000-4000-8000-000000000001",
            SERVICE_ID,
            "50000000-0000-4000-8000-000000000002",
            "TEST-0001",
            "TEST-0002",
        ]
        # The newer v11 version (v11_service.json) beats the older one in the paged file, even
        # though the older one has names in more languages.
        assert services[SERVICE_ID].names["fi"] == "Kuvitteellinen aikuisneuvonta"
        assert result.skipped_versions == 3
        assert len(result.channels) == 5
        assert [r[0] for r in result.rejected] == ["TEST-0003"]
        # Subfolders are not read: nested/not_read.json holds NESTED-0001.
        assert "NESTED-0001" not in services
        assert [s.reference for s in read_source(FIXTURES / "nested").services] == ["NESTED-0001"]

    def test_folder_reads_only_json_files(self, tmp_path):
        write(tmp_path, "a.json", load(SERVICE))
        (tmp_path / "notes.txt").write_text("not JSON", encoding="utf-8")
        (tmp_path / ".hidden.json").write_text("{", encoding="utf-8")
        assert len(read_source(tmp_path).services) == 1

    def test_mixed_list(self):
        result = parse_payloads([("mixed.json", [load(SERVICE), *load(CHANNELS)[:2]])])
        assert len(result.services) == 1
        assert len(result.channels) == 2

    def test_empty_folder(self, tmp_path):
        with pytest.raises(PtvFormatError, match="no \\*.json files"):
            read_source(tmp_path)

    def test_missing_path(self, tmp_path):
        with pytest.raises(FileNotFoundError):
            read_source(tmp_path / "missing.json")

    def test_string_path(self):
        assert len(read_source(str(SERVICE)).services) == 1


class TestFormatErrors:
    def test_malformed_json_names_the_file(self, tmp_path):
        path = tmp_path / "broken.json"
        path.write_text('[{"Id": "x", "Name": [}]', encoding="utf-8")
        with pytest.raises(PtvFormatError) as excinfo:
            read_source(tmp_path)
        message = str(excinfo.value)
        assert str(path) in message
        assert "invalid JSON" in message
        assert "line 1" in message
        assert excinfo.value.path == str(path)

    @pytest.mark.parametrize("payload", ["just a string", 42, None, {"itemList": {"a": 1}}])
    def test_wrong_top_level(self, tmp_path, payload):
        path = write(tmp_path, "odd.json", payload)
        with pytest.raises(PtvFormatError, match="odd.json"):
            read_source(path)

    def test_unrecognised_record(self, tmp_path):
        path = write(tmp_path, "other.json", [{"foo": 1}])
        with pytest.raises(PtvFormatError, match=r"record 0: unrecognised record"):
            read_source(path)

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            (lambda r: r.update(Name="Arjen tuki"), "Name: expected a list, got str"),
            (lambda r: r["Name"].append({"Label": "Ei kieltä"}), "Name[3]: entry has no 'Lang'"),
            (lambda r: r["Name"][0].update(Label=["lista"]), "Name[0].Label: expected a string"),
            (lambda r: r.update(ServiceClass=[{"Value": "x"}]), "ServiceClass[0].Key: missing"),
            (lambda r: r.update(Laws=[{"Names": "x"}]), "Laws[0].Names: expected a list"),
            (
                lambda r: r["BackgroundDescription"][0].update(Label='{"blocks": [}'),
                "BackgroundDescription (fi): malformed Draft.js content: invalid JSON",
            ),
            (lambda r: r.update(Id=["x"]), "Id: expected a string, got list"),
        ],
    )
    def test_bad_general_description_names_the_record(self, tmp_path, change, field):
        records = load(GENERAL)
        change(records[1])
        path = write(tmp_path, "gd.json", records)
        with pytest.raises(PtvFormatError) as excinfo:
            read_source(path)
        message = str(excinfo.value)
        assert message.startswith(f"{path}: record 1 (")
        assert "ReferenceCode TEST-0001" in message
        if "Id:" not in field:
            assert "Id 10000000-0000-4000-8000-000000000002" in message
        assert field in message
        assert excinfo.value.record.startswith("record 1")

    def test_record_without_id(self, tmp_path):
        records = load(GENERAL)
        records[2]["Id"] = ""
        path = write(tmp_path, "gd.json", records)
        with pytest.raises(
            PtvFormatError, match=r"gd.json: record 2 \(ReferenceCode TEST-0001\): Id: missing"
        ):
            read_source(path)

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            (
                lambda r: r["serviceHours"][0].update(serviceHourType="Sometimes"),
                "serviceHours[0].serviceHourType: unknown type 'Sometimes'",
            ),
            (
                lambda r: r["serviceHours"][0]["openingHour"][0].update(dayFrom="Moonday"),
                "serviceHours[0].openingHour[0].dayFrom: unknown weekday 'Moonday'",
            ),
            (
                lambda r: r["serviceHours"][0]["openingHour"][0].update(to="25:00"),
                "serviceHours[0].openingHour[0].to: not a time of day",
            ),
            (
                lambda r: r["serviceHours"][1].update(validFrom="joulu"),
                "serviceHours[1].validFrom: not an ISO 8601 date/time",
            ),
            (
                lambda r: r["serviceHours"][0].update(isClosed="no"),
                "serviceHours[0].isClosed: expected true or false",
            ),
            (
                lambda r: r.update(serviceChannelType="Carrier pigeon"),
                "serviceChannelType: unknown channel type",
            ),
            (
                lambda r: r["addresses"][0]["streetAddress"].update(street={"fi": "Keksitie"}),
                "addresses[0].streetAddress.street: expected a list",
            ),
            (
                lambda r: r["serviceChannelNames"][0].pop("language"),
                "serviceChannelNames[0]: entry has no 'language'",
            ),
        ],
    )
    def test_bad_channel_names_the_record(self, tmp_path, change, field):
        records = load(CHANNELS)
        change(records[1])
        path = write(tmp_path, "channels.json", records)
        with pytest.raises(PtvFormatError) as excinfo:
            read_source(path)
        message = str(excinfo.value)
        assert message.startswith(f"{path}: record 1 (id {LOCATION_ID}): ")
        assert field in message

    def test_bad_single_object(self, tmp_path):
        record = load(SERVICE)
        record["serviceNames"] = "Nimi"
        path = write(tmp_path, "service.json", record)
        with pytest.raises(PtvFormatError) as excinfo:
            read_source(path)
        assert str(excinfo.value) == (
            f"{path}: the record (id {SERVICE_ID}): serviceNames: expected a list, got str"
        )


class TestHash:
    def test_same_record_in_another_key_order_has_the_same_hash(self, tmp_path):
        record = load(GENERAL)[1]
        reordered = json.loads(json.dumps(record))
        reordered = {key: reordered[key] for key in reversed(list(reordered))}
        reordered["Name"] = [{"Label": e["Label"], "Lang": e["Lang"]} for e in reordered["Name"]]
        assert list(reordered) != list(record)
        first = read_source(write(tmp_path, "a.json", [record])).services[0]
        second = read_source(write(tmp_path, "b.json", [reordered])).services[0]
        assert first.source_hash == second.source_hash == source_hash(record)
        assert len(first.source_hash) == 64

    def test_changed_text_changes_the_hash(self):
        record = load(GENERAL)[1]
        changed = copy.deepcopy(record)
        changed["ShortDescription"][0]["Label"] = "Apua arjen asioihin!"
        assert source_hash(record) != source_hash(changed)
        (original,) = parse_payloads([("a", [record])]).services
        (edited,) = parse_payloads([("a", [changed])]).services
        assert original.source_hash != edited.source_hash

    def test_channel_hash(self):
        record = load(CHANNELS)[0]
        (channel,) = parse_payloads([("c", record)]).channels
        assert channel.source_hash == source_hash(record)
        record["phoneNumbers"][0]["number"] = "401234568"
        (changed,) = parse_payloads([("c", record)]).channels
        assert changed.source_hash != channel.source_hash


def test_real_general_descriptions():
    if not REAL_GENERAL.exists():
        pytest.skip(f"the shared PTV data is not on this machine ({REAL_GENERAL} is missing)")
    result = read_source(REAL_GENERAL)
    assert len(result.services) == 284
    assert len({s.reference for s in result.services}) == 284
    assert sum(s.reference.startswith("SOTE-") for s in result.services) >= 101
    assert all(s.names.get("fi") for s in result.services)
    assert result.rejected == []
    assert result.skipped_versions == 458 - 284
