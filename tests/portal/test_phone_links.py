"""Phone numbers written in page bodies become tel: links; dates, postal codes, years,
amounts and identifiers do not, nor does anything inside a link or a tag."""

import pytest
from django.utils.safestring import SafeString
from wagtail.rich_text import RichText

from portal.models import AccessibilityStatementPage, UrgentHelpPage
from portal.templatetags.portal_tags import phone_links, tel_uri


def linked(html: str) -> str:
    return phone_links(SafeString(html))


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("09 2525 0111", "tel:+358925250111"),
        ("09-2525 0111", "tel:+358925250111"),
        ("(09) 310 1234", "tel:+35893101234"),
        ("014 266 1111", "tel:+358142661111"),
        ("040 123 4567", "tel:+358401234567"),
        ("040-1234567", "tel:+358401234567"),
        ("0401234567", "tel:+358401234567"),
        ("045 123 45 67", "tel:+358451234567"),
        ("0800 12345", "tel:+35880012345"),
        ("0800 9 2112", "tel:+35880092112"),
        ("020 692 205", "tel:+35820692205"),
        ("080 005 005", "tel:+35880005005"),
        ("029 566 1234", "tel:+358295661234"),
        ("09\u00a02525\u00a00111", "tel:+358925250111"),
        ("+358 40 123 4567", "tel:+358401234567"),
        ("+358 9 2525 0111", "tel:+358925250111"),
        ("+358 (0)9 2525 0111", "tel:+358925250111"),
        ("+358401234567", "tel:+358401234567"),
        ("+358-40-1234567", "tel:+358401234567"),
        ("00358 40 123 4567", "tel:+358401234567"),
        ("112", "tel:112"),
        ("116 117", "tel:116117"),
        ("116117", "tel:116117"),
        ("116 006", "tel:116006"),
        ("116 111", "tel:116111"),
    ],
)
def test_a_finnish_phone_number_becomes_a_tel_link(text, href):
    html = f"<p>Soita {text}, niin autamme.</p>"
    assert linked(html) == f'<p>Soita <a href="{href}">{text}</a>, niin autamme.</p>'


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # The number is the whole text, ends a sentence, stands in parentheses or a list.
        ("<p>112</p>", '<p><a href="tel:112">112</a></p>'),
        (
            "<p>Soita 112 vuorokauden ympäri.</p>",
            '<p>Soita <a href="tel:112">112</a> vuorokauden ympäri.</p>',
        ),
        (
            "<p>Numero: 040 123 4567 klo 9–16</p>",
            '<p>Numero: <a href="tel:+358401234567">040 123 4567</a> klo 9–16</p>',
        ),
        (
            "<p>Ring 116 111 om du behöver stöd.</p>",
            '<p>Ring <a href="tel:116111">116 111</a> om du behöver stöd.</p>',
        ),
        (
            "<p>Hätänumero on 112.</p>",
            '<p>Hätänumero on <a href="tel:112">112</a>.</p>',
        ),
        (
            "<p>(puh. 040 123 4567)</p>",
            '<p>(puh. <a href="tel:+358401234567">040 123 4567</a>)</p>',
        ),
        (
            "<li>Soita 112:een</li>",
            '<li>Soita <a href="tel:112">112</a>:een</li>',
        ),
        (
            "<p>040 123 4567 / 050 765 4321</p>",
            '<p><a href="tel:+358401234567">040 123 4567</a> / '
            '<a href="tel:+358507654321">050 765 4321</a></p>',
        ),
        (
            "<p>Ring 112 dygnet runt.</p>",
            '<p>Ring <a href="tel:112">112</a> dygnet runt.</p>',
        ),
        (
            "<p>Call 112 day or night.</p>",
            '<p>Call <a href="tel:112">112</a> day or night.</p>',
        ),
        (
            "<p>puh.&nbsp;09&nbsp;816&nbsp;3100</p>",
            '<p>puh.&nbsp;<a href="tel:+35898163100">09&nbsp;816&nbsp;3100</a></p>',
        ),
        (
            "<p><b>09 2525 0111</b> ma–pe</p>",
            '<p><b><a href="tel:+358925250111">09 2525 0111</a></b> ma–pe</p>',
        ),
    ],
)
def test_numbers_in_their_surroundings(html, expected):
    assert linked(html) == expected


