"""PostgreSQL: ranking reads each word's weight in each sheet from a B-tree, not each
matching sheet's vector (see ``vivier.practices.word_weights``).

The table is filled from the vectors already stored; the GIN index over them goes, as
matching now reads the same table. The weights are computed here as the module computes
them (a migration does not import code that may change after it).
"""

import struct

from django.db import migrations

from ._vendor import statements_on

MAX_POSITIONS = 256


def _single(value):
    return struct.unpack("f", struct.pack("f", value))[0]


def _weight(occurrences):
    """ts_rank of one word held ``occurrences`` times, in C floats as tsrank.c computes."""
    position, total = _single(0.1), 0.0
    for j in range(1, occurrences + 1):
        total = _single(total + _single(position / (j * j)))
    return _single(_single(_single(position + total) - position) / 1.64493406685)


WEIGHTS = ", ".join(repr(_weight(n)) for n in range(1, MAX_POSITIONS + 1))
FORWARD = [
    "CREATE TABLE practices_word_weight (lexeme text NOT NULL, practice_id integer NOT NULL, "
    "published boolean NOT NULL, weight real NOT NULL, "
    "PRIMARY KEY (lexeme, practice_id) INCLUDE (published, weight))",
    # The planner picks which word to start from by how many sheets hold it: the default
    # sample knows the 100 commonest words only.
    "ALTER TABLE practices_word_weight ALTER COLUMN lexeme SET STATISTICS 1000",
    "INSERT INTO practices_word_weight (lexeme, practice_id, published, weight) "
    "SELECT word.lexeme, e.practice_id, e.published, "
    f"(ARRAY[{WEIGHTS}]::real[])"
    f"[LEAST(GREATEST(COALESCE(cardinality(word.positions), 1), 1), {MAX_POSITIONS})] "
    "FROM practices_practiceindex AS e, unnest(e.vector) AS word",
    "ANALYZE practices_word_weight",
    "DROP INDEX IF EXISTS practices_index_vector",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS practices_index_vector ON practices_practiceindex "
    "USING gin (vector)",
    "DROP TABLE practices_word_weight",
]


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_search_without_lengths")]

    operations = [statements_on("postgresql", FORWARD, BACKWARD)]
