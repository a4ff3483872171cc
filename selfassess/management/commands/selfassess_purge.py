from django.core.management.base import BaseCommand

from selfassess.services import handover_codes_purge


class Command(BaseCommand):
    help = (
        "Delete expired hand-over codes and their encrypted answers. Run it from cron (hourly); "
        "expired codes are never readable even before it runs."
    )

    def handle(self, *args, **options):
        deleted = handover_codes_purge()
        self.stdout.write(f"Deleted {deleted} expired hand-over code(s).")
