"""The expression language: parsing, positioned errors, printing, evaluation, static checks."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vivier.surveys import expressions
from vivier.surveys.errors import ErrorCode
from vivier.surveys.expressions import (
    PRECEDENCE,
    Binary,
    Call,
    Current,
    ExpressionError,
    Kind,
    Literal,
    Node,
    Ref,
    Subject,
    Unary,
    check_types,
    evaluate,
    infer_type,
    parse,
    references,
    static_truth,
    to_source,
    truthy,
    uses_current,
)
from vivier.surveys.schema import Choice, Question, QuestionType

# -- Parsing -------------------------------------------------------------------------------------


def test_it_parses_a_reference_compared_with_a_text():
    assert parse("${q1} = 'oui'") == Binary("=", Ref("q1"), Literal("oui"))


def test_it_gives_multiplication_precedence_over_addition():
    assert parse("1 + 2 * 3") == Binary("+", Literal(1), Binary("*", Literal(2), Literal(3)))


def test_it_gives_and_precedence_over_or():
    tree = parse("${a} = 1 or ${b} = 2 and ${c} = 3")
    assert isinstance(tree, Binary) and tree.op == "or"
    assert isinstance(tree.right, Binary) and tree.right.op == "and"


def test_it_associates_subtraction_to_the_left():
    assert parse("10 - 4 - 3") == Binary("-", Binary("-", Literal(10), Literal(4)), Literal(3))


def test_it_reads_div_and_mod_as_operators():
    assert parse("7 mod 2 div 1") == Binary(
        "div", Binary("mod", Literal(7), Literal(2)), Literal(1)
    )


def test_it_reads_integers_as_int_and_decimals_as_float():
    assert parse("12") == Literal(12) and isinstance(parse("12").value, int)
    assert isinstance(parse("1.5").value, float) and parse(".5") == Literal(0.5)


def test_it_reads_a_negative_number_as_unary_minus():
    assert parse("-3") == Unary("-", Literal(3))
    assert parse("2 - -3") == Binary("-", Literal(2), Unary("-", Literal(3)))


def test_it_reads_not_as_a_unary_operator():
    assert parse("not(${a} = 1)") == Unary("not", Binary("=", Ref("a"), Literal(1)))


def test_it_reads_hyphenated_function_names():
    assert parse("count-selected(${m}) >= 2") == Binary(
        ">=", Call("count-selected", (Ref("m"),)), Literal(2)
    )


def test_it_reads_the_current_answer_as_a_dot():
    assert parse(". >= 18") == Binary(">=", Current(), Literal(18))


def test_it_reads_texts_in_either_kind_of_quote():
    assert parse('"l\'accueil"') == Literal("l'accueil")
    assert parse("'dit \"oui\"'") == Literal('dit "oui"')


def test_it_remembers_where_each_node_starts():
    tree = parse("${a} = 1 and selected(${b}, 'x')")
    assert isinstance(tree, Binary) and tree.pos == 9
    assert isinstance(tree.right, Call) and tree.right.pos == 13
    assert tree.right.args[0].pos == 22


def test_it_lists_the_references_of_an_expression():
    assert references(parse("${a} = 1 and selected(${b}, 'x') or ${a} > 2")) == {"a", "b"}


def test_it_tells_whether_an_expression_uses_the_current_answer():
    assert uses_current(parse(". > 1 and ${a} = 2"))
    assert not uses_current(parse("${a} = 2"))


# -- Syntax errors -------------------------------------------------------------------------------


def error_of(source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    return caught.value


def test_it_reports_the_position_of_an_unclosed_parenthesis():
    error = error_of("(${a} = 1 and ${b} = 2")
    assert error.code is ErrorCode.EXPR_UNEXPECTED_END
    assert error.position == len("(${a} = 1 and ${b} = 2")


def test_it_reports_a_stray_closing_parenthesis_where_it_stands():
    error = error_of("${a} = 1)")
    assert error.code is ErrorCode.EXPR_UNEXPECTED_TOKEN
    assert error.position == 8


def test_it_reports_a_missing_closing_parenthesis_before_the_next_token():
    error = error_of("selected(${a}, 'x' 'y')")
    assert error.code is ErrorCode.EXPR_EXPECTED
    assert error.position == 19
    assert (
        error.message()
        == "Expression invalide au caractère 20 : « ) » attendu, mais « 'y' » trouvé."
    )


def test_it_reports_an_unterminated_text_at_its_opening_quote():
    error = error_of("${a} = 'oui")
    assert (error.code, error.position) == (ErrorCode.EXPR_UNTERMINATED_STRING, 7)


def test_it_explains_that_double_equals_does_not_exist():
    error = error_of("${a} == 1")
    assert (error.code, error.position) == (ErrorCode.EXPR_DOUBLE_EQUALS, 5)
    assert "un seul « = »" in error.message()


@pytest.mark.parametrize(("source", "replacement"), [("1 && 2", "and"), ("1 || 2", "or")])
def test_it_suggests_and_or_for_c_operators(source, replacement):
    error = error_of(source)
    assert error.code is ErrorCode.EXPR_WRONG_OPERATOR
    assert error.issue.params["replacement"] == replacement


def test_it_recognises_typographic_quotes_pasted_from_a_word_processor():
    error = error_of("${a} = « oui »")
    assert (error.code, error.position) == (ErrorCode.EXPR_CURLY_QUOTE, 7)


def test_it_refuses_a_malformed_reference():
    assert error_of("${a b} = 1").code is ErrorCode.EXPR_BAD_REFERENCE
    assert error_of("$a = 1").code is ErrorCode.EXPR_BAD_REFERENCE
    assert error_of("1 = ${a").position == 4


def test_it_lists_the_available_functions_for_an_unknown_one():
    error = error_of("today() > 1")
    assert error.code is ErrorCode.EXPR_UNKNOWN_FUNCTION
    assert "selected" in error.message() and "count-selected" in error.message()


def test_it_checks_the_number_of_arguments():
    error = error_of("1 = 1 and selected(${a})")
    assert (error.code, error.position) == (ErrorCode.EXPR_ARITY, 10)
    assert error.issue.params == {"name": "selected", "expected": "2", "found": 1}


def test_it_suggests_braces_for_a_bare_question_name():
    error = error_of("q5 = 'oui'")
    assert error.code is ErrorCode.EXPR_BARE_NAME
    assert "${q5}" in error.message()


def test_it_refuses_an_empty_expression():
    assert error_of("   ").code is ErrorCode.EXPR_EMPTY


def test_it_refuses_an_operator_without_right_operand():
    error = error_of("${a} = ")
    assert (error.code, error.position) == (ErrorCode.EXPR_UNEXPECTED_END, 7)


def test_it_refuses_absurdly_deep_nesting_instead_of_crashing():
    assert error_of("(" * 500 + "1" + ")" * 500).code is ErrorCode.EXPR_TOO_DEEP
    assert error_of("-" * 500 + "1").code is ErrorCode.EXPR_TOO_DEEP


def test_its_messages_exist_in_english():
    assert error_of("${a} = 1)").message("en").startswith("Invalid expression at character 9:")


# -- Printing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "canonical"),
    [
        ("${a}='x'", "${a} = 'x'"),
        ("(1+2)*3", "(1 + 2) * 3"),
        ("1+(2*3)", "1 + 2 * 3"),
        ("1 - (2 - 3)", "1 - (2 - 3)"),
        ("(1 - 2) - 3", "1 - 2 - 3"),
        ("-(1 + 2)", "-(1 + 2)"),
        ("(${a} = 1 or ${b} = 2) and ${c} = 3", "(${a} = 1 or ${b} = 2) and ${c} = 3"),
        ("not( ${a}='x' )", "not(${a} = 'x')"),
        ('"l\'été"', '"l\'été"'),
        ("0.00001", "0.00001"),
        ("count-selected( ${m} )>=2", "count-selected(${m}) >= 2"),
        ("string-length()", "string-length()"),
    ],
)
def test_it_prints_the_canonical_text(source, canonical):
    assert to_source(parse(source)) == canonical


def test_it_cannot_print_a_text_holding_both_quote_kinds():
    with pytest.raises(ValueError):
        to_source(Literal('l\'a dit "oui"'))


# -- Evaluation ----------------------------------------------------------------------------------


def ev(source: str, current: Any = None, **answers: Any) -> Any:
    return evaluate(parse(source), answers, current)


def test_a_missing_answer_is_the_empty_text():
    assert ev("${a} = ''") is True
    assert ev("${a} = ''", a=None) is True
    assert ev("${a} != ''", a="x") is True


def test_comparing_an_empty_answer_with_a_number_is_false():
    assert ev("${n} > 3") is False
    assert ev("${n} < 3") is False
    assert ev("${n} = 0") is False


def test_equality_is_numeric_when_one_side_is_a_number():
    assert ev("${a} = 3", a="3") is True
    assert ev("${a} = 3", a="3.0") is True
    assert ev("${a} = '3'", a=3) is True
    assert ev("${a} = '3.0'", a="3") is False  # two texts compare as texts


def test_relational_operators_compare_numbers():
    assert ev("${n} >= 18", n=18) is True
    assert ev("${n} > '9'", n=10) is True
    assert ev("'abc' < 3") is False


def test_relational_operators_compare_iso_dates():
    assert ev("${d} < '2021-01-01'", d="2020-12-31") is True
    assert ev("${d} >= '2021-01-01'", d="2020-12-31") is False


def test_a_multiple_choice_equals_a_text_only_when_exactly_that_is_ticked():
    assert ev("${m} = 'a'", m=["a"]) is True
    assert ev("${m} = 'a'", m=["a", "b"]) is False
    assert ev("${m} = 'a b'", m=["a", "b"]) is True


def test_selected_looks_into_lists_and_space_separated_texts():
    assert ev("selected(${m}, 'b')", m=["a", "b"]) is True
    assert ev("selected(${m}, 'b')", m="a b") is True
    assert ev("selected(${m}, 'c')", m=["a", "b"]) is False
    assert ev("selected(${m}, 'a')") is False
    assert ev("selected(${s}, 'pro')", s="pro") is True


def test_count_selected_counts_the_ticked_options():
    assert ev("count-selected(${m})", m=["a", "b", "c"]) == 3
    assert ev("count-selected(${m})") == 0


def test_string_length_counts_characters_of_the_argument_or_the_current_answer():
    assert ev("string-length(${t})", t="élan") == 4
    assert ev("string-length() <= 3", current="abcd") is False


def test_arithmetic_follows_xpath():
    assert ev("1 + 2 * 3") == 7
    assert ev("7 div 2") == 3.5
    assert ev("-7 mod 3") == -1
    assert ev("${n} * 2", n="4") == 8


def test_division_by_zero_gives_infinity_or_nan_and_never_crashes():
    assert ev("1 div 0") == math.inf
    assert ev("-1 div 0") == -math.inf
    assert math.isnan(ev("0 div 0"))
    assert math.isnan(ev("5 mod 0"))
    assert ev("0 div 0 = 0 div 0") is False
    assert ev("0 div 0 < 1") is False and ev("0 div 0 > 1") is False


def test_arithmetic_on_an_empty_answer_is_nan():
    assert math.isnan(ev("${n} + 1"))


def test_booleans_compare_as_booleans():
    assert ev("(${a} = 1) = true()", a=1) is True
    assert ev("true() = 'x'") is True  # a non-empty text is true


def test_not_and_or_combine_truth_values():
    assert ev("not(${a} = 'x') or ${b} = 'y'", a="x", b="y") is True
    assert ev("not(${a})") is True
    assert ev("not(${a})", a="x") is False


class CountingAnswers(Mapping[str, Any]):
    """Answers that record which names were looked up."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.seen: list[str] = []

    def __getitem__(self, key: str) -> Any:
        self.seen.append(key)
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def test_and_and_or_short_circuit():
    answers = CountingAnswers({"a": "x", "b": "y"})
    assert evaluate(parse("${a} = 'z' and ${b} = 'y'"), answers) is False
    assert evaluate(parse("${a} = 'x' or ${b} = 'y'"), answers) is True
    assert answers.seen == ["a", "a"]


