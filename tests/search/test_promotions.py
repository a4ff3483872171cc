"""Promoted results ("best bets"): which queries show them, which promotions are shown at
all, in which language, and how editors keep them in the Wagtail admin."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from portal import roles
from portal.factories import StaffUserFactory, TOTPDeviceFactory
from portal.models import TopicPage
from search.analytics import PromotedResult, promotions_for
from search.models import Promotion
from tests.conftest import STAFF_PASSWORD, totp_code

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 12:00:00+02:00", tick=False)


@pytest.fixture
def debts(demo_site):
    """A published Finnish topic page with a published Swedish translation (no English)."""
    page = demo_site.add_child(
        instance=TopicPage(
            title="Raha-asiat ja velat", slug="raha", topic_key="money-and-debt", intro="Apua."
        )
    )
    page.save_revision().publish()
    swedish = page.copy_for_translation(Locale.objects.get(language_code="sv"), copy_parents=True)
    swedish.title, swedish.slug = "Pengar och skulder", "pengar"
    swedish.save_revision().publish()
    return TopicPage.objects.get(pk=page.pk)


@pytest.fixture
def housing(demo_site):
    page = demo_site.add_child(
        instance=TopicPage(title="Asuminen", slug="asuminen", topic_key="housing", intro="Koti.")
    )
    page.save_revision().publish()
    return TopicPage.objects.get(pk=page.pk)


def promote(page, triggers, language="fi", **fields) -> Promotion:
    return Promotion.objects.create(language=language, triggers=triggers, page=page, **fields)


def shown(text, locale="fi") -> list[str]:
    return [result.title for result in promotions_for(text, locale)]


# --- Matching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["velka", "Velkaa", "minulla on velkoja", "VELKOIHIN apua", "velkaneuvontaan", "ulosotossa"],
)
def test_inflected_queries_find_the_promotion(debts, query):
    promote(debts, "velka, ulosotto", description="Neuvontaa ja tukea velkoihin.")
    assert promotions_for(query, "fi") == [
        PromotedResult(
            title="Raha-asiat ja velat",
            url=debts.url,
            description="Neuvontaa ja tukea velkoihin.",
            page_id=debts.pk,
        )
    ]


@pytest.mark.parametrize("query", ["asunto", "vela", "neuvonta", "", "   ", "123"])
def test_other_queries_do_not(debts, query):
    promote(debts, "velka, ulosotto")
    assert shown(query) == []


def test_a_phrase_needs_all_its_words_in_any_order(debts):
    promote(debts, "velka ja vuokra")
    assert shown("vuokrarästit ja velat") == ["Raha-asiat ja velat"]
    assert shown("rästissä oleva vuokra") == []
    assert shown("velkaa") == []


def test_a_compound_trigger_is_not_found_by_its_parts(debts):
    promote(debts, "velkaneuvonta")
    assert shown("velkaneuvontaa") == ["Raha-asiat ja velat"]
    assert shown("neuvonta") == []


def test_each_page_is_shown_once_in_the_order_promoted(debts, housing):
    promote(housing, "apu")
    promote(debts, "velka")
    promote(debts, "apu")
    assert shown("apua velkaan") == ["Asuminen", "Raha-asiat ja velat"]


def test_promotions_are_per_language(debts):
    promote(debts, "velka")
    assert shown("velka", "sv") == []


# --- Which promotions are shown ------------------------------------------------------------


def test_a_promotion_out_of_use_is_not_shown(debts):
    promote(debts, "velka", active=False)
    assert shown("velka") == []


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "visible"),
    [
        (None, None, True),
        (TODAY, TODAY, True),
        (TODAY - datetime.timedelta(days=30), TODAY - datetime.timedelta(days=1), False),
        (TODAY + datetime.timedelta(days=1), None, False),
        (None, TODAY - datetime.timedelta(days=1), False),
    ],
)
def test_only_promotions_in_date_are_shown(debts, starts_on, ends_on, visible):
    promote(debts, "velka", starts_on=starts_on, ends_on=ends_on)
    assert shown("velka") == (["Raha-asiat ja velat"] if visible else [])


def test_a_promotion_starts_and_ends_by_the_calendar_without_any_edit(debts, time_machine):
    promote(
        debts,
        "velka",
        starts_on=TODAY + datetime.timedelta(days=1),
        ends_on=TODAY + datetime.timedelta(days=1),
    )
    assert shown("velka") == []
    time_machine.move_to("2026-11-21 08:00:00+02:00", tick=False)
    assert shown("velka") == ["Raha-asiat ja velat"]
    time_machine.move_to("2026-11-22 08:00:00+02:00", tick=False)
    assert shown("velka") == []


def test_an_unpublished_page_is_not_shown(debts):
    promote(debts, "velka")
    assert shown("velka") == ["Raha-asiat ja velat"]
    debts.unpublish()
    assert shown("velka") == []


def test_a_private_page_is_not_shown(debts):
    promote(debts, "velka")
    assert shown("velka") == ["Raha-asiat ja velat"]
    PageViewRestriction.objects.create(page=debts, restriction_type="login")
    assert shown("velka") == []


def test_changes_by_editors_are_seen_at_once(debts, housing):
    promotion = promote(debts, "velka")
    assert shown("velka") == ["Raha-asiat ja velat"]
    promotion.page = housing
    promotion.save()
    assert shown("velka") == ["Asuminen"]
    promotion.active = False
    promotion.save()
    assert shown("velka") == []
    promotion.active = True
    promotion.save()
    promotion.delete()
    assert shown("velka") == []


def test_repeated_searches_cost_no_queries(debts, django_assert_num_queries):
    promote(debts, "velka")
    assert shown("velka") == ["Raha-asiat ja velat"]
    with django_assert_num_queries(0):
        assert shown("velkaa") == ["Raha-asiat ja velat"]
        assert shown("asunto") == []


# --- Languages -----------------------------------------------------------------------------


def test_a_promotion_shows_the_translation_in_the_language_searched(debts):
    promote(debts, "skuld", language="sv")  # the Finnish page chosen, for Swedish searches
    swedish = debts.get_translation(Locale.objects.get(language_code="sv"))
    [result] = promotions_for("skulder", "sv")
    assert (result.title, result.url, result.page_id) == (
        "Pengar och skulder",
        swedish.url,
        swedish.pk,
    )
    assert result.url.startswith("/sv/")


def test_a_page_without_a_translation_in_the_language_is_skipped(debts):
    promote(debts, "debt", language="en")
    assert promotions_for("debts", "en") == []


def test_an_unpublished_translation_is_skipped(debts):
    promote(debts, "skuld", language="sv")
    debts.get_translation(Locale.objects.get(language_code="sv")).unpublish()
    assert promotions_for("skuld", "sv") == []


def test_a_regional_language_code_is_its_language(debts):
    promote(debts, "skuld", language="sv")
    assert [r.title for r in promotions_for("skuld", "sv-FI")] == ["Pengar och skulder"]


# --- Validation ----------------------------------------------------------------------------


def test_a_promotion_needs_a_trigger(debts):
    with pytest.raises(ValidationError) as error:
        Promotion(language="fi", triggers=" , ,\n", page=debts).full_clean()
    assert set(error.value.message_dict) == {"triggers"}


def test_the_page_must_be_published(debts):
    draft = debts.add_child(instance=TopicPage(title="Luonnos", slug="luonnos", live=False))
    with pytest.raises(ValidationError) as error:
        Promotion(language="fi", triggers="velka", page=draft).full_clean()
    assert set(error.value.message_dict) == {"page"}


def test_the_dates_must_be_in_order(debts):
    with pytest.raises(ValidationError) as error:
        Promotion(
            language="fi",
            triggers="velka",
            page=debts,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
        ).full_clean()
    assert set(error.value.message_dict) == {"ends_on"}


def test_a_valid_promotion_passes(debts):
    Promotion(language="fi", triggers="velka", page=debts).full_clean()


# --- The admin -----------------------------------------------------------------------------


def test_editors_may_manage_promotions():
    permissions = set(
        Group.objects.get(name=roles.EDITOR).permissions.values_list("codename", flat=True)
    )
    assert {"add_promotion", "change_promotion", "delete_promotion", "view_promotion"} <= (
        permissions
    )
    manager = set(
        Group.objects.get(name=roles.MANAGER).permissions.values_list("codename", flat=True)
    )
    assert not manager & {"add_promotion", "change_promotion", "delete_promotion"}


@pytest.fixture
def editor(client):
    user = StaffUserFactory(role=roles.EDITOR)
    device = TOTPDeviceFactory(user=user)
    client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": STAFF_PASSWORD, "otp_token": totp_code(device)},
    )
    return client


def form_data(page, **fields) -> dict:
    return {
        "language": "fi",
        "triggers": "velka, ulosotto",
        "page": page.pk,
        "description": "",
        "active": "on",
        "starts_on": "",
        "ends_on": "",
        **fields,
    }


def test_editor_adds_a_promotion_and_it_is_shown(editor, debts):
    response = editor.post("/admin/snippets/search/promotion/add/", form_data(debts))
    assert response.status_code == 302
    assert shown("ulosotto") == ["Raha-asiat ja velat"]
    listing = editor.get("/admin/snippets/search/promotion/")
    assert listing.status_code == 200 and "velka, ulosotto" in listing.content.decode()
    promotion = Promotion.objects.get()
    assert editor.get(f"/admin/snippets/search/promotion/edit/{promotion.pk}/").status_code == 200


def test_the_admin_form_refuses_an_unpublished_page_with_a_message(editor, debts):
    draft = debts.add_child(instance=TopicPage(title="Luonnos", slug="luonnos", live=False))
    response = editor.post("/admin/snippets/search/promotion/add/", form_data(draft))
    assert response.status_code == 200  # the form again, with its error
    assert response.context["form"].errors.keys() == {"page"}
    assert not Promotion.objects.exists()


def test_managers_cannot_manage_promotions(client, debts):
    user = StaffUserFactory(role=roles.MANAGER)
    device = TOTPDeviceFactory(user=user)
    client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": STAFF_PASSWORD, "otp_token": totp_code(device)},
    )
    response = client.post("/admin/snippets/search/promotion/add/", form_data(debts))
    assert response.status_code in (302, 403)
    assert not Promotion.objects.exists()
