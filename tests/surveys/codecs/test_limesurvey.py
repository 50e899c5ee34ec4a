"""Import of LimeSurvey .lss files, on small hand-written surveys (pure: no database)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest

from vivier.surveys.codecs.importing import import_bytes
from vivier.surveys.codecs.limesurvey.reader import read_lss
from vivier.surveys.codecs.report import ImportResult
from vivier.surveys.flow import relevant_names
from vivier.surveys.schema import Questionnaire, QuestionType
from vivier.surveys.validation import errors_only, validate_questionnaire

# -- building small .lss files --------------------------------------------------------------------


def _table(name: str, rows: Iterable[Mapping[str, str]]) -> str:
    rows = list(rows)
    if not rows:
        return ""
    fields = list(dict.fromkeys(key for row in rows for key in row))
    head = "".join(f"<fieldname>{f}</fieldname>" for f in fields)
    body = "".join(
        "<row>" + "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in row.items()) + "</row>"
        for row in rows
    )
    return f"<{name}><fields>{head}</fields><rows>{body}</rows></{name}>\n"


def lss(
    questions: list[dict[str, str]],
    *,
    groups: list[dict[str, str]] | None = None,
    subquestions: Iterable[dict[str, str]] = (),
    answers: Iterable[dict[str, str]] = (),
    attributes: Iterable[dict[str, str]] = (),
    conditions: Iterable[dict[str, str]] = (),
    language: str = "fr",
    additional: str = "",
    title: str = "Enquête test",
) -> bytes:
    """A LimeSurvey 6 style export: texts in the *_l10ns tables, ``text_<lang>`` keys."""
    languages = [language, *additional.split()]
    groups = groups or [{"gid": "10", "group_order": "1", "text_fr": "Premier groupe"}]

    def split(rows: Iterable[Mapping[str, str]], text_key: str) -> tuple[list, list]:
        structure, texts = [], []
        for row in rows:
            structure.append({k: v for k, v in row.items() if not k.startswith("text_")})
            for lang in languages:
                if f"text_{lang}" in row:
                    key = "gid" if text_key == "group_name" else "qid"
                    key = "aid" if text_key == "answer" else key
                    texts.append({key: row[key], text_key: row[f"text_{lang}"], "language": lang})
        return structure, texts

    group_rows, group_texts = split(groups, "group_name")
    question_rows, question_texts = split(
        [{"parent_qid": "0", "gid": "10", "mandatory": "N", **q} for q in questions], "question"
    )
    sub_rows, sub_texts = split(
        [{"gid": "10", "type": "T", **sq} for sq in subquestions], "question"
    )
    answer_rows, answer_texts = split(answers, "answer")
    settings = [{"surveyls_language": lang, "surveyls_title": title} for lang in languages]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<document>'
        "<LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>642</DBVersion>\n"
        + _table("groups", group_rows)
        + _table("group_l10ns", group_texts)
        + _table("questions", question_rows)
        + _table("subquestions", sub_rows)
        + _table("question_l10ns", question_texts + sub_texts)
        + _table("answers", answer_rows)
        + _table("answer_l10ns", answer_texts)
        + _table("question_attributes", attributes)
        + _table("conditions", conditions)
        + _table(
            "surveys", [{"sid": "555111", "language": language, "additional_languages": additional}]
        )
        + _table("surveys_languagesettings", settings)
        + "</document>"
    ).encode()


def ok(result: ImportResult) -> Questionnaire:
    assert result.ok, [d.describe("en") for d in result.errors]
    assert result.questionnaire is not None
    return result.questionnaire


def codes(result: ImportResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def warning_about(result: ImportResult, code: str) -> str:
    found = [d for d in result.warnings if d.code == code]
    assert found, f"no {code} warning in {codes(result)}"
    return found[0].describe("en")


# -- a survey with conditions ---------------------------------------------------------------------

CONDITIONS_SURVEY = lss(
    [
        {
            "qid": "1",
            "type": "L",
            "title": "Q1",
            "question_order": "1",
            "other": "Y",
            "mandatory": "Y",
            "relevance": "1",
            "text_fr": "<p>Votre <b>situation</b>&nbsp;?</p>",
            "text_en": "Your situation?",
        },
        {
            "qid": "2",
            "type": "M",
            "title": "Q2",
            "question_order": "2",
            "relevance": '((Q1.NAOK == "A2"))',
            "text_fr": "Vos besoins",
        },
        {
            "qid": "3",
            "type": "Y",
            "title": "Q3",
            "question_order": "3",
            "mandatory": "S",
            "relevance": 'Q2_SQ001 == "Y"',
            "text_fr": "Êtes-vous suivi ?",
        },
        {
            "qid": "4",
            "type": "N",
            "title": "Q4",
            "question_order": "4",
            "relevance": 'Q3 == "Y" && !is_empty(Q1)',
            "text_fr": "Depuis combien d'années ?",
        },
        {
            "qid": "5",
            "type": "F",
            "title": "Q5",
            "question_order": "5",
            "relevance": "Q4 > 2",
            "text_fr": "Satisfaction",
        },
        {
            "qid": "6",
            "type": "S",
            "title": "Q6",
            "question_order": "6",
            "relevance": "regexMatch('/^a/', Q1)",
            "text_fr": "Précisez",
        },
    ],
    subquestions=[
        {
            "qid": "21",
            "parent_qid": "2",
            "title": "SQ001",
            "question_order": "1",
            "text_fr": "Logement",
            "text_en": "Housing",
        },
        {
            "qid": "22",
            "parent_qid": "2",
            "title": "SQ002",
            "question_order": "2",
            "text_fr": "Emploi",
            "text_en": "Work",
        },
        {
            "qid": "51",
            "parent_qid": "5",
            "title": "R1",
            "question_order": "1",
            "text_fr": "Accueil",
        },
        {
            "qid": "52",
            "parent_qid": "5",
            "title": "R2",
            "question_order": "2",
            "text_fr": "Écoute",
            "relevance": "Q4 > 5",
        },
    ],
    answers=[
        {
            "aid": "1",
            "qid": "1",
            "code": "A1",
            "sortorder": "1",
            "scale_id": "0",
            "text_fr": "Salarié",
            "text_en": "Employee",
        },
        {
            "aid": "2",
            "qid": "1",
            "code": "A2",
            "sortorder": "2",
            "scale_id": "0",
            "text_fr": "Sans emploi",
            "text_en": "Unemployed",
        },
        {"aid": "3", "qid": "5", "code": "1", "sortorder": "1", "scale_id": "0", "text_fr": "Bien"},
        {"aid": "4", "qid": "5", "code": "2", "sortorder": "2", "scale_id": "0", "text_fr": "Mal"},
    ],
    attributes=[{"qid": "4", "attribute": "num_value_int_only", "value": "1", "language": ""}],
    additional="en",
)


def test_survey_structure_texts_and_languages() -> None:
    q = ok(read_lss(CONDITIONS_SURVEY, "conditions.lss"))
    assert q.title == "Enquête test"
    assert q.language == "fr"
    assert "en" in q.languages()
    assert [s.title for s in q.sections] == ["Premier groupe"]
    q1 = q.question("Q1")
    assert q1.type is QuestionType.SINGLE_CHOICE
    # HTML becomes plain text: no tags, entities decoded.
    assert q1.label == "Votre situation ?"
    assert q1.translations["en"]["label"] == "Your situation?"
    assert [(c.value, c.label, c.label_in("en")) for c in q1.choices] == [
        ("A1", "Salarié", "Employee"),
        ("A2", "Sans emploi", "Unemployed"),
    ]
    assert q1.other is True
    assert q1.required is True
    q2 = q.question("Q2")
    assert q2.type is QuestionType.MULTIPLE_CHOICE
    assert [c.value for c in q2.choices] == ["SQ001", "SQ002"]
    assert q.question("Q4").type is QuestionType.INTEGER


def test_mandatory_soft_and_yes_no() -> None:
    q3 = ok(read_lss(CONDITIONS_SURVEY, "conditions.lss")).question("Q3")
    assert q3.type is QuestionType.YES_NO
    assert q3.soft_required is True
    assert q3.required is False
    # LimeSurvey's yes/no has no "don't know".
    assert [c.value for c in q3.choices] == ["yes", "no"]
    assert [c.label for c in q3.choices] == ["Oui", "Non"]
    assert q3.meta["limesurvey"]["values"] == {"Y": "yes", "N": "no"}


def test_relevance_equations_become_engine_conditions() -> None:
    q = ok(read_lss(CONDITIONS_SURVEY, "conditions.lss"))
    assert q.question("Q2").relevant == "${Q1} = 'A2'"
    assert q.question("Q3").relevant == "selected(${Q2}, 'SQ001')"
    assert q.question("Q4").relevant == "${Q3} = 'yes' and ${Q1} != ''"
    assert not errors_only(validate_questionnaire(q))
    answers = {"Q1": "A2", "Q2": ["SQ001"], "Q3": "yes", "Q4": 3}
    shown = relevant_names(q, answers)
    assert {"Q2", "Q3", "Q4", "Q5_R1"} <= shown
    assert "Q5_R2" not in shown  # its row condition Q4 > 5 does not hold
    assert "Q3" not in relevant_names(q, {"Q1": "A2", "Q2": ["SQ002"]})
    assert "Q2" not in relevant_names(q, {"Q1": "A1"})


def test_arrays_ask_one_question_per_row() -> None:
    q = ok(read_lss(CONDITIONS_SURVEY, "conditions.lss"))
    row = q.question("Q5_R2")
    assert row.type is QuestionType.SINGLE_CHOICE
    assert row.label == "Satisfaction — Écoute"
    assert [c.value for c in row.choices] == ["1", "2"]
    assert row.relevant == "${Q4} > 2 and ${Q4} > 5"
    assert row.meta["source_name"] == "Q5_R2"
    assert row.meta["limesurvey"]["columns"] == [{"suffix": "R2", "role": "value"}]


def test_a_condition_that_does_not_map_is_dropped_with_a_warning() -> None:
    result = read_lss(CONDITIONS_SURVEY, "conditions.lss")
    q = ok(result)
    assert q.question("Q6").relevant == ""
    message = warning_about(result, "LIMESURVEY_CONDITION_DROPPED")
    assert "Q6" in message and "regexMatch" in message
    assert "group « Premier groupe », question « Q6 »" in message


def test_response_columns_are_described_for_a_response_importer() -> None:
    q = ok(read_lss(CONDITIONS_SURVEY, "conditions.lss"))
    q1 = q.question("Q1").meta["limesurvey"]
    assert q1["qid"] == 1 and q1["gid"] == 10 and q1["type"] == "L" and q1["code"] == "Q1"
    assert q1["sgqa"] == "555111X10X1"
    assert q1["columns"] == [
        {"suffix": "", "role": "value"},
        {"suffix": "other", "role": "other"},
    ]
    assert q1["values"] == {"-oth-": "other"}
    q2 = q.question("Q2").meta["limesurvey"]
    assert q2["columns"][0] == {"suffix": "SQ001", "role": "option", "option": "SQ001"}


# -- types ----------------------------------------------------------------------------------------


def test_an_unknown_type_letter_is_refused_by_name() -> None:
    data = lss([{"qid": "1", "type": "W", "title": "QW", "text_fr": "?"}])
    result = read_lss(data, "inconnu.lss")
    assert result.questionnaire is None
    [problem] = result.errors
    assert problem.code == "LIMESURVEY_UNKNOWN_TYPE"
    assert "« W »" in problem.message_fr and "« QW »" in problem.message_fr
    assert "'W'" in problem.message_en and "'QW'" in problem.message_en


def test_equations_and_language_switches_are_left_out_with_a_warning() -> None:
    data = lss(
        [
            {"qid": "1", "type": "*", "title": "EQ", "question_order": "1", "text_fr": "{1+1}"},
            {"qid": "2", "type": "I", "title": "LANG", "question_order": "2", "text_fr": "L"},
            {
                "qid": "3",
                "type": "S",
                "title": "Q3",
                "question_order": "3",
                "relevance": "EQ > 1",
                "text_fr": "Texte",
            },
        ]
    )
    result = read_lss(data, "eq.lss")
    q = ok(result)
    assert [x.name for x in q.questions()] == ["Q3"]
    assert q.question("Q3").relevant == ""
    assert {"LIMESURVEY_EQUATION_DROPPED", "LIMESURVEY_LANGUAGE_SWITCH_DROPPED"} <= set(
        codes(result)
    )
    assert "'EQ' is a question of type 'Equation'" in warning_about(
        result, "LIMESURVEY_CONDITION_DROPPED"
    )


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        ("S", QuestionType.SHORT_TEXT),
        ("T", QuestionType.LONG_TEXT),
        ("U", QuestionType.LONG_TEXT),
        ("N", QuestionType.DECIMAL),
        ("D", QuestionType.DATE),
        ("5", QuestionType.RATING),
        ("G", QuestionType.SINGLE_CHOICE),
        ("X", QuestionType.DISPLAY),
        ("|", QuestionType.DISPLAY),
    ],
)
def test_simple_types(letter: str, expected: QuestionType) -> None:
    q = ok(read_lss(lss([{"qid": "1", "type": letter, "title": "QX", "text_fr": "?"}]), "t.lss"))
    assert q.question("QX").type is expected


def test_grids_rankings_and_cells() -> None:
    data = lss(
        [
            {"qid": "1", "type": "B", "title": "NOTE", "question_order": "1", "text_fr": "Notez"},
            {"qid": "2", "type": "R", "title": "RANG", "question_order": "2", "text_fr": "Classez"},
            {"qid": "3", "type": ";", "title": "TAB", "question_order": "3", "text_fr": "Tableau"},
            {"qid": "4", "type": "O", "title": "LC", "question_order": "4", "text_fr": "Liste"},
            {"qid": "5", "type": "P", "title": "MC", "question_order": "5", "text_fr": "Choix"},
        ],
        subquestions=[
            {"qid": "11", "parent_qid": "1", "title": "a", "question_order": "1", "text_fr": "A"},
            {"qid": "12", "parent_qid": "1", "title": "b", "question_order": "2", "text_fr": "B"},
            {"qid": "31", "parent_qid": "3", "title": "r1", "scale_id": "0", "text_fr": "L1"},
            {"qid": "32", "parent_qid": "3", "title": "c1", "scale_id": "1", "text_fr": "C1"},
            {"qid": "33", "parent_qid": "3", "title": "c2", "scale_id": "1", "text_fr": "C2"},
            {"qid": "51", "parent_qid": "5", "title": "x", "question_order": "1", "text_fr": "X"},
        ],
        answers=[
            {"aid": "1", "qid": "2", "code": "p", "sortorder": "1", "text_fr": "Pomme"},
            {"aid": "2", "qid": "2", "code": "o", "sortorder": "2", "text_fr": "Orange"},
            {"aid": "3", "qid": "4", "code": "k", "sortorder": "1", "text_fr": "K"},
        ],
    )
    result = read_lss(data, "grilles.lss")
    q = ok(result)
    grid = q.question("NOTE")
    assert grid.type is QuestionType.RATING
    assert grid.scale is not None and grid.scale.points == 10
    assert [r.value for r in grid.scale.rows] == ["a", "b"]
    assert grid.meta["limesurvey"]["columns"][1] == {"suffix": "b", "role": "row", "row": "b"}
    ranking = q.question("RANG")
    assert ranking.type is QuestionType.RANKING
    assert [c.value for c in ranking.choices] == ["p", "o"]
    assert ranking.meta["limesurvey"]["columns"][0] == {"suffix": "1", "role": "rank", "rank": 1}
    assert [x.name for x in q.questions() if x.name.startswith("TAB")] == ["TAB_r1_c1", "TAB_r1_c2"]
    assert q.question("TAB_r1_c2").label == "Tableau — L1 — C2"
    assert q.question("LC_comment").type is QuestionType.LONG_TEXT
    comment = q.question("MC_xcomment")
    assert comment.relevant == "selected(${MC}, 'x')"
    assert "LIMESURVEY_COMMENTS_AS_QUESTIONS" in codes(result)


def test_numeric_arrays_dual_scales_and_fixed_scales() -> None:
    def subs(parent: str, *codes: str, scale: str = "0") -> list[dict[str, str]]:
        return [
            {"qid": f"{parent}{i}{scale}", "parent_qid": parent, "title": code,
             "question_order": str(i), "scale_id": scale, "text_fr": code.upper()}
            for i, code in enumerate(codes)
        ]  # fmt: skip

    data = lss(
        [
            {"qid": "1", "type": ":", "title": "NB", "question_order": "1", "text_fr": "Nombres"},
            {"qid": "2", "type": "1", "title": "DS", "question_order": "2", "text_fr": "Double"},
            {"qid": "3", "type": "K", "title": "KK", "question_order": "3", "text_fr": "Montants"},
            {"qid": "4", "type": "E", "title": "EV", "question_order": "4", "text_fr": "Évolution"},
            {"qid": "5", "type": "C", "title": "CC", "question_order": "5", "text_fr": "Avis"},
        ],
        subquestions=[
            *subs("1", "r1"),
            *subs("1", "c1", "c2", scale="1"),
            *subs("2", "s1"),
            *subs("3", "k1"),
            *subs("4", "e1"),
            *subs("5", "x1"),
        ],
        answers=[
            {
                "aid": "1",
                "qid": "2",
                "code": "a",
                "sortorder": "1",
                "scale_id": "0",
                "text_fr": "A",
            },
            {
                "aid": "2",
                "qid": "2",
                "code": "b",
                "sortorder": "1",
                "scale_id": "1",
                "text_fr": "B",
            },
        ],
        attributes=[{"qid": "3", "attribute": "num_value_int_only", "value": "1", "language": ""}],
    )
    q = ok(read_lss(data, "tableaux.lss"))
    assert q.question("NB_r1_c2").type is QuestionType.INTEGER
    assert q.question("NB_r1_c2").label == "Nombres — R1 — C2"
    assert [c.value for c in q.question("DS_s1_0").choices] == ["a"]
    assert [c.value for c in q.question("DS_s1_1").choices] == ["b"]
    assert q.question("DS_s1_1").meta["limesurvey"]["columns"] == [
        {"suffix": "s1#1", "role": "value"}
    ]
    assert q.question("KK_k1").type is QuestionType.INTEGER
    assert [(c.value, c.label) for c in q.question("EV_e1").choices] == [
        ("I", "Augmente"),
        ("S", "Identique"),
        ("D", "Diminue"),
    ]
    assert [c.value for c in q.question("CC_x1").choices] == ["Y", "N", "U"]


def test_duplicate_codes_are_not_merged() -> None:
    groups = [
        {"gid": "10", "group_order": "1", "text_fr": "Groupe A"},
        {"gid": "20", "group_order": "2", "text_fr": "Groupe B"},
    ]
    data = lss(
        [
            {"qid": "1", "gid": "10", "type": "S", "title": "R2Q03", "text_fr": "Premier"},
            {"qid": "2", "gid": "20", "type": "S", "title": "R2Q03", "text_fr": "Second"},
            {
                "qid": "3",
                "gid": "20",
                "type": "S",
                "title": "Q9",
                "question_order": "2",
                "relevance": "!is_empty(R2Q03)",
                "text_fr": "Suite",
            },
        ],
        groups=groups,
    )
    result = read_lss(data, "doublons.lss")
    q = ok(result)
    assert [x.name for x in q.questions()] == ["R2Q03", "R2Q03_2", "Q9"]
    assert q.question("R2Q03_2").label == "Second"
    assert q.question("R2Q03_2").meta["source_name"] == "R2Q03"
    assert q.question("Q9").relevant == "${R2Q03} != ''"  # the first one
    message = warning_about(result, "LIMESURVEY_DUPLICATE_CODE")
    assert "Groupe A" in message and "Groupe B" in message and "R2Q03_2" in message


def test_invalid_codes_are_renamed_and_conditions_follow() -> None:
    data = lss(
        [
            {"qid": "1", "type": "S", "title": "1age", "question_order": "1", "text_fr": "Âge"},
            {"qid": "2", "type": "S", "title": "Q2", "question_order": "2", "text_fr": "Suite"},
        ],
        # Old surveys name the question a condition depends on by its SGQA column.
        conditions=[
            {
                "cid": "1",
                "qid": "2",
                "scenario": "1",
                "cqid": "1",
                "cfieldname": "555111X10X1",
                "method": ">",
                "value": "17",
            },
        ],
    )
    result = read_lss(data, "noms.lss")
    q = ok(result)
    assert [x.name for x in q.questions()] == ["q1age", "Q2"]
    assert q.question("q1age").meta["source_name"] == "1age"
    assert q.question("Q2").relevant == "${q1age} > 17"
    assert "q1age" in warning_about(result, "LIMESURVEY_RENAMED")


def test_engine_problems_point_to_the_group_and_question() -> None:
    data = lss([{"qid": "1", "type": "L", "title": "VIDE", "text_fr": "Sans options"}])
    result = read_lss(data, "vide.lss")
    assert result.questionnaire is None
    [problem] = result.errors
    assert problem.code == "NO_CHOICES"
    assert problem.location.path == "group « Premier groupe », question « VIDE »"
    assert problem.location.element == "questions" and problem.location.line is not None


def test_a_group_condition_on_its_own_questions_is_dropped_with_a_warning() -> None:
    data = lss(
        [{"qid": "1", "type": "S", "title": "A", "text_fr": "A"}],
        groups=[
            {"gid": "10", "group_order": "1", "grelevance": "!is_empty(A)", "text_fr": "G"},
        ],
    )
    result = read_lss(data, "groupe.lss")
    assert ok(result).sections[0].relevant == ""
    message = warning_about(result, "LIMESURVEY_CONDITION_REJECTED")
    assert "the group 'G' (in LimeSurvey: !is_empty(A); translated: ${A} != '')" in message


def test_a_forward_reference_is_dropped_with_a_warning_not_an_error() -> None:
    data = lss(
        [
            {
                "qid": "1",
                "type": "S",
                "title": "A",
                "question_order": "1",
                "relevance": "!is_empty(B)",
                "text_fr": "A",
            },
            {"qid": "2", "type": "S", "title": "B", "question_order": "2", "text_fr": "B"},
        ]
    )
    result = read_lss(data, "avant.lss")
    q = ok(result)
    assert q.question("A").relevant == ""
    message = warning_about(result, "LIMESURVEY_CONDITION_REJECTED")
    assert "question « A »" in message


def test_hidden_and_never_shown_questions_are_left_out() -> None:
    data = lss(
        [
            {"qid": "1", "type": "S", "title": "H", "question_order": "1", "text_fr": "H"},
            {
                "qid": "2",
                "type": "S",
                "title": "Z",
                "question_order": "2",
                "relevance": "0",
                "text_fr": "Z",
            },
            {"qid": "3", "type": "S", "title": "V", "question_order": "3", "text_fr": "V"},
        ],
        attributes=[{"qid": "1", "attribute": "hidden", "value": "1", "language": ""}],
    )
    result = read_lss(data, "cache.lss")
    assert [x.name for x in ok(result).questions()] == ["V"]
    assert codes(result).count("LIMESURVEY_HIDDEN_QUESTION_DROPPED") == 2


def test_scripts_are_removed_never_kept_as_markup() -> None:
    data = lss(
        [
            {
                "qid": "1",
                "type": "T",
                "title": "Q00",
                "text_fr": "Question :<script>alert('question');</script><br/>suite",
            }
        ]
    )
    result = read_lss(data, "xss.lss")
    q00 = ok(result).question("Q00")
    assert q00.label == "Question :\nsuite"
    assert "alert" not in q00.label and "<" not in q00.label
    assert "LIMESURVEY_SCRIPT_REMOVED" in codes(result)


def test_piping_in_texts_is_kept_with_a_warning() -> None:
    data = lss([{"qid": "1", "type": "X", "title": "INFO", "text_fr": "Bonjour {TOKEN:FIRSTNAME}"}])
    result = read_lss(data, "pipe.lss")
    assert ok(result).question("INFO").label == "Bonjour {TOKEN:FIRSTNAME}"
    assert "LIMESURVEY_PIPING_KEPT_AS_TEXT" in codes(result)


# -- the legacy format and its conditions table ---------------------------------------------------

OLD_FORMAT_WITH_CONDITIONS = """<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <DBVersion>145</DBVersion>
 <groups><rows>
  <row><gid>7</gid><sid>999</sid><group_name>Profil</group_name><group_order>0</group_order>
   <language>fr</language></row>
  <row><gid>7</gid><sid>999</sid><group_name>Profile</group_name><group_order>0</group_order>
   <language>en</language></row>
 </rows></groups>
 <questions><rows>
  <row><qid>70</qid><parent_qid>0</parent_qid><gid>7</gid><type>L</type><title>SIT</title>
   <question>Situation</question><language>fr</language><question_order>1</question_order></row>
  <row><qid>70</qid><parent_qid>0</parent_qid><gid>7</gid><type>L</type><title>SIT</title>
   <question>Situation (en)</question><language>en</language><question_order>1</question_order>
  </row>
  <row><qid>71</qid><parent_qid>0</parent_qid><gid>7</gid><type>M</type><title>AIDE</title>
   <question>Aides</question><language>fr</language><question_order>2</question_order></row>
  <row><qid>72</qid><parent_qid>0</parent_qid><gid>7</gid><type>T</type><title>DETAIL</title>
   <question>Détail</question><language>fr</language><question_order>3</question_order></row>
  <row><qid>73</qid><parent_qid>0</parent_qid><gid>7</gid><type>T</type><title>RX</title>
   <question>Autre</question><language>fr</language><question_order>4</question_order></row>
 </rows></questions>
 <subquestions><rows>
  <row><qid>711</qid><parent_qid>71</parent_qid><gid>7</gid><title>CAF</title>
   <question>CAF</question><language>fr</language><question_order>1</question_order></row>
 </rows></subquestions>
 <answers><rows>
  <row><qid>70</qid><code>A1</code><answer>Seul</answer><sortorder>1</sortorder>
   <language>fr</language></row>
  <row><qid>70</qid><code>A1</code><answer>Alone</answer><sortorder>1</sortorder>
   <language>en</language></row>
  <row><qid>70</qid><code>A2</code><answer>En couple</answer><sortorder>2</sortorder>
   <language>fr</language></row>
 </rows></answers>
 <conditions><rows>
  <row><cid>1</cid><qid>72</qid><scenario>1</scenario><cqid>70</cqid>
   <cfieldname>999X7X70</cfieldname><method>==</method><value>A1</value></row>
  <row><cid>2</cid><qid>72</qid><scenario>1</scenario><cqid>70</cqid>
   <cfieldname>999X7X70</cfieldname><method>==</method><value>A2</value></row>
  <row><cid>3</cid><qid>72</qid><scenario>1</scenario><cqid>71</cqid>
   <cfieldname>+999X7X71</cfieldname><method>==</method><value>CAF</value></row>
  <row><cid>4</cid><qid>73</qid><scenario>1</scenario><cqid>70</cqid>
   <cfieldname>999X7X70</cfieldname><method>RX</method><value>^A</value></row>
 </rows></conditions>
 <surveys><rows><row><sid>999</sid><language>fr</language>
  <additional_languages>en</additional_languages></row></rows></surveys>
 <surveys_languagesettings><rows>
  <row><surveyls_survey_id>999</surveyls_survey_id><surveyls_language>fr</surveyls_language>
   <surveyls_title>Ancien</surveyls_title><surveyls_endtext>&lt;p&gt;Merci&lt;/p&gt;</surveyls_endtext>
  </row>
  <row><surveyls_survey_id>999</surveyls_survey_id><surveyls_language>en</surveyls_language>
   <surveyls_title>Old</surveyls_title></row>
 </rows></surveys_languagesettings>
