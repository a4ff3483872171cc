"""Draft.js → HTML / plain text (invented texts)."""

import json

import pytest

from portal.ptv.draftjs import (
    draftjs_to_html,
    draftjs_to_text,
    is_draftjs,
    plain_text_to_html,
    safe_url,
)


def block(text, type_="unstyled", depth=0, styles=(), entities=()):
    return {
        "key": "x",
        "text": text,
        "type": type_,
        "depth": depth,
        "inlineStyleRanges": [{"offset": o, "length": n, "style": s} for o, n, s in styles],
        "entityRanges": [{"offset": o, "length": n, "key": k} for o, n, k in entities],
        "data": {},
    }


def draft(*blocks, entities=None):
    return json.dumps({"entityMap": entities or {}, "blocks": list(blocks)})


def link(url, type_="LINK"):
    return {"type": type_, "mutability": "MUTABLE", "data": {"url": url}}


class TestIsDraftjs:
    def test_raw_content_state(self):
        assert is_draftjs(draft(block("Hei")))
        assert is_draftjs("  \n" + draft(block("Hei")) + "\n")

    @pytest.mark.parametrize(
        "text", ["", "Tavallinen teksti.", "{aaltosulkeissa}", '{"a": 1}', "[1, 2]"]
    )
    def test_other_text(self, text):
        assert not is_draftjs(text)


