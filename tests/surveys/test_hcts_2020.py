"""The HCTS 2020 questionnaire: its 75 slots, its branching rules, and where they come from."""

import re
from importlib import resources

import pytest

from vivier.surveys import expressions
from vivier.surveys.codecs.vivier_json import dumps, loads
from vivier.surveys.questionnaires.hcts_2020 import HCTS_SLUG, build
from vivier.surveys.schema import QuestionType, SheetField

PC = {"q1"}  # persons-concerned branch: depends on the profile
PRO = {"q1"}  # professionals' first pages: depend on the profile
K = {"q14"}  # everything after Q14 depends on Q14 = yes

#: Every question's dependencies: the names its relevance and its section's relevance read.
EXPECTED_DEPENDENCIES: dict[str, set[str]] = {
    "q1": set(),
    "q2": PC,
    **{f"q{n}": PC | {"q2"} for n in (3, 4, 5, 8, 9, 10)},
    "q6": PC | {"q2", "q5"},
    "q7": PC | {"q2", "q5"},
    "q11": PC,
    "q12": PRO,
    "q13": PRO,
    "q14": PRO,
    **{f"q{n}": K for n in range(15, 24)},
    **{f"q{n}": K | {"q23"} for n in (24, 25, 26, 28, 29)},
    "q27": K | {"q23", "q26"},
    "q30": K | {"q23", "q29"},
    "q31": K,
    "q32": K | {"q31"},
    "q33": K,
    "q34": K | {"q33"},
    "q35": K,
    "q36": K | {"q35"},
    "q37": K,
    "q38": K | {"q37"},
    **{f"q{n}": K for n in (39, 40, 41, 42, 45, 46, 47, 48, 50, 51, 52, 54)},
    "q43": K | {"q42"},
    "q44": K | {"q42"},
    "q49": K | {"q48"},
    "q53": K | {"q52"},
    **{f"q{n}": K | {"q54"} for n in (55, 56, 57, 58)},
    "q59": K | {"q54", "q58"},
    "q60": K,
    "q61": K | {"q60"},
    "q62": K | {"q60"},
    **{f"q{n}": K for n in (63, 64, 65, 67, 69, 71, 72, 73, 74, 75)},
    "q66": K | {"q65"},
    "q68": K | {"q67"},
    "q70": K | {"q69"},
}

#: The comparisons each rule must make: (question, value) pairs found as ``${q} = 'value'``.
EXPECTED_CONDITIONS: dict[str, set[tuple[str, str]]] = {
    "q2": {("q1", "personne_concernee"), ("q1", "representant")},
    "q3": {("q2", "yes")},
    "q6": {("q2", "yes"), ("q5", "yes")},
    "q14": {("q1", "personne_concernee"), ("q1", "representant")},  # under not(...)
    "q15": {("q14", "yes")},
    "q24": {("q14", "yes"), ("q23", "besoin_terrain")},
    "q27": {("q23", "besoin_terrain"), ("q26", "yes")},
    "q28": {("q14", "yes"), ("q23", "demande_hierarchie")},
    "q30": {("q23", "demande_hierarchie"), ("q29", "yes")},
    "q32": {("q31", "adaptation_reponse_existante")},
    "q34": {("q33", "yes")},
    "q36": {("q35", "yes")},
    "q38": {("q37", "yes")},
    "q43": {("q42", "yes")},
    "q44": {("q42", "no")},
    "q49": {("q48", "yes")},
    "q53": {("q52", "yes")},
    "q55": {("q54", "yes")},
    "q56": {("q54", "yes")},
    "q57": {("q54", "yes")},
    "q58": {("q54", "no")},
    "q59": {("q54", "no"), ("q58", "no")},
    "q61": {("q60", "pas_a_la_hauteur")},
    "q62": {("q60", "superieurs")},
    "q66": {("q65", "no")},
    "q68": {("q67", "no")},
    "q70": {("q69", "no")},
}

STATED_RULES = {"q34", "q43", "q49", "q55", "q56", "q57", "q58", "q62", "q68"}
INFERRED_RULES = {"q27", "q30", "q32", "q36", "q38", "q44", "q53", "q59", "q61", "q66", "q70"}


def questions():
    return list(build().questions())


def expressions_of(name: str) -> list[str]:
    q = build()
    return [e for e in (q.section_of(name).relevant, q.question(name).relevant) if e]


def dependencies(name: str) -> set[str]:
    refs: set[str] = set()
    for source in expressions_of(name):
        refs |= expressions.references(expressions.parse(source))
    return refs


