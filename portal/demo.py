"""Demo content and demo staff for `make demo` and the browser tests.

Everything here is idempotent: running it again finds what exists and changes nothing.
The county, its numbers and its people are fictional.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, Page, Site

from portal import roles
from portal.models import AccessibilityStatementPage, HomePage, SiteSettings
from portal.page_trees import translated_pages_ensure
from portal.staff_auth.services import AUTHENTICATOR_DEVICE_NAME, backup_tokens_regenerate

DEMO_SOCIAL_EMERGENCY_NUMBER = "09 0000 1000"

HOME_TEXT = {
    "fi": (
        "Palveluneuvonta",
        "Tietoa sosiaalipalveluista työikäisille, itsearviointeja ja apua oikean palvelun "
        "löytämiseen. Järvilaakson hyvinvointialue (kuvitteellinen esimerkki).",
    ),
    "sv": (
        "Servicerådgivning",
        "Information om socialtjänster för personer i arbetsför ålder, självskattningar och hjälp "
        "att hitta rätt tjänst. Järvilaakso välfärdsområde (ett påhittat exempel).",
    ),
    "en": (
        "Service advice",
        "Information on social services for working-age adults, self-assessments and help "
        "finding the right service. Järvilaakso wellbeing services county (a fictional example).",
    ),
}

STATEMENT_TEXT = {
    "fi": (
        "Saavutettavuusseloste",
        "saavutettavuusseloste",
        "<p>Tämä verkkopalvelu pyrkii täyttämään WCAG 2.1 -ohjeiston AA-tason vaatimukset "
        "(laki digitaalisten palvelujen tarjoamisesta 306/2019).</p>",
    ),
    "sv": (
        "Tillgänglighetsutlåtande",
        "tillganglighetsutlatande",
        "<p>Den här webbtjänsten strävar efter att uppfylla kraven på nivå AA i WCAG 2.1 "
        "(lagen om tillhandahållande av digitala tjänster 306/2019).</p>",
    ),
    "en": (
        "Accessibility statement",
        "accessibility-statement",
        "<p>This service aims to meet level AA of WCAG 2.1 (Act on the Provision of Digital "
        "Services 306/2019).</p>",
    ),
}


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: str
    password: str


DEMO_STAFF = (
    DemoStaff("editor", roles.EDITOR, "demo-editor-password"),
    DemoStaff("adviser", roles.ADVISER, "demo-adviser-password"),
    DemoStaff("guide", roles.SERVICE_GUIDE, "demo-guide-password"),
    DemoStaff("manager", roles.MANAGER, "demo-manager-password"),
    DemoStaff("admin", roles.ADMIN, "demo-admin-password"),
)


@transaction.atomic
def demo_site_load() -> HomePage:
    """Home and accessibility statement pages in fi, sv and en, and the site settings."""
    for code in HOME_TEXT:
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    homes = translated_pages_ensure(
        dict.fromkeys(HOME_TEXT, root),
        HomePage,
        {code: f"home-{code}" for code in HOME_TEXT},
        lambda code: {"title": HOME_TEXT[code][0], "intro": HOME_TEXT[code][1]},
    )
    _site_root_set(homes["fi"])
    statements = translated_pages_ensure(
        homes,
        AccessibilityStatementPage,
        {code: STATEMENT_TEXT[code][1] for code in STATEMENT_TEXT},
        lambda code: {
            "title": STATEMENT_TEXT[code][0],
            "body": STATEMENT_TEXT[code][2],
            "prepared_on": date(2026, 11, 1),
            "feedback_email": "saavutettavuus@example.org",
        },
        lookup=lambda code: {},  # one statement per home
    )

    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.social_emergency_number or settings.accessibility_statement_id is None:
        settings.social_emergency_number = (
            settings.social_emergency_number or DEMO_SOCIAL_EMERGENCY_NUMBER
        )
        settings.accessibility_statement = settings.accessibility_statement or statements["fi"]
        settings.save()
    return homes["fi"]


def _site_root_set(home: HomePage) -> None:
    """Make the Finnish home the default site's root in place of Wagtail's placeholder."""
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    placeholder = site.root_page if site.pk else None
    if placeholder is None or placeholder.pk != home.pk:
        site.root_page, site.site_name = home, home.title
        site.save()
        if placeholder is not None and placeholder.specific_class is Page:
            placeholder.delete()


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    totp_secret_base32: str
    backup_tokens: tuple[str, ...]


@transaction.atomic
def demo_staff_load() -> list[DemoAccount]:
    """Demo staff with confirmed authenticators. Secrets stay the same across runs."""
    from base64 import b32encode

    user_model = get_user_model()
    accounts = []
    for staff in DEMO_STAFF:
        user, created = user_model.objects.get_or_create(
            username=staff.username,
            defaults={
                "email": f"{staff.username}@example.org",
                "is_staff": staff.role == roles.ADMIN,
            },
        )
        if created:
            user.set_password(staff.password)
            user.is_superuser = staff.role == roles.ADMIN
            user.save()
        user.groups.add(Group.objects.get(name=staff.role))
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        backup_tokens: list[str] = []
        if device is None:
            device = TOTPDevice.objects.create(
                user=user, name=AUTHENTICATOR_DEVICE_NAME, confirmed=True
            )
            backup_tokens = backup_tokens_regenerate(user=user)
        accounts.append(
            DemoAccount(
                username=staff.username,
                password=staff.password,
                role=staff.role,
                totp_secret_base32=b32encode(device.bin_key).decode("ascii"),
                backup_tokens=tuple(backup_tokens),
            )
        )
    return accounts
