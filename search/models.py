"""The database backend's index, and the editors' search thesaurus.

The index is written only by `search.backends.database` (and read by it): documents with
their analysed terms per field, and per locale the vocabulary (terms for ranking, words for
"did you mean") and the statistics ranking needs. What each database adds for finding
candidates fast lives outside these models, created by migrations for that database only:
a weighted tsvector column with a GIN index and trigram indexes on PostgreSQL, FTS5 tables
on SQLite.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, PageChooserPanel

from portal.ptv.topics import TAXONOMY
from search import analysis
from search.models_crisis import CrisisPhrase, DangerKind  # noqa: F401  (editors' crisis signs)


class SearchDocument(models.Model):
    """One indexed document (a page in one language), as the database backend stores it.

    The `*_terms` fields hold the analysed terms of each field separated by spaces, one
    entry per occurrence; `words` holds the document's distinct folded words for the
    vocabulary. `topics` and `target_groups` are "|"-delimited keys ("|housing|") so that a
    filter is a plain LIKE on both databases; their labels are JSON lists in the same order.
    """

    key = models.CharField(max_length=100, unique=True)
    locale = models.CharField(max_length=10)
    kind = models.CharField(max_length=30)
    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    reference = models.CharField(max_length=100, blank=True)
    url = models.CharField(max_length=500)
    title = models.TextField()
    title_folded = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    topics = models.TextField(blank=True)
    topic_labels = models.JSONField(default=list)
    target_groups = models.TextField(blank=True)
    target_group_labels = models.JSONField(default=list)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    keywords_terms = models.TextField(blank=True)
    lay_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    words = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["locale", "kind"], name="search_doc_locale_kind")]

    def __str__(self):
        return f"{self.key} ({self.locale}) {self.title}"


class IndexTerm(models.Model):
    """An analysed term and how many documents of the locale contain it (for BM25's IDF)."""

    locale = models.CharField(max_length=10)
    term = models.CharField(max_length=255)
    doc_freq = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "term"], name="search_term_unique")
        ]

    def __str__(self):
        return f"{self.term} ({self.locale}, {self.doc_freq})"


class IndexWord(models.Model):
    """A folded word as written in the locale's documents, with its document frequency: the
    vocabulary that typos are corrected to (suggestions offer titles and known terms instead,
    `search.suggestions`)."""

    locale = models.CharField(max_length=10)
    word = models.CharField(max_length=255)
    doc_freq = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "word"], name="search_word_unique")
        ]

    def __str__(self):
        return f"{self.word} ({self.locale}, {self.doc_freq})"


class IndexStats(models.Model):
    """Per locale: the number of documents and the total length (terms) of each field."""

    locale = models.CharField(max_length=10, unique=True)
    documents = models.IntegerField(default=0)
    title_length = models.BigIntegerField(default=0)
    summary_length = models.BigIntegerField(default=0)
    keywords_length = models.BigIntegerField(default=0)
    lay_length = models.BigIntegerField(default=0)
    body_length = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.locale}: {self.documents} documents"


def _topic_choices():
    """The taxonomy's topics, named in the admin user's language."""
    language = (get_language() or "fi")[:2]
    return [(topic.key, topic.titles.get(language, topic.titles["fi"])) for topic in TAXONOMY]


