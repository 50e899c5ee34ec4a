"""Static validation of a questionnaire: every problem at once, each with its place."""

from __future__ import annotations

from tests.surveys.builders import form, question_maker
from vivier.surveys.errors import ErrorCode, Field, Issue, Severity
from vivier.surveys.schema import (
    Choice,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
)
from vivier.surveys.validation import errors_only, validate_questionnaire

T = QuestionType
ROLE_CHOICES = (Choice("pro", "Professionnel"), Choice("conc", "Personne concernée"))


q = question_maker(ROLE_CHOICES)


def codes(questionnaire: Questionnaire) -> list[ErrorCode]:
    return [issue.code for issue in validate_questionnaire(questionnaire)]


def only(questionnaire: Questionnaire, code: ErrorCode) -> Issue:
    found = [i for i in validate_questionnaire(questionnaire) if i.code is code]
    assert len(found) == 1, validate_questionnaire(questionnaire)
    return found[0]


def test_a_sound_questionnaire_has_no_issue():
    questionnaire = form(
        [q("role", T.SINGLE_CHOICE, required=True), q("age", T.INTEGER, constraint=". >= 16")],
        Section(
            "s2",
            "Pratiques",
            (
                q("pub", T.MULTIPLE_CHOICE, other=True),
                q("detail", T.LONG_TEXT, relevant="selected(${pub}, 'pro') or ${pub_other} != ''"),
            ),
            relevant="${role} = 'pro' and ${age} >= 18",
        ),
    )
    assert validate_questionnaire(questionnaire) == []


# -- Names and structure -------------------------------------------------------------------------


def test_it_reports_a_question_name_used_twice_with_both_sections():
    issue = only(form([q("a")], [q("a")]), ErrorCode.DUPLICATE_QUESTION_NAME)
    assert issue.params == {"name": "a", "count": 2, "sections": ["s1", "s2"]}
    assert "sections « s1 », « s2 »" in issue.message()


def test_it_reports_a_section_name_used_twice():
    questionnaire = form(Section("p", "P", (q("a"),)), Section("p", "P", (q("b"),)))
    assert only(questionnaire, ErrorCode.DUPLICATE_SECTION_NAME).section == "p"


def test_it_reports_invalid_names():
    questionnaire = form(Section("page 1", "P", (q("âge"), q("2a"), q("ok_1"))))
    assert codes(questionnaire) == [
        ErrorCode.INVALID_SECTION_NAME,
        ErrorCode.INVALID_QUESTION_NAME,
        ErrorCode.INVALID_QUESTION_NAME,
    ]


def test_it_reports_an_other_text_colliding_with_a_question():
    questionnaire = form([q("role", T.SINGLE_CHOICE, other=True), q("role_other")])
    issue = only(questionnaire, ErrorCode.OTHER_NAME_COLLISION)
    assert (issue.question, issue.params["name"]) == ("role", "role_other")


def test_it_warns_about_an_empty_section():
    issue = only(form([q("a")], []), ErrorCode.EMPTY_SECTION)
    assert (issue.section, issue.severity) == ("s2", Severity.WARNING)


def test_it_reports_a_choice_question_without_options():
    issue = only(form([q("a", T.SINGLE_CHOICE, choices=())]), ErrorCode.NO_CHOICES)
    assert (issue.section, issue.question) == ("s1", "a")


def test_it_reports_duplicate_and_invalid_option_values():
    choices = (Choice("x", "X"), Choice("x", "X bis"), Choice("a b", "AB"), Choice("", "vide"))
    found = codes(form([q("a", T.MULTIPLE_CHOICE, choices=choices)]))
    assert found.count(ErrorCode.DUPLICATE_CHOICE_VALUE) == 1
    assert found.count(ErrorCode.INVALID_CHOICE_VALUE) == 2


def test_it_reports_an_option_named_other_next_to_the_other_option():
    choices = (Choice("a", "A"), Choice("other", "Autre"))
    assert codes(form([q("a", T.SINGLE_CHOICE, choices=choices, other=True)])) == [
        ErrorCode.RESERVED_OTHER_VALUE
    ]


def test_it_reports_a_rating_scale_with_fewer_than_two_points():
    issue = only(
        form([q("r", T.RATING, scale=RatingScale(points=1))]), ErrorCode.RATING_TOO_FEW_POINTS
    )
    assert issue.params == {"points": 1}


def test_it_reports_grid_rows_used_twice_and_labels_off_the_scale():
    scale = RatingScale(points=4, labels={1: "Pas du tout", 7: "?"}, rows=(Choice("r", "R"),) * 2)
    assert codes(form([q("g", T.RATING, scale=scale)])) == [
        ErrorCode.RATING_LABEL_OUT_OF_SCALE,
        ErrorCode.DUPLICATE_GRID_ROW,
    ]


def test_it_warns_about_options_and_other_on_types_that_ignore_them():
    found = codes(form([q("t", T.SHORT_TEXT, choices=ROLE_CHOICES, other=True)]))
    assert found == [ErrorCode.CHOICES_IGNORED, ErrorCode.OTHER_IGNORED]


