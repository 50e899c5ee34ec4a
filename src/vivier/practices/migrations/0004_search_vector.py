"""PostgreSQL: keep each sheet's text-search vector in a stored column.

Ranking with ``ts_rank`` over an expression index recomputes ``to_tsvector`` for every
matching sheet; a broad query over 50,000 sheets spent more than a second there. A
generated column is computed once per save and indexed the same way.
"""

from django.db import migrations

from ._vendor import statements_on

FORWARD = [
    "ALTER TABLE practices_practice ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('vivier_french', body)) STORED",
    "CREATE INDEX IF NOT EXISTS practices_search_vector ON practices_practice "
    "USING gin (search_vector)",
    "DROP INDEX IF EXISTS practices_body_fts",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS practices_body_fts ON practices_practice "
    "USING gin (to_tsvector('vivier_french', body))",
    "DROP INDEX IF EXISTS practices_search_vector",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_sources_and_candidates")]

    operations = [statements_on("postgresql", FORWARD, BACKWARD)]
