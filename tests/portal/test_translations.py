"""Every interface string is translated into Finnish and Swedish."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_untranslated_or_fuzzy_strings(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as po_file:
        catalog = read_po(po_file)
    untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_survive_translation(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", "rb") as po_file:
        catalog = read_po(po_file)
    for message in catalog:
        if message.id and "%(" in str(message.id):
            for placeholder in ("%(email)s",):
                if placeholder in message.id:
                    assert placeholder in message.string, message.id