def test_if_and_coalesce_choose_a_value():
    assert ev("if(${a} = 'x', 'oui', 'non')", a="x") == "oui"
    assert ev("coalesce(${a}, 'défaut')") == "défaut"
    assert ev("coalesce(${a}, 'défaut')", a="v") == "v"


def test_evaluate_accepts_the_text_of_an_expression():
    assert evaluate("${a} = 1", {"a": 1}) is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", False),
        ("0", True),
        (0, False),
        (0.0, False),
        (math.nan, False),
        (2, True),
        ([], False),
        (["a"], True),
        (None, False),
        (False, False),
        (True, True),
    ],
)
def test_truthy_follows_xpath_boolean(value, expected):
    assert truthy(value) is expected


def test_the_module_never_calls_eval_or_exec():
    source = Path(expressions.__file__).read_text(encoding="utf-8")
    assert not re.search(r"\b(eval|exec)\(", source)


# -- Static typing -------------------------------------------------------------------------------


TYPES = {
    "age": QuestionType.INTEGER,
    "nom": QuestionType.SHORT_TEXT,
    "pub": QuestionType.MULTIPLE_CHOICE,
    "quand": QuestionType.DATE,
}


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("${age}", Kind.NUMBER),
        ("${nom}", Kind.TEXT),
        ("${pub}", Kind.LIST),
        ("${quand}", Kind.DATE),
        ("${age} + 1", Kind.NUMBER),
        ("${age} > 1", Kind.BOOLEAN),
        ("selected(${pub}, 'a')", Kind.BOOLEAN),
        ("count-selected(${pub})", Kind.NUMBER),
        ("if(${age} > 1, 'a', 'b')", Kind.TEXT),
        ("${inconnue}", Kind.ANY),
    ],
)
def test_it_infers_the_kind_of_an_expression(source, kind):
    assert infer_type(parse(source), TYPES) is kind


