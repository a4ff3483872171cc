import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.models import HomePage
from portal.ptv import PtvFormatError, read_source
from portal.ptv.api import PtvFetchError, fetch_source
from portal.ptv_import import ptv_import
from portal.service_start import default_home_page
from search.indexing import indexing_deferred


class Command(BaseCommand):
    help = (
        "Import PTV data from a file or folder: general descriptions (the national templates "
        "that county services implement) as records, v11 services and channels as service "
        "pages in fi, sv and en. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            help="A PTV JSON file, a folder of them, or a PTV open API list address "
            "(https://…/api/v11/Service?…).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, source, no_progress, **options):
        try:
            result = self._read(source)
        except (PtvFormatError, PtvFetchError) as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        home = self._home_page()
        show_progress = not no_progress and sys.stderr.isatty()

        def progress(services):
            return tqdm(
                services,
                desc="PTV services",
                unit="service",
                file=sys.stderr,
                disable=not show_progress,
            )

        # Search documents are written in batches after the import, not page by page.
        with indexing_deferred():
            summary = ptv_import(result=result, home_fi=home, progress=progress)
        self.stdout.write(
            f"General descriptions: {summary.descriptions_created} created, "
            f"{summary.descriptions_updated} updated, {summary.descriptions_unchanged} unchanged"
            + (
                f" ({summary.legacy_pages_converted} pages of earlier imports now implement them)"
                if summary.legacy_pages_converted
                else ""
            )
            + ". "
            f"Services: {len(summary.created)} created, {len(summary.updated)} updated, "
            f"{len(summary.unchanged)} unchanged, {len(summary.rejected)} rejected "
            f"({result.skipped_versions} older versions skipped). Channels: "
            f"{summary.channels_created} created, {summary.channels_updated} updated, "
            f"{summary.channels_unchanged} unchanged."
        )
        for reference, reason in summary.rejected:
            self.stdout.write(f"  rejected {reference}: {reason}")

    @staticmethod
    def _read(source: str):
        if source.startswith(("http://", "https://")):
            return fetch_source(source)
        path = Path(source)
        if not path.exists():
            raise CommandError(f"No such file or folder: {path}")
        return read_source(path)

    @staticmethod
    def _home_page() -> HomePage:
        home = default_home_page()
        if home is None:
            raise CommandError(
                "The default site has no home page. Run `manage.py load_demo` "
                "or create the home page in the admin first."
            )
        return home
