"""search.thesaurus: the editors' synonyms and lay terms, and the starting thesaurus."""

import json

import pytest

from portal.ptv.topics import TOPICS_BY_KEY
from search import analysis, thesaurus
from search.models import Synonym, split_terms

pytestmark = pytest.mark.django_db


def test_split_terms():
    assert split_terms(" juominen, viina ,\nkrapula,, viina\n") == ["juominen", "viina", "krapula"]
    assert split_terms("") == []


def test_lay_terms_by_topic_gathers_active_entries_of_the_language():
    Synonym.objects.create(language="fi", topic_key="substance-use", terms="juominen, viina")
    Synonym.objects.create(language="fi", topic_key="substance-use", terms="krapula, viina")
    Synonym.objects.create(language="fi", topic_key="housing", terms="kämppä", active=False)
    Synonym.objects.create(language="sv", topic_key="substance-use", terms="fylla")
    assert thesaurus.lay_terms_by_topic("fi") == {"substance-use": ("juominen", "viina", "krapula")}
    assert thesaurus.lay_terms_for("fi", ["housing", "substance-use"]) == (
        "juominen",
        "viina",
        "krapula",
    )
    assert thesaurus.lay_terms_for("sv-FI", ["substance-use"]) == ("fylla",)


def test_changes_are_seen_at_once():
    assert thesaurus.lay_terms_by_topic("fi") == {}
    entry = Synonym.objects.create(language="fi", topic_key="housing", terms="kämppä")
    assert thesaurus.lay_terms_by_topic("fi") == {"housing": ("kämppä",)}
    entry.terms = "kämppä, yömaja"
    entry.save()
    assert thesaurus.lay_terms_by_topic("fi") == {"housing": ("kämppä", "yömaja")}
    entry.delete()
    assert thesaurus.lay_terms_by_topic("fi") == {}


def test_synonym_rules_in_solr_format():
    Synonym.objects.create(language="en", terms="advice, counselling, guidance")
    Synonym.objects.create(language="en", terms="payday loan, bailiff", expands_to="debt")
    Synonym.objects.create(language="en", topic_key="substance-use", terms="booze, hangover")
    Synonym.objects.create(language="en", terms="a => b, c\\d", expands_to="e")
    Synonym.objects.create(language="en", terms="lonely")  # one word is no rule
    Synonym.objects.create(language="en", terms="x, y", active=False)
    assert thesaurus.synonym_rules("en") == [
        "advice, counselling, guidance",
        "payday loan, bailiff => payday loan, bailiff, debt",
        "a b, c d => a b, c d, e",
    ]
    assert thesaurus.synonym_rules("fi") == []


def test_expansion_rules_are_analysed():
    Synonym.objects.create(
        language="fi", terms="pikavipit, rahat loppu", expands_to="velkaneuvonta"
    )
    rules = thesaurus.expansion_rules("fi")
    patterns = [rule.pattern for rule in rules]
    assert (frozenset({"pikavippi"}),) in patterns
    assert len([p for p in patterns if len(p) == 2]) == 1
    expansions = dict(rules[0].expansions)
    assert expansions["velkaneuvonta"] == 1.0
    assert expansions["neuvonta"] < 1.0  # a compound part counts less


class TestLoading:
    def test_loads_every_language_and_is_idempotent(self):
        first = thesaurus.thesaurus_load()
        total = sum(len(thesaurus.shipped_entries(code)) for code in thesaurus.LANGUAGES)
        assert first.created == total == Synonym.objects.count()
        second = thesaurus.thesaurus_load()
        assert second.created == 0 and second.updated == 0 and second.unchanged == total

    def test_editors_changes_survive_and_unedited_entries_follow_the_shipped_ones(
        self, monkeypatch
    ):
        shipped = [
            {"key": "a", "topic": "housing", "terms": ["kämppä"]},
            {"key": "b", "terms": ["vippi"], "expands_to": ["velka"]},
        ]
        monkeypatch.setattr(
            thesaurus, "shipped_entries", lambda code: shipped if code == "fi" else []
        )
        thesaurus.thesaurus_load()
        edited = Synonym.objects.get(shipped_key="a")
        edited.terms = "kämppä, luukku"
        edited.save()
        shipped[0] = {"key": "a", "topic": "housing", "terms": ["kämppä", "kotikolo"]}
        shipped[1] = {"key": "b", "terms": ["vippi", "pikavippi"], "expands_to": ["velka"]}
        summary = thesaurus.thesaurus_load()
        assert (summary.kept, summary.updated) == (1, 1)
        assert Synonym.objects.get(shipped_key="a").terms == "kämppä, luukku"
        assert Synonym.objects.get(shipped_key="b").terms == "vippi, pikavippi"
        # An editor's own entries are never touched.
        own = Synonym.objects.create(language="fi", terms="oma")
        thesaurus.thesaurus_load()
        assert Synonym.objects.get(pk=own.pk).terms == "oma"

    def test_a_deleted_shipped_entry_comes_back(self, monkeypatch):
        shipped = [{"key": "a", "terms": ["kämppä", "luukku"]}]
        monkeypatch.setattr(
            thesaurus, "shipped_entries", lambda code: shipped if code == "fi" else []
        )
        thesaurus.thesaurus_load()
        Synonym.objects.all().delete()
        assert thesaurus.thesaurus_load().created == 1

    def test_the_command_reports(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        call_command("search_thesaurus_load", "--language", "sv", stdout=out)
        assert "created" in out.getvalue()
        assert set(Synonym.objects.values_list("language", flat=True)) == {"sv"}


@pytest.mark.parametrize("language", thesaurus.LANGUAGES)
def test_the_starting_thesaurus_is_well_formed(language):
    entries = thesaurus.shipped_entries(language)
    assert len(entries) >= 30
    keys = [entry["key"] for entry in entries]
    assert len(keys) == len(set(keys))
    topics = {entry.get("topic") for entry in entries} - {None}
    assert topics <= set(TOPICS_BY_KEY)
    # Every topic residents see has lay terms.
    assert topics >= set(TOPICS_BY_KEY) - {"other-services"}
    for entry in entries:
        assert entry["terms"] and all(isinstance(term, str) for term in entry["terms"])
        assert entry.get("topic") or entry.get("expands_to") or len(entry["terms"]) > 1
        for term in entry["terms"] + entry.get("expands_to", []):
            assert "," not in term and "=>" not in term and term == term.strip()
            assert analysis.analyze(term, language), term


def test_the_data_files_say_what_they_are():
    for language in thesaurus.LANGUAGES:
        path = thesaurus.DATA_DIR / f"thesaurus-{language}.json"
        assert json.loads(path.read_text(encoding="utf-8"))["about"]
