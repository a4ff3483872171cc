"""A 200-character query without spaces, echoed in the results heading (and in a "did you
mean" suggestion), must wrap on a 360 px phone instead of scrolling the page sideways."""

import pytest
from django.utils.http import urlencode

LONG_WORDS = [
    # Near a real word: the typo corrector may suggest an equally long one.
    ("velkaneuvonta" * 16)[:200],
    "x" * 200,
    "https://example.fi/" + "a" * 181,
]


@pytest.mark.parametrize("query", LONG_WORDS)
def test_a_long_single_word_query_does_not_scroll_sideways_at_360px(
    browser, live_county_site, query
):
    assert len(query) == 200 and " " not in query
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fi-FI")
    page = context.new_page()
    try:
        page.goto(f"{live_county_site.url}/fi/haku/?{urlencode({'q': query})}")
        assert query in page.locator("#results-heading").inner_text()
        fits = page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        widths = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth,"
            " document.querySelector('#results-heading').scrollWidth]"
        )
    finally:
        context.close()
    assert fits, widths
