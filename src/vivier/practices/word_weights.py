"""PostgreSQL: each sheet's rank weight for each of its words, in one B-tree.

Ranking a broad query with ``ts_rank`` reads every matching sheet's vector: 24,000 heap
rows for "pouvoir d'agir" over 50,000 sheets, most of the query's time, on top of the GIN
index scan. But the rank the registry uses is a sum over the query's words (``ts_rank``
of the words joined by ``|`` adds each word's own term and divides by the number of
words, see ``calc_rank_or`` in PostgreSQL's ``tsrank.c``), and a word's term depends only
on how many times the sheet holds it. So each (word, sheet) pair keeps that term,
``weight``, in the table ``WORDS_TABLE``, whose primary key ``(lexeme, practice_id)``
includes ``published`` and ``weight``: a query reads each word's sheets from the index
alone, in sheet order, and PostgreSQL merges them (or, for a rare word, probes the
others), then sums and sorts. The sheets and their order are those ``ts_rank`` gave.

Written by ``search.index_many`` from the sheet's ``vector`` column. The table has no index
by sheet: the database forgets a sheet's rows when its index row is deleted (the sheet
changes or goes), finding them from the words of the deleted row's vector (a trigger,
migration 0009).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

WORDS_TABLE = "practices_word_weight"
INDEX_TABLE = "practices_practiceindex"
#: The weights table's length: a vector keeps at most 255 positions of one word.
MAX_POSITIONS = 256
#: The sum of 1 / j**2 over every j (pi**2 / 6), as ``tsrank.c`` writes it.
RANK_DIVISOR = 1.64493406685


def _single(value: float) -> float:
    """``value`` rounded to a C float, as ``tsrank.c`` computes."""
    return float(struct.unpack("f", struct.pack("f", value))[0])


def weight(occurrences: int) -> float:
    """``ts_rank`` of a one-word query on a sheet holding that word ``occurrences`` times.

    ``to_tsvector`` gives every position the weight D (0.1 by default); ``calc_rank_or``
    adds 0.1 / j**2 for the word's j-th position and divides by pi**2 / 6, in C floats:
    the same steps here give the same bits, so sheets tie where ``ts_rank`` ties them.
    """
    position = _single(0.1)
    total = 0.0
    for j in range(1, max(1, occurrences) + 1):
        total = _single(total + _single(position / (j * j)))
    return _single(_single(_single(position + total) - position) / RANK_DIVISOR)


#: ``weight(n)`` for n = 1..256, sent as an array: SQL indexes it by the count of positions.
WEIGHTS = [weight(n) for n in range(1, MAX_POSITIONS + 1)]


def record(cursor: Any, ids: Sequence[int]) -> None:
    """Writes the word rows of ``ids`` from their (just computed) vectors."""
    cursor.execute(
        f"INSERT INTO {WORDS_TABLE} (lexeme, practice_id, published, weight) "
        "SELECT word.lexeme, e.practice_id, e.published, "
        "(CAST(%s AS real[]))[LEAST(GREATEST(COALESCE(cardinality(word.positions), 1), 1), %s)] "
        f"FROM {INDEX_TABLE} AS e, unnest(e.vector) AS word "
        "WHERE e.practice_id = ANY(%s)",
        [WEIGHTS, MAX_POSITIONS, list(ids)],
    )


def query_words(cursor: Any, config: str, text: str) -> list[str]:
    """The distinct words (lexemes) of ``text`` under the text-search ``config``, sorted:
    what ``plainto_tsquery`` would require, stop words left out."""
    cursor.execute(
        f"SELECT DISTINCT word FROM unnest(tsvector_to_array(to_tsvector('{config}', %s))) "
        "AS word ORDER BY word",
        [text],
    )
    return [row[0] for row in cursor.fetchall()]


def source(lexemes: Sequence[str], *, ranked: bool) -> tuple[str, list[Any], str]:
    """FROM and WHERE of the sheets holding every word of ``lexemes`` (alias ``e``, one of
    the word rows: it has ``practice_id`` and ``published``), their parameters, and the
    rank expression (ascending: best first; "0" unless ``ranked``).

    One join per further word: the planner then merges sorted index ranges, or starts
    from the rarest word and looks the others up, which a GROUP BY over every word's rows
    could not do.
    """
    first, *others = lexemes
    joins = "".join(
        f" JOIN {WORDS_TABLE} AS w{i} ON w{i}.lexeme = %s AND w{i}.practice_id = e.practice_id"
        for i in range(len(others))
    )
    rank = "-(" + " + ".join(["e.weight", *(f"w{i}.weight" for i in range(len(others)))]) + ")"
    return (
        f"FROM {WORDS_TABLE} AS e{joins} WHERE e.lexeme = %s",
        [*others, first],
        rank if ranked else "0",
    )
