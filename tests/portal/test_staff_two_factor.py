"""Every staff URL needs a password and a verified one-time code (the permission ladder)."""

import logging

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.factories import StaffUserFactory
from tests.conftest import STAFF_PASSWORD, totp_code

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"
VERIFY_URL = reverse("staff_otp_verify")
SETUP_URL = reverse("staff_otp_setup")


def password_login(client, user, **extra):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": STAFF_PASSWORD, **extra},
    )


def verify(client, code, next_url=ADMIN_HOME, **headers):
    return client.post(VERIFY_URL, {"otp_token": code, "next": next_url}, headers=headers)


class TestAdminLadder:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(ADMIN_HOME)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))

    def test_password_only_is_sent_to_the_code_step(self, client, totp_device):
        password_login(client, totp_device.user)
        response = client.get(ADMIN_HOME)
        assert response.status_code == 302
        assert response.url == f"{VERIFY_URL}?next=%2Fadmin%2F"

    def test_verified_session_reaches_the_admin(self, client, totp_device):
        password_login(client, totp_device.user)
        response = verify(client, totp_code(totp_device))
        assert response.status_code == 302 and response.url == ADMIN_HOME
        assert client.get(ADMIN_HOME).status_code == 200

    def test_wrong_code_is_refused(self, client, totp_device):
        password_login(client, totp_device.user)
        wrong = f"{(int(totp_code(totp_device)) + 1) % 1_000_000:06d}"
        response = verify(client, wrong)
        assert response.status_code == 200
        assert response.context["form"].has_error("otp_token", "invalid_token")
        assert client.get(ADMIN_HOME).status_code == 302

    def test_replayed_code_is_refused(self, client, totp_device):
        code = totp_code(totp_device)
        password_login(client, totp_device.user)
        verify(client, code)
        client.logout()

        password_login(client, totp_device.user)
        response = verify(client, code)
        assert response.status_code == 200
        assert client.get(ADMIN_HOME).status_code == 302

    def test_session_key_rotates_at_password_and_at_code(self, client, totp_device):
        client.get(reverse("wagtailadmin_login"))
        before_login = client.session.session_key
        password_login(client, totp_device.user)
        after_password = client.session.session_key
        verify(client, totp_code(totp_device))
        after_code = client.session.session_key
        assert len({before_login, after_password, after_code} - {None}) >= 2
        assert after_password != after_code
        assert after_password != before_login

    def test_code_on_the_login_form_verifies_in_one_step(self, client, totp_device):
        response = password_login(client, totp_device.user, otp_token=totp_code(totp_device))
        assert response.status_code == 302
        assert client.get(ADMIN_HOME).status_code == 200

    def test_wrong_code_on_the_login_form_does_not_sign_in(self, client, totp_device):
        response = password_login(client, totp_device.user, otp_token="000000")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        # The password is never echoed back into the page.
        assert STAFF_PASSWORD not in response.content.decode()

    def test_wrong_password_is_refused(self, client, totp_device):
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": totp_device.user.username, "password": "not the password"},
        )
        assert response.status_code == 200
        assert client.get(ADMIN_HOME).status_code == 302


class TestDjangoAdminLadder:
    def test_anonymous_is_sent_to_the_staff_login(self, client):
        response = client.get("/django-admin/", follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("wagtailadmin_login"))

    def test_password_only_is_sent_to_the_code_step(self, client, totp_device):
        totp_device.user.is_staff = True
        totp_device.user.save()
        password_login(client, totp_device.user)
        response = client.get("/django-admin/")
        assert response.status_code == 302 and response.url.startswith(VERIFY_URL)

    def test_verified_staff_reaches_it(self, client, totp_device):
        totp_device.user.is_staff = totp_device.user.is_superuser = True
        totp_device.user.save()
        password_login(client, totp_device.user)
        verify(client, totp_code(totp_device), next_url="/django-admin/")
        assert client.get("/django-admin/").status_code == 200


