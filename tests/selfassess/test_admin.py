"""Editors build self-assessments in the Wagtail admin: bands must cover every possible
score exactly once before publishing, drafts may be unfinished, and the preview shows the
questions and every result."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text

from portal import roles
from portal.factories import StaffUserFactory, TOTPDeviceFactory
from selfassess.models import AssessmentPage, InstrumentPage, SelfAssessmentIndexPage
from tests.conftest import STAFF_PASSWORD, totp_code
from tests.selfassess.conftest import everyday_page, instrument_page

pytestmark = pytest.mark.django_db


def staff_client(client, role: str):
    user = StaffUserFactory(role=role)
    device = TOTPDeviceFactory(user=user)
    client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": STAFF_PASSWORD, "otp_token": totp_code(device)},
    )
    return client


def _block(block_type: str, value: dict, order: int) -> dict:
    return {
        "type": block_type,
        "value": value,
        "deleted": "",
        "order": order,
        "id": str(uuid.uuid4()),
    }


def _list(values: list[dict]) -> dict:
    items = {
        str(index): {"value": value, "deleted": "", "order": index, "id": str(uuid.uuid4())}
        for index, value in enumerate(values)
    }
    return {"count": len(values), **items}


def _stream(blocks: list[tuple[str, dict]]) -> dict:
    items = {str(i): _block(kind, value, i) for i, (kind, value) in enumerate(blocks)}
    return {"count": len(blocks), **items}


def assessment_form(bands: list[tuple[int, int]], **extra) -> dict:
    """Two questions scoring 0–3 and 0–7: possible totals 0–10."""
    questions = [
        (
            "single_choice",
            {
                "question": "Kuinka usein?",
                "help_text": "",
                "options": _list(
                    [
                        {"label": label, "score": str(score)}
                        for label, score in (("Ei koskaan", 0), ("Joskus", 1), ("Aina", 3))
                    ]
                ),
            },
        ),  # fmt: skip
        (
            "number",
            {
                "question": "Montako päivää?",
                "help_text": "",
                "minimum": "0",
                "maximum": "7",
                "unit": "päivää",
                "score_per_unit": "1",
                "red_flag_from": "",
            },
        ),
    ]
    band_blocks = [
        (
            "band",
            {
                "min_score": str(low),
                "max_score": str(high),
                "heading": f"Tulos {low}–{high}",
                "explanation": rich_text("<p>Selitys.</p>"),
                "services": _list([]),
                "disposition": "advice",
            },
        )
        for low, high in bands
    ]
    return nested_form_data(
        {
            "title": "Oma testi",
            "slug": "oma-testi",
            "assessment_key": "oma-testi",
            "intro": rich_text(""),
            "questions": _stream(questions),
            "bands": _stream(band_blocks),
            "result_note": "",
            "minutes": "2",
            **extra,
        }
    )


@pytest.fixture
def index_fi(assessments):
    return SelfAssessmentIndexPage.objects.get(locale__language_code="fi")


def _add_url(index):
    return reverse("wagtailadmin_pages:add", args=["selfassess", "assessmentpage", index.pk])


def test_editor_opens_the_forms(client, index_fi):
    editor = staff_client(client, roles.EDITOR)
    assert editor.get(_add_url(index_fi)).status_code == 200
    for page in (everyday_page(), instrument_page("who5")):
        assert editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_publishing_is_refused_when_bands_leave_a_gap(client, index_fi):
    editor = staff_client(client, roles.EDITOR)
    data = assessment_form([(0, 4), (6, 10)]) | {"action-publish": "action-publish"}
    response = editor.post(_add_url(index_fi), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not AssessmentPage.objects.filter(slug="oma-testi").exists()
    assert "5" in html and "oma-testi" in html
    with translation.override("fi"):
        from selfassess.models.pages import band_problem_messages

        page = AssessmentPage(title="x", assessment_key="x")
        page.questions = [
            ("single_choice", {"question": "q", "options": [
                {"label": "a", "score": 0}, {"label": "b", "score": 3}]}),
            ("number", {"question": "n", "minimum": 0, "maximum": 7, "score_per_unit": 1}),
        ]  # fmt: skip
        page.bands = [
            ("band", {"min_score": 0, "max_score": 4, "heading": "a", "explanation": "<p>a</p>",
                      "disposition": "advice"}),
            ("band", {"min_score": 6, "max_score": 10, "heading": "b", "explanation": "<p>b</p>",
                      "disposition": "advice"}),
        ]  # fmt: skip
        messages = band_problem_messages(page.questions, page.bands)
    assert len(messages) == 1
    # Wagtail renders the StreamField's errors from JSON, where ä is written \u00e4.
    assert messages[0] in html or json.dumps(messages[0])[1:-1] in html


def test_publishing_is_refused_when_bands_overlap(client, index_fi):
    editor = staff_client(client, roles.EDITOR)
    data = assessment_form([(0, 5), (5, 10)]) | {"action-publish": "action-publish"}
    assert editor.post(_add_url(index_fi), data).status_code == 200
    assert not AssessmentPage.objects.filter(slug="oma-testi").exists()


def test_a_draft_may_be_saved_with_unfinished_bands(client, index_fi):
    editor = staff_client(client, roles.EDITOR)
    response = editor.post(_add_url(index_fi), assessment_form([(0, 4)]))
    assert response.status_code == 302
    page = AssessmentPage.objects.get(slug="oma-testi")
    assert not page.live
    assert page.band_problem_messages()


def test_complete_bands_publish(client, index_fi):
    editor = staff_client(client, roles.EDITOR)
    data = assessment_form([(0, 4), (5, 10)]) | {"action-publish": "action-publish"}
    response = editor.post(_add_url(index_fi), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = AssessmentPage.objects.get(slug="oma-testi")
    assert page.live
    assert page.definition().total_range == (0, 10)


def test_preview_shows_questions_and_every_result(index_fi):
    page = everyday_page()
    request = RequestFactory().get("/")
    request.user = StaffUserFactory(role=roles.EDITOR)
    request.is_preview = True
    with translation.override("fi"):
        questions = page.serve_preview(request, "questions")
        results = page.serve_preview(request, "results")
    html = questions.content.decode()
    assert "Riittävätkö rahasi" in html and "disabled" in html
    html = results.content.decode()
    for heading in ("Arkesi sujuu hyvin", "Arjessa on kuormittavia asioita"):
        assert heading in html
    assert "0–20" in html


def test_preview_of_a_step_by_step_assessment_shows_every_question(index_fi):
    page = instrument_page("phq9")
    assert not page.definition().one_page
    request = RequestFactory().get("/")
    request.user = StaffUserFactory(role=roles.EDITOR)
    request.is_preview = True
    with translation.override("fi"):
        html = page.serve_preview(request, "questions").content.decode()
    assert "Vähäinen kiinnostus tai mielihyvä" in html  # the first question
    assert "Ajatukset, että olisi parempi olla kuollut" in html  # and the ninth
    assert html.count('type="radio"') == 9 * 4


def test_validated_instrument_pages_check_their_bands_and_licence(index_fi, settings):
    page = instrument_page("who5")
    page.band_services = [("band", {"band": "severe", "services": []})]
    with pytest.raises(ValidationError, match="severe"):
        page.full_clean()
    eurohis = InstrumentPage(title="EUROHIS-8", slug="eurohis", instrument="eurohis8")
    with pytest.raises(ValidationError, match="SELFASSESS_EUROHIS8_ENABLED"):
        eurohis.clean()
    settings.SELFASSESS_EUROHIS8_ENABLED = True
    eurohis.clean()


def test_bulk_publishing_refuses_unfinished_assessments(index_fi):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from selfassess.wagtail_hooks import refuse_bulk_publishing_of_incomplete_assessments

    page = everyday_page()
    del page.bands[1:]  # only 0–5 of 0–20
    page.save_revision()
    request = RequestFactory().get("/admin/bulk/", {"next": "https://evil.example/"})
    request.session = {}
    request._messages = FallbackStorage(request)
    response = refuse_bulk_publishing_of_incomplete_assessments(request, "publish", [page], None)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert (
        refuse_bulk_publishing_of_incomplete_assessments(request, "unpublish", [page], None) is None
    )
    who5 = instrument_page("who5")
    assert (
        refuse_bulk_publishing_of_incomplete_assessments(request, "publish", [who5], None) is None
    )
