from datetime import date, time

import pytest
from wagtail.models import Locale

from portal.models import (
    GeneralDescription,
    LocationChannel,
    PhoneChannel,
    ServiceChannelLink,
    ServiceHours,
    ServicePage,
    TopicPage,
)


@pytest.fixture
def topic_page(demo_site):
    topic = demo_site.add_child(
        instance=TopicPage(title="Raha-asiat ja velat", slug="raha-asiat", topic_key="money")
    )
    topic.save_revision().publish()
    return topic


@pytest.fixture
def phone_channel(db):
    channel = PhoneChannel.objects.create(
        name_fi="Palveluneuvonnan puhelin",
        name_sv="Servicerådgivningens telefon",
        phone_number="09 0000 2000",
        charge_type="free",
    )
    ServiceHours.objects.create(
        channel=channel, kind="weekly", day_from=0, day_to=4, opens=time(9), closes=time(15)
    )
    ServiceHours.objects.create(
        channel=channel,
        kind="exception",
        valid_from=date(2026, 12, 24),
        valid_to=date(2026, 12, 26),
        closed=True,
        note_fi="Joulu",
    )
    return channel


@pytest.fixture
def location_channel(db):
    channel = LocationChannel.objects.create(
        name_fi="Järvilinnan sosiaalitoimisto",
        street_fi="Rantakatu 5",
        postal_code="99901",
        post_office_fi="Järvilinna",
        accessibility_fi="Esteetön sisäänkäynti.",
    )
    ServiceHours.objects.create(
        channel=channel, kind="weekly", day_from=0, day_to=4, opens=time(8), closes=time(16)
    )
    return channel


@pytest.fixture
def service_page(topic_page, phone_channel, location_channel):
    page = topic_page.add_child(
        instance=ServicePage(
            title="Toimeentulotuki",
            slug="toimeentulotuki",
            summary="Täydentävä ja ehkäisevä toimeentulotuki hyvinvointialueelta.",
            selkokieli_summary="Voit saada rahaa, jos rahat eivät riitä.",
            description="<p>Hae ensin perustoimeentulotukea Kelasta.</p>",
            charge_type="free",
            languages=["fi", "sv"],
        )
    )
    ServiceChannelLink.objects.create(page=page, channel=phone_channel, sort_order=0)
    ServiceChannelLink.objects.create(page=page, channel=location_channel, sort_order=1)
    page.save_revision().publish()
    return ServicePage.objects.get(pk=page.pk)


@pytest.fixture
def swedish_service_page(service_page):
    page = service_page.copy_for_translation(
        Locale.objects.get(language_code="sv"), copy_parents=True
    )
    page.title = "Utkomststöd"
    page.save_revision().publish()
    return page


# A national description (PTV) that county services implement.
@pytest.fixture
def debt_advice(db):
    return GeneralDescription.objects.create(
        reference="GD103",
        names={"fi": "Talous- ja velkaneuvonta", "sv": "Ekonomisk rådgivning och skuldrådgivning"},
        summaries={"fi": "Neuvontaa raha-asioihin ja velkoihin.", "sv": "Råd om pengar."},
        descriptions={"fi": "<p>Kansallinen kuvaus velkaneuvonnasta.</p>", "sv": "<p>Om råd.</p>"},
        requirements={"fi": "<p>Kaikille, joilla on velkaa.</p>"},
        charge_type="free",
        laws=[{"names": {"fi": "Laki talous- ja velkaneuvonnasta"}, "urls": {"fi": ""}}],
        topic_key="money-and-debt",
    )
