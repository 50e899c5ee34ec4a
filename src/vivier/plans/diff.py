"""What changed between two versions of a plan, item by item, for a reader.

Items are matched by their key (so a question whose text changed is one change, not a
removal and an addition), and each change names the item by its words (a question's text,
an indicator's title), never by its key. Links between items (an indicator's questions) are
given as the linked questions' texts too.

Values are left as the schema holds them (enums, numbers, tuples): the Django app puts them
in words in the reader's language, since this module cannot translate.

An indicator carries its definition number before and after: when it moves on, measurements
recorded earlier stay attached to the old definition and are not compared with new ones
(``schema.revise``, ``series.comparable``), and the reader must be told.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from vivier.plans.schema import Group, Indicator, Mode, Plan, Step


class Section(StrEnum):
    QUESTIONS = "questions"
    RESULTS = "results"
    CRITERIA = "criteria"
    INDICATORS = "indicators"
    MILESTONES = "milestones"


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One field of one item: its name in the schema, and its value before and after."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    section: Section
    kind: Kind
    #: The item's words: the text of a question, result or criterion, a title, a label.
    label: str
    #: For a changed item, each field that differs (in the schema's order).
    fields: tuple[FieldChange, ...] = ()
    #: Indicators only: the definition number before (0: new) and after (0: removed).
    definition_before: int = 0
    definition_after: int = 0

    @property
    def redefined(self) -> bool:
        """The indicator's definition moved on: earlier values are not compared with later."""
        return bool(self.definition_before and self.definition_after) and (
            self.definition_before != self.definition_after
        )


@dataclass(frozen=True)
class ModeChange:
    step: Step
    group: Group
    before: Mode
    after: Mode


@dataclass(frozen=True)
class PlanDiff:
    #: ``purpose`` and ``start``, when they changed.
    texts: tuple[FieldChange, ...]
    items: tuple[ItemChange, ...]
    participation: tuple[ModeChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.texts or self.items or self.participation)

    def of(self, section: Section) -> tuple[ItemChange, ...]:
        return tuple(item for item in self.items if item.section is section)


#: Fields never shown as a change: the key is internal, the definition is said apart.
_HIDDEN = frozenset({"key", "definition"})
_LABEL_FIELD = {
    Section.QUESTIONS: "text",
    Section.RESULTS: "text",
    Section.INDICATORS: "title",
    Section.MILESTONES: "label",
}


def diff(before: Plan, after: Plan) -> PlanDiff:
    """Every change from ``before`` to ``after``, in the plan's order of sections."""
    texts = tuple(
        FieldChange(name, getattr(before, name), getattr(after, name))
        for name in ("purpose", "start")
        if getattr(before, name) != getattr(after, name)
    )
    items: list[ItemChange] = []
    for section in Section:
        if section is Section.CRITERIA:
            items += _criteria(before.criteria, after.criteria)
        else:
            items += _keyed(section, before, after)
    modes = tuple(
        ModeChange(step, group, before.mode(step, group), after.mode(step, group))
        for step in Step
        for group in Group
        if before.mode(step, group) is not after.mode(step, group)
    )
    return PlanDiff(texts, tuple(items), modes)


def _criteria(before: Sequence[str], after: Sequence[str]) -> list[ItemChange]:
    # Criteria are free words without keys: a reworded one reads as removed, then added.
    removed = [
        ItemChange(Section.CRITERIA, Kind.REMOVED, text) for text in before if text not in after
    ]
    added = [ItemChange(Section.CRITERIA, Kind.ADDED, text) for text in after if text not in before]
    return removed + added


def _keyed(section: Section, before: Plan, after: Plan) -> list[ItemChange]:
    label = _LABEL_FIELD[section]
    old = {item.key: item for item in getattr(before, section.value)}
    new = {item.key: item for item in getattr(after, section.value)}
    changes: list[ItemChange] = []
    for key, item in new.items():
        previous = old.get(key)
        if previous is None:
            changes.append(
                ItemChange(
                    section, Kind.ADDED, getattr(item, label), definition_after=_definition(item)
                )
            )
            continue
        differing = tuple(
            FieldChange(
                f.name,
                *_shown(f.name, getattr(previous, f.name), getattr(item, f.name), before, after),
            )
            for f in fields(item)
            if f.name not in _HIDDEN and getattr(previous, f.name) != getattr(item, f.name)
        )
        moved = _definition(previous) != _definition(item)
        if differing or moved:
            changes.append(
                ItemChange(
                    section,
                    Kind.CHANGED,
                    getattr(item, label),
                    differing,
                    _definition(previous),
                    _definition(item),
                )
            )
    for key, item in old.items():
        if key not in new:
            changes.append(
                ItemChange(
                    section,
                    Kind.REMOVED,
                    getattr(item, label),
                    definition_before=_definition(item),
                )
            )
    return changes


def _definition(item: object) -> int:
    return item.definition if isinstance(item, Indicator) else 0


def _shown(name: str, old: Any, new: Any, before: Plan, after: Plan) -> tuple[Any, Any]:
    """An indicator's linked questions by their texts, each in the version it belongs to."""
    if name != "questions":
        return old, new
    return question_texts(before, old), question_texts(after, new)


def question_texts(plan: Plan, keys: Sequence[str]) -> tuple[str, ...]:
    """The texts of the questions ``keys`` in ``plan`` (a key it lacks stays as it is)."""
    texts = {question.key: question.text for question in plan.questions}
    return tuple(texts.get(key, key) for key in keys)


__all__ = [
    "FieldChange",
    "ItemChange",
    "Kind",
    "ModeChange",
    "PlanDiff",
    "Section",
    "diff",
    "question_texts",
]