</document>
""".encode()


def test_old_format_texts_per_language_row() -> None:
    q = ok(read_lss(OLD_FORMAT_WITH_CONDITIONS, "ancien.lss"))
    assert q.title == "Ancien"
    assert q.thanks == "Merci"
    assert q.translations["en"]["title"] == "Old"
    assert q.sections[0].translations["en"]["title"] == "Profile"
    sit = q.question("SIT")
    assert sit.label == "Situation"
    assert sit.translations["en"]["label"] == "Situation (en)"
    assert [(c.label, c.label_in("en")) for c in sit.choices] == [
        ("Seul", "Alone"),
        ("En couple", "En couple"),
    ]


def test_legacy_conditions_table_becomes_relevance() -> None:
    result = read_lss(OLD_FORMAT_WITH_CONDITIONS, "ancien.lss")
    q = ok(result)
    detail = q.question("DETAIL")
    assert detail.relevant == "(${SIT} = 'A1' or ${SIT} = 'A2') and selected(${AIDE}, 'CAF')"
    assert "DETAIL" in relevant_names(q, {"SIT": "A2", "AIDE": ["CAF"]})
    assert "DETAIL" not in relevant_names(q, {"SIT": "A2", "AIDE": []})
    assert q.question("RX").relevant == ""
    assert "RX" in warning_about(result, "LIMESURVEY_CONDITION_DROPPED")


# -- files that must be refused -------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE document [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType>
<surveys_languagesettings><rows><row><surveyls_title>&lol9;</surveyls_title></row></rows>
</surveys_languagesettings></document>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType>
<surveys_languagesettings><rows><row><surveyls_title>&secret;</surveyls_title></row></rows>
</surveys_languagesettings></document>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["bomb", "external"])
def test_xml_entities_are_refused_for_safety(data: bytes) -> None:
    result = read_lss(data, "piege.lss")
    assert result.questionnaire is None
    [problem] = result.errors
    assert problem.code == "LIMESURVEY_XML_ENTITIES"
    assert "refusé par sécurité" in problem.message_fr
    assert "refused for safety" in problem.message_en
    assert problem.location.line == 2


def test_malformed_xml_says_line_and_column() -> None:
    data = b'<?xml version="1.0"?>\n<document>\n  <groups><rows></groups>\n</document>'
    [problem] = read_lss(data, "casse.lss").errors
    assert problem.code == "LIMESURVEY_XML_MALFORMED"
    # expat points at the name of the closing tag that does not match.
    assert "ligne 3, colonne 19" in problem.message_fr
    assert "line 3, column 19" in problem.message_en
    assert problem.location.line == 3


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "LIMESURVEY_EMPTY"),
        (b"PK\x03\x04rest-of-a-zip", "LIMESURVEY_ARCHIVE"),
        (b"<survey/>", "LIMESURVEY_NOT_LSS"),
        (b"<document><other/></document>", "LIMESURVEY_NOT_LSS"),
        (
            b"<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>",
            "LIMESURVEY_NOT_A_SURVEY",
        ),
        (
            b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>",
            "LIMESURVEY_NO_GROUP",
        ),
        (b"\xff\xfe\x00garbage", "LIMESURVEY_XML_MALFORMED"),
    ],
)
def test_files_that_are_not_surveys_are_refused_clearly(data: bytes, code: str) -> None:
    result = read_lss(data, "autre.lss")
    assert result.questionnaire is None
    assert [d.code for d in result.errors] == [code]
    assert result.errors[0].message_fr and result.errors[0].message_en


def test_too_big_a_file_is_refused_before_parsing() -> None:
    data = b"<document>" + b" " * (20 * 1024 * 1024) + b"</document>"
    [problem] = read_lss(data, "gros.lss").errors
    assert problem.code in {"LIMESURVEY_TOO_BIG", "FILE_TOO_BIG"}


def test_a_truncated_file_never_raises() -> None:
    for end in range(0, len(CONDITIONS_SURVEY), 97):
        result = read_lss(CONDITIONS_SURVEY[:end], "coupe.lss")
        assert result.questionnaire is None or result.ok


def test_the_dispatcher_reads_lss_files() -> None:
    result = import_bytes(CONDITIONS_SURVEY, "Enquête.LSS")
    assert result.source_format == "limesurvey"
    assert result.ok
