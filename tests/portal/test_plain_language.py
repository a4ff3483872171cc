"""Every demo service has a plain-language summary: selkokieli on the Finnish page,
lättläst svenska on the Swedish one; English pages have none."""

import re

import pytest

from portal.demo_county import county_data, demo_county_load
from portal.models import ServicePage

SERVICES = county_data()["services"]


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("service", SERVICES, ids=[s["key"] for s in SERVICES])
def test_every_demo_service_has_a_short_plain_language_summary(service, language):
    summary = service["selkokieli_summary"].get(language, "")
    # Plain-language rules: a few short sentences, no abbreviations that end in a full stop.
    assert 2 <= len(_sentences(summary)) <= 4, summary
    assert all(len(sentence.split()) <= 16 for sentence in _sentences(summary)), summary
    assert not re.search(r"\b(kl|esim|mm|t\.ex|ns)\.", summary), summary


@pytest.mark.django_db
def test_demo_pages_carry_the_summary_in_their_own_language(client, demo_site):
    demo_county_load(home_fi=demo_site)
    for code in ("fi", "sv"):
        pages = ServicePage.objects.filter(ptv_reference="", locale__language_code=code)
        assert pages.count() == len(SERVICES)
        assert not pages.filter(selkokieli_summary="").exists()
    assert not (
        ServicePage.objects.filter(ptv_reference="", locale__language_code="en")
        .exclude(selkokieli_summary="")
        .exists()
    )

    swedish = ServicePage.objects.get(
        slug=SERVICES[0]["slug"]["sv"], ptv_reference="", locale__language_code="sv"
    )
    html = client.get(swedish.url).content.decode()
    assert f'<a href="{swedish.url}?selko=1">Lättläst</a>' in html
    plain = client.get(swedish.url + "?selko=1").content.decode()
    assert (
        '<div class="plain-language"><h2>På lättläst svenska</h2>'
        f"<p>{SERVICES[0]['selkokieli_summary']['sv']}</p></div>"
    ) in plain
