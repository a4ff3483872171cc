import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.backends import get_backend
from search.indexing import all_documents, page_types


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every live, public page of the searchable page types "
        "(service and topic pages), in the configured backend or the one named."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", help="Backend to rebuild (default: settings.SEARCH_BACKEND)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, backend=None, no_progress=False, **options):
        search_backend = get_backend(backend)
        total = sum(page_type.model.objects.live().public().count() for page_type in page_types())
        started = time.monotonic()
        with tqdm(
            total=total,
            desc=f"Search index ({search_backend.name})",
            unit="page",
            file=sys.stderr,
            disable=no_progress or not sys.stderr.isatty(),
        ) as bar:
            count = search_backend.rebuild(all_documents(), progress=bar.update)
        self.stdout.write(
            f"Indexed {count} documents in the {search_backend.name} backend "
            f"in {time.monotonic() - started:.1f} s."
        )
