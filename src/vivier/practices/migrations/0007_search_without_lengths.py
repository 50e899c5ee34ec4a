"""SQLite: the full-text table keeps no sheet lengths, so ranking a broad query reads no
per-sheet row besides its word lists (see ``vivier.practices.search``).

The table becomes contentless (``content=''``, ``columnsize=0``). A contentless table can
only forget a sheet when given the exact words it indexed for it, so those words move to a
plain table beside it, ``practices_indexed_stems``.
"""

from django.db import migrations

from ._vendor import statements_on

FORWARD = [
    "CREATE TABLE practices_indexed_stems (rowid INTEGER PRIMARY KEY, stems TEXT NOT NULL)",
    "INSERT INTO practices_indexed_stems(rowid, stems) SELECT rowid, stems FROM practices_search",
    "DROP TABLE practices_search",
    "CREATE VIRTUAL TABLE practices_search USING fts5(stems, content='', columnsize=0)",
    "INSERT INTO practices_search(rowid, stems) SELECT rowid, stems FROM practices_indexed_stems",
]
BACKWARD = [
    "DROP TABLE practices_search",
    "CREATE VIRTUAL TABLE practices_search USING fts5(stems)",
    "INSERT INTO practices_search(rowid, stems) SELECT rowid, stems FROM practices_indexed_stems",
    "DROP TABLE practices_indexed_stems",
]


class Migration(migrations.Migration):
    dependencies = [("practices", "0006_catalogue_generation")]

    operations = [statements_on("sqlite", FORWARD, BACKWARD)]
