"""The codebook tree as plain values: its checks, its stored form, its changes in words."""

from __future__ import annotations

import json

import pytest

from vivier.problems import ProblemCode, ProblemError
from vivier.qualitative.codebook import (
    CodeNode,
    changes,
    depth_first,
    descendants,
    from_dict,
    merges_of,
    name_key,
    next_shortcut,
    path_of,
    renumbered,
    to_dict,
    validate,
)

P = ProblemCode


def book() -> list[CodeNode]:
    """Two categories, three codes, one sub-code."""
    return [
        CodeNode("t", "Types", is_codable=False, position=0),
        CodeNode("d", "Déclencheurs", is_codable=False, position=1),
        CodeNode("av", "Aller-vers", parent="t", shortcut="1", color="#0078F3", position=1),
        CodeNode("dist", "À distance", parent="t", shortcut="2", position=0),
        CodeNode("visio", "Visioconférence", parent="dist", shortcut="3", position=0),
        CodeNode("pro", "Exprimé par les professionnels", parent="d", shortcut="4"),
    ]


def found(nodes: list[CodeNode]) -> list[tuple[str, str, str]]:
    return [(d.code, d.location.path, d.location.field) for d in validate(nodes)]


def test_a_sound_tree_has_no_problem():
    assert validate(book()) == []


def test_a_cycle_is_found_and_named_with_its_codes():
    nodes = [*book(), CodeNode("a", "A", parent="b"), CodeNode("b", "B", parent="a")]
    problems = validate(nodes)
    assert [(d.code, d.location.path, d.location.field) for d in problems] == [
        ("CODEBOOK_CYCLE", "A", "parent")
    ]
    assert "A > B > A" in problems[0].message("fr")


def test_a_code_that_is_its_own_parent_is_a_cycle():
    assert found([CodeNode("a", "A", parent="a")]) == [("CODEBOOK_CYCLE", "A", "parent")]


def test_an_unknown_parent_is_found_at_its_code():
    problems = validate([*book(), CodeNode("x", "Orphelin", parent="nulle-part")])
    assert [(d.code, d.location.path, d.location.field) for d in problems] == [
        ("CODEBOOK_UNKNOWN_PARENT", "Orphelin", "parent")
    ]
    assert "nulle-part" in problems[0].message("fr")


def test_two_codes_with_one_guid_are_found():
    assert found([*book(), CodeNode("av", "Autre")]) == [
        ("CODEBOOK_DUPLICATE_GUID", "Autre", "guid")
    ]


@pytest.mark.parametrize("twin", ["aller vers", "ALLER-VERS", "Aller  vers", "àller-vers"])
def test_sibling_names_are_compared_folded(twin):
    problems = validate([*book(), CodeNode("x", twin, parent="t")])
    assert [(d.code, d.location.path, d.location.field) for d in problems] == [
        ("CODEBOOK_DUPLICATE_NAME", f"Types / {twin}", "name")
    ]
    assert "« Aller-vers »" in problems[0].message("fr")


def test_one_name_under_two_parents_is_allowed():
    assert validate([*book(), CodeNode("x", "Aller-vers", parent="d")]) == []


def test_duplicate_and_bad_shortcuts_are_found():
    nodes = [
        *book(),
        CodeNode("x", "X", parent="d", shortcut="1"),
        CodeNode("y", "Y", shortcut="!"),
    ]
    assert found(nodes) == [
        ("CODEBOOK_DUPLICATE_SHORTCUT", "Déclencheurs / X", "shortcut"),
        ("CODEBOOK_BAD_SHORTCUT", "Y", "shortcut"),
    ]


@pytest.mark.parametrize("color", ["0078F3", "#0078F", "#GGGGGG", "bleu", "#0078F3 "])
def test_a_colour_refi_qda_cannot_write_is_found(color):
    assert found([CodeNode("x", "X", color=color)]) == [("CODEBOOK_BAD_COLOR", "X", "color")]


def test_a_name_is_required_and_bounded():
    assert found([CodeNode("x", "  "), CodeNode("y", "Y" * 201)]) == [
        ("CODEBOOK_NAME_MISSING", "  ", "name"),
        ("CODEBOOK_NAME_TOO_LONG", "Y" * 201, "name"),
    ]


def test_every_problem_names_its_file_when_given_one():
    problems = validate([CodeNode("x", "X", color="rouge")], file="livre.qdc")
    assert problems[0].describe("fr").startswith("fichier « livre.qdc », color, X")


def test_name_key_folds_case_accents_and_punctuation():
    assert (
        name_key("Pouvoir d’agir — Élan")
        == name_key("pouvoir d'agir elan")
        == "pouvoir d agir elan"
    )


def test_depth_first_reads_parents_first_and_siblings_by_position():
    order = [(node.name, depth) for node, depth in depth_first(book())]
    assert order == [
        ("Types", 0),
        ("À distance", 1),
        ("Visioconférence", 2),
        ("Aller-vers", 1),
        ("Déclencheurs", 0),
        ("Exprimé par les professionnels", 1),
    ]


