"""The respondent's path through a questionnaire, computed from the answers given so far.

One rule drives everything: expressions are evaluated in questionnaire order, and an
expression only sees the answers of questions that are themselves relevant. So when an
early answer changes, every question that depended on it, directly or through a chain,
disappears at once (pruning cascades), exactly as in ODK/Enketo.

A section is shown when its own relevance holds and at least one of its questions is
relevant: a page with nothing to answer is skipped rather than shown empty.

Questionnaires are compiled once (every expression parsed and turned into closures) and the
compiled form is cached by object identity, because the shell asks for the path on every
page view and a 75-question pass must stay far below a millisecond.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from vivier.surveys.errors import EngineError, ErrorCode, Field, Issue
from vivier.surveys.expressions import (
    Evaluator,
    ExpressionError,
    compile_expression,
    parse,
    references,
    truthy,
)
from vivier.surveys.schema import OTHER_VALUE, Question, Questionnaire, Section

Answers = Mapping[str, Any]


def is_empty(value: Any) -> bool:
    """An answer that says nothing: missing, blank text, nothing ticked, no row rated."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict | set | frozenset):
        return len(value) == 0
    return False


def other_chosen(value: Any) -> bool:
    """Whether an answer ticks the "Autre (précisez)" option."""
    if isinstance(value, str):
        return value == OTHER_VALUE
    if isinstance(value, list | tuple):
        return OTHER_VALUE in value
    return False


@dataclass(frozen=True, slots=True)
class CompiledQuestion:
    question: Question
    section: str
    relevant: Evaluator | None
    constraint: Evaluator | None


@dataclass(frozen=True, slots=True)
class CompiledSection:
    section: Section
    relevant: Evaluator | None
    questions: tuple[CompiledQuestion, ...]


@dataclass(frozen=True, slots=True)
class Path:
    """The outcome of one pass over the answers."""

    #: Names of the relevant questions (information texts included).
    relevant: frozenset[str]
    #: Names of the sections shown, in order.
    visible: tuple[str, ...]
    #: What later expressions see: non-empty answers of relevant questions only, with the
    #: ``_other`` text only when "other" is ticked. Constraints are evaluated against it.
    effective: Mapping[str, Any]


