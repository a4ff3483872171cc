"""Relevance measures for `manage.py search_eval`. Pure: no Django imports.

MRR@10: the mean over queries of 1/rank of the first relevant result (0 when none is in the
top ten). success@3: the share of queries with a relevant result in the top three.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class EvaluationQuery:
    text: str
    lang: str
    relevant: frozenset[str]


@dataclass(frozen=True)
class QueryResult:
    query: EvaluationQuery
    rank: int  # of the first relevant result, 1-based; 0 when not in the top ten
    top: str  # title of the first result, for reading the report


@dataclass(frozen=True)
class Report:
    results: list[QueryResult]

    @property
    def mrr(self) -> float:
        if not self.results:
            return 0.0
        return sum(1 / r.rank for r in self.results if r.rank) / len(self.results)

    @property
    def success_at_3(self) -> float:
        if not self.results:
            return 0.0
        return sum(1 for r in self.results if 0 < r.rank <= 3) / len(self.results)

    def by_language(self) -> dict[str, "Report"]:
        """One report per query language, in the order the languages first occur."""
        reports: dict[str, list[QueryResult]] = {}
        for result in self.results:
            reports.setdefault(result.query.lang, []).append(result)
        return {lang: Report(results) for lang, results in reports.items()}

    def answerable(self, references: set[str]) -> "Report":
        """The results of the queries with at least one relevant id among `references` (the
        documents indexed): a query whose answers are not in the index cannot be judged."""
        return Report([r for r in self.results if r.query.relevant & references])


def load_queries(data: dict) -> list[EvaluationQuery]:
    """The queries of a relevance file: {"queries": [{"q", "lang", "relevant": [ids]}]}."""
    queries = [
        EvaluationQuery(
            text=str(item["q"]),
            lang=str(item.get("lang") or "fi"),
            relevant=frozenset(str(ref) for ref in item["relevant"]),
        )
        for item in data["queries"]
    ]
    if not queries:
        raise ValueError("the file has no queries")
    return queries


def evaluate(
    queries: Sequence[EvaluationQuery],
    ranked_references: Callable[[EvaluationQuery], list[tuple[str, str]]],
) -> Report:
    """Run each query; `ranked_references` gives (reference, title) of its top results."""
    results = []
    for query in queries:
        ranked = ranked_references(query)[:10]
        rank = next(
            (index for index, (ref, _t) in enumerate(ranked, 1) if ref in query.relevant), 0
        )
        results.append(QueryResult(query=query, rank=rank, top=ranked[0][1] if ranked else ""))
    return Report(results)
