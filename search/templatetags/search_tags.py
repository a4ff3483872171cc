"""Links of the search page that keep the search: filters, pages, "did you mean"."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context, **changes) -> str:
    """The search page's URL for the current search with `changes` applied; a change to
    None or "" drops that parameter. A new filter starts again from the first page."""
    outcome = context.get("outcome")
    params = {
        "q": context.get("query") or "",
        "topic": context.get("topic") or "",
        "group": context.get("group") or "",
        "ref": outcome.log_ref if outcome else "",
        "page": "",
    }
    params.update(changes)
    query = urlencode({name: value for name, value in params.items() if value not in (None, "")})
    return f"{reverse('search')}?{query}" if query else reverse("search")
