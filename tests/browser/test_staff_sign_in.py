"""Staff sign-in in a real browser: password, then the code; the admin works under our CSP."""

from playwright.sync_api import expect

from portal.factories import TOTPDeviceFactory
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import STAFF_PASSWORD, totp_code


def test_editor_signs_in_with_password_then_code(page, live_site):
    device = TOTPDeviceFactory()
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_errors.append(message.text)
        ),
    )

    page.goto(live_site.url + "/admin/")
    page.fill("input[name=username]", device.user.username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/staff/two-factor/verify/**")
    assert_no_axe_violations(page)
    page.fill("input[name=otp_token]", totp_code(device))
    page.keyboard.press("Enter")

    page.wait_for_url(live_site.url + "/admin/")
    assert page.locator("main").count() == 1
    page.goto(live_site.url + "/admin/pages/")
    assert csp_errors == [], "\n".join(csp_errors)


def test_wrong_code_shows_an_error_summary(page, live_site):
    device = TOTPDeviceFactory()
    page.goto(live_site.url + "/admin/login/")
    page.fill("input[name=username]", device.user.username)
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/two-factor/verify/**")
    page.fill("input[name=otp_token]", "000000")
    page.keyboard.press("Enter")
    expect(page.locator(".field__error")).to_be_visible()
    assert_no_axe_violations(page)