def equalities(name: str) -> set[tuple[str, str]]:
    found = set()
    for source in expressions_of(name):
        for node in expressions.walk(expressions.parse(source)):
            if (
                isinstance(node, expressions.Binary)
                and node.op == "="
                and isinstance(node.left, expressions.Ref)
                and isinstance(node.right, expressions.Literal)
            ):
                found.add((node.left.name, str(node.right.value)))
    return found


def shown(answers: dict) -> set[str]:
    """Names shown for these answers, evaluated with the real expression engine."""
    names = set()
    for section in build().sections:
        if section.relevant and not expressions.truthy(
            expressions.evaluate(section.relevant, answers)
        ):
            continue
        for q in section.questions:
            if not q.relevant or expressions.truthy(expressions.evaluate(q.relevant, answers)):
                names.add(q.name)
    return names


def after(number: int) -> set[str]:
    return {f"q{n}" for n in range(number + 1, 76)}


# -- identity and slots ------------------------------------------------------------------------


def test_slug_and_cache():
    assert build().slug == HCTS_SLUG == "hcts-2020"
    assert build() is build()


def test_all_75_slots_are_present_once_in_order_with_their_number():
    qs = questions()
    assert [q.name for q in qs] == [f"q{n}" for n in range(1, 76)]
    assert [q.number for q in qs] == list(range(1, 76))


def test_only_the_profile_is_required_as_in_the_original():
    assert {q.name for q in questions() if q.required} == {"q1"}


def test_contacts_are_optional_personal_data():
    q = build()
    assert q.question("q74").type is QuestionType.EMAIL
    assert q.question("q75").type is QuestionType.PHONE
    for name in ("q74", "q75"):
        assert q.question(name).personal_data
        assert not q.question(name).required
    assert q.personal_keys() == {"q74", "q75"}


def test_sections_have_readable_unique_names_and_axes():
    sections = build().sections
    names = [s.name for s in sections]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names)
    assert names[:2] == ["profil", "parcours_personnes_concernees"]
    assert names[-1] == "contacts"
    axes = {s.name: s.meta.get("axis") for s in sections}
    assert axes["connaissance_pratiques"] == axes["origine"] == 1
    assert axes["inspiration"] == axes["resistances"] == 2
    assert axes["evaluation"] == axes["implication_acteurs"] == 3
    assert axes["ancrage_effets"] == 4
    assert all(a in (None, 1, 2, 3, 4) for a in axes.values())


def test_every_question_says_where_it_comes_from():
    for q in questions():
        assert q.meta["basis"] in {"stated", "inferred", "unknown"}, q.name
        assert q.meta["condition_basis"] in {"stated", "inferred"}, q.name
        assert all(6800 <= line <= 8901 for line in q.meta["report_lines"]), q.name
    unknown = {q.name for q in questions() if q.meta["basis"] == "unknown"}
    assert unknown == {"q11", "q18"}
    assert all(build().question(n).meta["note"] for n in unknown)
    inferred = {q.name for q in questions() if q.meta["basis"] == "inferred"}
    assert inferred == {"q3", "q5", "q6", "q7", "q8", "q9", "q17", "q25", "q36", "q38"}


def test_stated_and_inferred_rules_are_labelled_as_such():
    q = build()
    for name in STATED_RULES:
        assert q.question(name).meta["condition_basis"] == "stated", name
    for name in INFERRED_RULES:
        assert q.question(name).meta["condition_basis"] == "inferred", name


# -- options --------------------------------------------------------------------------------


def values(name: str) -> list[str]:
    return [c.value for c in build().question(name).choices]


def test_option_values_are_short_ascii_slugs():
    for q in questions():
        for c in (*q.choices, *(q.scale.rows if q.scale else ())):
            assert re.fullmatch(r"[a-z][a-z0-9_]*", c.value), (q.name, c.value)
            assert c.label.strip(), (q.name, c.value)


def test_profile_offers_the_report_categories():
    assert {
        "travailleur_social",
        "responsable_equipe",
        "personne_concernee",
        "representant",
    } <= set(values("q1"))
    q1 = build().question("q1")
    assert q1.other
    assert q1.choice_label("responsable_equipe") == "Un.e responsable d'équipe"


def test_published_option_lists():
    assert values("q22") == ["naissante", "existante_confidentielle", "renaissante"]
    assert values("q23") == ["besoin_terrain", "demande_hierarchie"]
    q23 = build().question("q23")
    assert q23.choice_label("besoin_terrain") == "Un besoin identifié sur le terrain"
    assert q23.choice_label("demande_hierarchie") == "Une demande de votre hiérarchie"
    assert not q23.other
    assert values("q60") == ["superieurs", "a_la_hauteur", "pas_a_la_hauteur"]
    assert {"conseil_departemental", "caf", "sante", "ccas"} <= set(values("q12"))
    assert {"soutien_hierarchie", "temps_degage", "moyens_financiers"} <= set(values("q50"))