class TestHtml:
    def test_paragraphs_and_empty_blocks_dropped(self):
        text = draft(block("Eka."), block(""), block("   "), block("Toka."))
        assert draftjs_to_html(text) == "<p>Eka.</p><p>Toka.</p>"

    def test_headers(self):
        text = draft(
            block("Otsikko", "header-two"), block("Alaotsikko", "header-three"), block("Teksti")
        )
        assert draftjs_to_html(text) == "<h2>Otsikko</h2><h3>Alaotsikko</h3><p>Teksti</p>"

    def test_unknown_block_types_are_paragraphs(self):
        assert draftjs_to_html(draft(block("Lainaus", "blockquote"))) == "<p>Lainaus</p>"

    def test_consecutive_list_items_are_grouped(self):
        text = draft(
            block("Johdanto"),
            block("yksi", "unordered-list-item"),
            block("", "unordered-list-item"),
            block("kaksi", "unordered-list-item"),
            block("Väliteksti"),
            block("ensin", "ordered-list-item"),
            block("sitten", "ordered-list-item"),
            block("luettelo", "unordered-list-item"),
        )
        assert draftjs_to_html(text) == (
            "<p>Johdanto</p><ul><li>yksi</li><li>kaksi</li></ul><p>Väliteksti</p>"
            "<ol><li>ensin</li><li>sitten</li></ol><ul><li>luettelo</li></ul>"
        )

    def test_nested_lists_follow_depth(self):
        text = draft(
            block("a", "unordered-list-item"),
            block("a1", "unordered-list-item", depth=1),
            block("a1x", "ordered-list-item", depth=2),
            block("a2", "unordered-list-item", depth=1),
            block("b", "unordered-list-item"),
        )
        assert draftjs_to_html(text) == (
            "<ul><li>a<ul><li>a1<ol><li>a1x</li></ol></li><li>a2</li></ul></li><li>b</li></ul>"
        )

    def test_depth_jumps_are_clamped(self):
        text = draft(block("syvä", "unordered-list-item", depth=3))
        assert draftjs_to_html(text) == "<ul><li>syvä</li></ul>"

    def test_bold_and_italic(self):
        # "Tämä on tärkeää" with BOLD over "on tärkeää" and ITALIC over "tärkeää".
        text = draft(block("Tämä on tärkeää", styles=[(5, 10, "BOLD"), (8, 7, "ITALIC")]))
        assert draftjs_to_html(text) == "<p>Tämä <b>on <i>tärkeää</i></b></p>"

    def test_italic_spanning_bold(self):
        text = draft(block("abc", styles=[(0, 3, "ITALIC"), (1, 1, "BOLD")]))
        assert draftjs_to_html(text) == "<p><i>a</i><b><i>b</i></b><i>c</i></p>"

    def test_other_styles_are_ignored(self):
        text = draft(block("alleviivattu", styles=[(0, 12, "UNDERLINE")]))
        assert draftjs_to_html(text) == "<p>alleviivattu</p>"

    def test_links(self):
        text = draft(
            block(
                "Lue ohje tai soita tai kirjoita.",
                entities=[(4, 4, 0), (13, 5, 1), (23, 8, 2)],
            ),
            entities={
                "0": link("https://esimerkki.example.fi/ohje?a=1&b=2"),
                "1": link("tel:+358401234567"),
                "2": link("mailto:neuvonta@example.fi"),
            },
        )
        assert draftjs_to_html(text) == (
            '<p>Lue <a href="https://esimerkki.example.fi/ohje?a=1&amp;b=2">ohje</a> tai '
            '<a href="tel:+358401234567">soita</a> tai '
            '<a href="mailto:neuvonta@example.fi">kirjoita</a>.</p>'
        )

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<b>x</b>",
            "/suhteellinen/polku",
            "ftp://example.fi/",
            "",
        ],
    )
    def test_unsafe_links_are_dropped_but_text_kept(self, url):
        text = draft(block("Klikkaa tästä", entities=[(0, 13, 0)]), entities={"0": link(url)})
        assert draftjs_to_html(text) == "<p>Klikkaa tästä</p>"

    def test_non_link_entities_are_ignored(self):
        text = draft(
            block("Kuva", entities=[(0, 4, 0)]),
            entities={"0": link("https://example.fi/kuva.png", type_="IMAGE")},
        )
        assert draftjs_to_html(text) == "<p>Kuva</p>"

    def test_link_with_styles_inside(self):
        text = draft(
            block("Lue lisää", styles=[(4, 5, "BOLD")], entities=[(0, 9, 0)]),
            entities={"0": link("https://example.fi/")},
        )
        assert draftjs_to_html(text) == '<p><a href="https://example.fi/">Lue <b>lisää</b></a></p>'

    @pytest.mark.parametrize(
        ("blocks", "expected"),
        [
            pytest.param([block("Lue ohje", entities=[(4, 0, 0)])], "<p>Lue ohje</p>", id="empty"),
            pytest.param(
                [block("Lue ohje", entities=[(3, 1, 0)])], "<p>Lue ohje</p>", id="one-space"
            ),
            pytest.param(
                [block("Lue \u00a0 ohje", entities=[(3, 3, 0)])],
                "<p>Lue \u00a0 ohje</p>",
                id="spaces-and-no-break-space",
            ),
            pytest.param(
                [block("rivi\nrivi", entities=[(4, 1, 0)])],
                "<p>rivi<br>rivi</p>",
                id="line-break",
            ),
            pytest.param(
                [block("Lue \u200b\u00ad\ufeff ohje", entities=[(4, 3, 0)])],
                "<p>Lue \u200b\u00ad\ufeff ohje</p>",
                id="zero-width-soft-hyphen-bom",
            ),
            pytest.param(
                [block("Lue ohje", styles=[(3, 1, "BOLD")], entities=[(3, 1, 0)])],
                "<p>Lue<b> </b>ohje</p>",
                id="bold-space",
            ),
            # Draft.js keeps an image as an atomic block whose text is one space; PTV's
            # converter has no images, so a link "around" one is left with nothing to show.
            pytest.param(
                [block(" ", "atomic", entities=[(0, 1, 0)]), block("Teksti")],
                "<p>Teksti</p>",
                id="image-only",
            ),
            pytest.param(
                [block("Lue x", entities=[(4, 1, 0)])],
                '<p>Lue <a href="https://example.fi/">x</a></p>',
                id="one-visible-character-is-kept",
            ),
        ],
    )
    def test_links_without_visible_text_are_unwrapped(self, blocks, expected):
        text = draft(*blocks, entities={"0": link("https://example.fi/")})
        assert draftjs_to_html(text) == expected

    def test_html_in_text_and_urls_is_escaped(self):
        text = draft(
            block('<script>alert("x")</script> & <b>', entities=[(0, 8, 0)]),
            entities={"0": link('https://example.fi/"><script>')},
        )
        html = draftjs_to_html(text)
        assert "<script>" not in html
        assert html == (
            '<p><a href="https://example.fi/&quot;&gt;&lt;script&gt;">&lt;script&gt;</a>'
            "alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;</p>"
        )

    def test_newline_inside_block(self):
        assert draftjs_to_html(draft(block("rivi 1\nrivi 2"))) == "<p>rivi 1<br>rivi 2</p>"

    def test_surrounding_whitespace_is_trimmed(self):
        text = draft(block("  lihava  ", styles=[(0, 10, "BOLD")]))
        assert draftjs_to_html(text) == "<p><b>lihava</b></p>"

    def test_offsets_are_utf16_code_units(self):
        # The emoji is two UTF-16 code units, as Draft.js (JavaScript) counts.
        text = draft(block("🙂 tärkeä", styles=[(3, 6, "BOLD")]))
        assert draftjs_to_html(text) == "<p>🙂 <b>tärkeä</b></p>"

    def test_entity_map_as_list_and_string_keys(self):
        text = json.dumps(
            {
                "entityMap": [link("https://example.fi/")],
                "blocks": [block("linkki", entities=[(0, 6, "0")])],
            }
        )
        assert draftjs_to_html(text) == '<p><a href="https://example.fi/">linkki</a></p>'

    def test_empty_content(self):
        assert draftjs_to_html("") == ""
        assert draftjs_to_html("   ") == ""
        assert draftjs_to_html(draft(block(""))) == ""


