"""The engine's checks on the built questionnaire, a refused condition dropped with a warning.

A valid XLSForm must import: a condition ODK would run but the engine refuses is dropped
(the element always shown, the constraint not checked) rather than refusing the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from vivier.problems import Localized, Location, ProblemCode, codes
from vivier.surveys.codecs.xlsform.passes.state import BuildState
from vivier.surveys.errors import ErrorCode, Field, Issue
from vivier.surveys.schema import Questionnaire
from vivier.surveys.validation import validate_questionnaire


def locate(state: BuildState, issue: Issue) -> Location:
    column = ""
    if issue.field is Field.RELEVANT:
        column = "relevant"
    elif issue.field is Field.CONSTRAINT:
        column = "constraint"
    cells = None
    if issue.question is not None:
        cells = state.rows.get(issue.question)
    if cells is None and issue.section is not None:
        cells = state.section_rows.get(issue.section)
    if cells is None:
        return Location(file=state.filename, path=issue.where("en"))
    return state.at(cells, column) if column else state.at(cells)


def drop_refused_conditions(
    state: BuildState, questionnaire: Questionnaire
) -> tuple[Questionnaire, list[Issue] | None]:
    """Drop the translated conditions the engine refuses, when they are the only errors.

    Returns the questionnaire and the engine's issues on it (``None`` if not checked last).
    Dropping a condition changes what the engine says of later ones only when that
    condition made its element never shown (an unreachable condition, or one comparing
    with unknown options): every refused condition up to such a one is dropped at once,
    so a form is checked a few times, not once per refused condition (a 50,000-question
    form takes seconds to check).
    """
    for _ in range(1000):
        issues = validate_questionnaire(questionnaire)
        errors = [i for i in issues if i.is_error]
        if not errors or any(i.field is None for i in errors):
            return questionnaire, issues
        batch: dict[tuple[str | None, str | None, Field | None], Issue] = {}
        for issue in errors:
            batch.setdefault((issue.section, issue.question, issue.field), issue)
            if issue.field is Field.RELEVANT and issue.code in _MAKE_NEVER_SHOWN:
                break
        questionnaire = _without(questionnaire, batch)
        for issue in batch.values():
            _say_dropped(state, issue)
    return questionnaire, None


def _say_dropped(state: BuildState, issue: Issue) -> None:
    state.report(
        ProblemCode.XLSFORM_CONDITION_DROPPED,
        locate(state, issue),
        reason=Localized(issue.message("fr"), issue.message("en")),
        outcome=codes.CONSTRAINT_NOT_CHECKED
        if issue.field is Field.CONSTRAINT
        else codes.ELEMENT_ALWAYS_SHOWN,
    )


def _without(
    questionnaire: Questionnaire,
    dropped: Mapping[tuple[str | None, str | None, Field | None], Issue],
) -> Questionnaire:
    """The questionnaire without the conditions ``dropped`` names, rebuilt once."""
    sections_hit = {section for section, question, _ in dropped if question is None}
    constraints = {q for _, q, field in dropped if q and field is Field.CONSTRAINT}
    relevances = {q for _, q, field in dropped if q and field is not Field.CONSTRAINT}
    sections = []
    for section in questionnaire.sections:
        if section.name in sections_hit:
            section = replace(section, relevant="")
        if any(q.name in constraints or q.name in relevances for q in section.questions):
            questions = []
            for question in section.questions:
                if question.name in constraints:
                    question = replace(question, constraint="", constraint_message="")
                if question.name in relevances:
                    question = replace(question, relevant="")
                questions.append(question)
            section = replace(section, questions=tuple(questions))
        sections.append(section)
    return replace(questionnaire, sections=tuple(sections))


#: Errors on a display condition after which the element may count as never shown, which
#: changes what is said of the conditions that follow (see :func:`drop_refused_conditions`).
_MAKE_NEVER_SHOWN = frozenset(
    {ErrorCode.UNREACHABLE_QUESTION, ErrorCode.UNREACHABLE_SECTION, ErrorCode.UNKNOWN_OPTION}
)
