"""Fields stored once per language (name_fi, name_sv, name_en) for shared, non-page data.

Service channels and classifications are shared by the pages of every locale, so their
texts live side by side instead of in one copy per locale."""

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import get_language, get_language_info

LANGUAGE_CODES = tuple(code for code, _ in settings.LANGUAGES)
# Finnish and Swedish write language names in lower case ("suomi", "finska") also in a list
# of their own; Django's Swedish catalogue capitalises them ("Finska"), English rightly does.
LOWER_CASE_LANGUAGE_NAMES = frozenset({"fi", "sv"})


def localized_value_and_language(
    instance, name: str, language: str | None = None
) -> tuple[str, str]:
    """The value in the active language, falling back to Finnish, then any language, and the
    code of the language it is in (``("", "")`` when there is none)."""
    language = (language or get_language() or "fi")[:2]
    for code in (language, "fi", *LANGUAGE_CODES):
        value = getattr(instance, f"{name}_{code}", "")
        if value:
            return value, code
    return "", ""


def localized_value(instance, name: str, language: str | None = None) -> str:
    """The value in the active language, falling back to Finnish, then any language."""
    return localized_value_and_language(instance, name, language)[0]


def language_names(codes: Iterable[str], language: str | None = None) -> list[str]:
    """The names of the languages `codes` in `language` (the active one by default), written
    as that language writes them: "suomi, ruotsi", "finska, svenska", "Finnish, Swedish"."""
    language = (language or get_language() or "fi")[:2]
    names = []
    with translation.override(language):
        for code in codes:
            try:
                names.append(str(get_language_info(code)["name_translated"]))
            except KeyError:  # not a language Django knows: show the code rather than fail
                names.append(code)
    if language in LOWER_CASE_LANGUAGE_NAMES:
        return [name.lower() for name in names]
    return names


class LocalizedMixin:
    """`obj.localized("name")`, or `obj.localized_name` in templates."""

    def localized(self, name: str, language: str | None = None) -> str:
        return localized_value(self, name, language)

    def __getattr__(self, attr: str):
        if attr.startswith("localized_"):
            return self.localized(attr.removeprefix("localized_"))
        raise AttributeError(attr)


class LanguageListField(models.JSONField):
    """A list of language codes, edited as checkboxes (stored as JSON for SQLite and PostgreSQL).

    Like a field with choices, it gives its model `get_<name>_display()`: the languages'
    names in the active language, "finska, svenska" on a Swedish page."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)

        def display(obj) -> str:
            return ", ".join(language_names(getattr(obj, name) or []))

        method = f"get_{name}_display"
        if method not in cls.__dict__:  # a model's own method wins, as with choices
            setattr(cls, method, display)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
