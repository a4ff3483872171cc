"""search_eval's figures per language and over the queries the index can answer."""

import json

import pytest

from search.evaluation import EvaluationQuery, evaluate
from tests.search.test_eval import LAST_LINE, indexed, run_eval  # noqa: F401 (fixture)


def test_figures_per_language_and_over_the_queries_the_index_can_answer():
    queries = [
        EvaluationQuery("a", "fi", frozenset({"A"})),
        EvaluationQuery("b", "sv", frozenset({"B"})),
        EvaluationQuery("c", "fi", frozenset({"GONE"})),
    ]
    report = evaluate(queries, lambda q: [("A", "a"), ("B", "b")])
    by_language = report.by_language()
    assert list(by_language) == ["fi", "sv"]
    assert by_language["fi"].mrr == pytest.approx(0.5)
    assert by_language["sv"].mrr == pytest.approx(0.5)
    answerable = report.answerable({"A", "B"})
    assert [result.query.text for result in answerable.results] == ["a", "b"]
    assert answerable.success_at_3 == 1.0


@pytest.mark.usefixtures("indexed")
def test_search_eval_prints_a_line_per_language_before_the_last_line(tmp_path):
    path = tmp_path / "queries.json"
    path.write_text(
        json.dumps(
            {
                "queries": [
                    {"q": "velkaneuvonta", "lang": "fi", "relevant": ["DEBT"]},
                    {"q": "raha-asiat", "lang": "fi", "relevant": ["NOWHERE"]},
                    {"q": "skuldrådgivning", "lang": "sv", "relevant": ["DEBT"]},
                ]
            }
        ),
        encoding="utf-8",
    )
    lines = run_eval(str(path))
    assert "  [fi] MRR@10=0.50 success@3=0.50 (2)" in lines
    assert any(line.startswith("  [sv] MRR@10=") and line.endswith("(1)") for line in lines)
    assert LAST_LINE.match(lines[-1])
