from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import demo_site_load, demo_staff_load


class Command(BaseCommand):
    help = "Load the fictional demo county's pages and demo staff accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even when DEBUG is off. Demo accounts have published passwords.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("Demo data has well-known passwords; refusing with DEBUG off.")
        demo_site_load()
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
