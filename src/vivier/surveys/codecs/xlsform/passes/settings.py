"""The settings sheet, and the questionnaire's language chosen from it and the texts."""

from __future__ import annotations

from vivier.surveys.codecs.xlsform.languages import Languages, choose_language
from vivier.surveys.codecs.xlsform.passes.sheets import checked_columns
from vivier.surveys.codecs.xlsform.passes.state import BuildState
from vivier.surveys.codecs.xlsform.sheets import SETTINGS, SETTINGS_ALIASES, Cells, understand


def read_settings(state: BuildState) -> None:
    sheet = state.workbook.sheet(SETTINGS)
    if sheet is None or not sheet.rows:
        return
    cols = checked_columns(state, sheet, SETTINGS_ALIASES)
    cells = understand(sheet.rows[0], cols)
    state.settings = {key: text for (key, lang), text in cells.values.items() if not lang}


def detect_languages(
    state: BuildState, survey_rows: list[Cells], choice_rows: list[Cells]
) -> Languages:
    found: list[str] = []
    for cells in [*survey_rows, *choice_rows]:
        for key, lang in cells.values:
            if lang and key in {"label", "hint"} and lang not in found:
                found.append(lang)
    declared = state.settings.get("default_language", "")
    if declared.lower() == "default":
        declared = ""
    return choose_language(declared, found)
