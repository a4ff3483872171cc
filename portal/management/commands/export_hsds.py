"""`manage.py export_hsds <dir> [--base-url https://…]`: the published services as Open
Referral HSDS 3 JSON files (see portal.hsds for the files and the mapping)."""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.hsds import hsds_export


class Command(BaseCommand):
    help = "Write the published services as Open Referral HSDS 3 JSON files into a directory."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Created if missing.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="Public address of the site, e.g. https://palveluneuvonta.example.fi, used "
            "in the page URLs instead of the PORTAL_PUBLIC_BASE_URL setting.",
        )

    def handle(self, *args, directory: Path, base_url: str | None, **options):
        if base_url is not None:
            parts = urlsplit(base_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise CommandError(
                    _("--base-url must be an absolute http(s) address such as %(example)s.")
                    % {"example": "https://palveluneuvonta.example.fi"}
                )
        try:
            counts = hsds_export(target_dir=directory, base_url=base_url)
        except OSError as error:
            raise CommandError(
                _("Cannot write the HSDS files to %(directory)s: %(reason)s")
                % {"directory": directory, "reason": error.strerror or error}
            ) from error
        self.stdout.write(
            _(
                "HSDS export written to %(directory)s: %(services)d services, "
                "%(organizations)d organizations, %(locations)d locations, "
                "%(taxonomy_terms)d taxonomy terms."
            )
            % {"directory": directory, **counts}
        )
