"""The coding's tables on a hand-made example, every figure worked out by hand.

Six answers to one question and one note. Codes A, B, C (of a category "types") and D:

    s1: A, B        role pro    themes a, b
    s2: A           role pro    themes a
    s3: B, C        role pc     themes b
    s4: A, C        role other  (no theme)
    s5: (none)      role pro
    s6: (none)      role pc
    n1: C, D        (a note: no respondent)
"""

from __future__ import annotations

import pytest

from vivier.qualitative import tables

ORDER = ["types", "A", "B", "C", "D"]
ANSWERS = {
    "s1": {"A", "B"},
    "s2": {"A"},
    "s3": {"B", "C"},
    "s4": {"A", "C"},
    "s5": set(),
    "s6": set(),
}
EVERYTHING = {**ANSWERS, "n1": {"C", "D"}}
ROLE = {"s1": ["pro"], "s2": ["pro"], "s3": ["pc"], "s4": ["other"], "s5": ["pro"], "s6": ["pc"]}
THEMES = {"s1": ["a", "b"], "s2": ["a"], "s3": ["b"]}


def rows(table, key="codes"):
    return [(row["code"], row["count"], row["percent"]) for row in table[key]]


def test_frequencies_are_shares_of_the_coded_texts():
    table = tables.frequencies(ANSWERS, ORDER)
    # s5 and s6 carry no code: N = 4, not 6.
    assert table["n"] == 4
    # A 3/4, B 2/4, C 2/4: ties in the codebook's order.
    assert rows(table) == [("A", 3, 75.0), ("B", 2, 50.0), ("C", 2, 50.0)]


def test_frequencies_of_nothing_coded():
    assert tables.frequencies({"s5": set()}) == {"n": 0, "codes": []}


def test_a_share_is_rounded_as_the_report_rounds():
    # 1 of 8 is 12.5 %, 1 of 3 is 33.3 %, 2 of 3 66.7 % (half away from zero).
    assert rows(tables.frequencies({i: {"x"} if i == 0 else {"y"} for i in range(8)})) == [
        ("y", 7, 87.5),
        ("x", 1, 12.5),
    ]
    assert rows(tables.frequencies({0: {"x"}, 1: {"y"}, 2: {"y"}})) == [
        ("y", 2, 66.7),
        ("x", 1, 33.3),
    ]


def test_crosstab_with_a_single_choice_gives_column_shares():
    table = tables.crosstab(ANSWERS, ROLE, ["pro", "pc", "other"], ORDER)
    # Coded texts per column: pro s1 s2, pc s3, other s4 (s5 and s6 are not coded).
    assert table["columns"] == [
        {"value": "pro", "n": 2},
        {"value": "pc", "n": 1},
        {"value": "other", "n": 1},
    ]
    assert table["unanswered"] == 0
    by_code = {
        row["code"]: [(c["count"], c["percent"]) for c in row["counts"]] for row in table["codes"]
    }
    assert by_code == {
        "A": [(2, 100.0), (0, 0.0), (1, 100.0)],
        "B": [(1, 50.0), (1, 100.0), (0, 0.0)],
        "C": [(0, 0.0), (1, 100.0), (1, 100.0)],
    }
    assert [(row["code"], row["total"]) for row in table["codes"]] == [
        ("A", 3),
        ("B", 2),
        ("C", 2),
    ]


def test_crosstab_with_a_multiple_choice_counts_a_text_in_each_column_ticked():
    table = tables.crosstab(ANSWERS, THEMES, ["a", "b"], ORDER)
    # a: s1 s2; b: s1 s3; s4 ticked no theme.
    assert table["columns"] == [{"value": "a", "n": 2}, {"value": "b", "n": 2}]
    assert table["unanswered"] == 1
    by_code = {row["code"]: [c["count"] for c in row["counts"]] for row in table["codes"]}
    # A: s1 (a, b), s2 (a) -> a 2, b 1; s4's A is in no column.
    assert by_code == {"A": [2, 1], "B": [1, 2], "C": [0, 1]}
    assert {row["code"]: row["total"] for row in table["codes"]} == {"A": 2, "B": 2, "C": 1}


def test_cooccurrence_counts_pairs_on_the_same_text():
    table = tables.cooccurrence(EVERYTHING, ORDER)
    assert table["n"] == 5
    # s1 A+B, s3 B+C, s4 A+C, n1 C+D: each pair once, 1 of 5 = 20 %.
    assert [(tuple(p["codes"]), p["count"], p["percent"]) for p in table["pairs"]] == [
        (("A", "B"), 1, 20.0),
        (("A", "C"), 1, 20.0),
        (("B", "C"), 1, 20.0),
        (("C", "D"), 1, 20.0),
    ]