def subjects(*questions: Question) -> dict[str, Subject]:
    options = {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.YES_NO,
    }
    return {q.name: Subject(q, q.option_values() if q.type in options else None) for q in questions}


ROLE = Question(
    "role",
    QuestionType.SINGLE_CHOICE,
    "Rôle",
    choices=(Choice("pro", "Professionnel"), Choice("conc", "Personne concernée")),
)
PUBLICS = Question(
    "pub",
    QuestionType.MULTIPLE_CHOICE,
    "Publics",
    choices=(Choice("enf", "Enfance"), Choice("adu", "Adultes")),
)
AGE = Question("age", QuestionType.INTEGER, "Âge")
NOM = Question("nom", QuestionType.SHORT_TEXT, "Nom")
QUAND = Question("quand", QuestionType.DATE, "Date")
KNOWN = subjects(ROLE, PUBLICS, AGE, NOM, QUAND)


def codes_of(source: str, current: Subject | None = None) -> list[ErrorCode]:
    return [issue.code for issue in check_types(parse(source), KNOWN, current)]


def test_it_reports_a_number_question_compared_with_a_word():
    [issue] = check_types(parse("${age} = 'abc'"), KNOWN)
    assert issue.code is ErrorCode.TYPE_MISMATCH_NUMBER
    assert issue.position == 9