@pytest.mark.parametrize(
    "text",
    [
        # dates and times
        "1.12.2026",
        "01.12.2026",
        "01-12-2026",
        "01 12 2026",
        "2026-01-15",
        "klo 08.00–16.00",
        "08:00–16:00",
        "ma–pe 9–16",
        # postal codes and addresses
        "00100 Helsinki",
        "01600 Vantaa",
        "PL 100, 00099 Helsingin kaupunki",
        "Kauppakatu 12, 40100 Jyväskylä",
        # years and ranges
        "vuonna 2026",
        "2020–2026",
        "1990-luvulla",
        # amounts, counts and paragraphs
        "1 000 euroa",
        "112 000 euroa",
        "1 112 asukasta",
        "112 euroa",
        "112 €",
        "112 henkilöä",
        "112 %",
        "116 000 €",
        "116 123 euroa",
        "112,50 €",
        "2112",
        "lain 112 §",
        "§ 112",
        "laki 1301/2014",
        "sivu 112",
        "ks. s. 112",
        # identifiers
        "FI49 5000 9420 0287 30",
        "FI21 1234 5600 0789 0123 45",
        "Y-tunnus 0201256-6",
        "010190-123A",
        "viite 0123 4567 8901 2345 67",
        "asiakasnumero 0123456",
        "ISBN 978-951-0-12345-6",
        # too short or too long for a Finnish number
        "0401 23",
        "0123456789012345",
        "+358 12",
    ],
)
def test_dates_postal_codes_years_amounts_and_identifiers_are_not_linked(text):
    html = f"<p>{text}</p>"
    assert linked(html) == html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="tel:+358925250111">09 2525 0111</a></p>',
        '<p><a href="/fi/apua/">Soita 112 tai 09 2525 0111</a></p>',
        '<p><a href="https://example.fi/"><b>040 123 4567</b></a></p>',
        '<p><img alt="Puhelin 040 123 4567" src="/kuva-0401234567.png"></p>',
        '<p data-note="112 &gt; 09 2525 0111">teksti</p>',
        "<p><code>0401234567</code></p>",
        "<!-- 040 123 4567 -->",
    ],
)
def test_numbers_inside_links_attributes_code_and_comments_are_left_alone(html):
    assert linked(html) == html


def test_text_after_a_link_is_linked_again():
    html = '<p><a href="/fi/">Etusivu</a> ja 112</p>'
    assert linked(html) == '<p><a href="/fi/">Etusivu</a> ja <a href="tel:112">112</a></p>'


def test_plain_strings_are_escaped_and_the_result_is_safe():
    result = phone_links("<script>alert(1)</script> 112")
    assert isinstance(result, SafeString)
    assert result == '&lt;script&gt;alert(1)&lt;/script&gt; <a href="tel:112">112</a>'
    assert phone_links(None) == ""


def test_a_rich_text_value_is_read_as_html():
    assert phone_links(RichText("<p>112</p>")) == '<p><a href="tel:112">112</a></p>'


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("09 2525 0111", "tel:+358925250111"),
        ("112", "tel:112"),
        ("116 117", "tel:116117"),
        ("+358 (0)9 2525 0111", "tel:+358925250111"),
        ("00358 9 2525 0111", "tel:+358925250111"),
        ("+358 40 123 4567", "tel:+358401234567"),
    ],
)
def test_tel_uri(number, uri):
    assert tel_uri(number) == uri


# --- where page bodies are shown ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", [UrgentHelpPage, AccessibilityStatementPage])
def test_numbers_in_a_page_body_are_tel_links(client, demo_site, model):
    page = model(
        title="Puhelinnumerot",
        slug="puhelinnumerot",
        body='<p>Päivystys 09 816 3100, <a href="/fi/">etusivu 09 000</a>, 1.12.2026, 00100.</p>',
    )
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert '<a href="tel:+35898163100">09 816 3100</a>' in html
    assert '<a href="/fi/">etusivu 09 000</a>, 1.12.2026, 00100.' in html