def test_it_reports_a_required_information_text():
    questionnaire = form([q("info", T.DISPLAY, required=True, constraint=". = 1")])
    assert codes(questionnaire) == [ErrorCode.REQUIRED_DISPLAY, ErrorCode.CONSTRAINT_ON_DISPLAY]


# -- Expressions ---------------------------------------------------------------------------------


def test_it_reports_a_syntax_error_with_its_place_and_position():
    questionnaire = form([q("a"), q("b", relevant="${a} = 'x' and (${a} != 'y'")])
    issue = only(questionnaire, ErrorCode.EXPR_UNEXPECTED_END)
    assert (issue.section, issue.question, issue.field) == ("s1", "b", Field.RELEVANT)
    assert issue.position == len("${a} = 'x' and (${a} != 'y'")


def test_it_reports_a_syntax_error_in_a_constraint():
    issue = only(form([q("a", T.INTEGER, constraint=". >> 3")]), ErrorCode.EXPR_UNEXPECTED_TOKEN)
    assert (issue.field, issue.position) == (Field.CONSTRAINT, 3)


def test_it_reports_an_unknown_reference_and_suggests_a_close_name():
    issue = only(
        form([q("role"), q("b", relevant="${rol} = 'x'")]), ErrorCode.UNKNOWN_REFERENCE_SUGGEST
    )
    assert issue.params == {"name": "rol", "suggestion": "role"}
    assert issue.message().endswith("Vouliez-vous dire « role » ?")


def test_it_reports_an_unknown_reference_without_a_suggestion_when_nothing_is_close():
    issue = only(form([q("a"), q("b", relevant="${zzzz} = 'x'")]), ErrorCode.UNKNOWN_REFERENCE)
    assert issue.position == 0


def test_it_reports_a_reference_to_a_later_question():
    issue = only(form([q("q5", relevant="${q9} = 'x'"), q("q9")]), ErrorCode.FORWARD_REFERENCE)
    assert (issue.question, issue.params["name"]) == ("q5", "q9")
    assert "qui vient après elle" in issue.message()


def test_it_reports_a_section_condition_on_its_own_question():
    questionnaire = form(Section("s1", "P", (q("a"),), relevant="${a} = 'x'"))
    issue = [
        i
        for i in validate_questionnaire(questionnaire)
        if i.code is ErrorCode.SECTION_OWN_REFERENCE
    ]
    assert [i.section for i in issue] == ["s1"]


def test_it_reports_a_question_depending_on_itself():
    issue = only(form([q("a", relevant="${a} = 'x'")]), ErrorCode.SELF_REFERENCE)
    assert issue.question == "a"


def test_it_lets_a_constraint_use_the_current_answer_and_earlier_questions():
    questionnaire = form([q("debut", T.INTEGER), q("fin", T.INTEGER, constraint=". >= ${debut}")])
    assert validate_questionnaire(questionnaire) == []


def test_it_suggests_a_dot_when_a_constraint_names_its_own_question():
    assert codes(form([q("a", T.INTEGER, constraint="${a} > 1")])) == [
        ErrorCode.CONSTRAINT_SELF_REFERENCE
    ]


def test_it_reports_a_constraint_on_a_later_question():
    assert codes(form([q("a", T.INTEGER, constraint=". > ${b}"), q("b", T.INTEGER)])) == [
        ErrorCode.FORWARD_REFERENCE
    ]


def test_it_reports_a_dot_in_a_relevance():
    issue = only(form([q("a", relevant=". = 'x'")]), ErrorCode.CURRENT_IN_RELEVANCE)
    assert issue.position == 0


def test_it_reports_references_to_information_texts_and_grids():
    grid = RatingScale(rows=(Choice("cd", "Conseil départemental"),))
    questionnaire = form(
        [
            q("info", T.DISPLAY),
            q("g", T.RATING, scale=grid),
            q("b", relevant="${info} = 'x' or ${g} > 2"),
        ]
    )
    assert codes(questionnaire) == [ErrorCode.REFERENCE_TO_DISPLAY, ErrorCode.REFERENCE_TO_GRID]


def test_it_finds_a_cycle_and_shows_it_as_a_loop():
    questionnaire = form([q("a", relevant="${b} = 'x'"), q("b", relevant="${a} = 'y'")])
    issue = only(questionnaire, ErrorCode.CYCLE)
    assert issue.params["cycle"] == "a → b → a"
    assert ErrorCode.FORWARD_REFERENCE in codes(questionnaire)


def test_it_finds_a_cycle_through_a_section_condition():
    questionnaire = form(
        [q("a", relevant="${c} = 'x'")],
        Section("s2", "P", (q("c"),), relevant="${a} = 'y'"),
    )
    assert only(questionnaire, ErrorCode.CYCLE).params["cycle"] == "a → c → s2 → a"