def test_it_accepts_a_number_question_compared_with_a_numeric_text():
    assert codes_of("${age} = '12'") == []


def test_it_reports_a_single_choice_compared_with_a_value_that_is_no_option():
    [issue] = check_types(parse("${role} = 'prof'"), KNOWN)
    assert issue.code is ErrorCode.UNKNOWN_OPTION
    assert issue.params["options"] == ["pro", "conc"]
    assert "Valeurs possibles : « pro », « conc »." in issue.message()


def test_it_reports_selected_on_a_text_question():
    assert codes_of("selected(${nom}, 'x')") == [ErrorCode.SELECTED_ON_NON_CHOICE]


def test_it_reports_selected_with_a_value_that_is_no_option():
    assert codes_of("selected(${pub}, 'vieux')") == [ErrorCode.UNKNOWN_OPTION]
    assert codes_of("selected(${pub}, 'adu')") == []


def test_it_warns_when_a_multiple_choice_is_compared_with_equals():
    assert codes_of("${pub} = 'enf'") == [ErrorCode.MULTI_EQUALS]


def test_it_reports_a_date_compared_with_something_else_than_a_date():
    assert codes_of("${quand} > '25/03/2021'") == [ErrorCode.TYPE_MISMATCH_DATE]
    assert codes_of("${quand} > '2021-03-25'") == []


def test_it_reports_less_than_on_a_word():
    assert codes_of("${nom} < 'b'") == [ErrorCode.RELATIONAL_ON_TEXT]


def test_it_warns_about_arithmetic_on_a_text_question():
    assert codes_of("${nom} + 1 > 2") == [ErrorCode.ARITHMETIC_ON_TEXT]


def test_it_checks_the_current_answer_against_its_own_question():
    assert codes_of(". = 'abc'", current=KNOWN["age"]) == [ErrorCode.TYPE_MISMATCH_NUMBER]


# -- Static truth --------------------------------------------------------------------------------

DOMAINS = {"role": ("pro", "conc", None), "yn": ("yes", "no", "dont_know", None)}