def test_depth_first_keeps_codes_out_of_reach_at_the_end():
    nodes = [*book(), CodeNode("a", "A", parent="b"), CodeNode("b", "B", parent="a")]
    assert [n.name for n, _ in depth_first(nodes)][-2:] == ["A", "B"]
    assert len(depth_first(nodes)) == len(nodes)


def test_paths_and_descendants():
    by_guid = {n.guid: n for n in book()}
    assert path_of(by_guid["visio"], by_guid) == "Types / À distance / Visioconférence"
    assert descendants("t", book()) == {"av", "dist", "visio"}
    assert descendants("visio", book()) == set()


def test_next_shortcut_takes_digits_then_letters():
    assert next_shortcut(book()) == "5"
    taken = [CodeNode(str(i), str(i), shortcut=k) for i, k in enumerate("123456789")]
    assert next_shortcut(taken) == "a"


def test_the_stored_form_round_trips():
    nodes = [*book(), CodeNode("x", "X", examples=("un", "deux"), questions=("q15", "q16"))]
    data = json.loads(json.dumps(to_dict(nodes, merged={"old": "av"})))
    back = from_dict(data)
    assert sorted(back, key=lambda n: n.guid) == sorted(nodes, key=lambda n: n.guid)
    assert merges_of(data) == {"old": "av"}
    assert [n.guid for n in back] == [n.guid for n, _ in depth_first(nodes)]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"format": "autre"}, "format"),
        ({"format": "vivier-codebook", "format_version": 9, "codes": []}, "format_version"),
        ({"format": "vivier-codebook", "format_version": 1, "codes": {}}, "codes"),
        ({"format": "vivier-codebook", "format_version": 1, "codes": [{"name": "X"}]}, "guid"),
        (
            {"format": "vivier-codebook", "format_version": 1, "codes": [{"guid": "g", "name": 3}]},
            "name",
        ),
        (
            {
                "format": "vivier-codebook",
                "format_version": 1,
                "codes": [{"guid": "g", "name": "X", "examples": "un"}],
            },
            "examples",
        ),
        (
            {
                "format": "vivier-codebook",
                "format_version": 1,
                "codes": [{"guid": "g", "name": "X", "position": -1}],
            },
            "position",
        ),
    ],
)
def test_a_malformed_stored_form_is_refused_with_its_place(data, field):
    with pytest.raises(ProblemError) as refused:
        from_dict(data)
    assert refused.value.kind is P.CODEBOOK_FORMAT_INVALID
    assert refused.value.diagnostic.location.field == field
    assert refused.value.message("fr") != refused.value.message("en")


def test_changes_say_what_was_added_renamed_moved_and_merged():
    before = book()
    after = [
        CodeNode("t", "Types de pratiques", is_codable=False, position=0),
        CodeNode("d", "Déclencheurs", is_codable=False, position=1),
        CodeNode("av", "Aller-vers", parent="t", shortcut="5", color="#0078F3", position=1),
        CodeNode("dist", "À distance", parent="t", shortcut="2", definition="Par téléphone."),
        CodeNode("visio", "Visioconférence", parent="d", shortcut="3"),
        CodeNode("new", "Partenaires", parent="d", position=2),
    ]
    said = changes(before, after, merged={"pro": "visio"})
    assert said == [
        "« Types » renommé « Types de pratiques »",
        "définition de « À distance » modifiée",
        "raccourci de « Aller-vers » : 1 → 5",
        "« Visioconférence » déplacé de « À distance » vers « Déclencheurs »",
        "« Partenaires » ajouté sous « Déclencheurs »",
        "« Exprimé par les professionnels » fusionné dans « Visioconférence »",
    ]
    english = changes(before, after, merged={"pro": "visio"}, lang="en")
    assert english[0] == "'Types' renamed 'Types de pratiques'"


def test_changes_of_a_removed_code_and_of_a_reordering():
    before = book()
    after = [n for n in renumbered(book()) if n.guid != "pro"]
    swapped = [
        n
        if n.guid not in ("av", "dist")
        else CodeNode(**{**_fields(n), "position": 1 - n.position})
        for n in after
    ]
    said = changes(before, swapped)
    assert "« Exprimé par les professionnels » retiré" in said
    assert "« Aller-vers » change de place" in said
    # Inserting a code shifts the positions of the next ones: that is no change of place.
    inserted = [*renumbered([*book(), CodeNode("z", "Avant", parent="t", position=0)])]
    assert changes(book(), inserted) == ["« Avant » ajouté sous « Types »"]


def _fields(node: CodeNode) -> dict:
    return {f: getattr(node, f) for f in node.__slots__}


def test_no_change_is_said_for_the_same_tree():
    assert changes(book(), list(reversed(book()))) == []


def test_names_of_signs_only_are_compared_as_typed():
    assert validate([CodeNode("a", "???"), CodeNode("b", "!!!")]) == []
    assert found([CodeNode("a", "???"), CodeNode("b", " ??? ")]) == [
        ("CODEBOOK_DUPLICATE_NAME", " ??? ", "name")
    ]