def test_yes_no_questions_use_the_schema_values():
    for q in questions():
        if q.type is QuestionType.YES_NO:
            assert set(q.option_values()) <= {"yes", "no", "dont_know"}, q.name
    assert values("q33") == ["yes", "no", "dont_know"]
    assert values("q14") == ["yes", "no"]


def test_q71_is_a_five_point_grid_over_the_rated_actors():
    scale = build().question("q71").scale
    assert scale is not None
    assert scale.points == 5 and scale.minimum == 1
    assert set(scale.labels) == {1, 5}
    assert [r.value for r in scale.rows] == [
        "personnes_beneficiaires",
        "equipes",
        "managers",
        "institutions_politiques",
        "partenaires",
    ]


def test_q13_is_a_departement_picker_with_a_hint():
    q13 = build().question("q13")
    assert q13.type is QuestionType.DEPARTEMENT
    assert q13.hint


# -- branching rules ---------------------------------------------------------------------------


def test_every_relevance_parses_and_type_checks():
    q = build()
    subjects = {
        x.name: expressions.Subject(x, x.option_values() if x.choices else None)
        for x in q.questions()
    }
    for source in {s.relevant for s in q.sections} | {x.relevant for x in q.questions()}:
        if source:
            assert expressions.check_types(expressions.parse(source), subjects) == [], source


@pytest.mark.parametrize("name", sorted(EXPECTED_DEPENDENCIES, key=lambda n: int(n[1:])))
def test_each_question_depends_on_exactly_the_expected_answers(name):
    assert dependencies(name) == EXPECTED_DEPENDENCIES[name]


def test_the_dependency_table_covers_every_question():
    assert set(EXPECTED_DEPENDENCIES) == {q.name for q in questions()}


@pytest.mark.parametrize("name", sorted(EXPECTED_CONDITIONS, key=lambda n: int(n[1:])))
def test_each_rule_compares_with_the_expected_answer(name):
    assert EXPECTED_CONDITIONS[name] <= equalities(name)


def test_conditions_only_use_values_the_question_offers():
    q = build()
    for x in q.questions():
        for ref, value in equalities(x.name):
            assert value in q.question(ref).option_values(), (x.name, ref, value)


def test_everything_after_q14_requires_q14_yes():
    for n in range(15, 76):
        assert ("q14", "yes") in equalities(f"q{n}"), n


# -- paths, evaluated with the expression engine ----------------------------------------------

PROFESSIONAL = {"q1": "travailleur_social"}


def test_q14_no_ends_the_questionnaire():
    for answer in ("no", ""):
        assert shown({**PROFESSIONAL, "q14": answer}) & after(14) == set()
    assert shown({**PROFESSIONAL, "q14": "no"}) == {"q1", "q12", "q13", "q14"}


def test_persons_concerned_take_their_own_branch_and_stop_after_q11():
    for profile in ("personne_concernee", "representant"):
        names = shown({"q1": profile})
        assert names == {"q1", "q2", "q11"}
        names = shown({"q1": profile, "q2": "yes"})
        assert {f"q{n}" for n in (3, 4, 5, 8, 9, 10, 11)} <= names
        assert names & after(11) == set()
        assert "q6" in shown({"q1": profile, "q2": "yes", "q5": "yes"})


def test_professionals_do_not_see_the_persons_concerned_branch():
    assert shown(PROFESSIONAL) & {f"q{n}" for n in range(2, 12)} == set()
    assert shown({"q1": "other"}) >= {"q12", "q13", "q14"}


def test_q23_splits_into_two_branches_that_rejoin_at_q31():
    base = {**PROFESSIONAL, "q14": "yes"}
    need = shown({**base, "q23": "besoin_terrain"})
    assert {"q24", "q25", "q26", "q31"} <= need
    assert need & {"q27", "q28", "q29", "q30"} == set()
    assert "q27" in shown({**base, "q23": "besoin_terrain", "q26": "yes"})
    request = shown({**base, "q23": "demande_hierarchie"})
    assert {"q28", "q29", "q31"} <= request
    assert request & {"q24", "q25", "q26", "q27", "q30"} == set()
    assert "q30" in shown({**base, "q23": "demande_hierarchie", "q29": "yes"})


