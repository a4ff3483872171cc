import pytest
from django_otp.oath import TOTP

from portal.demo import demo_site_load
from portal.factories import StaffUserFactory, TOTPDeviceFactory

STAFF_PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True, scope="session")
def _finnish_morphology_loaded():
    """Loaded once, as the WSGI entry point loads it when a server starts, so that no test's
    timing includes the half second it takes."""
    from search import analysis

    analysis.preload()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no cached pages, no rate-limit counters, no
    kept query plans."""
    from django.core.cache import cache

    from portal.page_cache import local_cache_clear
    from search.backends import reset_backends

    cache.clear()
    local_cache_clear()
    reset_backends()  # nor query plans a search backend kept from another test's index


@pytest.fixture
def demo_site(db):
    """The demo home and accessibility statement pages in fi, sv and en."""
    return demo_site_load()


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def totp_device(staff_user):
    return TOTPDeviceFactory(user=staff_user)


def staff_sign_in(client, device):
    """`client` signed in to the admin as `device`'s user, with password and code."""
    from django.urls import reverse

    client.post(
        reverse("wagtailadmin_login"),
        {
            "username": device.user.username,
            "password": STAFF_PASSWORD,
            "otp_token": totp_code(device),
        },
    )
    return client


def totp_code(device, *, steps_ahead: int = 0) -> str:
    """The code the person's authenticator app shows now (or `steps_ahead` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def database_search(settings):
    """Search through the embedded database backend, made afresh for the test."""
    from search.backends import reset_backends

    settings.SEARCH_BACKEND = "database"
    reset_backends()
    yield
    reset_backends()
