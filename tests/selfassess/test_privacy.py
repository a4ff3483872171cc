"""Nothing personal is stored for an anonymous completion, and a hand-over code's answers
are encrypted, never readable after 72 hours, and deleted."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from selfassess import services
from selfassess.crypto import state_fernet
from selfassess.models import Completion, HandoverCode
from selfassess.state import COOKIE_NAME
from tests.selfassess.conftest import answer_each_step, instrument_page, result_url, step_url

pytestmark = pytest.mark.django_db

ANSWERS = {"q1": "3", "q2": "3", "q3": "2", "q4": "2", "q5": "2"}


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or model._meta.proxy or not model._meta.managed:
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (table names)
            counts[table] = cursor.fetchone()[0]
    return counts


def test_an_anonymous_completion_stores_one_anonymous_row_and_nothing_else(client, assessments):
    page = instrument_page("who5")
    before = _row_counts()
    client.get(page.url)
    client.get(step_url(page, 1))
    response = answer_each_step(
        client, page, ANSWERS, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0 (test)"
    )
    client.get(result_url(page))
    after = _row_counts()

    changed = {
        table: after[table] - before[table] for table in after if after[table] != before[table]
    }
    assert changed == {"selfassess_completion": 1}  # no session, no answers, no log row
    completion = Completion.objects.values().get()
    assert set(completion) == {
        "id", "assessment", "version", "band", "locale", "completed_on", "municipality",
    }  # fmt: skip
    assert completion["assessment"] == "who5" and completion["band"] == "low"
    assert completion["completed_on"] == timezone.localdate()
    assert completion["municipality"] == ""
    assert "203.0.113.7" not in json.dumps(completion, default=str)

    # The answers live only in the person's own cookie, encrypted.
    token = response.cookies[COOKIE_NAME].value
    assert "answers" not in token and '"q1"' not in token
    state = json.loads(state_fernet().decrypt(token.encode()))
    assert state["answers"] == {"q1": 3, "q2": 3, "q3": 2, "q4": 2, "q5": 2}
    assert "203.0.113.7" not in json.dumps(state)


def test_municipality_is_counted_only_when_chosen_from_the_list(client, assessments, settings):
    settings.SELFASSESS_MUNICIPALITIES = ["Järvilinna", "Koskela"]
    page = instrument_page("who5")
    answer_each_step(client, page, ANSWERS)
    html = client.get(result_url(page)).content.decode()
    assert 'name="municipality"' in html
    url = f"/fi/self-assessment/{page.pk}/municipality/"
    client.post(url, {"municipality": "Helsinki"})  # not on the list: ignored
    assert Completion.objects.get().municipality == ""
    client.post(url, {"municipality": "Koskela"})
    client.post(url, {"municipality": "Järvilinna"})  # once chosen, kept
    assert Completion.objects.get().municipality == "Koskela"
    assert 'name="municipality"' not in client.get(result_url(page)).content.decode()


@pytest.fixture
def adviser(db):
    from portal import roles
    from portal.factories import StaffUserFactory

    return StaffUserFactory(role=roles.ADVISER)


def test_handover_code_is_encrypted_and_found_only_by_its_code(client, assessments, adviser):
    page = instrument_page("who5")
    answer_each_step(client, page, ANSWERS)
    response = client.post(f"/fi/self-assessment/{page.pk}/handover/")
    assert response["Location"] == result_url(page) + "#handover"
    html = client.get(result_url(page)).content.decode()
    shown = html.split('class="handover-code"')[1].split("<strong>")[1].split("</strong>")[0]
    code = shown.replace(" ", "")
    assert len(code) == 8

    row = HandoverCode.objects.get()
    assert code not in row.code_hash and code not in row.payload
    assert "Olen ollut iloinen" not in row.payload  # the answers are not readable in a dump
    assert row.expires_at - timezone.now() > datetime.timedelta(hours=71, minutes=59)

    found = services.handover_code_redeem(code=shown.lower(), user=adviser)
    assert found["result"]["total"] == 12 and found["result"]["band"] == "low"
    assert found["answers"][0]["question"] == "Olen ollut iloinen ja hyvällä tuulella"
    assert found["answers"][0]["answer"] == "Yli puolet ajasta"
    assert services.handover_code_redeem(code="ABCD EFGH", user=adviser) is None
    # Asking again shows the same code instead of making another.
    client.post(f"/fi/self-assessment/{page.pk}/handover/")
    assert HandoverCode.objects.count() == 1


def test_handover_code_expires_after_72_hours_and_is_deleted(assessments, adviser, time_machine):
    time_machine.move_to("2026-11-20 10:00:00+02:00", tick=False)
    code, expires_at = services.handover_code_create(payload={"answers": []}, owner="a")
    assert expires_at == timezone.now() + datetime.timedelta(hours=72)

    time_machine.move_to("2026-11-23 09:59:59+02:00", tick=False)
    assert services.handover_code_redeem(code=code, user=adviser) is not None

    time_machine.move_to("2026-11-23 10:00:00+02:00", tick=False)
    # Expired: never readable, even though nothing has purged it yet.
    assert HandoverCode.objects.count() == 1
    assert services.handover_code_redeem(code=code, user=adviser) is None
    assert HandoverCode.objects.count() == 0  # the look-up purged it on the way


def test_purge_command_deletes_expired_codes_only(assessments, time_machine):
    time_machine.move_to("2026-11-20 10:00:00+02:00", tick=False)
    services.handover_code_create(payload={}, owner="a")
    time_machine.move_to("2026-11-22 10:00:00+02:00", tick=False)
    services.handover_code_create(payload={}, owner="b")
    time_machine.move_to("2026-11-23 12:00:00+02:00", tick=False)
    call_command("selfassess_purge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert HandoverCode.objects.count() == 1
    time_machine.move_to("2026-11-25 10:00:00+02:00", tick=False)
    call_command("selfassess_purge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert HandoverCode.objects.count() == 0


def test_creating_a_code_purges_expired_ones(assessments, time_machine):
    time_machine.move_to("2026-11-20 10:00:00+02:00", tick=False)
    services.handover_code_create(payload={}, owner="c")
    time_machine.move_to("2026-11-24 10:00:00+02:00", tick=False)
    services.handover_code_create(payload={}, owner="d")
    assert HandoverCode.objects.count() == 1


def test_changing_answers_revokes_the_old_code(client, assessments):
    page = instrument_page("who5")
    answer_each_step(client, page, ANSWERS)
    client.post(f"/fi/self-assessment/{page.pk}/handover/")
    assert HandoverCode.objects.count() == 1
    answer_each_step(client, page, ANSWERS | {"q1": "5"})
    assert HandoverCode.objects.count() == 0


def test_the_handover_record_keeps_no_sex(client, assessments, adviser):
    # The sex question says its answer is not saved: it only chose the band's cut-off.
    page = instrument_page("auditc")
    for step, value in ((1, "2"), (2, "1"), (3, "2")):
        client.post(step_url(page, step), {f"q{step}": value, "nav": "next"})
    client.post(step_url(page, 4), {"sex": "female", "nav": "next"})
    client.post(f"/fi/self-assessment/{page.pk}/handover/")
    html = client.get(result_url(page)).content.decode()
    shown = html.split('class="handover-code"')[1].split("<strong>")[1].split("</strong>")[0]
    found = services.handover_code_redeem(code=shown, user=adviser)
    assert found["result"]["band"] == "risk"  # the band was read with the answer
    assert "sex" not in found
    assert "female" not in json.dumps(found)
