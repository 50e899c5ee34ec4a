"""Answers from forms and files: coercion, validation of a whole response, cleaning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.surveys.builders import question_maker
from vivier.surveys.answers import (
    LONG_TEXT_LIMIT,
    SHORT_TEXT_LIMIT,
    clean_response,
    coerce,
    is_valid_email,
    normalize_phone,
    validate_answers,
)
from vivier.surveys.errors import EngineError, ErrorCode
from vivier.surveys.schema import (
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
)

T = QuestionType
CHOICES = (Choice("enf", "Enfance"), Choice("adu", "Adultes"), Choice("age", "Personnes âgées"))
GRID = RatingScale(points=4, rows=(Choice("cd", "Conseil départemental"), Choice("caf", "CAF")))


q = question_maker(CHOICES, label=str)


# -- Coercion ------------------------------------------------------------------------------------


def refused(question: Question, raw: Any) -> ErrorCode:
    with pytest.raises(EngineError) as caught:
        coerce(question, raw)
    assert caught.value.issue.question == question.name
    return caught.value.code


@pytest.mark.parametrize("raw", ["", "   ", None, [], {}])
def test_an_empty_input_is_no_answer(raw):
    assert coerce(q("n", T.INTEGER), raw) is None


@pytest.mark.parametrize(
    ("raw", "value"), [("12", 12), (" -3 ", -3), ("1 200", 1200), (7, 7), ("12,0", 12)]
)
def test_it_reads_whole_numbers(raw, value):
    assert coerce(q("n", T.INTEGER), raw) == value


@pytest.mark.parametrize("raw", ["douze", "1.5", "1e3", True, "9" * 40])
def test_it_refuses_what_is_not_a_whole_number(raw):
    assert refused(q("n", T.INTEGER), raw) is ErrorCode.EXPECTED_INTEGER


def test_the_integer_message_shows_an_example():
    with pytest.raises(EngineError) as caught:
        coerce(q("n", T.INTEGER), "abc")
    assert caught.value.message() == "Saisissez un nombre entier, par exemple 12."


@pytest.mark.parametrize(
    ("raw", "value"), [("1,5", 1.5), ("1.5", 1.5), ("2", 2.0), (",5", 0.5), (3, 3.0)]
)
def test_it_reads_decimals_with_a_comma_or_a_dot(raw, value):
    assert coerce(q("x", T.DECIMAL), raw) == value


@pytest.mark.parametrize("raw", ["1,5,3", "nan", "inf", "un", float("inf")])
def test_it_refuses_what_is_not_a_decimal(raw):
    assert refused(q("x", T.DECIMAL), raw) is ErrorCode.EXPECTED_DECIMAL


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2021-03-25", "2021-03-25"),
        ("25/03/2021", "2021-03-25"),
        ("5/3/2021", "2021-03-05"),
        (dt.date(2021, 3, 25), "2021-03-25"),
    ],
)
def test_it_reads_iso_and_french_dates(raw, value):
    assert coerce(q("d", T.DATE), raw) == value


@pytest.mark.parametrize("raw", ["31/02/2021", "2021-13-01", "25 mars 2021", "03/25/2021"])
def test_it_refuses_dates_that_do_not_exist(raw):
    assert refused(q("d", T.DATE), raw) is ErrorCode.EXPECTED_DATE


def test_it_reads_a_rating_and_a_grid():
    assert coerce(q("r", T.RATING), "3") == 3
    assert coerce(q("g", T.RATING, scale=GRID), {"cd": "2", "caf": ""}) == {"cd": 2}
    assert refused(q("r", T.RATING), "beaucoup") is ErrorCode.EXPECTED_RATING
    assert refused(q("g", T.RATING, scale=GRID), "3") is ErrorCode.EXPECTED_GRID


def test_it_orders_a_multiple_choice_as_the_options():
    assert coerce(q("m", T.MULTIPLE_CHOICE), ["age", "enf"]) == ["enf", "age"]
    assert coerce(q("m", T.MULTIPLE_CHOICE), "adu enf") == ["enf", "adu"]


def test_it_keeps_the_order_of_a_ranking():
    assert coerce(q("k", T.RANKING), ["age", "enf"]) == ["age", "enf"]


def test_it_maps_a_label_to_its_option_value_as_imports_carry_labels():
    assert coerce(q("s", T.SINGLE_CHOICE), "Enfance") == "enf"
    assert coerce(q("yn", T.YES_NO), "Oui") == "yes"
    assert coerce(q("yn", T.YES_NO), False) == "no"


def test_a_single_choice_takes_one_value():
    assert refused(q("s", T.SINGLE_CHOICE), ["enf", "adu"]) is ErrorCode.EXPECTED_ONE_CHOICE
    assert coerce(q("s", T.SINGLE_CHOICE), ["enf"]) == "enf"


@pytest.mark.parametrize(
    ("raw", "code"), [("2a", "2A"), ("1", "01"), ("974", "974"), ("Gironde", "33")]
)
def test_it_reads_departement_codes(raw, code):
    assert coerce(q("dep", T.DEPARTEMENT), raw) == code


@pytest.mark.parametrize("raw", ["20", "975", "977", "00", "96", "xx"])
def test_it_refuses_what_is_not_a_departement(raw):
    assert refused(q("dep", T.DEPARTEMENT), raw) is ErrorCode.INVALID_DEPARTEMENT


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("01 23 45 67 89", "0123456789"),
        ("06.12.34.56.78", "0612345678"),
        ("06-12-34-56-78", "0612345678"),
        ("+33 6 12 34 56 78", "0612345678"),
        ("+33 (0)6 12 34 56 78", "0612345678"),
        ("0033 6 12 34 56 78", "0612345678"),
    ],
)
def test_it_reads_french_phone_numbers(raw, value):
    assert coerce(q("tel", T.PHONE), raw) == value


@pytest.mark.parametrize("raw", ["06 12 34 56", "+44 20 7946 0958", "00 12 34 56 78", "6123456789"])
def test_it_refuses_what_is_not_a_french_phone_number(raw):
    assert normalize_phone(raw) is None
    assert refused(q("tel", T.PHONE), raw) is ErrorCode.INVALID_PHONE


@pytest.mark.parametrize("text", ["nom@exemple.fr", "a.b+c@sous.domaine.gouv.fr", "x_y@a-b.org"])
def test_it_accepts_ordinary_email_addresses(text):
    assert is_valid_email(text)
    assert coerce(q("mel", T.EMAIL), f" {text} ") == text


@pytest.mark.parametrize(
    "text", ["nom@exemple", "nom@@exemple.fr", "nom.@exemple.fr", "a b@c.fr", "@c.fr"]
)
def test_it_refuses_malformed_email_addresses(text):
    assert not is_valid_email(text)


def test_a_very_long_email_is_refused_without_running_the_pattern():
    assert not is_valid_email("a" * 65 + "@exemple.fr")


def test_an_information_text_takes_no_answer():
    assert refused(q("info", T.DISPLAY), "x") is ErrorCode.NOT_ANSWERABLE


def test_texts_are_trimmed_and_line_ends_normalised():
    assert coerce(q("t", T.LONG_TEXT), "  un\r\ndeux  ") == "un\ndeux"


# -- Whole responses -----------------------------------------------------------------------------

SURVEY = Questionnaire(
    "reponses",
    "Réponses",
    (
        Section(
            "profil",
            "Profil",
            (
                q("role", T.SINGLE_CHOICE, required=True, other=True),
                q(
                    "age",
                    T.INTEGER,
                    required=True,
                    required_message="Indiquez votre âge.",
                    constraint=". >= 16 and . < 120",
                    constraint_message="Indiquez un âge entre 16 et 119 ans.",
                ),
                q("dep", T.DEPARTEMENT),
                q("publics", T.MULTIPLE_CHOICE, relevant="${role} != 'age'", other=True),
            ),
        ),
        Section(
            "pratique",
            "Pratique",
            (
                q("debut", T.DATE, constraint=". >= '2000-01-01'"),
                q("note", T.RATING, required=True),
                q("acteurs", T.RATING, scale=GRID, required=True),
                q("ordre", T.RANKING),
                q("resume", T.SHORT_TEXT),
                q("recit", T.LONG_TEXT),
                q("mel", T.EMAIL),
                q("tel", T.PHONE),
                q("cout", T.DECIMAL),
                q("info", T.DISPLAY),
            ),
        ),
    ),
)

COMPLETE: dict[str, Any] = {
    "role": "enf",
    "age": 34,
    "dep": "2A",
    "publics": ["enf", "other"],
    "publics_other": "Familles",
    "debut": "2019-09-01",
    "note": 4,
    "acteurs": {"cd": 3, "caf": 1},
    "ordre": ["adu", "enf"],
    "resume": "Aller-vers",
    "mel": "nom@exemple.fr",
    "tel": "0612345678",
    "cout": 1.5,
}


def problems(answers: dict[str, Any], **options: Any) -> dict[str, list[ErrorCode]]:
    found = validate_answers(SURVEY, answers, **options)
    return {key: [issue.code for issue in issues] for key, issues in found.items()}


def with_(**changes: Any) -> dict[str, Any]:
    return {**COMPLETE, **changes}


def test_a_complete_response_has_no_problem():
    assert validate_answers(SURVEY, COMPLETE) == {}


def test_it_reports_every_problem_of_a_response_at_once():
    answers = with_(age="34", dep="20", mel="nom@", ordre=["adu", "adu"], inconnue="x")
    assert problems(answers) == {
        "inconnue": [ErrorCode.UNKNOWN_ANSWER_KEY],
        "age": [ErrorCode.EXPECTED_INTEGER],
        "dep": [ErrorCode.INVALID_DEPARTEMENT],
        "ordre": [ErrorCode.RANKING_DUPLICATE],
        "mel": [ErrorCode.INVALID_EMAIL],
    }


def test_each_issue_names_its_section_and_question():
    [issue] = validate_answers(SURVEY, with_(note=9))["note"]
    assert (issue.section, issue.question) == ("pratique", "note")
    assert issue.message() == "La note 9 est hors de l'échelle : choisissez une note entre 1 et 5."


def test_it_reports_required_questions_left_empty_with_their_own_message():
    found = validate_answers(SURVEY, with_(age=None, note=""))
    assert [(i.code, i.message()) for i in found["age"]] == [
        (ErrorCode.REQUIRED_CUSTOM, "Indiquez votre âge.")
    ]
    assert [i.code for i in found["note"]] == [ErrorCode.REQUIRED]


def test_partial_sections_limit_the_required_checks_to_the_page_saved():
    answers = {"role": "enf", "age": 30}
    assert problems(answers, partial_sections=["profil"]) == {}
    assert set(problems(answers)) == {"note", "acteurs"}


def test_partial_sections_still_check_the_answers_given_elsewhere():
    answers = {"role": "enf", "age": 30, "note": 12}
    assert problems(answers, partial_sections=["profil"]) == {
        "note": [ErrorCode.RATING_OUT_OF_SCALE]
    }


def test_it_reports_an_answer_to_a_question_that_does_not_apply():
    found = validate_answers(SURVEY, with_(role="age"))
    assert [i.code for i in found["publics"]] == [ErrorCode.ANSWER_NOT_RELEVANT]
    assert [i.code for i in found["publics_other"]] == [ErrorCode.ANSWER_NOT_RELEVANT]
    assert "ne s'applique pas" in found["publics"][0].message()


def test_it_reports_values_that_are_not_options():
    found = validate_answers(SURVEY, with_(role="prof", publics=["enf", "vieux"]))
    assert [i.code for i in found["role"]] == [ErrorCode.UNKNOWN_CHOICE]
    assert found["publics"][0].params == {
        "value": "vieux",
        "options": ["enf", "adu", "age", "other"],
    }


def test_it_reports_an_option_ticked_twice():
    answers = with_(publics=["enf", "enf", "other"])
    assert problems(answers) == {"publics": [ErrorCode.DUPLICATE_SELECTION]}


def test_a_ranking_may_hold_a_subset_of_the_options_in_any_order():
    assert problems(with_(ordre=["age"])) == {}
    assert problems(with_(ordre=["age", "zz"])) == {"ordre": [ErrorCode.UNKNOWN_CHOICE]}


def test_it_reports_wrong_types():
    answers = with_(
        role=["enf"], publics="enf", note="4", cout="1,5", resume=12, debut="25/03/2021"
    )
    assert problems(answers) == {
        "role": [ErrorCode.EXPECTED_ONE_CHOICE],
        "publics": [ErrorCode.EXPECTED_LIST],
        "debut": [ErrorCode.EXPECTED_DATE],
        "note": [ErrorCode.EXPECTED_RATING],
        "resume": [ErrorCode.EXPECTED_TEXT],
        "cout": [ErrorCode.EXPECTED_DECIMAL],
    }


def test_it_reports_unknown_grid_rows_and_points_off_the_scale():
    answers = with_(acteurs={"cd": 5, "ccas": 2, "caf": 1})
    assert problems(answers) == {
        "acteurs": [ErrorCode.RATING_OUT_OF_SCALE, ErrorCode.RATING_UNKNOWN_ROW]
    }


def test_a_required_grid_needs_every_row():
    [issue] = validate_answers(SURVEY, with_(acteurs={"cd": 2}))["acteurs"]
    assert issue.code is ErrorCode.REQUIRED_ROWS
    assert issue.message() == "Donnez une note à chaque ligne : il manque « CAF »."


@pytest.mark.parametrize("code", ["01", "19", "21", "95", "2A", "2B", "971", "976"])
def test_it_accepts_every_kind_of_departement_code(code):
    assert problems(with_(dep=code)) == {}


@pytest.mark.parametrize("code", ["20", "975", "977", "96", "2a", "1"])
def test_it_refuses_codes_that_are_not_departements(code):
    assert problems(with_(dep=code)) == {"dep": [ErrorCode.INVALID_DEPARTEMENT]}


def test_it_checks_phone_numbers():
    assert problems(with_(tel="+33 6 12 34 56 78")) == {}
    assert problems(with_(tel="12 34")) == {"tel": [ErrorCode.INVALID_PHONE]}


def test_it_reports_an_other_text_without_the_other_option():
    found = validate_answers(SURVEY, with_(publics=["enf"]))
    [issue] = found["publics_other"]
    assert issue.code is ErrorCode.OTHER_WITHOUT_OPTION
    assert issue.question == "publics"


def test_a_required_question_needs_the_other_text_when_other_is_chosen():
    assert problems(with_(role="other")) == {"role_other": [ErrorCode.OTHER_TEXT_REQUIRED]}
    assert problems(with_(role="other", role_other="Bénévole")) == {}


def test_an_optional_question_does_not_need_the_other_text():
    assert problems(with_(publics=["other"], publics_other="")) == {}


def test_it_reports_a_false_constraint_with_its_message_or_a_default_one():
    [issue] = validate_answers(SURVEY, with_(age=12))["age"]
    assert issue.code is ErrorCode.CONSTRAINT_CUSTOM
    assert issue.message() == "Indiquez un âge entre 16 et 119 ans."
    [issue] = validate_answers(SURVEY, with_(debut="1999-12-31"))["debut"]
    assert issue.code is ErrorCode.CONSTRAINT


def test_constraints_can_use_earlier_answers():
    survey = Questionnaire(
        "x",
        "X",
        (
            Section(
                "s",
                "S",
                (q("debut", T.INTEGER), q("fin", T.INTEGER, constraint=". >= ${debut}")),
            ),
        ),
    )
    assert validate_answers(survey, {"debut": 2010, "fin": 2020}) == {}
    assert list(validate_answers(survey, {"debut": 2010, "fin": 2000})) == ["fin"]


def test_it_limits_the_length_of_texts():
    found = problems(with_(resume="x" * (SHORT_TEXT_LIMIT + 1), recit="x" * LONG_TEXT_LIMIT))
    assert found == {"resume": [ErrorCode.TEXT_TOO_LONG]}
    assert problems(with_(recit="x" * (LONG_TEXT_LIMIT + 1))) == {
        "recit": [ErrorCode.TEXT_TOO_LONG]
    }


def test_an_answer_to_an_information_text_is_reported():
    assert problems(with_(info="lu")) == {"info": [ErrorCode.NOT_ANSWERABLE]}


def test_empty_values_under_unknown_keys_are_ignored():
    assert problems(with_(colonne_vide="")) == {}


# -- Cleaning imports ----------------------------------------------------------------------------


def test_clean_response_coerces_validates_and_prunes():
    raw = {
        "role": "Enfance",
        "age": "34",
        "dep": "2a",
        "publics": "enf adu",
        "publics_other": "  ",
        "note": "4",
        "acteurs": {"cd": "3", "caf": "1"},
        "tel": "06 12 34 56 78",
        "cout": "1,5",
    }
    kept, issues = clean_response(SURVEY, raw)
    assert issues == {}
    assert kept == {
        "role": "enf",
        "age": 34,
        "dep": "2A",
        "publics": ["enf", "adu"],
        "note": 4,
        "acteurs": {"cd": 3, "caf": 1},
        "tel": "0612345678",
        "cout": 1.5,
    }


def test_clean_response_drops_bad_values_and_reports_them_once():
    raw = {"role": "age", "age": "trente", "note": "4", "acteurs": {"cd": 1, "caf": 2}}
    raw["publics"] = ["enf"]
    kept, issues = clean_response(SURVEY, raw)
    assert {key: [i.code for i in found] for key, found in issues.items()} == {
        "age": [ErrorCode.EXPECTED_INTEGER],
        "publics": [ErrorCode.ANSWER_NOT_RELEVANT],
    }
    assert kept == {"role": "age", "note": 4, "acteurs": {"cd": 1, "caf": 2}}
