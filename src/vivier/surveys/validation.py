"""Static validation of a questionnaire: every problem at once, before anyone answers it.

An author fixing a questionnaire wants the whole list, not one error per attempt, so nothing
here stops at the first problem. Each issue names its section and question and, for
expressions, the position of the faulty part.

Expressions are checked against the same rule the flow engine applies: a condition sees only
the questions placed before it. Hence forward references are errors, and cycles (which only
forward references could create) are looked for as a second line of defence. Conditions that
can never be true are found by trying every possible answer of the (small, closed) questions
they name, with questions placed later, or never asked, counting as unanswered, as they will
be when the form runs.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any

from vivier.surveys.answers import DEPARTEMENT_OPTIONS
from vivier.surveys.errors import ErrorCode, Field, Issue
from vivier.surveys.expressions import Current as CurrentNode
from vivier.surveys.expressions import (
    ExpressionError,
    Node,
    Ref,
    Subject,
    check_types,
    is_grid,
    parse,
    references,
    static_truth,
    walk,
)
from vivier.surveys.schema import (
    OTHER_SUFFIX,
    OTHER_VALUE,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: Types that list their options in ``choices`` and are useless without them.
CHOICE_TYPES = frozenset(
    {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING}
)
#: Types for which ``choices`` mean something (yes/no may relabel its three answers).
USES_CHOICES = CHOICE_TYPES | {QuestionType.YES_NO}
#: A multiple choice with at most this many options is enumerated when looking for
#: conditions that can never hold (2**n combinations).
MAX_ENUMERATED_OPTIONS = 5
#: Unknown names given a "did you mean" suggestion; later ones are only reported.
MAX_SUGGESTIONS = 50


def validate_questionnaire(questionnaire: Questionnaire) -> list[Issue]:
    """Every problem of the questionnaire, errors and warnings, in questionnaire order."""
    issues: list[Issue] = []
    issues.extend(_duplicate_names(questionnaire))
    issues.extend(_structure(questionnaire))
    parses = _Parses()
    issues.extend(_ExpressionChecker(questionnaire, parses).run())
    issues.extend(_cycles(questionnaire, parses))
    return issues


def errors_only(issues: Sequence[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.is_error]


class _Parses:
    """Each expression parsed once per validation: the checks and the search for cycles
    both need the trees, and parsing is most of the time a large form takes to check."""

    def __init__(self) -> None:
        self.found: dict[str, Node | ExpressionError] = {}

    def __call__(self, source: str) -> Node:
        found = self.found.get(source)
        if found is None:
            try:
                found = parse(source)
            except ExpressionError as error:
                found = error
            self.found[source] = found
        if isinstance(found, ExpressionError):
            raise found
        return found


# -- Names and structure --------------------------------------------------------------------------


def _duplicate_names(questionnaire: Questionnaire) -> Iterator[Issue]:
    sections = Counter(section.name for section in questionnaire.sections)
    for name, count in sections.items():
        if count > 1:
            yield Issue(
                ErrorCode.DUPLICATE_SECTION_NAME, {"name": name, "count": count}, section=name
            )
    where: dict[str, list[str]] = {}
    for section in questionnaire.sections:
        for question in section.questions:
            where.setdefault(question.name, []).append(section.name)
    for name, in_sections in where.items():
        if len(in_sections) > 1:
            params = {"name": name, "count": len(in_sections), "sections": in_sections}
            yield Issue(
                ErrorCode.DUPLICATE_QUESTION_NAME, params, section=in_sections[0], question=name
            )
    for question in questionnaire.questions():
        if question.other and question.other_name in where:
            yield Issue(
                ErrorCode.OTHER_NAME_COLLISION,
                {"name": question.other_name},
                section=questionnaire.section_of(question.name).name,
                question=question.name,
            )


def _structure(questionnaire: Questionnaire) -> Iterator[Issue]:
    for section in questionnaire.sections:
        if not NAME_RE.fullmatch(section.name):
            yield Issue(
                ErrorCode.INVALID_SECTION_NAME, {"name": section.name}, section=section.name
            )
        if not section.questions:
            yield Issue(ErrorCode.EMPTY_SECTION, section=section.name)
        for question in section.questions:
            for issue in _question_structure(question):
                yield replace(issue, section=section.name, question=question.name)


def _question_structure(question: Question) -> Iterator[Issue]:
    if not NAME_RE.fullmatch(question.name):
        yield Issue(ErrorCode.INVALID_QUESTION_NAME, {"name": question.name})
    yield from _choices_structure(question)
    if question.type is QuestionType.RATING and question.scale is not None:
        yield from _scale_structure(question)
    if question.type is QuestionType.DISPLAY:
        if question.required:
            yield Issue(ErrorCode.REQUIRED_DISPLAY)
        if question.constraint.strip():
            yield Issue(ErrorCode.CONSTRAINT_ON_DISPLAY)


def _choices_structure(question: Question) -> Iterator[Issue]:
    kind = {"type": question.type.value}
    if question.type in CHOICE_TYPES and not question.choices:
        yield Issue(ErrorCode.NO_CHOICES)
    if question.choices and question.type not in USES_CHOICES:
        yield Issue(ErrorCode.CHOICES_IGNORED, kind)
    if question.other and question.type not in CHOICE_TYPES:
        yield Issue(ErrorCode.OTHER_IGNORED, kind)
    counts = Counter(choice.value for choice in question.choices)
    for value, count in counts.items():
        if not value.strip() or any(c.isspace() for c in value):
            yield Issue(ErrorCode.INVALID_CHOICE_VALUE, {"value": value})
        if count > 1:
            yield Issue(ErrorCode.DUPLICATE_CHOICE_VALUE, {"value": value})
    if question.other and OTHER_VALUE in counts:
        yield Issue(ErrorCode.RESERVED_OTHER_VALUE)


def _scale_structure(question: Question) -> Iterator[Issue]:
    scale = question.scale
    assert scale is not None
    if scale.points < 2:
        yield Issue(ErrorCode.RATING_TOO_FEW_POINTS, {"points": scale.points})
    for point in scale.labels:
        if point not in scale.values:
            bounds = {"minimum": scale.minimum, "maximum": scale.minimum + scale.points - 1}
            yield Issue(ErrorCode.RATING_LABEL_OUT_OF_SCALE, {"point": point, **bounds})
    for value, count in Counter(row.value for row in scale.rows).items():
        if count > 1:
            yield Issue(ErrorCode.DUPLICATE_GRID_ROW, {"value": value})


# -- Expressions ----------------------------------------------------------------------------------


def options_of(question: Question) -> tuple[str, ...] | None:
    """The values an answer may take, as text; None when the answer is open."""
    if question.type in USES_CHOICES:
        return question.option_values()
    if question.type is QuestionType.DEPARTEMENT:
        return DEPARTEMENT_OPTIONS
    if question.type is QuestionType.RATING and not is_grid(question) and question.scale:
        return tuple(str(point) for point in question.scale.values)
    return None


def domain_of(question: Question) -> tuple[Any, ...] | None:
    """Every value the answer can take, the empty answer (None) included; None if too many."""
    if question.type in {QuestionType.SINGLE_CHOICE, QuestionType.YES_NO}:
        return (*question.option_values(), None)
    if question.type is QuestionType.DEPARTEMENT:
        return (*DEPARTEMENT_OPTIONS, None)
    if question.type is QuestionType.RATING and not is_grid(question) and question.scale:
        return (*question.scale.values, None)
    values = question.option_values()
    if question.type is QuestionType.MULTIPLE_CHOICE and len(values) <= MAX_ENUMERATED_OPTIONS:
        subsets = itertools.chain.from_iterable(
            itertools.combinations(values, size) for size in range(1, len(values) + 1)
        )
        return (*(list(subset) for subset in subsets), None)
    return None


@dataclass(frozen=True, slots=True)
class _Before:
    """The names asked before a point of the questionnaire, without copying them.

    A copy of the set of asked names for every question made the check quadratic (a
    50,000-question form took minutes); each name keeps instead the rank at which it was
    asked, and a name is "before" the point when its rank is under the point's.
    """

    ranks: Mapping[str, int]
    limit: int

    def __contains__(self, name: object) -> bool:
        return self.ranks.get(name, self.limit) < self.limit  # type: ignore[call-overload]


@dataclass
class _Context:
    """Where an expression lives and what it may refer to."""

    section: Section
    question: Question | None
    field: Field
    #: Names (questions and their ``_other`` keys) placed strictly before the expression.
    before: _Before
    #: Names asked in the expression's own section (for section conditions).
    own_section: frozenset[str] = dataclass_field(default_factory=frozenset)

    def issue(self, code: ErrorCode, position: int | None = None, **params: Any) -> Issue:
        return Issue(
            code,
            params,
            section=self.section.name,
            question=self.question.name if self.question else None,
            field=self.field,
            position=position,
        )


class _ExpressionChecker:
    """Walks the questionnaire in order, knowing at each point what has been asked before."""

    def __init__(self, questionnaire: Questionnaire, parses: _Parses | None = None) -> None:
        self.questionnaire = questionnaire
        self.parse = parses or _Parses()
        self.questions: dict[str, Question] = {}
        for question in questionnaire.questions():
            self.questions.setdefault(question.name, question)
        self.owner: dict[str, Question] = dict(self.questions)
        for question in self.questions.values():
            if question.other:
                self.owner.setdefault(question.other_name, question)
        self.subjects = {
            name: Subject(question, options_of(question))
            for name, question in self.questions.items()
        }
        self.asked: set[str] = set()
        #: Unknown names met so far (see ``MAX_SUGGESTIONS``).
        self.unknown_seen = 0
        #: Each name asked so far, with its rank (see :class:`_Before`).
        self.ranks: dict[str, int] = {}
        #: Questions that can never be asked: their answer is always empty.
        self.never: set[str] = set()

    def run(self) -> Iterator[Issue]:
        for section in self.questionnaire.sections:
            yield from self._section(section)

    def _section(self, section: Section) -> Iterator[Issue]:
        own = frozenset(
            itertools.chain.from_iterable((q.name, q.other_name) for q in section.questions)
        )
        context = _Context(section, None, Field.RELEVANT, self._before(), own)
        section_never = False
        if section.relevant.strip():
            section_never, issues = self._relevance(
                section.relevant, context, ErrorCode.UNREACHABLE_SECTION
            )
            yield from issues
        reachable = 0
        for question in section.questions:
            yield from self._question(section, question)
            if section_never or question.name in self.never:
                self.never.update({question.name, question.other_name})
            else:
                reachable += 1
        if section.questions and reachable == 0 and not section_never:
            yield Issue(ErrorCode.SECTION_NEVER_SHOWN, section=section.name)

    def _question(self, section: Section, question: Question) -> Iterator[Issue]:
        before = self._before()
        if question.relevant.strip():
            context = _Context(section, question, Field.RELEVANT, before)
            never, issues = self._relevance(
                question.relevant, context, ErrorCode.UNREACHABLE_QUESTION
            )
            if never:
                self.never.update({question.name, question.other_name})
            yield from issues
        if question.constraint.strip() and question.answerable:
            context = _Context(section, question, Field.CONSTRAINT, before)
            _, issues = self._check(question.constraint, context)
            yield from issues
        self.asked.update({question.name, question.other_name})
        for name in (question.name, question.other_name):
            self.ranks.setdefault(name, len(self.ranks))

    def _before(self) -> _Before:
        return _Before(self.ranks, len(self.ranks))

    def _relevance(
        self, source: str, context: _Context, unreachable: ErrorCode
    ) -> tuple[bool, list[Issue]]:
        """The issues of a relevance, and whether it can never hold.

        Reachability is only judged on an expression without other errors: a condition on an
        unknown or later question is already reported, and would be "never true" by accident.
        """
        node, issues = self._check(source, context)
        truth = None if node is None or _has_errors(issues) else self._truth(node)
        if truth is False and node is not None and not references(node):
            # A constant false condition (XLSForm's relevant = 0) hides the element on
            # purpose, often to keep a retired question: said, not refused. What depends on
            # it is judged as if it were asked, since the author chose to hide it.
            hidden = (
                ErrorCode.HIDDEN_SECTION if context.question is None else ErrorCode.HIDDEN_QUESTION
            )
            issues.append(context.issue(hidden, condition=source.strip()))
            return False, issues
        if truth is False:
            issues.append(context.issue(unreachable))
        elif truth is True and node is not None and references(node):
            issues.append(context.issue(ErrorCode.ALWAYS_TRUE_RELEVANCE))
        return truth is False, issues

    def _check(self, source: str, context: _Context) -> tuple[Node | None, list[Issue]]:
        try:
            node = self.parse(source)
        except ExpressionError as error:
            located = context.issue(error.code, error.position, **error.issue.params)
            return None, [located]
        issues = list(self._reference_issues(node, context))
        current = None
        if context.field is Field.CONSTRAINT and context.question is not None:
            current = self.subjects.get(context.question.name)
        # Type checks only make sense on questions the expression may legitimately name.
        subjects = {
            name: self.subjects[name]
            for name in references(node)
            if name in context.before and name in self.subjects
        }
        for issue in check_types(node, subjects, current):
            issues.append(context.issue(issue.code, issue.position, **issue.params))
        return node, issues

    def _reference_issues(self, node: Node, context: _Context) -> Iterator[Issue]:
        reported: set[str] = set()
        for sub in walk(node):
            if isinstance(sub, CurrentNode) and context.field is Field.RELEVANT:
                yield context.issue(ErrorCode.CURRENT_IN_RELEVANCE, sub.pos)
            if not isinstance(sub, Ref) or sub.name in reported:
                continue
            reported.add(sub.name)
            issue = self._reference_issue(sub, context)
            if issue is not None:
                yield issue

    def _reference_issue(self, ref: Ref, context: _Context) -> Issue | None:
        name, question = ref.name, context.question
        target = self.owner.get(name)
        if target is None:
            return self._unknown(ref, context)
        if question is not None and target.name == question.name:
            if context.field is Field.RELEVANT:
                return context.issue(ErrorCode.SELF_REFERENCE, ref.pos)
            if name == question.name:
                return context.issue(ErrorCode.CONSTRAINT_SELF_REFERENCE, ref.pos)
            return None
        if name not in context.before:
            code = (
                ErrorCode.SECTION_OWN_REFERENCE
                if name in context.own_section
                else (ErrorCode.FORWARD_REFERENCE)
            )
            return context.issue(code, ref.pos, name=name)
        if target.type is QuestionType.DISPLAY:
            return context.issue(ErrorCode.REFERENCE_TO_DISPLAY, ref.pos, name=name)
        if is_grid(target) and name == target.name:
            return context.issue(ErrorCode.REFERENCE_TO_GRID, ref.pos, name=name)
        return None

    def _unknown(self, ref: Ref, context: _Context) -> Issue:
        # A suggestion compares the name with every question's: past a few, a file full of
        # unknown names would make the check quadratic, and the first ones show the mistake.
        self.unknown_seen += 1
        close = []
        if self.unknown_seen <= MAX_SUGGESTIONS:
            close = difflib.get_close_matches(ref.name, list(self.owner), n=1)
        if close:
            return context.issue(
                ErrorCode.UNKNOWN_REFERENCE_SUGGEST, ref.pos, name=ref.name, suggestion=close[0]
            )
        return context.issue(ErrorCode.UNKNOWN_REFERENCE, ref.pos, name=ref.name)

    def _truth(self, node: Node) -> bool | None:
        domains: dict[str, Sequence[Any]] = {}
        options: dict[str, frozenset[str]] = {}
        for name in references(node):
            question = self.owner.get(name)
            if question is None or name not in self.asked or name in self.never:
                domains[name] = (None,)  # never answered when this expression runs
                continue
            if name != question.name:
                continue  # an "other" text: open
            domain = domain_of(question)
            if domain is not None:
                domains[name] = domain
            values = options_of(question)
            if values is not None:
                options[name] = frozenset(values)
        return static_truth(node, domains, options)


def _has_errors(issues: Sequence[Issue]) -> bool:
    return any(issue.is_error for issue in issues if issue.code is not ErrorCode.UNKNOWN_OPTION)


# -- Cycles ---------------------------------------------------------------------------------------


def _dependencies(questionnaire: Questionnaire, parse: _Parses) -> dict[str, set[str]]:
    """Who depends on whom: questions on the questions they name, and on their section."""
    owner: dict[str, str] = {}
    for question in questionnaire.questions():
        owner.setdefault(question.name, question.name)
        owner.setdefault(question.name + OTHER_SUFFIX, question.name)
    graph: dict[str, set[str]] = {}

    def names_in(source: str, exclude: str | None = None) -> set[str]:
        try:
            node = parse(source) if source.strip() else None
        except ExpressionError:
            return set()
        if node is None:
            return set()
        found = {owner[name] for name in references(node) if name in owner}
        return found - {exclude} if exclude else found

    for section in questionnaire.sections:
        section_node = "§" + section.name
        graph.setdefault(section_node, set()).update(names_in(section.relevant))
        for question in section.questions:
            edges = graph.setdefault(question.name, set())
            edges.update(names_in(question.relevant, exclude=question.name))
            edges.update(names_in(question.constraint, exclude=question.name))
            if section.relevant.strip():
                edges.add(section_node)
    return graph


def _cycles(questionnaire: Questionnaire, parses: _Parses) -> Iterator[Issue]:
    graph = _dependencies(questionnaire, parses)
    order = {name: index for index, name in enumerate(graph)}
    for component in _strongly_connected(graph):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        loop = _loop_through(start, graph, component)
        shown = [name.removeprefix("§") for name in loop]
        first_question = next((n for n in loop if not n.startswith("§")), None)
        yield Issue(
            ErrorCode.CYCLE,
            {"cycle": " → ".join([*shown, shown[0]])},
            question=first_question,
        )


def _strongly_connected(graph: Mapping[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative so a long chain of conditions cannot hit the stack limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _loop_through(start: str, graph: Mapping[str, set[str]], component: set[str]) -> list[str]:
    """A shortest path from ``start`` back to itself inside its component (breadth first)."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for successor in sorted(graph.get(node, ())):
                if successor not in component:
                    continue
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return list(reversed(path))
                if successor not in previous:
                    previous[successor] = node
                    following.append(successor)
        frontier = following
    return sorted(component)
