"""search.highlight: result snippets, escaped, with the matched words marked."""

from search.highlight import snippet


def test_marks_inflected_forms_of_the_query_terms():
    text = "Velkaneuvoja auttaa. Hae velkaneuvontaa ajoissa."
    result = snippet([text], {"velkaneuvonta"}, "fi")
    assert "<mark>velkaneuvontaa</mark>" in result
    assert "<mark>Velkaneuvoja</mark>" not in result


def test_escapes_everything_but_its_own_marks():
    result = snippet(['<b onclick="x">velka</b> & co'], {"velka"}, "fi")
    assert result == "&lt;b onclick=&quot;x&quot;&gt;<mark>velka</mark>&lt;/b&gt; &amp; co"


def test_shows_the_window_with_most_matches():
    text = "Alku. " + "täytettä " * 60 + "Velka ja laskut kasvavat. " + "loppua " * 60
    result = snippet([text], {"velka", "lasku"}, "fi", length=80)
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>Velka</mark>" in result and "<mark>laskut</mark>" in result
    assert len(result.replace("<mark>", "").replace("</mark>", "")) <= 84


def test_first_text_with_a_match_wins_and_otherwise_the_first_text_is_shown():
    assert "<mark>" in snippet(["Ei osumaa.", "Velka kasvaa."], {"velka"}, "fi")
    assert snippet(["Lyhyt tiivistelmä.", "Runko."], {"velka"}, "fi") == "Lyhyt tiivistelmä."
    assert snippet(["", "Runko."], set(), "fi") == "Runko."
    assert snippet(["", ""], {"velka"}, "fi") == ""
