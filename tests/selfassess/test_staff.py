"""Staff screens: the phone adviser's hand-over look-up and the managers' statistics,
each walked through the permission ladder (anonymous → sign-in, wrong role → 403, right
role → 200)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from portal import roles
from selfassess import services
from selfassess.band_texts import band_text
from selfassess.models import Completion
from selfassess.scoring import score
from tests.selfassess.conftest import instrument_page, result_url, step_url
from tests.selfassess.test_admin import staff_client

pytestmark = pytest.mark.django_db

LOOKUP = "/staff/self-assessment/handover/"
REPORT = "/admin/reports/self-assessments/"


def test_lookup_needs_sign_in(client, db):
    response = client.get(LOOKUP)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("role", [roles.EDITOR, roles.MANAGER, roles.TEAM_LEAD])
def test_lookup_is_refused_to_other_roles(client, role):
    assert staff_client(client, role).get(LOOKUP).status_code == 403


@pytest.mark.parametrize("role", [roles.ADVISER, roles.SERVICE_GUIDE])
def test_advisers_and_guides_find_the_answers_by_code(client, role):
    code, _ = services.handover_code_create(
        payload={
            "title": "Mieliala (PHQ-9)",
            "language": "fi",
            "band_heading": "Lievät masennusoireet",
            "result": score("phq9", {f"q{n}": 1 for n in range(1, 10)}).as_dict(),
            "red_flag_questions": ["Ajatukset itsesi vahingoittamisesta"],
            "score_range": [0, 27],
            "answers": [{"question": "Vähäinen kiinnostus", "answer": "Useina päivinä"}],
        },
        owner="the secret in the person's cookie",
    )
    adviser = staff_client(client, role)
    assert adviser.get(LOOKUP).status_code == 200
    response = adviser.post(LOOKUP, {"code": f"{code[:4]}-{code[4:].lower()}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lievät masennusoireet" in html and "Useina päivinä" in html
    assert "<strong>Ajatukset itsesi vahingoittamisesta</strong>" in html  # the red flag
    wrong = adviser.post(LOOKUP, {"code": "AAAA AAAA"})
    assert wrong.status_code == 200 and "Useina päivinä" not in wrong.content.decode()


def test_the_adviser_sees_a_red_flag_as_its_question(client, assessments):
    resident = Client()
    page = instrument_page("phq9")
    for n in range(1, 10):
        value = "2" if n == 9 else "1"  # thoughts of self-harm on more than half the days
        resident.post(step_url(page, n), {f"q{n}": value, "nav": "next"})
    resident.post(f"/fi/self-assessment/{page.pk}/handover/")
    html = resident.get(result_url(page)).content.decode()
    code = html.split('class="handover-code"')[1].split("<strong>")[1].split("</strong>")[0]

    response = staff_client(client, roles.ADVISER).post(LOOKUP, {"code": code})
    html = response.content.decode()
    assert response.status_code == 200
    question = (
        "Ajatukset, että olisi parempi olla kuollut, tai ajatukset itsesi "
        "vahingoittamisesta jollakin tavalla"
    )
    assert f"<strong>{escape(question)}</strong>" in html
    # Not the item's id as text (random tokens in attributes, a nonce or CSRF, may hold "q9").
    assert "q9" not in re.sub(r"<[^>]*>", " ", html)


def test_lookups_are_rate_limited(client, settings):
    adviser = staff_client(client, roles.ADVISER)
    from selfassess import staff_views

    for _ in range(staff_views.LOOKUPS_PER_HOUR):
        adviser.post(LOOKUP, {"code": "AAAA AAAA"})
    assert adviser.post(LOOKUP, {"code": "AAAA AAAA"}).status_code == 429


def test_report_needs_sign_in(client, db):
    assert client.get(REPORT).status_code == 302


def test_report_is_refused_to_other_roles(client):
    # Wagtail answers a permission refusal in the admin with a redirect to the dashboard.
    response = staff_client(client, roles.EDITOR).get(REPORT)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_report_is_refused_to_staff_without_admin_access(client):
    # Advisers work in the staff console, not the Wagtail admin: Wagtail asks them to sign in.
    response = staff_client(client, roles.ADVISER).get(REPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def _complete(n: int, band: str, *, assessment="who5", day=datetime.date(2026, 11, 2), locale="fi"):
    Completion.objects.bulk_create(
        Completion(assessment=assessment, version="1", band=band, locale=locale, completed_on=day)
        for _ in range(n)
    )


@pytest.mark.parametrize("role", [roles.MANAGER, roles.ADMIN])
def test_managers_see_band_counts_with_small_cells_suppressed(client, role):
    _complete(12, "good")
    _complete(3, "low")  # small: hidden, and so is "good" (else 15 − 12 reveals it)
    _complete(7, "minimal", assessment="phq9")
    _complete(9, "mild", assessment="phq9")
    _complete(2, "minimal", assessment="gad7")  # the whole row is below 5
    manager = staff_client(client, role)
    response = manager.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "WHO-5" in html and "PHQ-9" in html
    assert ">12<" not in html and ">3<" not in html and ">15<" in html
    assert ">7<" in html and ">9<" in html and ">16<" in html
    with translation.override("fi"):
        mild = str(band_text("phq9", "mild")[0])
    assert f'<th scope="row">{mild}</th>' in html  # the band's label, not its code
    assert ">mild<" not in html and ">minimal<" not in html
    assert "&lt; 5" in html
    assert ">2<" not in html


def test_report_filters_by_date_and_language(client):
    _complete(6, "good", day=datetime.date(2026, 10, 1))
    _complete(8, "good", day=datetime.date(2026, 11, 1), locale="sv")
    manager = staff_client(client, roles.MANAGER)
    html = manager.get(
        REPORT, {"completed_on_from": "2026-10-15", "completed_on_to": "2026-11-30"}
    ).content.decode()
    assert ">8<" in html and ">6<" not in html
    html = manager.get(REPORT, {"locale": "fi"}).content.decode()
    assert ">6<" in html and ">8<" not in html
