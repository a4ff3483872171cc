"""search.indexing and search.signals: pages become documents, and the index follows
publishing, unpublishing, moves, deletes, view restrictions and thesaurus changes."""

import logging
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from portal.models import Classification, ServicePage, TopicPage, UrgentHelpPage
from search import indexing
from search.backends import get_backend
from search.backends.base import KIND_SERVICE, KIND_TOPIC, SearchQuery
from search.models import SearchDocument, Synonym

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_search")]

PTV_FIXTURE = Path(__file__).resolve().parents[1] / "portal" / "ptv" / "fixtures"


@pytest.fixture
def topic(demo_site):
    page = demo_site.add_child(
        instance=TopicPage(
            title="Raha-asiat ja velat", slug="raha", topic_key="money-and-debt", intro="Apua."
        )
    )
    page.save_revision().publish()
    return page


def add_service(parent, title="Velkaneuvonta", **fields):
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("summary", "Apua velkoihin.")
    page = parent.add_child(instance=ServicePage(title=title, **fields))
    page.save_revision().publish()
    return ServicePage.objects.get(pk=page.pk)


def search(text, locale="fi"):
    return get_backend().search(SearchQuery(text=text, locale=locale))


def test_a_service_page_becomes_a_document(topic):
    adults = Classification.objects.create(
        kind="target_group", uri="urn:adults", name_fi="Aikuiset", name_sv="Vuxna"
    )
    area = Classification.objects.create(kind="area", uri="urn:area", name_fi="Järvilaakso")
    ontology = Classification.objects.create(kind="ontology_term", uri="urn:o", name_fi="velat")
    Synonym.objects.create(language="fi", topic_key="money-and-debt", terms="pikavippi, ulosotto")
    page = add_service(
        topic,
        "Selviämis-, katkaisu- ja vieroitushoito",
        slug="hoito",
        description="<p>Kuvaus &amp; lisää.</p><ul><li>Yksi</li><li>Kaksi</li></ul>",
        eligibility="<p>Kenelle</p>",
        user_instructions="<p>Ohje</p>",
        charge_info="Maksuton",
        selkokieli_summary="Selkeä kuvaus.",
        ptv_reference="SOTE-0058",
    )
    page.classifications.set([adults, area, ontology])
    page.save_revision().publish()
    [document] = indexing.documents_for_page(page)
    assert document.key == f"page:{page.pk}" and document.page_id == page.pk
    assert document.kind == KIND_SERVICE and document.locale == "fi"
    assert document.title == "Selviämis-, katkaisu- ja vieroitushoito"
    assert document.url == "/fi/raha/hoito/"
    assert document.reference == "SOTE-0058"
    assert document.topics == ("money-and-debt",)
    assert document.topic_labels == ("Raha-asiat ja velat",)
    assert document.target_groups == ("urn:adults",)
    assert document.target_group_labels == ("Aikuiset",)
    assert "velat" in document.keywords and "Järvilaakso" not in document.keywords
    assert {"katkaisuhoito", "selviämishoito"} <= set(document.keywords)
    assert document.lay_terms == ("pikavippi", "ulosotto")
    for text in ("Kuvaus & lisää.", "Yksi", "Kenelle", "Ohje", "Maksuton", "Selkeä kuvaus."):
        assert text in document.body
    assert "<" not in document.body


def test_a_topic_page_becomes_a_document(topic):
    Synonym.objects.create(language="fi", topic_key="money-and-debt", terms="vippi")
    [document] = indexing.documents_for_page(topic)
    assert document.kind == KIND_TOPIC
    assert (document.title, document.summary) == ("Raha-asiat ja velat", "Apua.")
    assert document.topics == ("money-and-debt",) and document.lay_terms == ("vippi",)


