"""Freshness: overdue pages in the admin report and e-mail reminders to their owners."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.factories import StaffUserFactory
from tests.conftest import STAFF_PASSWORD, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_page(service_page):
    owner = StaffUserFactory(username="owner", email="owner@example.org")
    service_page.next_review = timezone.localdate() - timedelta(days=3)
    service_page.last_reviewed = date(2025, 1, 1)
    service_page.content_owner = owner
    service_page.save_revision().publish()
    return service_page


def test_reminders_go_to_the_owner_with_edit_links(overdue_page):
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert overdue_page.title in message.body
    assert f"/admin/pages/{overdue_page.pk}/edit/" in message.body


def test_pages_not_yet_due_get_no_reminder(service_page):
    service_page.next_review = timezone.localdate() + timedelta(days=30)
    service_page.save_revision().publish()
    call_command("send_review_reminders", stdout=io.StringIO())
    assert mail.outbox == []
    call_command("send_review_reminders", "--days-ahead", "31", "--dry-run", stdout=io.StringIO())
    assert mail.outbox == []


def test_overdue_report_lists_the_page_for_editors(client, overdue_page):
    from portal.factories import TOTPDeviceFactory

    device = TOTPDeviceFactory()
    client.post(
        "/admin/login/",
        {
            "username": device.user.username,
            "password": STAFF_PASSWORD,
            "otp_token": totp_code(device),
        },
    )
    response = client.get("/admin/reports/past-review/")
    assert response.status_code == 200
    assert overdue_page.title in response.content.decode()
