"""Search indexes: an FTS5 table on SQLite, a French unaccented configuration on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS practices_search USING fts5(stems)",
]
SQLITE_BACK = ["DROP TABLE IF EXISTS practices_search"]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vivier_french') THEN
        CREATE TEXT SEARCH CONFIGURATION vivier_french (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION vivier_french
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END $$
    """,
    "CREATE INDEX IF NOT EXISTS practices_body_fts ON practices_practice "
    "USING gin (to_tsvector('vivier_french', body))",
]
POSTGRES_BACK = [
    "DROP INDEX IF EXISTS practices_body_fts",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vivier_french",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_BACK, "postgresql": POSTGRES_BACK}),
        )
    ]
