"""Every page of the demo, loaded as `make demo` loads it (with the PTV descriptions where they
are beside the project), in Finnish, Swedish and English, on a 360 px phone screen: none
scrolls sideways and axe-core finds no WCAG 2.1 A/AA violation on any. Besides the page tree:
search, every self-assessment step and result, and the feedback answers.

One browser page does the whole crawl, with axe injected by the context on every document,
and every offending URL is reported at once."""

import io
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from portal.models import ServicePage
from tests.browser.conftest import axe_source, axe_violations

PHONE = {"width": 360, "height": 740}
CONTACT_CHANNELS = ", ".join(
    f".service__channels .channel--{kind}" for kind in ("phone", "location", "eservice")
)
SCREENSHOTS = Path(__file__).parent / "artifacts"
LANGUAGES = ("fi", "sv", "en")
SEARCHES = {
    "fi": ["", "velat", "väkivalta kotona", "zzxqv", "velkaneuvota", "palvelu&page=2"],
    "sv": ["", "skulder", "zzxqv", "tjänst&page=2"],
    "en": ["", "debt", "zzxqv", "service&page=2"],
}
# What sticks out of the viewport, innermost elements first, for the failure message.
OVERFLOW = """() => {
    const root = document.documentElement, width = root.clientWidth;
    if (root.scrollWidth <= width) return "";
    const wide = [...document.body.querySelectorAll("*")].filter(
        el => el.getBoundingClientRect().right > width + 0.5 && !el.querySelector("*:not(br)"));
    const names = wide.slice(0, 3).map(el => {
        const classes = [...el.classList].map(name => "." + name).join("");
        return `${el.tagName.toLowerCase()}${classes} "${el.textContent.trim().slice(0, 40)}"`;
    });
    return `scrolls sideways: ${root.scrollWidth} px wide; ${names.join(", ")}`;
}"""

ANSWER_FIRST_CHOICES = """() => {
    const form = document.querySelector(".assessment-form");
    for (const input of form.querySelectorAll("input[type=radio]"))
        if (!form.querySelector(`input[name="${input.name}"]:checked`)) input.checked = true;
    for (const input of form.querySelectorAll("input[type=number]"))
        if (!input.value) input.value = input.min || "0";
}"""


@pytest.fixture
def live_demo_site(live_site):
    """The live server with everything `make demo` loads."""
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    return live_site


def test_every_demo_page_fits_360px_and_has_no_wcag_violations(
    request, capsys, browser, live_demo_site
):
    from portal.management.commands.load_demo import DEFAULT_PTV_SOURCE

    if Path(os.environ.get("PTV_SOURCE") or DEFAULT_PTV_SOURCE).exists():
        implementing = ServicePage.objects.live().filter(general_description__isnull=False)
        assert implementing.count() > 100
    assert not _titles_twice(), "the same service title twice in one language"
    assert not _outside_the_remit(), "pages residents can reach that no county here offers"
    context = browser.new_context(viewport=PHONE, locale="fi-FI")
    context.set_default_timeout(10_000)
    context.add_init_script(script=axe_source())
    page = context.new_page()
    crawl = _Crawl(page, live_demo_site.url)
    started = time.monotonic()

    services = set(_service_urls())
    for url in _page_tree_urls():
        crawl.visit(url)
        if url in services and not crawl.page.locator(CONTACT_CHANNELS).count():
            crawl.problems.setdefault(url, []).append(
                "a service with no way to reach it: no phone, office or e-service of its own "
                "and no service-advice line"
            )
    for language in LANGUAGES:
        with translation.override(language):
            search = reverse("search")
        crawl.visit(f"/{language}/no-such-page/", status=404)
        for query in SEARCHES[language]:
            crawl.visit(f"{search}?q={query}" if query else search)
        _feedback_answers(crawl, language)
    for assessment in _self_assessments():
        _self_assessment_steps(crawl, assessment)

    context.close()
    seconds = time.monotonic() - started
    # The figures go to the terminal even under capture: the crawl's cost is watched in CI.
    if reporter := request.config.pluginmanager.get_plugin("terminalreporter"):
        with capsys.disabled():
            reporter.write_line(
                f"\ncrawled {crawl.count} URLs at 360 px in {seconds:.0f} s "
                f"({seconds / crawl.count:.2f} s each)"
            )
    if crawl.problems:
        pytest.fail(
            f"{len(crawl.problems)} of {crawl.count} URLs fail (screenshots in {SCREENSHOTS}):\n"
            + "\n".join(f"{url}\n  " + "\n  ".join(found) for url, found in crawl.problems.items()),
            pytrace=False,
        )


