"""An example of every problem of the engine's catalogue (:class:`ErrorCode`): the smallest
expression, questionnaire or answer that makes the engine name it.

Each function returns what the engine found (issues, or the error it raised); the catalogue
tests check that the code is among them. The engine's own tests (``tests/surveys``) say
more about each code; these are the roll call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tests.surveys.builders import form as make_form
from tests.surveys.builders import question_maker
from vivier.surveys import flow
from vivier.surveys.answers import coerce, validate_answers
from vivier.surveys.errors import EngineError, ErrorCode, Issue
from vivier.surveys.expressions import parse
from vivier.surveys.schema import (
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
)
from vivier.surveys.validation import validate_questionnaire

T = QuestionType
CHOICES = (Choice("pro", "Professionnel"), Choice("conc", "Personne concernée"))
Found = Iterable[Issue]

ENGINE_EXAMPLES: dict[ErrorCode, Callable[[], Found]] = {}


q = question_maker(CHOICES)


def form(*sections: Section | list[Question]) -> Questionnaire:
    return make_form(*sections, name="exemple")


def raised(action: Callable[[], object]) -> list[Issue]:
    try:
        action()
    except EngineError as error:
        return [error.issue]
    return []


def expression(source: str) -> Callable[[], Found]:
    return lambda: raised(lambda: parse(source))


def checked(questionnaire: Questionnaire) -> Callable[[], Found]:
    return lambda: validate_questionnaire(questionnaire)


def answered(questionnaire: Questionnaire, answers: dict[str, Any]) -> Callable[[], Found]:
    def run() -> Found:
        return [i for issues in validate_answers(questionnaire, answers).values() for i in issues]

    return run


def coerced(question: Question, raw: Any) -> Callable[[], Found]:
    return lambda: raised(lambda: coerce(question, raw))


_E = ErrorCode
ENGINE_EXAMPLES.update(
    {
        # -- Expressions -----------------------------------------------------------------------
        _E.EXPR_EMPTY: expression("   "),
        _E.EXPR_UNEXPECTED_CHAR: expression("${a} = 1 @ 2"),
        _E.EXPR_CURLY_QUOTE: expression("${a} = ‘oui’"),
        _E.EXPR_DOUBLE_EQUALS: expression("${a} == 'oui'"),
        _E.EXPR_WRONG_OPERATOR: expression("${a} = 1 && ${b} = 2"),
        _E.EXPR_UNTERMINATED_STRING: expression("${a} = 'oui"),
        _E.EXPR_BAD_REFERENCE: expression("$a = 1"),
        _E.EXPR_EXPECTED: expression("selected(${a} 'x')"),
        _E.EXPR_UNEXPECTED_TOKEN: expression("${a} = 1 2"),
        _E.EXPR_UNEXPECTED_END: expression("${a} ="),
        _E.EXPR_UNKNOWN_FUNCTION: expression("choisi(${a}, 'x')"),
        _E.EXPR_ARITY: expression("selected(${a})"),
        _E.EXPR_BARE_NAME: expression("age > 3"),
        _E.EXPR_TOO_DEEP: expression("(" * 500 + "1" + ")" * 500),
        # -- Structure -------------------------------------------------------------------------
        _E.DUPLICATE_QUESTION_NAME: checked(form([q("a")], [q("a")])),
        _E.DUPLICATE_SECTION_NAME: checked(
            form(Section("p", "P", (q("a"),)), Section("p", "P", (q("b"),)))
        ),
        _E.INVALID_QUESTION_NAME: checked(form([q("âge")])),
        _E.INVALID_SECTION_NAME: checked(form(Section("page 1", "P", (q("a"),)))),
        _E.OTHER_NAME_COLLISION: checked(
            form([q("role", T.SINGLE_CHOICE, other=True), q("role_other")])
        ),
        _E.EMPTY_SECTION: checked(form([q("a")], [])),
        _E.NO_CHOICES: checked(form([q("role", T.SINGLE_CHOICE, choices=())])),
        _E.DUPLICATE_CHOICE_VALUE: checked(
            form([q("role", T.SINGLE_CHOICE, choices=(Choice("x", "X"), Choice("x", "Y")))])
        ),
        _E.INVALID_CHOICE_VALUE: checked(
            form([q("role", T.SINGLE_CHOICE, choices=(Choice("un choix", "X"), Choice("b", "B")))])
        ),
        _E.RESERVED_OTHER_VALUE: checked(
            form(
                [
                    q(
                        "role",
                        T.SINGLE_CHOICE,
                        other=True,
                        choices=(Choice("other", "Autre"), Choice("b", "B")),
                    )
                ]
            )
        ),
        _E.RATING_TOO_FEW_POINTS: checked(form([q("note", T.RATING, scale=RatingScale(points=1))])),
        _E.DUPLICATE_GRID_ROW: checked(
            form(
                [
                    q(
                        "grille",
                        T.RATING,
                        scale=RatingScale(rows=(Choice("r", "R"), Choice("r", "R bis"))),
                    )
                ]
            )
        ),
        _E.RATING_LABEL_OUT_OF_SCALE: checked(
            form([q("note", T.RATING, scale=RatingScale(points=5, labels={9: "Parfait"}))])
        ),
        _E.CHOICES_IGNORED: checked(form([q("texte", T.SHORT_TEXT, choices=CHOICES)])),
        _E.OTHER_IGNORED: checked(form([q("texte", T.SHORT_TEXT, other=True)])),
        _E.REQUIRED_DISPLAY: checked(form([q("info", T.DISPLAY, required=True)])),
        _E.CONSTRAINT_ON_DISPLAY: checked(form([q("info", T.DISPLAY, constraint=". > 1")])),
        # -- References and types in expressions -----------------------------------------------
        _E.UNKNOWN_REFERENCE: checked(form([q("a", relevant="${zzz} = 'x'")])),
        _E.UNKNOWN_REFERENCE_SUGGEST: checked(
            form([q("role", T.SINGLE_CHOICE), q("b", relevant="${rol} = 'pro'")])
        ),
        _E.FORWARD_REFERENCE: checked(form([q("a", relevant="${b} = 'x'"), q("b")])),
        _E.SECTION_OWN_REFERENCE: checked(
            form(Section("s1", "P", (q("a"), q("b")), relevant="${a} = 'x'"))
        ),
        _E.SELF_REFERENCE: checked(form([q("a", relevant="${a} = 'x'")])),
        _E.CONSTRAINT_SELF_REFERENCE: checked(form([q("age", T.INTEGER, constraint="${age} > 3")])),
        _E.CURRENT_IN_RELEVANCE: checked(form([q("a"), q("b", relevant=". = 'x'")])),
        _E.CYCLE: checked(
            form(
                Section("s1", "P", (q("a"),), relevant="${b} = 'x'"),
                Section("s2", "Q", (q("b"),), relevant="${a} = 'x'"),
            )
        ),
        _E.REFERENCE_TO_DISPLAY: checked(
            form([q("info", T.DISPLAY), q("b", relevant="${info} = 'x'")])
        ),
        _E.REFERENCE_TO_GRID: checked(
            form(
                [
                    q("grille", T.RATING, scale=RatingScale(rows=(Choice("r", "R"),))),
                    q("b", relevant="${grille} = 3"),
                ]
            )
        ),
        _E.TYPE_MISMATCH_NUMBER: checked(
            form([q("age", T.INTEGER), q("b", relevant="${age} > 'abc'")])
        ),
        _E.TYPE_MISMATCH_DATE: checked(
            form([q("quand", T.DATE), q("b", relevant="${quand} > 'hier'")])
        ),
        _E.RELATIONAL_ON_TEXT: checked(form([q("a"), q("b", relevant="${a} > 'abc'")])),
        _E.SELECTED_ON_NON_CHOICE: checked(form([q("a"), q("b", relevant="selected(${a}, 'x')")])),
        _E.COUNT_ON_SINGLE_CHOICE: checked(
            form([q("role", T.SINGLE_CHOICE), q("b", relevant="count-selected(${role}) > 0")])
        ),
        _E.ARITHMETIC_ON_TEXT: checked(form([q("a"), q("b", relevant="${a} + 1 > 2")])),
        _E.UNKNOWN_OPTION: checked(
            form([q("role", T.SINGLE_CHOICE), q("b", relevant="${role} = 'prof'")])
        ),
        _E.MULTI_EQUALS: checked(
            form([q("publics", T.MULTIPLE_CHOICE), q("b", relevant="${publics} = 'pro'")])
        ),
        _E.UNREACHABLE_QUESTION: checked(
            form(
                [
                    q("role", T.SINGLE_CHOICE),
                    q("b", relevant="${role} = 'pro' and ${role} = 'conc'"),
                ]
            )
        ),
        _E.UNREACHABLE_SECTION: checked(
            form(
                [q("role", T.SINGLE_CHOICE)],
                Section("s2", "P", (q("b"),), relevant="${role} = 'pro' and ${role} = 'conc'"),
            )
        ),
        _E.SECTION_NEVER_SHOWN: checked(
            form(
                [q("role", T.SINGLE_CHOICE)],
                Section("s2", "P", (q("b", relevant="${role} = 'pro' and ${role} = 'conc'"),)),
            )
        ),
        _E.ALWAYS_TRUE_RELEVANCE: checked(form([q("a"), q("b", relevant="${a} = 'x' or true()")])),
        _E.HIDDEN_QUESTION: checked(form([q("a", relevant="false()")])),
        _E.HIDDEN_SECTION: checked(
            form([q("a")], Section("s2", "P", (q("b"),), relevant="false()"))
        ),
    }
)

_GRID = RatingScale(rows=(Choice("r1", "R1"), Choice("r2", "R2")))
_PAGE = form(
    [
        q("role", T.SINGLE_CHOICE, other=True),
        q("detail", relevant="${role} = 'pro'"),
        q("age", T.INTEGER, required=True),
        q("info", T.DISPLAY),
        q("note", T.RATING, scale=RatingScale(points=5)),
        q("grille", T.RATING, scale=_GRID),
        q("publics", T.MULTIPLE_CHOICE),
        q("ordre", T.RANKING),
        q("dep", T.DEPARTEMENT),
        q("courriel", T.EMAIL),
        q("tel", T.PHONE),
        q("court", T.SHORT_TEXT),
        q("borne", T.INTEGER, constraint=". < 10"),
        q("borne_dite", T.INTEGER, constraint=". < 10", constraint_message="Moins de 10."),
        q("exigee", T.SHORT_TEXT, required=True, required_message="Dites-le."),
    ]
)
_QUESTIONS = _PAGE.question_map()


def _question(name: str) -> Question:
    return _QUESTIONS[name]


ENGINE_EXAMPLES.update(
    {
        # -- Answers ---------------------------------------------------------------------------
        _E.UNKNOWN_ANSWER_KEY: answered(_PAGE, {"age": 3, "inconnue": "x"}),
        _E.ANSWER_NOT_RELEVANT: answered(_PAGE, {"age": 3, "role": "conc", "detail": "x"}),
        _E.NOT_ANSWERABLE: answered(_PAGE, {"age": 3, "info": "x"}),
        _E.REQUIRED: answered(_PAGE, {}),
        _E.REQUIRED_CUSTOM: answered(_PAGE, {"age": 3}),
        _E.REQUIRED_ROWS: answered(
            form([q("grille", T.RATING, required=True, scale=_GRID)]), {"grille": {"r1": 2}}
        ),
        _E.EXPECTED_INTEGER: coerced(_question("age"), "douze"),
        _E.EXPECTED_DECIMAL: coerced(q("taux", T.DECIMAL), "beaucoup"),
        _E.EXPECTED_DATE: coerced(q("quand", T.DATE), "31/02/2021"),
        _E.EXPECTED_TEXT: answered(_PAGE, {"age": 3, "court": 12}),
        _E.EXPECTED_ONE_CHOICE: answered(_PAGE, {"age": 3, "role": ["pro", "conc"]}),
        _E.EXPECTED_LIST: answered(_PAGE, {"age": 3, "publics": "pro"}),
        _E.EXPECTED_RATING: coerced(_question("note"), "beaucoup"),
        _E.EXPECTED_GRID: answered(_PAGE, {"age": 3, "grille": 3}),
        _E.RATING_OUT_OF_SCALE: answered(_PAGE, {"age": 3, "note": 9}),
        _E.RATING_UNKNOWN_ROW: answered(_PAGE, {"age": 3, "grille": {"r1": 2, "r2": 2, "r9": 1}}),
        _E.UNKNOWN_CHOICE: answered(_PAGE, {"age": 3, "role": "prof"}),
        _E.DUPLICATE_SELECTION: answered(_PAGE, {"age": 3, "publics": ["pro", "pro"]}),
        _E.RANKING_DUPLICATE: answered(_PAGE, {"age": 3, "ordre": ["pro", "pro"]}),
        _E.INVALID_DEPARTEMENT: answered(_PAGE, {"age": 3, "dep": "99"}),
        _E.INVALID_EMAIL: coerced(_question("courriel"), "marie@"),
        _E.INVALID_PHONE: coerced(_question("tel"), "12"),
        _E.TEXT_TOO_LONG: answered(_PAGE, {"age": 3, "court": "x" * 501}),
        _E.OTHER_WITHOUT_OPTION: answered(_PAGE, {"age": 3, "role": "pro", "role_other": "x"}),
        _E.OTHER_TEXT_REQUIRED: answered(
            form([q("role", T.SINGLE_CHOICE, required=True, other=True)]), {"role": "other"}
        ),
        _E.CONSTRAINT: answered(_PAGE, {"age": 3, "borne": 12}),
        _E.CONSTRAINT_CUSTOM: answered(_PAGE, {"age": 3, "borne_dite": 12}),
        # -- Navigation ------------------------------------------------------------------------
        _E.UNKNOWN_SECTION: lambda: raised(lambda: flow.next_section(_PAGE, {}, "nulle_part")),
    }
)


__all__ = ["ENGINE_EXAMPLES"]
