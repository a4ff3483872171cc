from django.core.management.base import BaseCommand, CommandError

from search.analytics import query_log_purge


class Command(BaseCommand):
    help = (
        "Delete search query log entries older than SEARCH_QUERY_LOG_DAYS days (default 400). "
        "Run daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            help="Keep this many days instead of SEARCH_QUERY_LOG_DAYS.",
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative.")
        deleted = query_log_purge(days)
        self.stdout.write(f"Deleted {deleted} search query log entries.")
