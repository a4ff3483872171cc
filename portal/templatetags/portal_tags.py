"""Template tags for the public layout: language switcher and crisis numbers."""

import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page, Site

from portal.models import SiteSettings
from portal.models.localized import localized_value_and_language
from portal.page_cache import cached_for_content

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each language: its translation where one is published,
    otherwise that language's home page; non-page views are translated by URL."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    urls = {}
    if isinstance(page, Page) and page.pk and page.live:
        site = Site.find_for_request(request)
        urls = cached_for_content(
            f"translation-urls:{site.pk if site else 0}:{page.pk}",
            lambda: _translation_urls(request, page),
        )
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return {"links": links}


def _translation_urls(request, page: Page) -> dict[str, str]:
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    urls = {p.locale.language_code: p.get_url(request) for p in translations}
    missing = [code for code, _ in settings.LANGUAGES if code not in urls]
    if missing:
        urls.update(_home_urls(request, missing))
    return urls


def _home_urls(request, language_codes: list[str]) -> dict[str, str]:
    site = Site.find_for_request(request)
    if site is None:
        return {}
    homes = (
        site.root_page.get_translations(inclusive=True)
        .live()
        .filter(locale__in=Locale.objects.filter(language_code__in=language_codes))
        .select_related("locale")
    )
    return {home.locale.language_code: home.get_url(request) for home in homes}


@register.simple_tag(takes_context=True)
def site_settings(context) -> SiteSettings:
    """The site settings for this request, with model defaults when no site matches."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return SiteSettings()
    return cached_for_content(f"site-settings:{site.pk}", lambda: SiteSettings.for_site(site))


@register.inclusion_tag("components/crisis_numbers_list.html", takes_context=True)
def crisis_numbers(context, compact: bool = False) -> dict:
    """The crisis numbers from the site settings: the crisis bar's short list (`compact`: the
    crisis line in the page's language only) or the full list of a result page (both crisis
    lines, the page's language first)."""
    numbers = site_settings(context)
    emergency = (
        gettext("Emergency") if compact else gettext("Emergency – life, health or safety in danger")
    )
    items = [(emergency, numbers.emergency_number)]
    if numbers.social_emergency_number:
        items.append((gettext("Social emergency service, 24/7"), numbers.social_emergency_number))
    crisis_lines = [
        (gettext("Crisis line in Swedish"), numbers.crisis_line_number_sv),
        (gettext("Crisis line"), numbers.crisis_line_number),
    ]
    if get_language() != "sv":
        crisis_lines.reverse()
    items += crisis_lines[:1] if compact else crisis_lines
    return {
        "compact": compact,
        "numbers": [{"label": label, "number": number} for label, number in items if number],
    }


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context) -> str:
    request = context.get("request")
    settings_ = site_settings(context)
    if settings_.accessibility_statement_id is None:
        return ""

    def localized_url() -> str:
        page = settings_.accessibility_statement.specific.localized
        return page.get_url(request) or ""

    return cached_for_content(f"statement-url:{settings_.site_id}:{get_language()}", localized_url)


@register.filter
def in_its_language(instance, name: str) -> str:
    """`instance.localized_<name>`, inside `<span lang="fi">` when it fell back to another
    language than the page's, so screen readers pronounce it and browsers hyphenate it."""
    text, code = localized_value_and_language(instance, name)
    if not code or code == (get_language() or "fi")[:2]:
        return text
    return format_html('<span lang="{}">{}</span>', code, text)


@register.filter
def tel_uri(number: str) -> str:
    """'09 2525 0111' → 'tel:+358925250111'; short service numbers such as 112 stay as they are."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("0") and len(digits) > 4:
        digits = "+358" + digits[1:]
    return f"tel:{digits}"


@register.simple_tag(takes_context=True)
def parent_link(context, page: Page) -> dict[str, str]:
    """Title and URL of the page's parent for the breadcrumb, without a query per request."""
    request = context.get("request")

    def compute() -> dict[str, str]:
        parent = page.get_parent()
        return {"title": parent.title, "url": parent.get_url(request) or ""}

    return cached_for_content(f"parent-link:{page.pk}", compute)
