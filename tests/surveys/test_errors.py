"""The error catalogue: every code speaks French and English, with the same placeholders."""

from __future__ import annotations

import pytest

from vivier.surveys.errors import (
    MAX_LISTED,
    EngineError,
    ErrorCode,
    Field,
    Issue,
    Severity,
    render_list,
)


@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda code: code.name)
def test_every_code_has_the_same_placeholders_in_french_and_english(code):
    assert code.placeholders("fr") == code.placeholders("en")


@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda code: code.name)
def test_every_message_formats_once_its_placeholders_are_given(code):
    params = {name: "x" for name in code.placeholders()}
    issue = Issue(code, params, section="s1", question="q1", field=Field.RELEVANT, position=3)
    for lang in ("fr", "en"):
        text = issue.message(lang)
        assert text and "{" not in text.replace("${", "")


def test_codes_with_the_same_wording_stay_distinct_codes():
    assert ErrorCode.REQUIRED_CUSTOM is not ErrorCode.CONSTRAINT_CUSTOM
    assert len(list(ErrorCode)) == len(ErrorCode.__members__)


def test_messages_differ_between_languages():
    for code in ErrorCode:
        if code.fr != "{text}":
            assert code.fr != code.en, code


def test_an_issue_takes_its_severity_from_its_code():
    assert Issue(ErrorCode.EMPTY_SECTION).severity is Severity.WARNING
    assert Issue(ErrorCode.REQUIRED).is_error
    assert not Issue(ErrorCode.REQUIRED, severity=Severity.WARNING).is_error


def test_it_names_the_question_and_the_expression_in_the_message():
    issue = Issue(
        ErrorCode.FORWARD_REFERENCE,
        {"name": "q9"},
        section="s1",
        question="q5",
        field=Field.RELEVANT,
    )
    assert issue.message() == (
        "La question « q5 » fait référence à « q9 », qui vient après elle : une condition ne "
        "peut porter que sur une question posée avant. Déplacez « q9 » plus haut ou changez la "
        "condition."
    )
    assert issue.message("en").startswith("The question 'q5' refers to 'q9', which comes after it")


def test_it_describes_an_issue_with_its_location_in_front():
    issue = Issue(
        ErrorCode.EXPR_EMPTY, section="s1", question="q5", field=Field.CONSTRAINT, position=0
    )
    assert issue.describe().startswith("[section « s1 », question « q5 », contrainte] L'expression")
    assert issue.describe("en").startswith("[section 's1', question 'q5', constraint] The")
    assert Issue(ErrorCode.REQUIRED).describe() == Issue(ErrorCode.REQUIRED).message()


def test_it_shows_positions_counted_from_one():
    issue = Issue(ErrorCode.EXPR_EXPECTED, {"expected": ")", "found": "'y'"}, position=11)
    assert issue.message().startswith("Expression invalide au caractère 12 :")


def test_it_quotes_lists_and_cuts_long_ones():
    assert render_list(["a", "b"]) == "« a », « b »"
    assert render_list(["a", "b"], "en") == "'a', 'b'"
    long = render_list([str(n) for n in range(MAX_LISTED + 5)])
    assert long.endswith("et 5 autres")


def test_a_missing_parameter_stays_visible_instead_of_crashing():
    assert "{value}" in Issue(ErrorCode.DUPLICATE_CHOICE_VALUE, question="q1").message()


def test_an_engine_error_carries_its_issue_and_is_a_value_error():
    error = EngineError(Issue(ErrorCode.EXPECTED_INTEGER))
    assert isinstance(error, ValueError)
    assert error.code is ErrorCode.EXPECTED_INTEGER
    assert str(error) == "Saisissez un nombre entier, par exemple 12."
    assert error.message("en") == "Enter a whole number, for example 12."
