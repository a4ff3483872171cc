from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import ServicePage


class Command(BaseCommand):
    help = (
        "E-mail each content owner the service pages that are past their review date, or due "
        "within --days-ahead days. Pages without an owner are listed in the output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days-ahead", type=int, default=0)
        parser.add_argument("--dry-run", action="store_true", help="List, do not send.")

    def handle(self, *args, days_ahead, dry_run, **options):
        due_by = timezone.localdate() + timedelta(days=max(days_ahead, 0))
        pages = (
            ServicePage.objects.filter(next_review__lte=due_by)
            .select_related("content_owner", "locale")
            .order_by("next_review", "title")
        )
        by_owner = defaultdict(list)
        ownerless = []
        for page in pages:
            owner = page.content_owner
            if owner and owner.is_active and owner.email:
                by_owner[owner].append(page)
            else:
                ownerless.append(page)
        for owner, owned in by_owner.items():
            if not dry_run:
                self._send(owner, owned)
            self.stdout.write(f"{owner.email}: {len(owned)} page(s)")
        for page in ownerless:
            self.stdout.write(
                f"no owner: {page.title} ({page.locale.language_code}), "
                f"review due {page.next_review:%Y-%m-%d}"
            )
        self.stdout.write(
            f"{len(by_owner)} reminder(s) {'to send' if dry_run else 'sent'}, "
            f"{len(ownerless)} page(s) without an owner."
        )

    @staticmethod
    def _send(owner, pages):
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        with translation.override(settings.LANGUAGE_CODE):
            lines = [
                f"- {page.title} ({page.locale.language_code}), {page.next_review:%d.%m.%Y}: "
                f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}"
                for page in pages
            ]
            body = (
                "Seuraavien palvelusivujen tarkistus on myöhässä tai pian ajankohtainen / "
                "Följande servicesidor ska granskas / These service pages are due for review:"
                "\n\n" + "\n".join(lines) + "\n"
            )
            send_mail(
                subject=f"Palvelusivujen tarkistus: {len(pages)}",
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[owner.email],
            )