class _Crawl:
    """Visits URLs or checks the page as it is; collects what is wrong, by URL."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        self.problems: dict[str, list[str]] = {}
        self.count = 0

    def visit(self, path: str, *, status: int = 200) -> None:
        response = self.page.goto(self.base_url + path)
        self.check(expected_status=(status, response.status))

    def check(self, *, label: str = "", expected_status: tuple[int, int] | None = None) -> None:
        self.count += 1
        found = []
        if expected_status and expected_status[0] != expected_status[1]:
            found.append(f"HTTP {expected_status[1]}, expected {expected_status[0]}")
        if overflow := self.page.evaluate(OVERFLOW):
            found.append(overflow)
        found += axe_violations(self.page)
        if found:
            key = self.page.url.removeprefix(self.base_url) + (f" ({label})" if label else "")
            self.problems[key] = found
            if len(self.problems) <= 20:
                SCREENSHOTS.mkdir(exist_ok=True)
                name = "".join(ch if ch.isalnum() else "_" for ch in key).strip("_")
                self.page.screenshot(path=SCREENSHOTS / f"crawl-{name[:120]}.png", full_page=True)


def _page_tree_urls() -> list[str]:
    """Every live, public page of every locale, in tree order."""
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    return [url for url in (page.url for page in pages) if url]


def _service_urls() -> list[str]:
    return [page.url for page in ServicePage.objects.live().public()]


def _titles_twice() -> list[tuple[str, str]]:
    """(language, title) of live services that share their title with another."""
    rows = ServicePage.objects.live().values_list("locale__language_code", "title")
    counts = Counter((language, title.casefold()) for language, title in rows)
    return [key for key, count in counts.items() if count > 1]


def _outside_the_remit() -> list[str]:
    """Live pages that implement a description outside a wellbeing services county's remit,
    or sit in the "Other services" topic."""
    from portal.models import TopicPage
    from portal.ptv.topics import OTHER_SERVICES

    pages = list(
        ServicePage.objects.live()
        .filter(general_description__topic_key=OTHER_SERVICES)
        .values_list("title", flat=True)
    )
    for topic in TopicPage.objects.live().filter(topic_key=OTHER_SERVICES):
        pages += [page.title for page in topic.get_descendants(inclusive=True).live()]
    return pages


def _self_assessments() -> list[Page]:
    from selfassess.models import AssessmentPage, InstrumentPage

    return [
        *InstrumentPage.objects.live().public().order_by("path"),
        *AssessmentPage.objects.live().public().order_by("path"),
    ]


def _self_assessment_steps(crawl: _Crawl, assessment: Page) -> None:
    """Start, each step with its first answers chosen, then the result."""
    with translation.override(assessment.locale.language_code):
        start = reverse("selfassess:start", args=[assessment.pk])
    crawl.visit(start)
    page = crawl.page
    for _ in range(30):
        if page.url.endswith("/result/"):
            return
        page.evaluate(ANSWER_FIRST_CHOICES)
        with page.expect_navigation():
            page.locator("button[value=next]").click()
        crawl.check()
    crawl.problems[start] = ["never reached the result after 30 steps"]


def _feedback_answers(crawl: _Crawl, language: str) -> None:
    """The thanks, and the form sent back when the answer is missing."""
    service = (
        ServicePage.objects.live().filter(locale__language_code=language).order_by("path").first()
    )
    crawl.visit(f"{service.url}?feedback=thanks")
    crawl.page.goto(crawl.base_url + service.url)
    crawl.page.evaluate("() => document.querySelector('.feedback button').removeAttribute('name')")
    with crawl.page.expect_navigation():
        crawl.page.locator(".feedback button").first.click()
    crawl.check(label="feedback without an answer")
