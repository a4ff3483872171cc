"""Browser tests: Django's live server driven by Debian's Chromium through Playwright.

Never downloads a browser. Where Chromium is missing the tests are skipped with the reason,
except when PORTAL_REQUIRE_BROWSER is set (CI sets it), where that is a failure instead.
"""

import functools
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop on the test thread; the ORM calls the tests make
# for fixtures are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.cache
def axe_source() -> str:
    """axe-core itself, for `page.evaluate` or a context's init script."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if Path(CHROMIUM_PATH).exists() or not browser_items:
        return
    reason = f"no Chromium at {CHROMIUM_PATH} (apt-get install chromium)"
    if os.environ.get("PORTAL_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests are required here, but {reason}.")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False, locale="fi-FI")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def live_site(live_server, django_db_serialized_rollback):
    """The live server with the demo pages.

    Serialized rollback restores what migrations created (locales, roles, the root page)
    after each transactional test empties the tables. Playwright's sync API runs the test in
    another context, where Django's per-context connection lacks the snapshot taken at
    database setup, so the snapshot is taken again here, before anything was flushed."""
    from django.db import connection

    from portal.demo import demo_site_load

    if not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    demo_site_load()
    return live_server


@pytest.fixture
def live_county_site(live_site):
    """The live server with the whole fictional demo county: topics, services, channels."""
    from portal.demo_county import demo_county_load
    from portal.models import HomePage

    demo_county_load(home_fi=HomePage.objects.get(locale__language_code="fi"))
    return live_site


class AxeViolations(AssertionError):
    pass


def assert_no_axe_violations(page) -> None:
    """Run axe-core on the page as it is now; fail listing each WCAG 2.1 A/AA violation."""
    violations = axe_violations(page)
    if violations:
        raise AxeViolations(f"{page.url}:\n" + "\n".join(violations))


def axe_violations(page) -> list[str]:
    """Each WCAG 2.1 A/AA violation axe-core finds on the page as it is now, one line each."""
    # A context with axe as its init script has it on every page already.
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(axe_source())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]