class Synonym(models.Model):
    """An entry of the editors' search thesaurus: words residents use, per language.

    With a topic, the words are *lay terms* of that topic: every page under the topic is
    found by them ("krapula" finds substance-use services). With words to search for as
    well, a query containing one of the words also searches for those ("pikavippi" →
    velkaneuvonta). With neither, the words are equivalent synonyms of one another.
    """

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    topic_key = models.CharField(
        _("topic"),
        max_length=64,
        blank=True,
        choices=_topic_choices,
        help_text=_("Pages under this topic are found by these words."),
    )
    terms = models.TextField(
        _("words residents use"),
        help_text=_("Separate words or phrases with commas, e.g. “juominen, viina, krapula”."),
    )
    expands_to = models.TextField(
        _("also search for"),
        blank=True,
        help_text=_(
            "Optional. Words of the services' own language, separated by commas, that a "
            "search containing one of the words above also looks for. Without them and "
            "without a topic, the words above are treated as meaning the same."
        ),
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_(
            "Switch an entry off instead of deleting it: deleted entries of the starting "
            "thesaurus come back when it is loaded again."
        ),
    )
    shipped_key = models.CharField(max_length=100, blank=True, editable=False)
    shipped_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        HelpPanel(
            content=_(
                "<p>Search finds pages by the words in them. Add the words residents use "
                "for a topic or a service when the pages do not use them.</p>"
            )
        ),
        FieldPanel("language"),
        FieldPanel("topic_key"),
        FieldPanel("terms"),
        FieldPanel("expands_to"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "topic_key", "terms"]
        indexes = [models.Index(fields=["language", "active"], name="search_syn_lang_active")]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "shipped_key"],
                condition=~models.Q(shipped_key=""),
                name="search_synonym_shipped_unique",
            )
        ]

    def __str__(self):
        return f"{self.terms[:60]} ({self.language})"

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def expansion_list(self) -> list[str]:
        return split_terms(self.expands_to)


def split_terms(text: str) -> list[str]:
    """Comma- or line-separated words and phrases, stripped, without empties or repeats."""
    items = (item.strip() for line in (text or "").splitlines() for item in line.split(","))
    return list(dict.fromkeys(item for item in items if item))


class QueryLogEntry(models.Model):
    """One search as the editors' report counts it, and nothing more.

    Anonymous by construction: the query is scrubbed of identity codes, phone numbers and
    e-mail addresses before it gets here (`search.analytics.query_logged`), and there is
    deliberately no time of day, IP address, session or user agent to link searches to a
    person or to one another.
    """

    query = models.CharField(_("query"), max_length=200)
    locale = models.CharField(_("language"), max_length=10)
    result_count = models.PositiveIntegerField(_("results"))
    clicked_rank = models.PositiveSmallIntegerField(
        _("clicked result"),
        null=True,
        blank=True,
        help_text=_("The first result clicked (0: a promoted result)."),
    )
    created_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        # The weekly report reads one week (optionally one language) and groups by query.
        indexes = [
            models.Index(fields=["created_on", "locale", "query"], name="search_log_week"),
        ]

    def __str__(self):
        return f"{self.query} ({self.locale}, {self.created_on:%Y-%m-%d})"


class Promotion(models.Model):
    """A "best bet": a page shown above the results when a query contains one of the
    triggers. Editors keep these for searches the ranking alone does not answer well."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    triggers = models.TextField(
        _("search words"),
        help_text=_(
            "Separate words or phrases with commas, e.g. “velka, ulosotto”. The page "
            "is shown when a search contains every word of one of them, in any inflected form."
        ),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="search_promotions",
    )
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("Optional. A short text shown under the page’s title."),
    )
    active = models.BooleanField(_("in use"), default=True)
    starts_on = models.DateField(
        _("shown from"), null=True, blank=True, help_text=_("Optional. The first day shown.")
    )
    ends_on = models.DateField(
        _("shown until"), null=True, blank=True, help_text=_("Optional. The last day shown.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        HelpPanel(
            content=_(
                "<p>A promoted result is shown above the search results for the words "
                "below. In another language the page’s translation is shown.</p>"
            )
        ),
        FieldPanel("language"),
        FieldPanel("triggers"),
        PageChooserPanel("page"),
        FieldPanel("description"),
        FieldPanel("active"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta:
        verbose_name = _("promoted search result")
        verbose_name_plural = _("promoted search results")
        ordering = ["language", "triggers"]
        indexes = [models.Index(fields=["language", "active"], name="search_promo_lang_active")]

    def __str__(self):
        return f"{self.triggers[:60]} ({self.language})"

    def trigger_list(self) -> list[str]:
        return split_terms(self.triggers)

    def clean(self):
        super().clean()
        errors = {}
        if not any(analysis.tokenize(trigger) for trigger in self.trigger_list()):
            errors["triggers"] = _("Give at least one word or phrase that shows the page.")
        if self.page_id is not None and not self.page.live:
            errors["page"] = _(
                "The page is not published. Choose a published page, or publish it first."
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day shown cannot be before the first day.")
        if errors:
            raise ValidationError(errors)
