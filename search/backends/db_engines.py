"""What the database backend asks of SQLite and of PostgreSQL, and how each answers.

Both get the same analysed terms; only finding candidates, similar words and title matches,
and storing what the database needs beyond the model rows, differ. SQL here is assembled
from constant fragments; every value is a query parameter, and terms inside match
expressions are quoted for the FTS5 or tsquery syntax besides.
"""

from collections.abc import Iterable

from django.db import connections

from search import ranking
from search.models import SearchDocument

FIELD_COLUMNS = tuple(f"{name}_terms" for name in ranking.FIELDS)
# On PostgreSQL, queries whose terms are in more documents than this together are not
# ordered by ts_rank before the cut to the candidate limit (see PostgresEngine.candidates).
PG_RANKED_MATCHES = 2000
# PostgreSQL tsvector weights per field (ts_rank only orders candidates).
_PG_WEIGHTS = {"title": "A", "summary": "B", "keywords": "C", "lay": "D", "body": "D"}
PROMINENT_FIELDS = ("title", "summary", "keywords")
_SQLITE_BM25_WEIGHTS = "10.0, 4.0, 2.0, 1.0, 1.0"
# What the candidate query returns for ranking and facets, in this order.
CANDIDATE_COLUMNS = ("id", "topics", "topic_labels", "target_groups", "target_group_labels")
CANDIDATE_COLUMNS += FIELD_COLUMNS
_CANDIDATE_SELECT = ", ".join(f"r.{column}" for column in CANDIDATE_COLUMNS)


def _quote_fts5(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _quote_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields: dict[str, list[str]], names: Iterable[str] = ranking.FIELDS) -> str:
    """A tsvector in PostgreSQL's input syntax, the terms as lexemes, weighted by field.

    Built here rather than with to_tsvector(), whose parser would split our terms again
    (vuokra-asunto) and read some as numbers or addresses."""
    positions: dict[str, list[str]] = {}
    position = 0
    for name in names:
        weight = _PG_WEIGHTS[name]
        for term in fields.get(name, ()):
            position = min(position + 1, 16383)  # PostgreSQL's largest position
            entries = positions.setdefault(term, [])
            if len(entries) < 255:  # and its most positions per lexeme
                entries.append(f"{position}{weight}")
    return " ".join(f"{_quote_lexeme(term)}:{','.join(p)}" for term, p in positions.items())


class Engine:
    vendor = ""

    def __init__(self, using: str):
        self.using = using

    def cursor(self):
        return connections[self.using].cursor()

    def after_insert(self, rows: list[tuple[SearchDocument, dict[str, list[str]]]]) -> None:
        """Anything the database needs beyond the model rows (rows with their terms)."""

    def candidates(
        self, locale, terms, topic, target_group, limit, estimated_matches=0
    ) -> list[tuple]:
        """Rows of `CANDIDATE_COLUMNS` for documents matching any of `terms`, the best of
        them by the database's own rank when there are more than `limit`."""
        raise NotImplementedError

    def similar_words(self, locale: str, word: str, limit: int) -> list[tuple[str, int]]:
        raise NotImplementedError

    def title_matches(self, locale: str, prefix: str, limit: int) -> list[str]:
        pattern = "%" + _like_escape(prefix) + "%"
        with self.cursor() as cursor:
            cursor.execute(
                "SELECT title, title_folded FROM search_searchdocument "
                "WHERE locale = %s AND title_folded LIKE %s ESCAPE '\\' "
                "ORDER BY length(title_folded), title LIMIT %s",
                [locale, pattern, limit],
            )
            return [(title, folded) for title, folded in cursor.fetchall()]

    def topic_rows(self, locale, topic, target_group, limit) -> list[tuple]:
        """Rows of `CANDIDATE_COLUMNS` for the documents of `topic`: its topic page first,
        then the rest by title (the topic fallback of `search.situation`)."""
        where, params = _filters(topic, target_group)
        with self.cursor() as cursor:
            cursor.execute(
                f"SELECT {_CANDIDATE_SELECT} FROM search_searchdocument r JOIN ("  # noqa: S608 (constant SQL; values are parameters)
                "SELECT d.id FROM search_searchdocument d WHERE d.locale = %s" + where + " "
                "ORDER BY CASE WHEN d.kind = 'topic' THEN 0 ELSE 1 END, d.title, d.id LIMIT %s"
                ") c ON c.id = r.id",
                [locale, *params, limit],
            )
            return cursor.fetchall()

    def optimise(self) -> None:
        """Tidy the database's search structures after a rebuild."""


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(topic: str | None, target_group: str | None) -> tuple[str, list]:
    sql, params = "", []
    if topic:
        sql += " AND d.topics LIKE %s ESCAPE '\\'"
        params.append("%|" + _like_escape(topic) + "|%")
    if target_group:
        sql += " AND d.target_groups LIKE %s ESCAPE '\\'"
        params.append("%|" + _like_escape(target_group) + "|%")
    return sql, params


