"""The choices sheet: its lists (duplicates refused or merged), and each select's options."""

from __future__ import annotations

from dataclasses import replace

from vivier.problems import ProblemCode, codes
from vivier.surveys.codecs.xlsform.passes.sheets import checked_columns
from vivier.surveys.codecs.xlsform.passes.state import YES, BuildState, ChoiceRow, Entry, any_label
from vivier.surveys.codecs.xlsform.sheets import CHOICES, CHOICES_ALIASES, Cells, Sheet, understand
from vivier.surveys.schema import OTHER_VALUE, Choice, QuestionType


def read_choices(state: BuildState) -> list[Cells]:
    sheet = state.workbook.sheet(CHOICES)
    if sheet is None:
        return []
    cols = checked_columns(state, sheet, CHOICES_ALIASES)
    rows = [understand(row, cols) for row in sheet.rows]
    if rows and not {"list_name", "name"} <= cols.present:
        missing = sorted({"list_name", "name"} - cols.present)
        state.report(
            ProblemCode.XLSFORM_CHOICES_COLUMNS,
            state.where(sheet, 1),
            sheet=sheet.title,
            missing=", ".join(missing),
        )
        return rows
    allow_duplicates = state.settings.get("allow_choice_duplicates", "").lower() in YES
    seen: dict[tuple[str, str], Cells] = {}
    for cells in rows:
        list_name, value = cells.get("list_name"), cells.get("name")
        if not list_name and not value:
            continue
        if not value:
            state.report(
                ProblemCode.XLSFORM_CHOICE_WITHOUT_NAME,
                state.where(sheet, cells.number, cells.header("name")),
                list_name=list_name,
            )
            continue
        if not list_name:
            continue
        kept = seen.get((list_name, value))
        if kept is not None:
            first = kept.number
            if allow_duplicates:
                _merged_duplicate(state, sheet, list_name, value, kept, cells)
                continue
            state.report(
                ProblemCode.XLSFORM_DUPLICATE_CHOICE,
                state.where(sheet, cells.number, cells.header("name")),
                list_name=list_name,
                value=value,
                first=first,
                row=cells.number,
            )
            continue
        seen[(list_name, value)] = cells
        state.lists.setdefault(list_name, []).append(ChoiceRow(cells, value))
    return rows


def _merged_duplicate(
    state: BuildState, sheet: Sheet, list_name: str, value: str, kept: Cells, cells: Cells
) -> None:
    """Two options of one list with one value, as ``allow_choice_duplicates`` permits.

    An answer records the value only, so nothing can tell the two apart afterwards:
    Vivier keeps one option per value, and says which label the other one loses.
    """
    kept_label, other_label = any_label(kept), any_label(cells)
    state.report(
        ProblemCode.XLSFORM_DUPLICATE_CHOICE_MERGED,
        state.where(sheet, cells.number, cells.header("name")),
        list_name=list_name,
        value=value,
        first=kept.number,
        row=cells.number,
        label=kept_label,
        lost="."
        if kept_label == other_label
        else codes.LABEL_NOT_OFFERED(label=other_label, row=cells.number),
    )


def question_choices(state: BuildState, entry: Entry) -> tuple[tuple[Choice, ...], bool]:
    kind, cells = entry.kind, entry.cells
    if kind.select == "acknowledge":
        return (Choice("OK", "OK"),), False
    if not kind.select:
        return (), False
    list_name = kind.list_name or cells.get("select_from_list_name")
    if list_name.startswith("${"):
        state.report(
            ProblemCode.XLSFORM_CHOICES_FROM_ANSWERS,
            state.at(cells, "type"),
            list_name=list_name,
        )
        entry.kind = replace(kind, question_type=QuestionType.SHORT_TEXT, select="")
        return (), False
    rows = state.lists.get(list_name)
    if rows is None:
        state.report(ProblemCode.XLSFORM_UNKNOWN_LIST, state.at(cells, "type"), list_name=list_name)
        return (), False
    choices = []
    for row in rows:
        label, translations = state.languages.split(row.cells.texts("label"))
        choices.append(Choice(row.value, label or row.value, translations))
    other = kind.other and OTHER_VALUE not in {c.value for c in choices}
    return tuple(choices), other


def choice_filter(state: BuildState, cells: Cells) -> None:
    if cells.get("choice_filter"):
        state.report(
            ProblemCode.XLSFORM_CHOICE_FILTER_DROPPED,
            state.at(cells, "choice_filter"),
            filter=cells.get("choice_filter"),
        )
