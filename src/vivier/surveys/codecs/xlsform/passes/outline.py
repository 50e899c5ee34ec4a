"""First pass over the survey sheet: every name, the groups, the calculations.

A condition may name a question placed later, and a ``calculate`` is inlined wherever it is
used, so every name is learnt before any question is built.
"""

from __future__ import annotations

import difflib

from vivier.problems import ProblemCode, codes
from vivier.surveys.codecs.xlsform.kinds import TYPES_LOWER, Kind, classify
from vivier.surveys.codecs.xlsform.names import ENGINE_NAME_RE, engine_name, unique
from vivier.surveys.codecs.xlsform.passes.state import YES, BuildState, Entry, Group, any_label
from vivier.surveys.codecs.xlsform.sheets import Cells
from vivier.surveys.schema import OTHER_SUFFIX, QuestionType


def first_pass(state: BuildState, survey_rows: list[Cells]) -> None:
    taken: set[str] = set()
    stack: list[Group] = []
    for cells in survey_rows:
        if cells.get("disabled").lower() in YES:
            continue
        raw_type, source_name = cells.get("type"), cells.get("name")
        kind = classify(raw_type)
        if kind.role == "empty":
            if source_name or cells.texts("label"):
                state.report(
                    ProblemCode.XLSFORM_NO_TYPE,
                    state.at(cells, "type"),
                    name=source_name or any_label(cells),
                )
            continue  # a comment row
        if kind.role == "end":
            _end(state, cells, kind, stack)
            continue
        if kind.role in {"unknown", "include"}:
            _refuse_type(state, cells, kind, raw_type)
            continue
        if kind.role == "metadata":
            state.unusable[source_name] = (
                "donnée technique non importée",
                "technical data, not imported",
            )
            state.report(
                ProblemCode.XLSFORM_METADATA_DROPPED, state.at(cells, "type"), type=raw_type
            )
            continue
        if not source_name and not (
            kind.role == "question" and kind.question_type is QuestionType.DISPLAY
        ):
            state.report(ProblemCode.XLSFORM_NO_NAME, state.at(cells, "name"), type=raw_type)
            continue
        path = tuple(g.source_name for g in stack)
        if kind.role == "begin":
            group = Group(cells, kind, source_name, path=(*path, source_name))
            state.unusable.setdefault(
                source_name, ("c'est un groupe, pas une question", "it is a group")
            )
            stack.append(group)
            state.entries.append(group)
            continue
        if kind.role == "calculate":
            entry = Entry(cells, kind, source_name, group_path=path)
            if not cells.get("calculation") and not cells.get("default"):
                state.report(
                    ProblemCode.XLSFORM_CALCULATION_MISSING,
                    state.at(cells, "calculation"),
                    name=source_name,
                )
            state.calculations[source_name] = entry
            continue
        if not source_name:
            source_name = f"note_{cells.number}"
        entry = Entry(cells, kind, source_name, group_path=path)
        entry.name = _name_for(state, entry, taken)
        state.entries.append(entry)
    for group in reversed(stack):
        state.report(
            ProblemCode.XLSFORM_UNCLOSED_GROUP,
            state.at(group.cells, "type"),
            name=group.source_name,
            control=group.kind.control,
        )


def _end(state: BuildState, cells: Cells, kind: Kind, stack: list[Group]) -> None:
    if not stack:
        state.report(
            ProblemCode.XLSFORM_UNMATCHED_END, state.at(cells, "type"), control=kind.control
        )
        return
    group = stack[-1]
    if group.kind.control != kind.control:
        state.report(
            ProblemCode.XLSFORM_MISMATCHED_END,
            state.at(cells, "type"),
            control=kind.control,
            opened=group.kind.control,
            name=group.source_name,
            row=group.cells.number,
        )
    stack.pop()
    state.entries.append(("end", cells))


def _refuse_type(state: BuildState, cells: Cells, kind: Kind, raw_type: str) -> None:
    if kind.role == "include":
        state.report(ProblemCode.XLSFORM_INCLUDE, state.at(cells, "type"))
        return
    known = [*TYPES_LOWER, "select_one", "select_multiple", "begin group", "end group"]
    close = difflib.get_close_matches(raw_type.lower(), known, n=1)
    state.report(
        ProblemCode.XLSFORM_UNKNOWN_TYPE,
        state.at(cells, "type"),
        type=raw_type,
        hint=codes.DID_YOU_MEAN_INSTEAD(name=close[0]) if close else ".",
    )


def _name_for(state: BuildState, entry: Entry, taken: set[str]) -> str:
    source = entry.source_name
    base = source if ENGINE_NAME_RE.fullmatch(source) else engine_name(source)
    name = unique(base, taken)
    taken.add(name)
    if entry.kind.other:
        taken.add(name + OTHER_SUFFIX)
    if source in state.names:
        state.report(
            ProblemCode.XLSFORM_DUPLICATE_NAME,
            state.at(entry.cells, "name"),
            source=source,
            name=name,
        )
    else:
        state.names[source] = name
        if name != source:
            state.report(
                ProblemCode.XLSFORM_NAME_RENAMED,
                state.at(entry.cells, "name"),
                source=source,
                name=name,
            )
    return name