@pytest.mark.parametrize(
    ("answers", "shows", "hides"),
    [
        ({"q31": "adaptation_reponse_existante"}, {"q32"}, set()),
        ({"q31": "creation_reponse_nouvelle"}, set(), {"q32"}),
        ({"q33": "dont_know"}, set(), {"q34"}),
        ({"q42": "yes"}, {"q43"}, {"q44"}),
        ({"q42": "no"}, {"q44"}, {"q43"}),
        ({"q48": "yes"}, {"q49"}, set()),
        ({"q54": "yes"}, {"q55", "q56", "q57", "q60"}, {"q58", "q59"}),
        ({"q54": "no", "q58": "no"}, {"q58", "q59", "q60"}, {"q55", "q56", "q57"}),
        ({"q54": "no", "q58": "yes"}, {"q58"}, {"q59"}),
        ({"q60": "superieurs"}, {"q62"}, {"q61"}),
        ({"q60": "pas_a_la_hauteur"}, {"q61"}, {"q62"}),
        ({"q65": "no", "q67": "no", "q69": "no"}, {"q66", "q68", "q70"}, set()),
        ({"q65": "yes", "q67": "dont_know", "q69": "yes"}, set(), {"q66", "q68", "q70"}),
    ],
)
def test_follow_up_questions(answers, shows, hides):
    names = shown({**PROFESSIONAL, "q14": "yes", "q23": "besoin_terrain", **answers})
    assert shows <= names
    assert hides & names == set()
    assert {"q71", "q72", "q73", "q74", "q75"} <= names


# -- JSON ---------------------------------------------------------------------------------------


def test_json_round_trip():
    assert loads(dumps(build())) == build()


def test_the_shipped_file_is_written_as_the_codec_writes_it():
    # Read, then written again, the file comes back byte for byte: nothing in it is lost,
    # unknown or out of the codec's order, so an edit shows as a plain diff.
    text = resources.files("vivier.surveys.questionnaires").joinpath("hcts-2020.json")
    text = text.read_text(encoding="utf-8")
    assert loads(text) == build()
    assert dumps(loads(text)) == text


def test_its_provenance_notes_are_data_of_the_questionnaire():
    provenance = build().meta["provenance"]
    assert set(provenance["question_meta"]) >= {"basis", "condition_basis", "report_lines"}
    assert "inferred" in provenance["section_meta"]["axis_basis"]
    assert any("Q60" in decision for decision in provenance["decisions"])
    assert build().meta["reconstruction"] == "design/questionnaire-reconstruction.md"


def test_it_declares_which_answers_fill_a_candidate_sheet():
    declared = {q.name: q.sheet_field for q in questions() if q.sheet_field is not None}
    assert declared == {
        "q3": SheetField.TITLE,
        "q4": SheetField.DESCRIPTION,
        "q13": SheetField.DEPARTEMENT,
        "q15": SheetField.TITLE,
        "q16": SheetField.DESCRIPTION,
        "q18": SheetField.PUBLICS,
        "q22": SheetField.STATUS,
        "q23": SheetField.ORIGIN,
    }
    # Status and origin answers are the sheet's own values, so they carry over as they are.
    assert set(values("q22")) == {"naissante", "renaissante", "existante_confidentielle"}
    assert set(values("q23")) == {"besoin_terrain", "demande_hierarchie"}
    assert build().question("q13").type is QuestionType.DEPARTEMENT


# -- with the engine's own modules, once they exist ------------------------------------------


def test_static_validation_finds_nothing():
    validation = pytest.importorskip("vivier.surveys.validation")
    assert validation.validate_questionnaire(build()) == []


def test_flow_stops_after_q14_no():
    flow = pytest.importorskip("vivier.surveys.flow")
    relevant = flow.relevant_names(build(), {**PROFESSIONAL, "q14": "no"})
    assert relevant & after(14) == set()


def test_flow_follows_the_q23_branches():
    flow = pytest.importorskip("vivier.surveys.flow")
    base = {**PROFESSIONAL, "q14": "yes"}
    need = flow.relevant_names(build(), {**base, "q23": "besoin_terrain"})
    assert "q24" in need and "q28" not in need and "q31" in need
    request = flow.relevant_names(build(), {**base, "q23": "demande_hierarchie"})
    assert "q28" in request and "q24" not in request and "q31" in request


def test_flow_persons_concerned_branch():
    flow = pytest.importorskip("vivier.surveys.flow")
    relevant = flow.relevant_names(build(), {"q1": "personne_concernee", "q2": "yes"})
    assert {"q2", "q3", "q4", "q10"} <= relevant
    assert relevant & {"q12", "q13", "q14"} == set()