def test_a_comparison_with_a_value_outside_the_domain_is_never_true():
    assert static_truth(parse("${role} = 'prof'"), DOMAINS) is False


def test_a_contradiction_is_never_true():
    assert static_truth(parse("${role} = 'pro' and ${role} = 'conc'"), DOMAINS) is False


def test_a_tautology_is_always_true():
    assert static_truth(parse("${role} != 'prof'"), DOMAINS) is True


def test_an_ordinary_condition_is_undecided():
    assert static_truth(parse("${role} = 'pro' and ${yn} = 'yes'"), DOMAINS) is None


def test_connectives_propagate_what_is_known_about_open_questions():
    expression = parse("${role} = 'prof' and ${nom} = 'x'")
    assert static_truth(expression, DOMAINS) is False
    assert static_truth(parse("${nom} = 'x' or ${role} != 'prof'"), DOMAINS) is True


def test_selected_on_a_value_that_is_no_option_is_never_true():
    options = {"pub": frozenset({"enf", "adu"})}
    assert static_truth(parse("selected(${pub}, 'vieux')"), {}, options) is False
    assert static_truth(parse("selected(${pub}, 'enf')"), {}, options) is None


def test_a_constant_expression_is_decided():
    assert static_truth(parse("1 = 2"), {}) is False
    assert static_truth(parse("true()"), {}) is True


# -- Properties ----------------------------------------------------------------------------------

NAMES = st.sampled_from(["a", "b", "m", "n", "q_1"])
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6).filter(
    lambda text: not ("'" in text and '"' in text)
)
LEAVES: st.SearchStrategy[Node] = st.one_of(
    st.integers(0, 10**12).map(Literal),
    st.floats(0, 1e9, allow_nan=False, allow_infinity=False).map(lambda x: Literal(abs(x))),
    TEXTS.map(Literal),
    NAMES.map(Ref),
    st.just(Current()),
    st.sampled_from(["true", "false"]).map(lambda name: Call(name, ())),
)


def _extend(inner: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(Binary, st.sampled_from(sorted(PRECEDENCE)), inner, inner),
        inner.map(lambda node: Unary("-", node)),
        inner.map(lambda node: Unary("not", node)),
        st.builds(lambda a, b: Call("selected", (a, b)), inner, inner),
        inner.map(lambda node: Call("count-selected", (node,))),
        inner.map(lambda node: Call("string-length", (node,))),
        st.builds(lambda a, b, c: Call("if", (a, b, c)), inner, inner, inner),
        st.builds(lambda a, b: Call("coalesce", (a, b)), inner, inner),
    )


ASTS = st.recursive(LEAVES, _extend, max_leaves=16)
VALUES = st.one_of(
    st.none(),
    st.text(max_size=5),
    st.integers(-(10**400), 10**400),
    st.floats(),
    st.booleans(),
    st.lists(st.text(max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.dates(),
)
ANSWERS = st.dictionaries(NAMES, VALUES)


def same(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return type(left) is type(right) and left == right


@given(ASTS)
def test_printing_then_parsing_gives_back_the_same_tree(tree):
    assert parse(to_source(tree)) == tree


@given(ASTS)
def test_the_canonical_text_is_a_fixed_point(tree):
    text = to_source(tree)
    assert to_source(parse(text)) == text


@settings(max_examples=300)
@given(ASTS, ANSWERS, VALUES)
def test_a_reparsed_tree_evaluates_to_the_same_value(tree, answers, current):
    reparsed = parse(to_source(tree))
    assert same(evaluate(tree, answers, current), evaluate(reparsed, answers, current))


@settings(max_examples=300)
@given(ASTS, ANSWERS, VALUES)
def test_evaluation_never_raises_whatever_the_answers(tree, answers, current):
    evaluate(tree, answers, current)


EXPRESSION_LIKE = st.lists(
    st.sampled_from([*"${}ab_1.2 '\"()=!<>+-*,", " and ", " or ", " div ", "not(", "selected("])
).map("".join)


@settings(max_examples=500)
@given(st.one_of(EXPRESSION_LIKE, st.text(max_size=30)))
def test_syntax_errors_always_point_inside_the_text(source):
    try:
        tree = parse(source)
    except ExpressionError as error:
        assert 0 <= error.position <= len(source)
        assert error.issue.position == error.position
        assert error.message()  # formats without a missing placeholder
    else:
        assert parse(to_source(tree)) == tree
