"""Throttling of the staff password step (django-axes, counting in the database)."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse

from portal.staff_auth.services import staff_login_lockout_clear
from tests.conftest import STAFF_PASSWORD, totp_code

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("wagtailadmin_login")
VERIFY_URL = reverse("staff_otp_verify")
ADDRESS = "198.51.100.7"
OTHER_ADDRESS = "203.0.113.9"
WRONG_PASSWORD = "not the password"
LOCKED_EN = "Too many failed sign-in attempts. Try again in 15 minutes"
LOCKED_FI = "Liian monta epäonnistunutta kirjautumisyritystä. Yritä uudelleen 15 minuutin kuluttua"
LOCKED_SV = "För många misslyckade inloggningsförsök. Försök igen om 15 minuter"


def sign_in(client, username, password=WRONG_PASSWORD, *, address=ADDRESS, language="en"):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"accept-language": language},
    )


def outcome(response) -> tuple[int, list[str], list[str]]:
    form = response.context["form"]
    return (
        response.status_code,
        [e.code for e in form.non_field_errors().as_data()],
        [str(m) for m in form.non_field_errors()],
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestPerAccountAtOneAddress:
    def test_forty_wrong_passwords_lock_and_then_the_right_one_is_refused(self, client, staff_user):
        statuses = [sign_in(client, staff_user.username).status_code for _ in range(40)]
        assert statuses[:4] == [200] * 4
        assert set(statuses[4:]) == {429}

        response = sign_in(client, staff_user.username, STAFF_PASSWORD)
        assert response.status_code == 429
        assert outcome(response)[1] == ["locked_out"]
        assert LOCKED_EN in response.content.decode()
        assert not signed_in(client)

    def test_an_unknown_account_is_answered_exactly_the_same(self, client, staff_user):
        known = [outcome(sign_in(client, staff_user.username)) for _ in range(7)]
        unknown = [outcome(sign_in(client, "nobody-here", address=OTHER_ADDRESS)) for _ in range(7)]
        assert known == unknown
        assert [status for status, _, _ in known] == [200] * 4 + [429] * 3
        assert known[3][1] == ["invalid_login"] and known[4][1] == ["locked_out"]

    def test_the_username_is_counted_without_regard_to_case(self, client, staff_user):
        name = staff_user.username
        for variant in (name.upper(), name.title(), name, name.swapcase(), name.upper()):
            sign_in(client, variant)
        assert sign_in(client, name, STAFF_PASSWORD).status_code == 429

    def test_a_correct_password_resets_the_account_count(self, client, staff_user):
        for _ in range(4):
            sign_in(client, staff_user.username)
        assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 302
        client.logout()
        for _ in range(4):
            assert sign_in(client, staff_user.username).status_code == 200
        assert sign_in(client, staff_user.username).status_code == 429

    def test_another_address_is_not_locked_by_the_account_and_address_tier(
        self, client, staff_user
    ):
        for _ in range(5):
            sign_in(client, staff_user.username)
        response = sign_in(client, staff_user.username, STAFF_PASSWORD, address=OTHER_ADDRESS)
        assert response.status_code == 302


class TestPerAddressAndPerAccount:
    def test_spraying_many_accounts_from_one_address_locks_the_address(self, client, staff_user):
        for n in range(20):
            sign_in(client, f"guess-{n}")
        assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 429
        other = sign_in(client, staff_user.username, STAFF_PASSWORD, address=OTHER_ADDRESS)
        assert other.status_code == 302

    def test_signing_in_to_one_account_does_not_clear_the_address_count(self, client, staff_user):
        for n in range(19):
            sign_in(client, f"guess-{n}")
        assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 302
        client.logout()
        sign_in(client, "guess-19")
        assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 429

    def test_guessing_one_account_from_many_addresses_locks_the_account(self, client, staff_user):
        for n in range(10):
            sign_in(client, staff_user.username, address=f"192.0.2.{n + 1}")
        response = sign_in(client, staff_user.username, STAFF_PASSWORD, address=OTHER_ADDRESS)
        assert response.status_code == 429

    def test_behind_a_proxy_the_client_cannot_choose_its_address(
        self, client, staff_user, settings
    ):
        settings.TRUSTED_PROXY_HOPS = 1
        for n in range(5):
            client.post(
                LOGIN_URL,
                {"username": staff_user.username, "password": "wrong"},
                REMOTE_ADDR="10.0.0.1",
                headers={"x-forwarded-for": f"192.0.2.{n}, {ADDRESS}"},
            )
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ADDRESS}
        response = client.post(
            LOGIN_URL,
            {"username": staff_user.username, "password": STAFF_PASSWORD},
            REMOTE_ADDR="10.0.0.1",
            headers={"x-forwarded-for": f"192.0.2.99, {ADDRESS}"},
        )
        assert response.status_code == 429


class TestLanguages:
    @pytest.mark.parametrize(("language", "text"), [("fi", LOCKED_FI), ("sv", LOCKED_SV)])
    def test_the_lockout_message_is_in_the_page_language(self, client, staff_user, language, text):
        for _ in range(5):
            response = sign_in(client, staff_user.username, language=language)
        assert response.status_code == 429
        assert text in response.content.decode()
        assert "Too many" not in response.content.decode()

    def test_the_code_step_lockout_is_in_finnish(self, client, totp_device):
        sign_in(client, totp_device.user.username, STAFF_PASSWORD)
        for _ in range(3):
            client.post(VERIFY_URL, {"otp_token": "000000"})
        response = client.post(
            VERIFY_URL, {"otp_token": totp_code(totp_device)}, headers={"accept-language": "fi"}
        )
        errors = " ".join(response.context["form"].errors["otp_token"])
        assert "Koodin tarkistus on tilapäisesti estetty" in errors
        assert "temporarily" not in response.content.decode()


class TestUnlocking:
    def test_the_lock_lifts_after_the_cool_off(self, client, staff_user):
        with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False) as clock:
            for _ in range(5):
                sign_in(client, staff_user.username)
            clock.shift(timedelta(minutes=14))
            assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 429
            # That refused attempt was a failure too, so the wait starts again from it.
            clock.shift(timedelta(minutes=14))
            assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 429
            clock.shift(timedelta(minutes=16))
            assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 302

    def test_an_administrator_can_lift_the_lock(self, client, staff_user):
        for _ in range(5):
            sign_in(client, staff_user.username)
        assert staff_login_lockout_clear(user=staff_user) >= 1
        assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 302

    def test_the_lock_holds_while_the_cache_is_down(self, client, staff_user, settings):
        # The cache answering every read with a miss, as it does while Redis is down.
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        for _ in range(5):
            sign_in(client, staff_user.username)
        assert sign_in(client, staff_user.username, STAFF_PASSWORD).status_code == 429


class TestWhatIsKept:
    IDENTITY_CODE = "131052-308T"

    def test_logs_name_the_account_by_id_and_never_what_was_typed(self, client, staff_user, caplog):
        with caplog.at_level(logging.INFO, logger="portal.security"):
            for _ in range(5):
                sign_in(client, staff_user.username, "hunter2-secret")
            sign_in(client, self.IDENTITY_CODE, "hunter2-secret")
        messages = [r.getMessage() for r in caplog.records if r.name == "portal.security"]
        assert f"Failed staff password sign-in for user id {staff_user.pk}" in messages
        assert f"Staff password sign-in locked out for user id {staff_user.pk}" in messages
        assert "Failed staff password sign-in for an unknown account" in messages
        everything = " ".join(r.getMessage() for r in caplog.records)
        for secret in ("hunter2-secret", self.IDENTITY_CODE, staff_user.username):
            assert secret not in everything

    def test_failure_records_hold_no_password_code_or_typed_name(self, client, staff_user):
        client.post(
            LOGIN_URL,
            {"username": self.IDENTITY_CODE, "password": "hunter2-secret", "otp_token": "123456"},
            REMOTE_ADDR=ADDRESS,
        )
        sign_in(client, staff_user.username)
        stored = " ".join(
            f"{a.username} {a.post_data} {a.get_data}" for a in AccessAttempt.objects.all()
        )
        for secret in ("hunter2-secret", "123456", self.IDENTITY_CODE, staff_user.username):
            assert secret not in stored
        assert f"user:{staff_user.pk}" in stored