def test_cooccurrence_ranks_the_most_frequent_pair_first():
    table = tables.cooccurrence({1: {"B", "A"}, 2: {"A", "B"}, 3: {"C", "A"}}, ["A", "B", "C"])
    assert [(p["codes"], p["count"]) for p in table["pairs"]] == [(["A", "B"], 2), (["A", "C"], 1)]


def test_typology_rolls_codes_under_their_row_and_keeps_zeros():
    # Rows of the category "types": A (with its child A1), B, C; nobody coded E.
    units = {**EVERYTHING, "s7": {"A1"}}
    table = tables.typology(units, [("A", ["A", "A1"]), ("B", ["B"]), ("C", ["C"]), ("E", ["E"])])
    # Units with any code of the category: s1 s2 s3 s4 n1 s7 = 6 (D is not in it).
    assert table["n"] == 6
    # A: s1 s2 s4 s7 = 4 (66.7 %); C: s3 s4 n1 = 3 (50 %); B: s1 s3 = 2 (33.3 %); E: 0.
    assert rows(table, "rows") == [
        ("A", 4, 66.7),
        ("C", 3, 50.0),
        ("B", 2, 33.3),
        ("E", 0, 0.0),
    ]
    assert table["rows"][0]["members"] == ["A", "A1"]


def test_roll_up_drops_codes_it_does_not_name():
    assert tables.roll_up({"u": {"A", "Z"}}, {"A": "row"}) == {"u": frozenset({"row"})}


# -- Publication -------------------------------------------------------------------------------


def section(questions, typologies=()):
    return {
        "sources": sum(q["sources"] for q in questions),
        "coded": sum(q["n"] for q in questions),
        "questions": list(questions),
        "typologies": list(typologies),
        "quotes": [{"code": "A", "name": "A", "text": "Une citation vérifiée."}],
    }


def question(key, sources, n, counts):
    return {
        "key": key,
        "sources": sources,
        "n": n,
        "codes": [
            {"code": code, "count": count, "percent": round(100 * count / n, 1)}
            for code, count in counts.items()
        ],
    }


def hidden(node, key="count"):
    return node[key] is None and key in node.get("suppressed_keys", ())


def test_publication_hides_small_counts_and_their_shares():
    published = tables.publish(section([question("q1", 30, 20, {"A": 12, "B": 6, "C": 2})]), 5)
    codes = {row["code"]: row for row in published["questions"][0]["codes"]}
    assert codes["A"]["count"] == 12 and codes["B"]["count"] == 6
    # C (2) is hidden, and its share with it: 10 % of a visible N of 20 gives 2 back.
    assert hidden(codes["C"]) and hidden(codes["C"], "percent")
    assert published["suppression"] == {"k": 5}
    # Reviewed quotes are the analysts' choice: they stay.
    assert published["quotes"][0]["text"] == "Une citation vérifiée."


def test_publication_hides_a_whole_table_whose_n_is_small():
    published = tables.publish(
        section([question("q1", 30, 20, {"A": 12}), question("q2", 10, 3, {"A": 3, "B": 0})]), 5
    )
    q2 = published["questions"][1]
    assert hidden(q2, "n")
    # The count equal to N goes too (3 of 3 would say N), and the zero with it.
    assert all(hidden(row) and hidden(row, "percent") for row in q2["codes"])
    # q2's N is hidden, so "coded" (23 = 20 + N) would give it back: a complement goes.
    assert hidden(published, "coded") or hidden(published["questions"][0], "n")


def test_publication_protects_a_typology_row_that_adds_up_two_questions():
    # Code B: 2 in q1 (hidden), 6 in q2; the typology row "B" prints 8 = 2 + 6.
    typology = {
        "code": "types",
        "n": 25,
        "rows": [
            {"code": "A", "members": ["A"], "count": 13, "percent": 52.0},
            {"code": "B", "members": ["B"], "count": 8, "percent": 32.0},
        ],
    }
    published = tables.publish(
        section(
            [question("q1", 20, 12, {"A": 6, "B": 2}), question("q2", 25, 16, {"A": 7, "B": 6})],
            [typology],
        ),
        5,
    )
    b_q1 = published["questions"][0]["codes"][1]
    b_q2 = published["questions"][1]["codes"][1]
    b_row = published["typologies"][0]["rows"][1]
    assert hidden(b_q1)
    # With 8 and 6 both shown, 8 - 6 = 2: one of them is hidden too.
    assert hidden(b_q2) or hidden(b_row)
    for node in (b_q1, b_q2, b_row):
        if hidden(node):
            assert hidden(node, "percent")


