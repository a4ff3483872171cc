"""Which public pages offer the quick exit: those a person being hurt at home may be reading
while the one hurting them could walk in.

- the "Violence and abuse" topic and every service under it;
- shelters and violence services wherever they are filed: a service whose title or PTV
  classifications say turvakoti, skyddshem, shelter or violence ("Lähisuhdeväkivaltatyö"
  under "Sudden crises");
- any view that asks for it: a context variable `quick_exit`, or an `outcome` whose
  `quick_exit` is true (the search page, when the query tells of violence; the portal
  does not import the search app, it only reads the flag).

The answer for a page is kept by content version, so a page costs no query for it after
the first; a moved or renamed page is asked again after the publish.
"""

from django import template
from django.conf import settings
from wagtail.models import Page

from portal.page_cache import cached_for_content

register = template.Library()

VIOLENCE_TOPIC_KEY = "violence-and-abuse"
# Found anywhere (lower-cased) in a service's title or classification names, fi, sv and en.
VIOLENCE_SERVICE_WORDS = (
    "turvako",  # turvakoti, turvakodin, turvakotiin
    "väkival",
    "lähisuhdeväki",
    "kaltoin",
    "skyddshem",
    "våld",
    "övergrepp",
    "shelter",
    "safe house",
    "violence",
)


@register.simple_tag(takes_context=True)
def quick_exit_url(context) -> str:
    """Where the quick exit leaves for when this page offers one (see the module), else ""."""
    if _asked_for(context) or _page_about_violence(context.get("page"), context.get("request")):
        return settings.SELFASSESS_QUICK_EXIT_URL
    return ""


def _asked_for(context) -> bool:
    return bool(context.get("quick_exit") or getattr(context.get("outcome"), "quick_exit", False))


def _page_about_violence(page, request) -> bool:
    if not isinstance(page, Page) or not page.pk:
        return False
    if getattr(page, "topic_key", None) is not None:
        return page.topic_key == VIOLENCE_TOPIC_KEY
    if not hasattr(page, "classifications"):  # only topics and services are ever about it
        return False
    if getattr(request, "is_preview", False):
        return service_is_about_violence(page)  # a draft may say otherwise than the live page
    return cached_for_content(f"quick-exit:{page.pk}", lambda: service_is_about_violence(page))


def service_is_about_violence(page) -> bool:
    """True for a service under the violence topic, or one that says it is a shelter or
    about violence in its title or classifications."""
    parent = page.get_parent()
    if parent is not None and getattr(parent.specific, "topic_key", "") == VIOLENCE_TOPIC_KEY:
        return True
    names = [page.title]
    for classification in page.classifications.all():
        names += [classification.name_fi, classification.name_sv, classification.name_en]
    return text_says_violence(names)


def text_says_violence(texts) -> bool:
    """True when any of `texts` contains a word of VIOLENCE_SERVICE_WORDS."""
    folded = " ".join(text.casefold() for text in texts if text)
    return any(word in folded for word in VIOLENCE_SERVICE_WORDS)
