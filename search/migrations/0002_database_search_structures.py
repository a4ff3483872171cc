"""What each database adds to the index tables for finding candidates fast.

PostgreSQL: the weighted tsvector column with a GIN index, and pg_trgm trigram GIN indexes
on the vocabulary (typo correction) and on folded titles (autocomplete).
SQLite: FTS5 tables over the document terms and over the vocabulary (trigram tokenizer),
kept in step with their tables by triggers.
Other databases get nothing (the database backend refuses them).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# fastupdate off: GIN's pending list makes every search scan the not yet merged entries,
# which after a rebuild made a trigram lookup ten times slower. Index writes happen on
# publish and rebuild only; searches happen all the time.
POSTGRESQL = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector) "
    "WITH (fastupdate = off)",
    # Title, summary and keywords only: small enough to stay in the row, so ranking
    # thousands of matches by it needs no TOAST reads (see the backend's candidates()).
    "ALTER TABLE search_searchdocument ADD COLUMN prominent_vector tsvector",
    "CREATE INDEX search_document_prominent ON search_searchdocument "
    "USING GIN (prominent_vector) WITH (fastupdate = off)",
    "CREATE INDEX search_word_trigram ON search_indexword USING GIN (word gin_trgm_ops) "
    "WITH (fastupdate = off)",
    "CREATE INDEX search_title_trigram ON search_searchdocument "
    "USING GIN (title_folded gin_trgm_ops) WITH (fastupdate = off)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_title_trigram",
    "DROP INDEX IF EXISTS search_word_trigram",
    "DROP INDEX IF EXISTS search_document_prominent",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS prominent_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]

_COLUMNS = "title_terms, summary_terms, keywords_terms, lay_terms, body_terms"
_NEW = ", ".join(f"new.{column.strip()}" for column in _COLUMNS.split(","))
_OLD = ", ".join(f"old.{column.strip()}" for column in _COLUMNS.split(","))
SQLITE = [
    # Terms are whole tokens: only spaces separate them (hyphens and apostrophes are part of
    # terms such as vuokra-asunto), and case and accents were folded by our analysis.
    f"CREATE VIRTUAL TABLE search_document_fts USING fts5({_COLUMNS}, "
    "content='search_searchdocument', content_rowid='id', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '-'''\")",
    f"""CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
    f"""CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, {_OLD});
    END""",
    f"""CREATE TRIGGER search_document_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, {_OLD});
        INSERT INTO search_document_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
    "CREATE VIRTUAL TABLE search_word_trigram USING fts5(word, "
    "content='search_indexword', content_rowid='id', tokenize='trigram')",
    """CREATE TRIGGER search_word_trigram_insert AFTER INSERT ON search_indexword BEGIN
        INSERT INTO search_word_trigram(rowid, word) VALUES (new.id, new.word);
    END""",
    """CREATE TRIGGER search_word_trigram_delete AFTER DELETE ON search_indexword BEGIN
        INSERT INTO search_word_trigram(search_word_trigram, rowid, word)
        VALUES ('delete', old.id, old.word);
    END""",
    """CREATE TRIGGER search_word_trigram_update AFTER UPDATE OF word ON search_indexword BEGIN
        INSERT INTO search_word_trigram(search_word_trigram, rowid, word)
        VALUES ('delete', old.id, old.word);
        INSERT INTO search_word_trigram(rowid, word) VALUES (new.id, new.word);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_word_trigram_update",
    "DROP TRIGGER IF EXISTS search_word_trigram_delete",
    "DROP TRIGGER IF EXISTS search_word_trigram_insert",
    "DROP TABLE IF EXISTS search_word_trigram",
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_document_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        TrigramExtension(),  # PostgreSQL only; a no-op elsewhere
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
