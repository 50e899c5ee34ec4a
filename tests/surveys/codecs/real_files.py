"""Small questionnaire files shaped like the ones people bring from other tools.

Each is built in memory (an openpyxl workbook, a KoboToolbox content dict, a minimal .lss
string), so a test shows the exact idiom it is about.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl

Rows = list[list[Any]]


def workbook(*sheets: tuple[str, Rows]) -> bytes:
    """An .xlsx holding these sheets, in order (no sheet at all gives one empty sheet)."""
    book = openpyxl.Workbook()
    if sheets:
        book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: A form where one question is retired with ``relevant`` = 0, one group with ``false()``,
#: and a later question depends on the retired one (ODK never shows it either).
HIDDEN_SURVEY: Rows = [
    ["type", "name", "label", "relevant"],
    ["select_one yn", "visite", "Avez-vous été reçu ?", ""],
    ["text", "ancien", "Ancienne question", "0"],
    ["text", "suite", "Précisez", "${ancien} != ''"],
    ["begin group", "archive", "Archive", "false()"],
    ["text", "note_archive", "Texte archivé", ""],
    ["end group", "", "", ""],
    ["text", "fin", "Un dernier mot ?", ""],
]
YES_NO: Rows = [
    ["list_name", "name", "label"],
    ["yn", "oui", "Oui"],
    ["yn", "non", "Non"],
]


def kobo_content_with_language_columns() -> dict[str, Any]:
    """KoboToolbox content whose texts carry ``::Language`` suffixes, without ``translations``."""
    return {
        "name": "Visite",
        "content": {
            "survey": [
                {
                    "type": "select_one",
                    "select_from_list_name": "yn",
                    "name": "recu",
                    "label::English": "Were you received?",
                    "label::French": "Avez-vous été reçu ?",
                },
                {
                    "type": "text",
                    "name": "remarque",
                    "label::English": "Remark",
                    "label::French": "Remarque",
                    "hint::English": "Optional",
                    "hint::French": "Facultatif",
                },
            ],
            "choices": [
                {"list_name": "yn", "name": "yes", "label::English": "Yes", "label::French": "Oui"},
                {"list_name": "yn", "name": "no", "label::English": "No", "label::French": "Non"},
            ],
            "settings": {"id_string": "visite"},
        },
    }


def _table(name: str, rows: list[dict[str, str]]) -> str:
    fields = "".join(f"<fieldname>{key}</fieldname>" for key in rows[0])
    body = "".join(
        "<row>" + "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in row.items()) + "</row>"
        for row in rows
    )
    return f"<{name}><fields>{fields}</fields><rows>{body}</rows></{name}>\n"


def lss_with_quotas() -> bytes:
    """A LimeSurvey 6 export: one group, one question, and two quotas on its answers."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<document>\n'
        "<LimeSurveyDocType>Survey</LimeSurveyDocType>\n<DBVersion>642</DBVersion>\n"
        + _table("groups", [{"gid": "10", "sid": "555111", "group_order": "1"}])
        + _table("group_l10ns", [{"gid": "10", "group_name": "Profil", "language": "fr"}])
        + _table(
            "questions",
            [
                {
                    "qid": "1",
                    "parent_qid": "0",
                    "sid": "555111",
                    "gid": "10",
                    "type": "G",
                    "title": "Q1",
                    "mandatory": "Y",
                    "question_order": "1",
                    "relevance": "1",
                }
            ],
        )
        + _table("question_l10ns", [{"qid": "1", "question": "Vous êtes ?", "language": "fr"}])
        + _table(
            "quota",
            [
                {"id": "1", "sid": "555111", "name": "Femmes", "qlimit": "50", "action": "1"},
                {"id": "2", "sid": "555111", "name": "", "qlimit": "40", "action": "1"},
            ],
        )
        + _table(
            "quota_members",
            [
                {"id": "1", "sid": "555111", "qid": "1", "quota_id": "1", "code": "F"},
                {"id": "2", "sid": "555111", "qid": "1", "quota_id": "2", "code": "M"},
            ],
        )
        + _table(
            "quota_languagesettings",
            [
                {
                    "quotals_id": "1",
                    "quotals_quota_id": "1",
                    "quotals_language": "fr",
                    "quotals_name": "Femmes",
                    "quotals_message": "Merci, le quota est atteint.",
                },
                {
                    "quotals_id": "2",
                    "quotals_quota_id": "2",
                    "quotals_language": "fr",
                    "quotals_name": "Hommes",
                    "quotals_message": "Merci, le quota est atteint.",
                },
            ],
        )
        + _table("surveys", [{"sid": "555111", "language": "fr", "additional_languages": ""}])
        + _table(
            "surveys_languagesettings",
            [{"surveyls_language": "fr", "surveyls_title": "Enquête à quotas"}],
        )
        + "</document>\n"
    ).encode()
