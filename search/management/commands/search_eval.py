import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.backends.base import MAX_PER_PAGE, SearchQuery
from search.evaluation import EvaluationQuery, evaluate, load_queries
from search.indexing import all_documents


class Command(BaseCommand):
    help = (
        "Measure search relevance with a queries file (the format of "
        "../shared/data/search/relevance-dev.json): prints each query's rank of the first "
        "relevant result, then MRR@10 and success@3 per backend. The last line is "
        "`MRR@10=0.xx success@3=0.xx` for the backend in use."
    )

    def add_arguments(self, parser):
        parser.add_argument("queries", help="JSON file of queries and their relevant ids.")
        parser.add_argument(
            "--backend",
            action="append",
            help="Backend to measure (repeat for several; default: settings.SEARCH_BACKEND). "
            "The last line is for the first one named.",
        )
        parser.add_argument(
            "--all-documents",
            action="store_true",
            help="Count every result. By default results that are not in the judged corpus "
            "(pages without a PTV reference, such as topics and the demo county's own "
            "services) are skipped, as relevance sets are judged over their corpus only.",
        )

    def handle(self, *args, queries, backend=None, all_documents=False, **options):
        path = Path(queries)
        try:
            items = load_queries(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"Cannot read queries from {path}: {error}") from error
        names = backend or [getattr(settings, "SEARCH_BACKEND", "database")]
        summaries = {}
        for name in names:
            search_backend = get_backend(name)
            self.stdout.write(f"Backend {search_backend.name}: {len(items)} queries from {path}")

            def ranked_references(item: EvaluationQuery, search_backend=search_backend):
                return _ranked_references(search_backend, item, all_documents=all_documents)

            report = evaluate(items, ranked_references)
            for result in report.results:
                rank = str(result.rank) if result.rank else "-"
                top = result.top or "(no results)"
                self.stdout.write(
                    f"  {rank:>2}  [{result.query.lang}] {result.query.text!r} -> {top}"
                )
            summaries[name] = report
            for lang, part in report.by_language().items():
                self.stdout.write(f"  {_figures(part, f'[{lang}] ')}")
            answerable = report.answerable(_indexed_references())
            if 0 < len(answerable.results) < len(report.results):
                missing = len(report.results) - len(answerable.results)
                self.stdout.write(
                    f"  {missing} queries have no relevant document in the index; without "
                    f"them: {_figures(answerable)}"
                )
                for lang, part in answerable.by_language().items():
                    self.stdout.write(f"    {_figures(part, f'[{lang}] ')}")
            self.stdout.write(f"Backend {search_backend.name}: {_figures(report)}")
        in_use = summaries[names[0]]
        self.stdout.write(f"MRR@10={in_use.mrr:.2f} success@3={in_use.success_at_3:.2f}")


def _figures(report, prefix: str = "") -> str:
    return (
        f"{prefix}MRR@10={report.mrr:.2f} success@3={report.success_at_3:.2f} "
        f"({len(report.results)})"
    )


def _indexed_references() -> set[str]:
    """The PTV references of the documents the site indexes (whichever backend holds them)."""
    return {document.reference for document in all_documents() if document.reference}


def _ranked_references(backend, item: EvaluationQuery, *, all_documents: bool):
    """(reference or "", title) of the top results in order, judged documents only unless
    `all_documents`; at most ten of them."""
    ranked: list[tuple[str, str]] = []
    page = 1
    while len(ranked) < 10 and page <= 5:
        results = backend.search(
            SearchQuery(text=item.text, locale=item.lang, page=page, per_page=MAX_PER_PAGE)
        )
        for hit in results.hits:
            if hit.reference or all_documents:
                ranked.append((hit.reference, hit.title))
        if results.total <= page * MAX_PER_PAGE:
            break
        page += 1
    return ranked[:10]
