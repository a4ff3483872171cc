from django.core.management.base import BaseCommand

from search.indexing import indexing_deferred
from search.thesaurus import LANGUAGES, thesaurus_load


class Command(BaseCommand):
    help = (
        "Load the starting search thesaurus (synonyms and lay terms in fi, sv and en) from "
        "search/data/. Idempotent: entries editors have changed are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", action="append", choices=LANGUAGES, help="Only this language."
        )

    def handle(self, *args, language=None, **options):
        with indexing_deferred():
            summary = thesaurus_load(languages=language or LANGUAGES)
        self.stdout.write(
            f"Search thesaurus: {summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {summary.kept} kept as editors changed them."
        )
