"""Pages that exist once per language, linked as translations of the Finnish page."""

from collections.abc import Callable

from wagtail.models import Locale, Page


def translated_pages_ensure(
    parents: dict[str, Page],
    page_class: type[Page],
    slugs: dict[str, str],
    fields_for,
    lookup: Callable[[str], dict] | None = None,
) -> dict[str, Page]:
    """The page in each language under that language's parent, created (and published) as a
    translation of the Finnish one when missing; `parents` must include "fi". Found by slug
    unless `lookup` says how. Used by the demo county and the PTV import."""
    lookup = lookup or (lambda code: {"slug": slugs[code]})
    pages: dict[str, Page] = {}
    for code in sorted(parents, key=lambda code: code != "fi"):  # Finnish first
        parent = parents[code]
        # The language's own locale, not the parent's: pages at the top sit under the
        # locale-less root.
        locale = Locale.objects.get(language_code=code)
        existing = None
        if code != "fi":
            existing = pages["fi"].get_translation_or_none(locale)
        if existing is None:
            existing = (
                page_class.objects.child_of(parent).filter(locale=locale, **lookup(code)).first()
            )
        if existing is None:
            slug = slugs[code]
            if Page.objects.child_of(parent).filter(slug=slug).exists():
                slug = f"{slug}-2"  # another page (e.g. an imported one) has this slug
            fields = {"slug": slug, "locale": locale, **fields_for(code)}
            if code != "fi":
                fields["translation_key"] = pages["fi"].translation_key
            existing = parent.add_child(instance=page_class(**fields))
            existing.save_revision().publish()
        pages[code] = existing
    return pages
