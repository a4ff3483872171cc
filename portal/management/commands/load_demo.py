import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.demo import demo_site_load, demo_staff_load
from portal.demo_county import demo_county_load
from portal.service_start import offered_descriptions_start
from search.indexing import indexing_deferred

# The real PTV descriptions shipped beside the project (see ../shared/data/ptv/README.md).
DEFAULT_PTV_SOURCE = (
    Path(settings.BASE_DIR).parent / "shared" / "data" / "ptv" / ("general-descriptions.json")
)


class Command(BaseCommand):
    help = (
        "Load the fictional demo county (pages in fi/sv/en, channels, hours, staff accounts) "
        "and, when available, import the PTV descriptions from PTV_SOURCE. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even when DEBUG is off. Demo accounts have published passwords.",
        )
        parser.add_argument("--skip-ptv", action="store_true", help="Do not import PTV data.")

    def handle(self, *args, allow_production, skip_ptv, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo data has well-known passwords; refusing with DEBUG off.")
        # The thesaurus first: its lay terms go into the pages' search documents.
        call_command("search_thesaurus_load", stdout=self.stdout)
        # Pages are indexed for search in batches once everything is loaded.
        with indexing_deferred():
            home = demo_site_load()
            # PTV's general descriptions first: the county's services implement them.
            if not skip_ptv:
                self._import_ptv()
            counts = demo_county_load(home_fi=home)
            self.stdout.write(
                f"Demo county: {counts['topics']} topics, {counts['channels']} channels, "
                f"{counts['services']} services in fi, sv and en."
            )
            if not skip_ptv:
                started = offered_descriptions_start(home_fi=home)
                self.stdout.write(
                    f"Services started from PTV general descriptions: {started} (the social "
                    "and health services no demo service implements yet)."
                )
            from selfassess.demo import selfassess_demo_load

            assessments = selfassess_demo_load(home_fi=home)["assessments"]
            self.stdout.write(f"Self-assessments: {assessments} in fi, sv and en.")
        accounts = demo_staff_load()
        self.stdout.write(
            self.style.WARNING("DEMO ONLY – these accounts must never exist in production.")
        )
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<8} {account.role:<14} password {account.password:<24} "
                f"TOTP secret {account.totp_secret_base32}"
            )
        self.stdout.write(
            "  Current code for a user: .venv/bin/python manage.py demo_totp_code USERNAME"
        )

    def _import_ptv(self):
        source = os.environ.get("PTV_SOURCE") or str(DEFAULT_PTV_SOURCE)
        if not source.startswith(("http://", "https://")) and not Path(source).exists():
            self.stdout.write(f"No PTV data at {source}; set PTV_SOURCE to import some.")
            return
        self.stdout.write(f"Importing PTV descriptions from {source} (first run takes a minute)")
        args = [source] if sys.stderr.isatty() else [source, "--no-progress"]
        call_command("import_ptv", *args, stdout=self.stdout)