class TestThrottlingAndAudit:
    def test_repeated_failures_lock_verification_even_for_the_right_code(self, client, totp_device):
        password_login(client, totp_device.user)
        for _ in range(3):
            verify(client, "000000")
        response = verify(client, totp_code(totp_device), accept_language="en")
        assert "temporarily disabled" in str(response.context["form"].errors["otp_token"])
        assert client.get(ADMIN_HOME).status_code == 302

    def test_failed_code_is_logged_without_the_code(self, client, totp_device, caplog):
        password_login(client, totp_device.user)
        with caplog.at_level(logging.WARNING, logger="portal.security"):
            verify(client, "123450")
        messages = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
        assert f"Failed OTP verification for user id {totp_device.user.pk}" in messages
        assert not any("123450" in m for m in messages)


class TestEnrolment:
    def test_user_without_device_is_taken_to_enrolment(self, client, staff_user):
        password_login(client, staff_user)
        response = client.get(ADMIN_HOME)
        assert response.status_code == 302 and response.url.startswith(SETUP_URL)
        page = client.get(response.url)
        assert page.status_code == 200
        assert "<svg" in page.content.decode()  # the QR code, drawn inline

    def test_enrolment_confirms_device_and_shows_backup_codes_once(self, client, staff_user):
        password_login(client, staff_user)
        client.get(SETUP_URL)
        device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
        response = client.post(SETUP_URL, {"otp_token": totp_code(device), "next": ADMIN_HOME})
        assert response.status_code == 200
        tokens = list(
            StaticDevice.objects.get(user=staff_user).token_set.values_list("token", flat=True)
        )
        assert len(tokens) == 10
        assert all(token in response.content.decode() for token in tokens)
        device.refresh_from_db()
        assert device.confirmed
        assert client.get(ADMIN_HOME).status_code == 200
        # Once a device exists, enrolment is no longer open to a password-only session.
        client.logout()
        password_login(client, staff_user)
        assert client.get(SETUP_URL).url.startswith(VERIFY_URL)

    def test_wrong_enrolment_code_keeps_device_unconfirmed(self, client, staff_user):
        password_login(client, staff_user)
        client.get(SETUP_URL)
        response = client.post(SETUP_URL, {"otp_token": "000000"})
        assert response.status_code == 200
        assert response.context["form"].has_error("otp_token")
        assert not TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()

    def test_backup_code_works_once(self, client, staff_user):
        password_login(client, staff_user)
        client.get(SETUP_URL)
        device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
        client.post(SETUP_URL, {"otp_token": totp_code(device)})
        token = StaticDevice.objects.get(user=staff_user).token_set.first().token
        client.logout()

        password_login(client, staff_user)
        verify(client, token)
        assert client.get(ADMIN_HOME).status_code == 200
        client.logout()

        password_login(client, staff_user)
        verify(client, token)
        assert client.get(ADMIN_HOME).status_code == 302

    def test_a_resident_account_cannot_enrol_as_staff(self, client, django_user_model):
        resident = django_user_model.objects.create_user("resident", password=STAFF_PASSWORD)
        client.force_login(resident)
        assert client.get(SETUP_URL).status_code == 403


def test_next_parameter_cannot_send_people_off_site(client, totp_device):
    password_login(client, totp_device.user)
    response = verify(client, totp_code(totp_device), next_url="https://evil.example/")
    assert response.url == ADMIN_HOME


def test_roles_exist_as_groups(db):
    from django.contrib.auth.models import Group

    from portal import roles

    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)
    editor = StaffUserFactory(role=roles.EDITOR)
    assert editor.has_perm("wagtailadmin.access_admin")


def test_a_person_stuck_at_the_code_step_can_sign_out(client, totp_device):
    password_login(client, totp_device.user)
    page = client.get(VERIFY_URL).content.decode()
    assert f'action="{reverse("wagtailadmin_logout")}"' in page
    client.post(reverse("wagtailadmin_logout"))
    assert "_auth_user_id" not in client.session
