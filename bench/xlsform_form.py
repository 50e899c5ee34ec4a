"""A large, realistic XLSForm, generated: what ``bench.xlsform`` imports.

``write_form(path, questions)`` writes an .xlsx of ``questions`` questions in groups of
twenty, the way big national surveys are laid out: each group opens with a note, holds
yes/no questions, single and multiple choices on lists of their own (one list for every ten
questions, so the ``choices`` sheet grows with the form), integers with a range constraint,
texts and dates; about a third of the questions are shown only after an answer given
earlier (``${qN} = 'oui'``, ``selected(${qN}, 'b')``, ``${qN} > 3``), some referring back
to the group before, and one group in ten has its own relevance. Every name is unique and
every reference points backwards, so the form is valid: the benchmark measures an import
that succeeds.
"""

from __future__ import annotations

from pathlib import Path

GROUP_SIZE = 20
OPTIONS_PER_LIST = 5


def rows(questions: int) -> tuple[list[list[str]], list[list[str]]]:
    """The ``survey`` and ``choices`` rows (headers first) of a form of ``questions``."""
    survey = [["type", "name", "label", "hint", "required", "relevant", "constraint",
               "constraint_message"]]  # fmt: skip
    choices = [["list_name", "name", "label"]]
    choices += [["oui_non", "oui", "Oui"], ["oui_non", "non", "Non"]]
    yes_no: list[str] = []
    lists: list[tuple[str, str]] = []  # (question, list) of single and multiple choices
    integers: list[str] = []
    number = 0
    group = 0
    while number < questions:
        group += 1
        relevant = ""
        if group % 10 == 0 and yes_no:
            relevant = f"${{{yes_no[-1]}}} = 'oui'"
        survey.append(["begin_group", f"g{group}", f"Partie {group}", "", "", relevant, "", ""])
        survey.append(["note", f"g{group}_intro", f"Dans cette partie : thème {group}.",
                       "", "", "", "", ""])  # fmt: skip
        for _ in range(min(GROUP_SIZE, questions - number)):
            number += 1
            name = f"q{number}"
            kind = number % 6
            label = f"Question {number} : que pensez-vous du point {number} ?"
            relevant = _relevance(number, yes_no, lists, integers)
            required = "yes" if number % 4 == 0 else ""
            constraint = message = ""
            if kind == 0:
                qtype = "select_one oui_non"
                yes_no.append(name)
            elif kind in (1, 2):
                list_name = f"liste{number // 10}"
                if not lists or lists[-1][1] != list_name:
                    for option in range(OPTIONS_PER_LIST):
                        value = "abcdefghij"[option]
                        choices.append([list_name, value, f"Réponse {value} ({list_name})"])
                qtype = ("select_one " if kind == 1 else "select_multiple ") + list_name
                lists.append((name, list_name))
            elif kind == 3:
                qtype = "integer"
                constraint = ". >= 0 and . <= 120"
                message = "Entre 0 et 120."
                integers.append(name)
            elif kind == 4:
                qtype = "text"
            else:
                qtype = "date"
            survey.append([qtype, name, label, f"Aide {number}", required, relevant, constraint,
                           message])  # fmt: skip
        survey.append(["end_group", "", "", "", "", "", "", ""])
    return survey, choices


def _relevance(
    number: int, yes_no: list[str], lists: list[tuple[str, str]], integers: list[str]
) -> str:
    """A condition on an earlier question for one question in three; the rest have none."""
    if number % 3 != 0:
        return ""
    pick = number % 9
    if pick == 0 and yes_no:
        # Sometimes far back (the group before), sometimes the last one.
        target = yes_no[-2] if len(yes_no) > 1 and number % 2 else yes_no[-1]
        return f"${{{target}}} = 'oui'"
    if pick == 3 and lists:
        return f"selected(${{{lists[-1][0]}}}, 'b')"
    if integers:
        return f"${{{integers[-1]}}} > 3 and ${{{integers[-1]}}} < 100"
    return ""


def write_form(path: Path, questions: int) -> dict[str, int]:
    """Write the form to ``path`` (.xlsx); returns its sizes."""
    from openpyxl import Workbook

    survey, choices = rows(questions)
    # A normal workbook, not a write-only one: like Excel, it writes the sheets' dimensions
    # and a shared-strings table, and leaves empty cells out (readers rely on all three).
    book = Workbook()
    book.remove(book.active)
    for title, sheet_rows in (("survey", survey), ("choices", choices)):
        sheet = book.create_sheet(title)
        for row in sheet_rows:
            sheet.append([cell or None for cell in row])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append([f"Enquête de {questions} questions", "enquete_bench", "1"])
    book.save(path)
    return {
        "questions": questions,
        "survey_rows": len(survey) - 1,
        "choice_rows": len(choices) - 1,
        "bytes": path.stat().st_size,
    }