class TestPlainTextToHtml:
    def test_paragraphs_and_line_breaks(self):
        text = "Eka kappale\nsama kappale\n\n  \nToinen <kappale> & loppu\r\n\r\nKolmas"
        assert draftjs_to_html(text) == (
            "<p>Eka kappale<br>sama kappale</p><p>Toinen &lt;kappale&gt; &amp; loppu</p>"
            "<p>Kolmas</p>"
        )

    def test_plain_text_to_html_directly(self):
        assert plain_text_to_html(" yksi rivi ") == "<p>yksi rivi</p>"


class TestText:
    def test_paragraphs_lists_and_headers(self):
        text = draft(
            block("Otsikko", "header-two"),
            block(""),
            block("Kappale, jossa linkki.", entities=[(15, 6, 0)]),
            block("yksi", "unordered-list-item"),
            block("alakohta", "unordered-list-item", depth=1),
            block("kaksi", "ordered-list-item"),
            block("Loppu"),
            entities={"0": link("https://example.fi/")},
        )
        assert draftjs_to_text(text) == (
            "Otsikko\n\nKappale, jossa linkki.\n\n- yksi\n  - alakohta\n- kaksi\n\nLoppu"
        )

    def test_plain_text_is_normalised(self):
        assert draftjs_to_text("  Eka  \n\n\n\nToka\nrivi  ") == "Eka\n\nToka\nrivi"

    def test_empty(self):
        assert draftjs_to_text("") == ""
        assert draftjs_to_text(draft(block(" "))) == ""

    def test_text_is_not_escaped(self):
        assert draftjs_to_text(draft(block("a < b & c"))) == "a < b & c"


class TestMalformed:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('{"blocks": [{"text": "kesken"}', "invalid JSON"),
            ('{"blocks": {"text": "ei lista"}}', "'blocks' must be a list"),
            ('{"blocks": ["teksti"]}', "blocks[0] must be an object"),
            ('{"blocks": [{"text": 5}]}', "blocks[0].text must be a string"),
            (
                '{"blocks": [{"text": "x", "inlineStyleRanges": [{"offset": -1, "length": 1,'
                ' "style": "BOLD"}]}]}',
                "blocks[0].inlineStyleRanges[0].offset",
            ),
            (
                '{"entityMap": {}, "blocks": [{"text": "x", "entityRanges": [{"offset": 0,'
                ' "length": 1, "key": 7}]}]}',
                "key 7 is not in entityMap",
            ),
            ('{"entityMap": "x", "blocks": []}', "entityMap must be an object"),
        ],
    )
    def test_raises_clear_value_error(self, text, message):
        assert is_draftjs(text)
        for convert in (draftjs_to_html, draftjs_to_text):
            with pytest.raises(ValueError, match="malformed Draft.js content") as excinfo:
                convert(text)
            assert message in str(excinfo.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (" https://example.fi/a ", "https://example.fi/a"),
        ("HTTP://EXAMPLE.FI", "HTTP://EXAMPLE.FI"),
        ("mailto:a@example.fi", "mailto:a@example.fi"),
        ("tel:+35840", "tel:+35840"),
        ("javascript:alert(1)", ""),
        ("vbscript:x", ""),
        ("www.example.fi", ""),
        (None, ""),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected
