"""Relevance evaluation: the measures, `manage.py search_eval`, and the real data end to end."""

import json
import re
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.backends import get_backend, reset_backends
from search.evaluation import EvaluationQuery, evaluate, load_queries
from tests.search.conftest import SHARED_DATA
from tests.search.test_contract import DOCUMENTS

LAST_LINE = re.compile(r"^MRR@10=(\d\.\d\d) success@3=(\d\.\d\d)$")
HELDOUT = Path(__file__).resolve().parents[2] / "search" / "eval" / "heldout.json"


def test_mrr_and_success_at_3():
    queries = [
        EvaluationQuery("a", "fi", frozenset({"A"})),
        EvaluationQuery("b", "fi", frozenset({"B", "B2"})),
        EvaluationQuery("c", "fi", frozenset({"C"})),
        EvaluationQuery("d", "fi", frozenset({"D"})),
    ]
    ranked = {
        "a": ["A", "x"],
        "b": ["x", "y", "z", "B2"],
        "c": ["x"] * 10 + ["C"],
        "d": [],
    }
    report = evaluate(queries, lambda q: [(ref, f"title {ref}") for ref in ranked[q.text]])
    assert [result.rank for result in report.results] == [1, 4, 0, 0]
    assert report.mrr == pytest.approx((1 + 1 / 4) / 4)
    assert report.success_at_3 == pytest.approx(1 / 4)
    assert report.results[0].top == "title A" and report.results[3].top == ""


def test_load_queries_reads_the_relevance_format():
    queries = load_queries({"queries": [{"q": "velka", "lang": "fi", "relevant": ["GD103"]}]})
    assert queries == [EvaluationQuery("velka", "fi", frozenset({"GD103"}))]
    with pytest.raises(ValueError):
        load_queries({"queries": []})
    with pytest.raises(KeyError):
        load_queries({"queries": [{"lang": "fi"}]})


@pytest.fixture
def indexed(db, settings):
    settings.SEARCH_BACKEND = "database"
    reset_backends()
    get_backend().rebuild(DOCUMENTS)
    yield
    reset_backends()


def run_eval(*args) -> list[str]:
    out = StringIO()
    call_command("search_eval", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_search_eval_prints_ranks_and_ends_with_the_figures(indexed, tmp_path):
    path = tmp_path / "queries.json"
    path.write_text(
        json.dumps(
            {
                "queries": [
                    {"q": "velkaneuvonta", "lang": "fi", "relevant": ["DEBT"]},
                    {"q": "turvakotiin", "lang": "fi", "relevant": ["SHELTER"]},
                    {"q": "raha-asiat", "lang": "fi", "relevant": ["NOWHERE"]},
                ]
            }
        ),
        encoding="utf-8",
    )
    lines = run_eval(str(path))
    assert LAST_LINE.match(lines[-1])
    assert lines[-1] == "MRR@10=0.67 success@3=0.67"
    assert any("'velkaneuvonta' -> Talous- ja velkaneuvonta" in line for line in lines)
    assert any(line.strip().startswith("-") and "raha-asiat" in line for line in lines)
    # Pages outside the judged corpus (no reference: the topic page) are skipped unless asked.
    lines = run_eval(str(path), "--backend", "database", "--all-documents")
    assert LAST_LINE.match(lines[-1])


def test_search_eval_refuses_a_bad_file(indexed, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError):
        run_eval(str(path))
    with pytest.raises(CommandError):
        run_eval(str(tmp_path / "missing.json"))


def test_the_heldout_set_is_well_formed():
    data = json.loads(HELDOUT.read_text(encoding="utf-8"))
    queries = load_queries(data)
    assert len(queries) >= 30
    assert {query.lang for query in queries} == {"fi", "sv", "en"}
    assert len({(query.text, query.lang) for query in queries}) == len(queries)


@pytest.mark.skipif(
    not (SHARED_DATA / "ptv" / "general-descriptions.json").exists(),
    reason=f"no real PTV data at {SHARED_DATA} (the project's ../shared/data)",
)
def test_relevance_on_the_real_ptv_descriptions(demo_site, settings):
    """Services implementing the real PTV general descriptions (started from them as the
    demo county does) with the starting thesaurus reach the targets on the development set
    (MRR@10 and success@3 at least 0.90) and stay close on our held-out set. Slow: it starts
    the county's services from the descriptions in three languages."""
    from portal.ptv import read_source
    from portal.ptv_import import ptv_import
    from portal.service_start import offered_descriptions_start
    from search.indexing import indexing_deferred
    from search.thesaurus import thesaurus_load

    settings.SEARCH_BACKEND = "database"
    reset_backends()
    started = time.monotonic()
    thesaurus_load()
    result = read_source(SHARED_DATA / "ptv" / "general-descriptions.json")
    with indexing_deferred():
        ptv_import(result=result, home_fi=demo_site)
        offered_descriptions_start(home_fi=demo_site)
    imported = time.monotonic() - started

    dev = LAST_LINE.match(run_eval(str(SHARED_DATA / "search" / "relevance-dev.json"))[-1])
    heldout = LAST_LINE.match(run_eval(str(HELDOUT))[-1])
    figures = {
        "dev": (float(dev.group(1)), float(dev.group(2))),
        "heldout": (float(heldout.group(1)), float(heldout.group(2))),
    }
    report = f"import {imported:.0f} s; MRR@10, success@3: {figures}"
    assert not _outside_the_remit_in_results(SHARED_DATA / "search" / "relevance-dev.json")
    assert figures["dev"][0] >= 0.90 and figures["dev"][1] >= 0.90, report
    assert figures["heldout"][0] >= 0.80 and figures["heldout"][1] >= 0.80, report


def _outside_the_remit_in_results(path: Path) -> list[tuple[str, str]]:
    """(query, title) of every top-ten result for `path`'s queries that implements a
    description outside a wellbeing services county's remit: none may reach residents."""
    from portal.models import GeneralDescription
    from portal.ptv.topics import OTHER_SERVICES
    from search.management.commands.search_eval import _ranked_references

    outside = set(
        GeneralDescription.objects.filter(topic_key=OTHER_SERVICES).values_list(
            "reference", flat=True
        )
    )
    backend = get_backend()
    return [
        (item.text, title)
        for item in load_queries(json.loads(path.read_text(encoding="utf-8")))
        for reference, title in _ranked_references(backend, item, all_documents=False)
        if reference in outside
    ]
