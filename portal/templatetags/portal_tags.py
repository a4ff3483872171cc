"""Template tags for the public layout: language switcher, crisis numbers and phone links."""

import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
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
    if not compact:
        items.append((violence_line_label(), numbers.violence_helpline_number))
    return {
        "compact": compact,
        "numbers": [{"label": label, "number": number} for label, number in items if number],
    }


def violence_line_label() -> str:
    """Nollalinja's label in the active language (its own name differs in Swedish)."""
    return gettext("Nollalinja – help with violence in close relationships, 24/7")


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
    """'09 2525 0111' → 'tel:+358925250111'; short service numbers such as 112 stay as they are.
    '+358 (0)9 …' and '00358 9 …' are the same number as '09 …'."""
    text = re.sub(r"\(\s*0\s*\)", "", number or "")  # the trunk 0 some write after +358
    digits = re.sub(r"[^\d+]", "", text)
    if digits.startswith("00358"):
        digits = "+" + digits[2:]
    elif digits.startswith("0") and len(digits) > 4:
        digits = "+358" + digits[1:]
    return f"tel:{digits}"


# --- Phone numbers in rich text ----------------------------------------------------------------
# Editors write numbers as they are read aloud ("09 2525 0111", "040-123 4567", "+358 40 123
# 4567", "116 117"); on a phone they should be one tap away. Only shapes that are Finnish phone
# numbers are linked: a national number starts with 0 and a non-zero digit and has 7–12 digits
# (so "00100" is a postal code, not a number, and a year never starts with 0), groups are
# separated by a space, a no-break space or a hyphen, and nothing number-like may touch it on
# either side (an IBAN's or an amount's next group, a date's dots, a business ID's check digit).

_SEP = r"(?:[ \u00a0\u202f]|&nbsp;|&#160;|&#xa0;)"
# A group of one digit ("0800 9 2112") only between others, never last: "… 4567 5 kertaa".
_GROUP = rf"(?:{_SEP}\d{{2,}}|-\d{{2,}}|{_SEP}\d(?={_SEP}\d\d))"
# Not preceded by a letter or digit, nor by a digit group and a separator or punctuation.
_BEFORE = r"(?<![\w+&#])(?<!\d[ \u00a0\u202f\-./,:–—])(?<!§\s)"
# Not followed by a letter, a digit or another digit group, a decimal, a slash or a range.
_AFTER = r"(?!\w)(?![ \u00a0\u202f]?[-./,:–—]?\d)"
_NATIONAL = rf"(?:\(0[1-9]\d{{0,2}}\){_SEP}?\d+|0[1-9]\d*){_GROUP}*"
_INTERNATIONAL = rf"(?:\+|00)358(?:{_SEP}|-)?(?:\(0\){_SEP}?)?[1-9]\d*(?:{_SEP}\d+|-\d{{2,}})*"
# 112 and the harmonised European 116 xxx numbers; not an amount, a count or a paragraph.
_UNITS = (
    r"€|%|‰|§|e\b|eur|snt|sent|cent|kr\b|kronor|kpl|st\b|stycken|km\b|kg\b|g\b|m\b|m²|m2\b|"
    r"cm\b|mm\b|h\b|min\b|minuut|tunti|pv\b|päivä|vrk\b|viikko|vko\b|kk\b|kuukau|vuotta|vuoden|"
    r"vuosi|v\b|hlö|henkilö|asuka|asukka|dagar|veckor|månad|år\b|personer|invånar|days\b|"
    r"weeks\b|months\b|years\b|people|persons|residents|sivu|sidor|pages"
)
_PAGE = r"(?<!sivu\s)(?<!sivulla\s)(?<!s\.\s)(?<!p\.\s)(?<!page\s)(?<!sidan\s)"
_SHORT = rf"{_PAGE}(?:112|116{_SEP}?\d{{3}})(?!{_SEP}?(?:{_UNITS}))"
_PHONE_NUMBER = re.compile(
    rf"{_BEFORE}(?P<number>{_INTERNATIONAL}|{_NATIONAL}|{_SHORT}){_AFTER}", re.IGNORECASE
)
_DATE_LIKE = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])\D+(?:0?[1-9]|1[0-2])\D+(?:19|20)\d\d$")
# A tag (attribute values may hold ">"), or a comment.
_TAG = re.compile(r"(<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
# Text inside these is left alone: a link already goes somewhere, code is quoted as written.
_NO_LINKS_INSIDE = frozenset({"a", "button", "code", "pre", "script", "style", "textarea"})


def _is_phone_number(number: str) -> bool:
    text = number.replace("&nbsp;", " ").replace("&#160;", " ").replace("&#xa0;", " ")
    digits = re.sub(r"\D", "", text)
    if text.startswith(("+", "00")):
        return 5 <= len(digits) - 3 - (2 if text.startswith("00") else 0) <= 11
    if text.startswith(("112", "116")):
        return True
    # Written without spaces, a short run of digits is more likely a customer or case number.
    shortest = 7 if re.search(r"\D", text) else 9
    return shortest <= len(digits) <= 12 and not _DATE_LIKE.match(text)


def phone_links_in_text(text: str) -> str:
    """Each Finnish phone number in `text` (HTML text between tags) as a tel: link."""

    def link(match: re.Match) -> str:
        number = match["number"]
        if not _is_phone_number(number):
            return number
        plain = number.replace("&nbsp;", " ").replace("&#160;", " ").replace("&#xa0;", " ")
        return format_html('<a href="{}">{}</a>', tel_uri(plain), mark_safe(number))  # noqa: S308

    return _PHONE_NUMBER.sub(link, text)


@register.filter
def phone_links(html) -> str:
    """Rendered rich text with its phone numbers as tel: links, as in
    `{{ page.body|richtext|phone_links }}`. Numbers inside an existing link, a tag's
    attributes, code or a button are left as they are."""
    parts = _TAG.split(str(conditional_escape(html or "")))
    closed: list[str] = []  # the open elements whose text is left alone
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = _TAG_NAME.match(part)
            if name and name[2].lower() in _NO_LINKS_INSIDE and not part.rstrip().endswith("/>"):
                if name[1]:
                    if name[2].lower() in closed:
                        closed.remove(name[2].lower())
                else:
                    closed.append(name[2].lower())
        elif part and not closed:
            parts[index] = phone_links_in_text(part)
    return mark_safe("".join(parts))  # noqa: S308


@register.simple_tag(takes_context=True)
def parent_link(context, page: Page) -> dict[str, str]:
    """Title and URL of the page's parent for the breadcrumb, without a query per request."""
    request = context.get("request")

    def compute() -> dict[str, str]:
        parent = page.get_parent()
        return {"title": parent.title, "url": parent.get_url(request) or ""}

    return cached_for_content(f"parent-link:{page.pk}", compute)