def test_it_reports_type_mismatches_with_their_position():
    questionnaire = form(
        [q("n", T.INTEGER), q("t"), q("b", relevant="${n} = 'abc' or selected(${t}, 'x')")]
    )
    found = [(i.code, i.position) for i in validate_questionnaire(questionnaire)]
    assert found == [(ErrorCode.TYPE_MISMATCH_NUMBER, 7), (ErrorCode.SELECTED_ON_NON_CHOICE, 25)]


def test_it_lists_the_valid_values_when_a_choice_is_compared_with_an_unknown_value():
    questionnaire = form([q("role", T.SINGLE_CHOICE), q("b", relevant="${role} = 'prof'")])
    issue = only(questionnaire, ErrorCode.UNKNOWN_OPTION)
    assert issue.params["options"] == ["pro", "conc"]
    assert issue.question == "b" and issue.position == 10


# -- Reachability --------------------------------------------------------------------------------


def test_a_question_compared_with_a_value_outside_its_options_is_unreachable():
    questionnaire = form([q("role", T.SINGLE_CHOICE), q("b", relevant="${role} = 'prof'")])
    assert codes(questionnaire) == [ErrorCode.UNKNOWN_OPTION, ErrorCode.UNREACHABLE_QUESTION]


def test_a_contradictory_condition_makes_a_question_unreachable():
    questionnaire = form(
        [q("role", T.SINGLE_CHOICE), q("b", relevant="${role} = 'pro' and ${role} = 'conc'")]
    )
    assert codes(questionnaire) == [ErrorCode.UNREACHABLE_QUESTION]


def test_selected_on_a_missing_option_makes_a_question_unreachable():
    questionnaire = form([q("m", T.MULTIPLE_CHOICE), q("b", relevant="selected(${m}, 'autre')")])
    assert codes(questionnaire) == [ErrorCode.UNKNOWN_OPTION, ErrorCode.UNREACHABLE_QUESTION]


def test_a_question_depending_only_on_an_unreachable_one_is_unreachable_too():
    questionnaire = form(
        [
            q("role", T.SINGLE_CHOICE),
            q("yn", T.YES_NO, relevant="${role} = 'pro' and ${role} = 'conc'"),
            q("b", relevant="${yn} = 'yes'"),
        ]
    )
    unreachable = [
        i.question
        for i in validate_questionnaire(questionnaire)
        if i.code is ErrorCode.UNREACHABLE_QUESTION
    ]
    assert unreachable == ["yn", "b"]


def test_a_section_whose_condition_never_holds_is_reported():
    questionnaire = form(
        [q("yn", T.YES_NO)],
        Section("s2", "P", (q("b"),), relevant="${yn} = 'oui'"),
    )
    issue = only(questionnaire, ErrorCode.UNREACHABLE_SECTION)
    assert issue.section == "s2"


def test_a_section_whose_questions_are_all_unreachable_is_reported():
    questionnaire = form(
        [q("yn", T.YES_NO)],
        [q("b", relevant="${yn} = 'yes' and ${yn} = 'no'")],
    )
    assert only(questionnaire, ErrorCode.SECTION_NEVER_SHOWN).section == "s2"


def test_a_rating_compared_with_a_point_off_the_scale_is_unreachable():
    questionnaire = form([q("r", T.RATING), q("b", relevant="${r} >= 6")])
    assert codes(questionnaire) == [ErrorCode.UNREACHABLE_QUESTION]


def test_it_warns_about_a_condition_that_always_holds():
    issue = only(
        form([q("yn", T.YES_NO), q("b", relevant="${yn} != 'peut-être'")]),
        ErrorCode.ALWAYS_TRUE_RELEVANCE,
    )
    assert issue.severity is Severity.WARNING


def test_an_ordinary_condition_is_not_reported():
    questionnaire = form(
        [q("yn", T.YES_NO), q("n", T.INTEGER), q("b", relevant="${yn} = 'yes' or ${n} > 3")]
    )
    assert validate_questionnaire(questionnaire) == []


# -- All at once ---------------------------------------------------------------------------------


def test_it_returns_every_problem_at_once():
    questionnaire = form(
        [
            q("a", T.SINGLE_CHOICE, choices=()),
            q("a"),
            q("b", relevant="${zz} = 1"),
            q("c", relevant="${b} = (1"),
            q("d", T.DISPLAY, required=True),
        ]
    )
    assert set(codes(questionnaire)) == {
        ErrorCode.DUPLICATE_QUESTION_NAME,
        ErrorCode.NO_CHOICES,
        ErrorCode.UNKNOWN_REFERENCE,
        ErrorCode.EXPR_UNEXPECTED_END,
        ErrorCode.REQUIRED_DISPLAY,
    }
    assert all(issue.section == "s1" for issue in validate_questionnaire(questionnaire))


def test_errors_only_leaves_warnings_out():
    issues = validate_questionnaire(form([q("a")], []))
    assert issues and errors_only(issues) == []