def test_publication_leaves_a_table_without_small_counts_alone():
    original = section([question("q1", 40, 30, {"A": 20, "B": 10, "C": 0})])
    published = tables.publish(original, 5)
    assert [r["count"] for r in published["questions"][0]["codes"]] == [20, 10, 0]
    assert published["coded"] == 30 and published["sources"] == 40
    assert "suppression" not in original  # a copy: the staff's figures are untouched


def test_publication_needs_a_positive_k():
    with pytest.raises(ValueError):
        tables.publish(section([]), 0)


# -- Publication of the co-occurrence and the cross-tabulations ---------------------------------


def crossed(key, columns, cells, unanswered=0):
    """A crosstab entry of the report: ``columns`` {value: N}, ``cells`` {code: [counts]}."""
    return {
        "key": key,
        "n": sum(columns.values()) + unanswered,
        "unanswered": unanswered,
        "columns": [{"value": value, "label": value, "n": n} for value, n in columns.items()],
        "codes": [
            {
                "code": code,
                "total": sum(counts),
                "counts": [
                    {"column": value, "count": count, "percent": round(100 * count / n, 1)}
                    for (value, n), count in zip(columns.items(), counts, strict=True)
                ],
            }
            for code, counts in cells.items()
        ],
    }


def test_publication_hides_small_pairs_and_keeps_the_others():
    table = {
        "n": 40,
        "pairs": [
            {"codes": ["A", "B"], "count": 12, "percent": 30.0},
            {"codes": ["A", "C"], "count": 3, "percent": 7.5},
        ],
    }
    published = tables.publish(
        {**section([question("q1", 50, 40, {"A": 20, "B": 15, "C": 8})]), "cooccurrence": table},
        5,
    )
    big, small = published["cooccurrence"]["pairs"]
    assert (big["count"], big["percent"]) == (12, 30.0)
    assert hidden(small) and hidden(small, "percent")
    assert published["cooccurrence"]["n"] == 40


def test_publication_hides_every_pair_of_a_small_n():
    # The hand-made example: 5 coded texts, each pair once.
    together = tables.cooccurrence(EVERYTHING, ORDER)
    published = tables.publish(
        {**section([question("nom", 6, 4, {"A": 3, "B": 2, "C": 2})]), "cooccurrence": together},
        5,
    )
    assert all(hidden(p) and hidden(p, "percent") for p in published["cooccurrence"]["pairs"])


def test_the_example_s_crosstab_as_the_report_gives_it():
    table = tables.crosstab(ANSWERS, ROLE, ["pro", "pc", "other"], ORDER)
    entry = {"key": "nom", "n": 4, **table}
    # N = the columns' N (2 + 1 + 1) + unanswered (0) = the question's coded texts.
    assert entry["n"] == sum(c["n"] for c in table["columns"]) + table["unanswered"]
    published = tables.publish(
        {**section([question("nom", 6, 4, {"A": 3})]), "crosstabs": [entry]}, 2
    )
    columns = published["crosstabs"][0]["columns"]
    # pc and other have one respondent each: hidden, and pro (2 = 4 - 1 - 1) with them.
    assert all(hidden(c, "n") for c in columns)


def test_publication_hides_a_column_with_a_small_n_whole():
    entry = crossed("q1", {"pro": 20, "pc": 3, "other": 12}, {"A": [10, 2, 6], "B": [8, 0, 7]})
    published = tables.publish(
        {**section([question("q1", 40, 35, {"A": 18, "B": 15})]), "crosstabs": [entry]}, 5
    )
    table = published["crosstabs"][0]
    pro, pc, other = table["columns"]
    assert hidden(pc, "n") and not hidden(pro, "n")
    for row in table["codes"]:
        # The small column goes whole, its zero included, with its shares.
        assert hidden(row["counts"][1]) and hidden(row["counts"][1], "percent")
    # N = 35 = 20 + 3 + 12: with the other columns and N shown, 3 would come back.
    assert hidden(table, "n") or hidden(pro, "n") or hidden(other, "n")
    for row in table["codes"]:
        # A row's total is the sum of its cells: the hidden cell is not alone in it.
        shown = [c for c in row["counts"] if c["count"] is not None]
        assert row["total"] is None or len(shown) <= len(row["counts"]) - 2


def test_publication_leaves_a_crosstab_without_small_counts_alone():
    entry = crossed("q1", {"pro": 20, "pc": 15}, {"A": [10, 5], "B": [8, 0]})
    published = tables.publish(
        {**section([question("q1", 40, 35, {"A": 15, "B": 8})]), "crosstabs": [entry]}, 5
    )
    table = published["crosstabs"][0]
    assert [c["n"] for c in table["columns"]] == [20, 15]
    assert [[c["count"] for c in row["counts"]] for row in table["codes"]] == [[10, 5], [8, 0]]
