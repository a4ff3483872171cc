"""One live hand-over code per finished assessment, shown again however often it is asked
for, also when the same cookie is sent again and again."""

import json

import pytest
from cryptography.fernet import InvalidToken
from django.db import IntegrityError

from selfassess import services
from selfassess.crypto import handover_fernet, state_fernet
from selfassess.models import HandoverCode
from selfassess.state import COOKIE_NAME
from tests.selfassess.conftest import answer_each_step, instrument_page, result_url

pytestmark = pytest.mark.django_db

ANSWERS = {"q1": "3", "q2": "3", "q3": "2", "q4": "2", "q5": "2"}


@pytest.fixture
def adviser(db):
    from portal import roles
    from portal.factories import StaffUserFactory

    return StaffUserFactory(role=roles.ADVISER)


def finished(client, answers=ANSWERS):
    """A finished WHO-5: its page and the state cookie the result came with."""
    page = instrument_page("who5")
    response = answer_each_step(client, page, answers)
    return page, response.cookies[COOKIE_NAME].value


def ask_for_code(client, page, cookie: str) -> str:
    """Post for a code with exactly `cookie`, as a replayed request would, and return the
    code the result page then shows."""
    client.cookies[COOKIE_NAME] = cookie
    response = client.post(f"/fi/self-assessment/{page.pk}/handover/")
    assert response.status_code == 303
    html = client.get(result_url(page)).content.decode()
    return html.split('class="handover-code"')[1].split("<strong>")[1].split("</strong>")[0]


def test_the_same_cookie_posted_30_times_gets_one_live_code_shown_each_time(client, assessments):
    page, cookie = finished(client)
    shown = {ask_for_code(client, page, cookie) for _ in range(30)}
    assert len(shown) == 1
    assert HandoverCode.objects.count() == 1


def test_after_expiry_the_same_cookie_can_have_a_new_code(
    client, assessments, adviser, settings, time_machine
):
    settings.SELFASSESS_STATE_SECONDS = 4 * 24 * 3600  # so that the old cookie still opens
    time_machine.move_to("2026-11-20 10:00:00+02:00", tick=False)
    page, cookie = finished(client)
    first = ask_for_code(client, page, cookie)
    time_machine.move_to("2026-11-23 09:59:59+02:00", tick=False)
    assert ask_for_code(client, page, cookie) == first

    time_machine.move_to("2026-11-23 10:00:00+02:00", tick=False)
    second = ask_for_code(client, page, cookie)
    assert second != first
    assert HandoverCode.objects.count() == 1  # the expired one went
    assert services.handover_code_redeem(code=first, user=adviser) is None
    assert services.handover_code_redeem(code=second, user=adviser)["result"]["total"] == 12


def test_answers_changed_from_another_copy_of_the_cookie_revoke_the_code(client, assessments):
    page, cookie = finished(client)
    ask_for_code(client, page, cookie)
    client.cookies[COOKIE_NAME] = cookie  # a copy from before the code was made
    answer_each_step(client, page, ANSWERS | {"q1": "5"})
    assert HandoverCode.objects.count() == 0
    changed = client.cookies[COOKIE_NAME].value
    assert ask_for_code(client, page, changed)
    assert HandoverCode.objects.count() == 1


def test_each_completion_has_its_own_code(client, assessments):
    page, cookie = finished(client)
    first = ask_for_code(client, page, cookie)
    client.post(f"/fi/self-assessment/{page.pk}/restart/")
    page, cookie = finished(client)
    assert ask_for_code(client, page, cookie) != first
    assert HandoverCode.objects.count() == 2


def test_the_code_is_kept_only_in_a_form_the_persons_cookie_opens(client, assessments, settings):
    page, cookie = finished(client)
    code = ask_for_code(client, page, cookie).replace(" ", "")
    secret = json.loads(state_fernet().decrypt(cookie.encode()))["handover_secret"]
    row = HandoverCode.objects.get()
    for stored in (row.code_hash, row.owner_hash, row.code_sealed, row.payload):
        assert code not in stored and secret not in stored
    with pytest.raises(InvalidToken):  # the server's own keys are not enough
        handover_fernet().decrypt(row.code_sealed.encode())


def test_a_request_that_loses_the_race_shows_the_winners_code(assessments, monkeypatch):
    code, expires_at = services.handover_code_create(payload={}, owner="secret")
    found = services._live_code
    calls = []

    def late(**kwargs):
        # The first look finds nothing: the other request's row is written just after.
        calls.append(kwargs)
        return None if len(calls) == 1 else found(**kwargs)

    monkeypatch.setattr(services, "_live_code", late)
    assert services.handover_code_create(payload={}, owner="secret") == (code, expires_at)
    assert HandoverCode.objects.count() == 1


def test_the_database_refuses_a_second_code_for_one_owner(assessments):
    services.handover_code_create(payload={}, owner="secret")
    row = HandoverCode.objects.get()
    with pytest.raises(IntegrityError):
        HandoverCode.objects.create(
            code_hash="other", owner_hash=row.owner_hash, payload="", expires_at=row.expires_at
        )


def test_a_changed_handover_key_gives_a_new_code(assessments, adviser, settings):
    # The old code's answers cannot be read with the new key, so it is no use to show.
    settings.SELFASSESS_HANDOVER_KEY = "old key"
    first, _ = services.handover_code_create(payload={}, owner="secret")
    settings.SELFASSESS_HANDOVER_KEY = "new key"
    second, _ = services.handover_code_create(payload={"answers": []}, owner="secret")
    assert second != first
    assert services.handover_code_redeem(code=second, user=adviser) is not None