class CompiledQuestionnaire:
    """A questionnaire with every expression parsed once; raises ``ExpressionError`` (with
    the question or section and field set) if an expression does not parse: validate first."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.sections: tuple[CompiledSection, ...] = tuple(
            self._compile_section(section) for section in questionnaire.sections
        )
        self.questions: dict[str, CompiledQuestion] = {}
        for compiled_section in self.sections:
            for compiled in compiled_section.questions:
                self.questions.setdefault(compiled.question.name, compiled)
        self.section_names: tuple[str, ...] = tuple(s.name for s in questionnaire.sections)

    @staticmethod
    def _compile_section(section: Section) -> CompiledSection:
        questions = tuple(
            CompiledQuestion(
                question,
                section.name,
                _compile(question.relevant, section.name, question.name, Field.RELEVANT),
                _compile(question.constraint, section.name, question.name, Field.CONSTRAINT),
            )
            for question in section.questions
        )
        relevant = _compile(section.relevant, section.name, None, Field.RELEVANT)
        return CompiledSection(section, relevant, questions)

    def path(self, answers: Answers) -> Path:
        effective: dict[str, Any] = {}
        relevant: set[str] = set()
        visible: list[str] = []
        for compiled_section in self.sections:
            condition = compiled_section.relevant
            if condition is not None and not truthy(condition(effective, None)):
                continue
            shown = False
            for compiled in compiled_section.questions:
                if compiled.relevant is not None and not truthy(compiled.relevant(effective, None)):
                    continue
                shown = True
                question = compiled.question
                relevant.add(question.name)
                value = answers.get(question.name)
                if question.answerable and not is_empty(value):
                    effective[question.name] = value
                    other = answers.get(question.other_name) if question.other else None
                    if other_chosen(value) and not is_empty(other):
                        effective[question.other_name] = other
            if shown:
                visible.append(compiled_section.section.name)
        return Path(frozenset(relevant), tuple(visible), effective)

    def section(self, name: str) -> Section:
        for compiled_section in self.sections:
            if compiled_section.section.name == name:
                return compiled_section.section
        raise EngineError(Issue(ErrorCode.UNKNOWN_SECTION, {"name": name}, section=name))


def _compile(source: str, section: str, question: str | None, field: Field) -> Evaluator | None:
    if not source.strip():
        return None
    try:
        return compile_expression(parse(source))
    except ExpressionError as error:
        error.issue = replace(error.issue, section=section, question=question, field=field)
        raise


# -- Cache --------------------------------------------------------------------------------------
# Questionnaires are frozen but not hashable (their ``meta`` is a mapping proxy), so the cache
# is keyed on identity; it keeps the questionnaire alive so that its id cannot be reused.

_CACHE_SIZE = 64
_cache: OrderedDict[int, tuple[Questionnaire, CompiledQuestionnaire]] = OrderedDict()
_cache_lock = threading.Lock()


def compile_questionnaire(questionnaire: Questionnaire) -> CompiledQuestionnaire:
    key = id(questionnaire)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] is questionnaire:
            _cache.move_to_end(key)
            return hit[1]
    compiled = CompiledQuestionnaire(questionnaire)
    with _cache_lock:
        _cache[key] = (questionnaire, compiled)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled


# -- Public functions ---------------------------------------------------------------------------


def path(questionnaire: Questionnaire, answers: Answers) -> Path:
    return compile_questionnaire(questionnaire).path(answers)


def relevant_names(questionnaire: Questionnaire, answers: Answers) -> set[str]:
    """Names of the questions that apply, given the answers (information texts included)."""
    return set(path(questionnaire, answers).relevant)


def prune(questionnaire: Questionnaire, answers: Answers) -> dict[str, Any]:
    """The answers worth keeping: those of relevant questions, without empty values, unknown
    keys, or ``_other`` texts whose "other" option is not ticked. Questionnaire order."""
    compiled = compile_questionnaire(questionnaire)
    relevant = compiled.path(answers).relevant
    kept: dict[str, Any] = {}
    for name in questionnaire.answer_keys():
        compiled_question = compiled.questions.get(name)
        if compiled_question is not None:
            if name in relevant and not is_empty(answers.get(name)):
                kept[name] = answers[name]
            continue
        # ``name`` is an ``_other`` key: it follows its question, already decided above.
        owner = name.removesuffix("_other")
        if owner in kept and other_chosen(kept[owner]) and not is_empty(answers.get(name)):
            kept[name] = answers[name]
    return kept


def visible_sections(questionnaire: Questionnaire, answers: Answers) -> list[Section]:
    compiled = compile_questionnaire(questionnaire)
    visible = set(compiled.path(answers).visible)
    return [section for section in questionnaire.sections if section.name in visible]


def next_section(
    questionnaire: Questionnaire, answers: Answers, current_section_name: str
) -> Section | None:
    """The next section shown after ``current_section_name``; None at the end."""
    return _neighbour(questionnaire, answers, current_section_name, step=1)


def previous_section(
    questionnaire: Questionnaire, answers: Answers, current_section_name: str
) -> Section | None:
    """The section shown before ``current_section_name``; None at the start."""
    return _neighbour(questionnaire, answers, current_section_name, step=-1)


def _neighbour(
    questionnaire: Questionnaire, answers: Answers, name: str, *, step: int
) -> Section | None:
    # The current section itself may have just become hidden (its answers changed); the
    # neighbours are still found from its place in the questionnaire.
    compiled = compile_questionnaire(questionnaire)
    index = _section_index(compiled, name)
    visible = set(compiled.path(answers).visible)
    sections = questionnaire.sections
    candidates = sections[index + 1 :] if step > 0 else reversed(sections[:index])
    return next((section for section in candidates if section.name in visible), None)


def _section_index(compiled: CompiledQuestionnaire, name: str) -> int:
    try:
        return compiled.section_names.index(name)
    except ValueError:
        raise EngineError(Issue(ErrorCode.UNKNOWN_SECTION, {"name": name}, section=name)) from None


def progress(questionnaire: Questionnaire, answers: Answers, section_name: str) -> tuple[int, int]:
    """(1-based rank of the page, estimated number of pages for this respondent).

    Pages already passed count if they were shown; later pages count if they are shown with
    today's answers or still may be, because their condition depends on a question not
    answered yet. So the total does not pretend the questionnaire ends at the next branch,
    and it shrinks as branches are decided (a respondent who answers "no" to a question that
    ends the questionnaire sees the total drop at once).
    """
    compiled = compile_questionnaire(questionnaire)
    index = _section_index(compiled, section_name)
    current = compiled.path(answers)
    visible = set(current.visible)
    before = sum(1 for name in compiled.section_names[:index] if name in visible)
    still_open = {
        q.name
        for s in questionnaire.sections[index:]
        for q in s.questions
        if q.answerable and is_empty(current.effective.get(q.name))
    }
    later = 0
    for section in questionnaire.sections[index + 1 :]:
        if section.name in visible or _depends_on(section, still_open):
            later += 1
    total = before + (1 if section_name in visible else 0) + later
    return min(before + 1, max(total, 1)), total


def _depends_on(section: Section, names: set[str]) -> bool:
    sources = [section.relevant, *(q.relevant for q in section.questions)]
    return any(_references(source) & names for source in sources if source)


@functools.lru_cache(maxsize=4096)
def _references(source: str) -> frozenset[str]:
    try:
        return frozenset(references(parse(source)))
    except ExpressionError:
        return frozenset()