def test_pages_that_are_not_searchable_give_no_documents(topic, demo_site):
    draft = topic.add_child(instance=ServicePage(title="Luonnos", slug="luonnos", summary="x"))
    draft.unpublish()
    assert indexing.documents_for_page(draft) == []
    private = add_service(topic, "Yksityinen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert indexing.documents_for_page(private) == []
    urgent = demo_site.add_child(instance=UrgentHelpPage(title="Apua nyt", slug="apua"))
    assert indexing.documents_for_page(urgent) == []


def test_all_documents_covers_every_live_public_page(topic):
    add_service(topic, "Velkaneuvonta")
    add_service(topic, "Toimeentulotuki")
    hidden = add_service(topic, "Piilotettu")
    hidden.unpublish()
    titles = sorted(document.title for document in indexing.all_documents(batch_size=1))
    assert titles == ["Raha-asiat ja velat", "Toimeentulotuki", "Velkaneuvonta"]


def test_publishing_indexes_and_a_topic_title_reaches_its_services(topic):
    page = add_service(topic)
    assert search("velkaneuvonta").hits[0].page_id == page.pk
    topic.title = "Rahat ja velat"
    topic.save_revision().publish()
    stored = SearchDocument.objects.get(key=f"page:{page.pk}")
    assert stored.topic_labels == ["Rahat ja velat"]


def test_moving_a_page_updates_its_url_and_topic(topic, demo_site):
    other = demo_site.add_child(
        instance=TopicPage(title="Asuminen", slug="asuminen", topic_key="housing")
    )
    other.save_revision().publish()
    page = add_service(topic)
    page.move(other, pos="last-child")
    hit = search("velkaneuvonta").hits[0]
    assert hit.url == "/fi/asuminen/velkaneuvonta/" and hit.topics == ("housing",)


def test_a_view_restriction_removes_the_subtree(topic):
    page = add_service(topic)
    restriction = PageViewRestriction.objects.create(page=topic, restriction_type="login")
    assert search("velkaneuvonta").hits == []
    restriction.delete()
    assert search("velkaneuvonta").hits[0].page_id == page.pk


def test_deleting_a_topic_removes_its_services(topic):
    add_service(topic)
    topic.delete()
    assert not SearchDocument.objects.exists()


def test_changing_the_thesaurus_reindexes_the_topics_pages(topic):
    page = add_service(topic)
    assert search("krapula").hits == []
    entry = Synonym.objects.create(language="fi", topic_key="money-and-debt", terms="krapula")
    assert {hit.page_id for hit in search("krapula").hits} == {page.pk, topic.pk}
    entry.topic_key = "substance-use"
    entry.save()
    assert search("krapula").hits == []
    # Another language's entry leaves these pages alone.
    Synonym.objects.create(language="sv", topic_key="money-and-debt", terms="krapula")
    assert search("krapula").hits == []


def test_deferred_updates_are_written_once_at_the_end(topic, monkeypatch):
    calls = []
    backend = get_backend()
    original = backend.index_documents
    monkeypatch.setattr(
        backend, "index_documents", lambda docs: calls.append(len(docs)) or original(docs)
    )
    with indexing.indexing_deferred():
        with indexing.indexing_deferred():
            first = add_service(topic, "Velkaneuvonta")
            second = add_service(topic, "Toimeentulotuki")
            gone = add_service(topic, "Poistuva")
            gone.unpublish()
        assert calls == [] and first.pk not in [h.page_id for h in search("velkaneuvonta").hits]
    assert calls == [2]
    assert {hit.page_id for hit in search("velkaneuvonta toimeentulotuki").hits} == {
        first.pk,
        second.pk,
    }
    assert not SearchDocument.objects.filter(key=f"page:{gone.pk}").exists()


def test_a_failing_backend_never_fails_the_publish(topic, monkeypatch, caplog):
    def broken(documents):
        raise RuntimeError("index down")

    monkeypatch.setattr(get_backend(), "index_documents", broken)
    with caplog.at_level(logging.ERROR, logger="search.indexing"):
        page = add_service(topic)
    assert page.live
    assert "search_rebuild" in caplog.text


def test_new_page_types_register_a_builder(demo_site, monkeypatch):
    monkeypatch.setattr(indexing, "_page_types", dict(indexing._page_types))

    @indexing.register_page_type(UrgentHelpPage)
    def build(page, context):
        return indexing.IndexDocument(
            key=indexing.page_key(page.pk),
            locale="fi",
            kind="urgent",
            title=page.title,
            url=page.url_path,
            page_id=page.pk,
        )

    page = demo_site.add_child(instance=UrgentHelpPage(title="Kiireellinen apu", slug="apua"))
    page.save_revision().publish()
    assert search("kiireellinen").hits[0].kind == "urgent"


def test_translations_are_indexed_in_their_own_locale(topic):
    page = add_service(topic)
    swedish = page.copy_for_translation(Locale.objects.get(language_code="sv"), copy_parents=True)
    swedish.title = "Skuldrådgivning"
    swedish.save_revision().publish()
    assert search("skuldrådgivning", "sv").hits[0].page_id == swedish.pk
    assert search("skuldrådgivning", "fi").hits == []


def test_search_rebuild_indexes_everything(topic, monkeypatch):
    page = add_service(topic)
    SearchDocument.objects.all().delete()
    out = StringIO()
    call_command("search_rebuild", "--no-progress", stdout=out)
    assert "Indexed 2 documents in the database backend" in out.getvalue()
    assert search("velkaneuvonta").hits[0].page_id == page.pk


def test_import_ptv_indexes_in_batches(demo_site, monkeypatch):
    calls = []
    backend = get_backend()
    original = backend.index_documents
    monkeypatch.setattr(
        backend, "index_documents", lambda docs: calls.append(len(docs)) or original(docs)
    )
    call_command(
        "import_ptv",
        str(PTV_FIXTURE / "v11_service.json"),
        "--no-progress",
        stdout=StringIO(),
    )
    pages = ServicePage.objects.live().count() + TopicPage.objects.live().count()
    assert pages and sum(calls) == pages
    assert len(calls) <= pages // indexing.BATCH_SIZE + 1


def test_a_county_service_is_found_by_the_national_name_of_what_it_implements(topic):
    from portal.models import GeneralDescription

    rehabilitation = GeneralDescription.objects.create(
        reference="SOTE-TEST-1",
        names={"fi": "Päihdekuntoutus", "sv": "Missbrukarrehabilitering"},
        topic_key="money-and-debt",
    )
    add_service(topic, "Riippuvuuspalvelut", general_description=rehabilitation)
    add_service(topic, "Velkaneuvonta")
    assert [hit.title for hit in search("päihdekuntoutus").hits] == ["Riippuvuuspalvelut"]
