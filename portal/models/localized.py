"""Fields stored once per language (name_fi, name_sv, name_en) for shared, non-page data.

Service channels and classifications are shared by the pages of every locale, so their
texts live side by side instead of in one copy per locale."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import get_language

LANGUAGE_CODES = tuple(code for code, _ in settings.LANGUAGES)


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


class LocalizedMixin:
    """`obj.localized("name")`, or `obj.localized_name` in templates."""

    def localized(self, name: str, language: str | None = None) -> str:
        return localized_value(self, name, language)

    def __getattr__(self, attr: str):
        if attr.startswith("localized_"):
            return self.localized(attr.removeprefix("localized_"))
        raise AttributeError(attr)


class LanguageListField(models.JSONField):
    """A list of language codes, edited as checkboxes (stored as JSON for SQLite and PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