class PostgresEngine(Engine):
    vendor = "postgresql"

    def after_insert(self, rows):
        with self.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchdocument SET vector = %s::tsvector, "
                "prominent_vector = %s::tsvector WHERE id = %s",
                [
                    (
                        tsvector_literal(fields),
                        tsvector_literal(fields, PROMINENT_FIELDS),
                        row.pk,
                    )
                    for row, fields in rows
                ],
            )

    def candidates(self, locale, terms, topic, target_group, limit, estimated_matches=0):
        tsquery = " | ".join(_quote_lexeme(term) for term in terms)
        where, params = _filters(topic, target_group)
        if estimated_matches <= PG_RANKED_MATCHES:
            inner = (
                "SELECT d.id FROM search_searchdocument d, CAST(%s AS tsquery) q "  # noqa: S608 (constant SQL; values are parameters)
                "WHERE d.locale = %s AND d.vector @@ q" + where + " "
                "ORDER BY ts_rank(d.vector, q) DESC, d.id LIMIT %s"
            )
            inner_params = [tsquery, locale, *params, limit]
        else:
            # ts_rank reads every matching tsvector, most of them out of line (TOAST): with
            # thousands of matches (a query of only very common words) that alone would
            # take longer than a whole search may. Then the candidates are the best of a
            # bounded number of title, summary and keyword matches, ranked by the small
            # in-row vector of those fields, topped up with other matches only when there
            # are too few (each extra candidate costs its terms read from TOAST and scored).
            inner = (
                "WITH ranked AS (SELECT m.id FROM (SELECT d.id, "  # noqa: S608 (constant SQL; values are parameters)
                "ts_rank(d.prominent_vector, q) AS rank "
                "FROM search_searchdocument d, CAST(%s AS tsquery) q "
                "WHERE d.locale = %s AND d.prominent_vector @@ q" + where + " LIMIT %s) m "
                "ORDER BY m.rank DESC, m.id LIMIT %s) "
                "SELECT id FROM ranked "
                "UNION ALL "
                "(SELECT d.id FROM search_searchdocument d "
                "WHERE d.locale = %s AND d.vector @@ CAST(%s AS tsquery)" + where + " "
                "AND d.id NOT IN (SELECT id FROM ranked) "
                "LIMIT (SELECT %s - count(*) FROM ranked))"
            )
            inner_params = [
                tsquery,
                locale,
                *params,
                PG_RANKED_MATCHES,
                limit,
                locale,
                tsquery,
                *params,
                limit,
            ]
        with self.cursor() as cursor:
            cursor.execute(
                f"SELECT {_CANDIDATE_SELECT} FROM search_searchdocument r "  # noqa: S608 (constant SQL; values are parameters)
                f"JOIN ({inner}) c ON c.id = r.id",
                inner_params,
            )
            return cursor.fetchall()

    def optimise(self):
        with self.cursor() as cursor:
            # Fresh statistics, so that the planner uses the trigram and GIN indexes.
            for table in ("search_searchdocument", "search_indexterm", "search_indexword"):
                cursor.execute(f"ANALYZE {table}")

    def similar_words(self, locale, word, limit):
        with self.cursor() as cursor:
            # `%` uses the GIN trigram index; pg_trgm's default threshold (0.3) is looser
            # than ours, so nothing we would accept is missed.
            cursor.execute(
                "SELECT word, doc_freq FROM search_indexword "
                "WHERE locale = %s AND word %% %s "
                "ORDER BY similarity(word, %s) DESC, doc_freq DESC LIMIT %s",
                [locale, word, word, limit],
            )
            return cursor.fetchall()


class SqliteEngine(Engine):
    vendor = "sqlite"

    def candidates(self, locale, terms, topic, target_group, limit, estimated_matches=0):
        # FTS5 ranks from its own index without reading the documents: no shortcut needed.
        expression = " OR ".join(_quote_fts5(term) for term in terms)
        where, params = _filters(topic, target_group)
        with self.cursor() as cursor:
            cursor.execute(
                f"SELECT {_CANDIDATE_SELECT} FROM search_searchdocument r JOIN ("  # noqa: S608 (constant SQL; values are parameters)
                "SELECT d.id FROM search_document_fts f "
                "JOIN search_searchdocument d ON d.id = f.rowid "
                "WHERE search_document_fts MATCH %s AND d.locale = %s" + where + " "
                f"ORDER BY bm25(search_document_fts, {_SQLITE_BM25_WEIGHTS}), d.id LIMIT %s"
                ") c ON c.id = r.id",
                [expression, locale, *params, limit],
            )
            return cursor.fetchall()

    def similar_words(self, locale, word, limit):
        grams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        if not grams:
            return []
        expression = " OR ".join(_quote_fts5(gram) for gram in grams)
        with self.cursor() as cursor:
            cursor.execute(
                "SELECT w.word, w.doc_freq FROM search_word_trigram t "
                "JOIN search_indexword w ON w.id = t.rowid "
                "WHERE search_word_trigram MATCH %s AND w.locale = %s "
                "ORDER BY t.rank LIMIT %s",
                [expression, locale, limit],
            )
            return cursor.fetchall()

    def optimise(self):
        with self.cursor() as cursor:
            cursor.execute(
                "INSERT INTO search_document_fts(search_document_fts) VALUES ('optimize')"
            )


_ENGINES = {engine.vendor: engine for engine in (PostgresEngine, SqliteEngine)}


def engine_for(using: str) -> Engine:
    """The engine for the database alias `using`."""
    vendor = connections[using].vendor
    try:
        return _ENGINES[vendor](using)
    except KeyError:
        raise NotImplementedError(
            f"The database search backend supports SQLite and PostgreSQL, not {vendor}."
        ) from None
