"""The ``vivier_*`` columns of an exported XLSForm, and how to turn them back into Vivier.

XLSForm has no rating grid, département, e-mail, phone or yes/no question, no source
number, no personal-data flag and no place for provenance (``meta``). The exporter
(:mod:`vivier.surveys.codecs.xlsform.export`) therefore writes extra columns that ODK, KoboToolbox
and pyxform ignore, and an XLSForm importer calls :func:`restore` on the questionnaire it
built from the plain XLSForm columns::

    questionnaire = restore(questionnaire, survey_rows, settings_row)

``survey_rows`` are the rows of the survey sheet as dicts with lower-cased headers (``{"type":
"select_one q1", "name": "q1", "vivier_type": "...", ...}``), ``settings_row`` the first row
of the settings sheet the same way (optional). A file without any ``vivier_`` column comes
back unchanged, so the call is safe on every XLSForm.

Survey sheet columns:

========================  ======================================================================
``vivier_type``           the engine type when XLSForm would give back another one
                          (``yes_no``, ``rating``, ``departement``, ``email``, ``phone``,
                          ``long_text``); ``rating_grid`` on the ``begin_group`` of a grid,
                          ``section_description`` on the note that carries a section's text
``vivier_number``         the question's number in its source (HCTS "Q14" is 14)
``vivier_personal_data``  ``yes`` for personal data
``vivier_soft_required``  ``yes`` for a "warn once" required question
``vivier_other``          ``yes`` on a choice question whose ``other`` option and
                          ``<name>_other`` text question stand for Vivier's "Autre (précisez)"
``vivier_relevant``       the Vivier expression, when the ``relevant`` column had to be
``vivier_constraint``     rewritten for ODK (dates, e-mail check); for an ``email`` question
                          ``vivier_constraint`` is authoritative, empty meaning none
``vivier_row``            on a grid's row question, the row's value when the question's name
                          could not be ``<grid>_<value>`` (a value that is no identifier)
``vivier_sheet_field``    the practice-sheet field the answer fills (``title``, ``status``...)
``vivier_meta``           the question's or section's ``meta``, as JSON
========================  ======================================================================

Settings sheet columns: ``vivier_language``, ``vivier_description``, ``vivier_thanks``,
``vivier_translations`` and ``vivier_meta`` (both JSON).

A grid is exported as a ``begin_group`` (``vivier_type`` = ``rating_grid``, named after the
question) holding one ``select_one`` per row, named ``<grid>_<row value>``, over the list of
the scale's points: :func:`restore` puts the rows back into one rating question, wherever
the importer left them (in the enclosing section, or in a section of their own).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from vivier.surveys.schema import (
    OTHER_SUFFIX,
    OTHER_VALUE,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
    SheetField,
)

PREFIX = "vivier_"
TYPE = "vivier_type"
NUMBER = "vivier_number"
PERSONAL_DATA = "vivier_personal_data"
SOFT_REQUIRED = "vivier_soft_required"
OTHER = "vivier_other"
RELEVANT = "vivier_relevant"
CONSTRAINT = "vivier_constraint"
META = "vivier_meta"
ROW = "vivier_row"
SHEET_FIELD = "vivier_sheet_field"
_SHEET_FIELDS = frozenset(f.value for f in SheetField)
SURVEY_COLUMNS = (
    TYPE,
    NUMBER,
    PERSONAL_DATA,
    SOFT_REQUIRED,
    OTHER,
    RELEVANT,
    CONSTRAINT,
    ROW,
    SHEET_FIELD,
    META,
)

SETTINGS_LANGUAGE = "vivier_language"
SETTINGS_DESCRIPTION = "vivier_description"
SETTINGS_THANKS = "vivier_thanks"
SETTINGS_TRANSLATIONS = "vivier_translations"
SETTINGS_META = "vivier_meta"

RATING_GRID = "rating_grid"
SECTION_DESCRIPTION = "section_description"
YES = "yes"

#: ``label::English (en)`` -> ``label``, ``en``; the code in brackets is what identifies a
#: language, the name before it is for people.
_LANGUAGE_COLUMN_RE = re.compile(r"^(?P<field>[a-z_]+)::.*\((?P<code>[A-Za-z][A-Za-z0-9_-]*)\)\s*$")

Row = Mapping[str, Any]


def restore(
    questionnaire: Questionnaire,
    survey_rows: Sequence[Row],
    settings: Row | None = None,
) -> Questionnaire:
    """Give back what plain XLSForm lost, from the ``vivier_*`` columns (see the module doc)."""
    rows = [_clean(row) for row in survey_rows]
    settings_row = _clean(settings or {})
    if not any(key.startswith(PREFIX) for row in (*rows, settings_row) for key in row):
        return questionnaire
    plan = _Plan(rows, questionnaire.language)
    sections = _restore_sections(questionnaire, plan)
    return _restore_questionnaire(questionnaire, sections, settings_row)


def is_yes(value: Any) -> bool:
    return str(value or "").strip().lower() in {"yes", "true", "1", "true()", "oui"}


def _clean(row: Row) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in row.items():
        if key is None:
            continue
        out[str(key).strip().lower()] = "" if value is None else str(value).strip()
    return out


# --------------------------------------------------------------------------- reading the rows


@dataclasses.dataclass
class _Grid:
    row: dict[str, str]
    children: list[str]


class _Plan:
    """What the rows say must change: grids, section descriptions, other texts, per name."""

    def __init__(self, rows: list[dict[str, str]], language: str) -> None:
        self.language = language
        self.by_name: dict[str, dict[str, str]] = {}
        self.groups: dict[str, dict[str, str]] = {}
        self.grids: dict[str, _Grid] = {}
        self.grid_of: dict[str, str] = {}
        #: The group a grid sits in, which is the Vivier section that holds it.
        self.grid_parent: dict[str, str] = {}
        self.descriptions: set[str] = set()
        self.other_texts: set[str] = set()
        stack: list[str] = []
        for row in rows:
            kind = "_".join(row.get("type", "").lower().split())
            name = row.get("name", "")
            if kind in {"begin_group", "begin_repeat"}:
                if row.get(TYPE) == RATING_GRID:
                    self.grids[name] = _Grid(row, [])
                    self.grid_parent[name] = stack[-1] if stack else ""
                stack.append(name)
                self.groups[name] = row
                continue
            if kind in {"end_group", "end_repeat"}:
                if stack:
                    stack.pop()
                continue
            if not name:
                continue
            self.by_name[name] = row
            if stack and stack[-1] in self.grids:
                self.grids[stack[-1]].children.append(name)
                self.grid_of[name] = stack[-1]
            if row.get(TYPE) == SECTION_DESCRIPTION:
                self.descriptions.add(name)
            if is_yes(row.get(OTHER)):
                self.other_texts.add(name + OTHER_SUFFIX)

    def texts(self, row: dict[str, str], field: str) -> tuple[str, dict[str, str]]:
        """A text in the questionnaire's own language, and its translations, from a row."""
        own = row.get(field, "")
        translations: dict[str, str] = {}
        for key, value in row.items():
            match = _LANGUAGE_COLUMN_RE.match(key)
            if not match or match["field"] != field or not value:
                continue
            if match["code"] == self.language:
                own = own or value
            else:
                translations[match["code"]] = value
        return own, {lang: text for lang, text in translations.items() if text != own}


# --------------------------------------------------------------------------- rebuilding


def _restore_sections(questionnaire: Questionnaire, plan: _Plan) -> list[Section]:
    sections: list[Section] = []
    origins: list[str] = []
    done_grids: set[str] = set()
    for section in questionnaire.sections:
        questions: list[Question] = []
        description: Question | None = None
        for question in section.questions:
            if question.name in plan.descriptions:
                description = question
            elif question.name in plan.grid_of:
                grid = plan.grid_of[question.name]
                if grid not in done_grids:
                    done_grids.add(grid)
                    questions.append(_grid_question(plan, grid, questionnaire))
            elif question.name not in plan.other_texts:
                row = plan.by_name.get(question.name)
                questions.append(_restore_question(question, row, plan) if row else question)
        origin = str(section.meta.get("source_name") or section.name)
        if origin in plan.grids and plan.grid_parent.get(origin):
            # An importer that makes a page of every group split the grid's page in two or
            # three: a Vivier grid is one question of the page that holds it.
            origin = plan.grid_parent[origin]
            if not origins or origins[-1] != origin:
                section = _section_of_group(plan, origin, section)
        if origins and origins[-1] == origin:
            previous = sections[-1]
            sections[-1] = dataclasses.replace(
                previous, questions=(*previous.questions, *questions)
            )
            continue
        sections.append(_restore_section(section, questions, description, plan))
        origins.append(origin)
    return sections


def _section_of_group(plan: _Plan, name: str, imported: Section) -> Section:
    """The page a grid's group sat in, rebuilt from its ``begin_group`` row."""
    row = plan.groups.get(name, {})
    title, translations = plan.texts(row, "label")
    return Section(
        name,
        title or imported.title,
        (),
        relevant=row.get(RELEVANT) or row.get("relevant", ""),
        translations={lang: {"title": text} for lang, text in translations.items()},
    )


def _restore_section(
    section: Section, questions: list[Question], description: Question | None, plan: _Plan
) -> Section:
    changes: dict[str, Any] = {"questions": tuple(questions)}
    row = plan.groups.get(section.name, {})
    if row.get(META):
        changes["meta"] = {**section.meta, **_json_object(row[META])}
    if row.get(RELEVANT):
        changes["relevant"] = row[RELEVANT]
    translations = {lang: dict(texts) for lang, texts in section.translations.items()}
    if description is not None:
        changes["description"] = description.label
        for lang, texts in description.translations.items():
            if texts.get("label"):
                translations.setdefault(lang, {})["description"] = texts["label"]
    own = {"title": section.title, "description": changes.get("description", section.description)}
    changes["translations"] = _without_copies(translations, own)
    return dataclasses.replace(section, **changes)


def _restore_question(question: Question, row: dict[str, str], plan: _Plan) -> Question:
    changes: dict[str, Any] = {}
    choices = question.choices
    if is_yes(row.get(OTHER)):
        kept = tuple(c for c in choices if c.value != OTHER_VALUE)
        other = next((c for c in choices if c.value == OTHER_VALUE), None)
        changes["other"] = True
        if other is not None:
            changes["other_label"] = other.label
            choices = kept
    kind = _question_type(row.get(TYPE, ""))
    if kind is not None and kind is not question.type:
        changes["type"] = kind
        if kind is QuestionType.RATING:
            changes["scale"] = _scale_of(choices)
            choices = ()
        elif kind is QuestionType.DEPARTEMENT:
            choices = ()
    changes["choices"] = tuple(_choice_without_copies(c) for c in choices)
    if row.get(RELEVANT):
        changes["relevant"] = row[RELEVANT]
    if kind is QuestionType.EMAIL or row.get(CONSTRAINT):
        # The e-mail check was added for ODK: the Vivier type checks addresses by itself.
        changes["constraint"] = row.get(CONSTRAINT, "")
    _common_columns(changes, row, question.meta)
    restored = dataclasses.replace(question, **changes)
    return dataclasses.replace(
        restored, translations=_question_translations(restored, question, plan)
    )


def _common_columns(changes: dict[str, Any], row: dict[str, str], meta: Mapping[str, Any]) -> None:
    number = row.get(NUMBER, "")
    if number.lstrip("-").isdigit():
        changes["number"] = int(number)
    if is_yes(row.get(PERSONAL_DATA)):
        changes["personal_data"] = True
    if is_yes(row.get(SOFT_REQUIRED)):
        changes["soft_required"] = True
    if row.get(META):
        changes["meta"] = {**meta, **_json_object(row[META])}
    # A hand-edited cell naming no sheet field loses the mapping, not the whole import.
    if row.get(SHEET_FIELD) in _SHEET_FIELDS:
        changes["sheet_field"] = SheetField(row[SHEET_FIELD])


def _question_translations(
    restored: Question, imported: Question, plan: _Plan
) -> dict[str, dict[str, str]]:
    translations = {lang: dict(texts) for lang, texts in restored.translations.items()}
    if restored.other and not imported.other:
        for choice in imported.choices:
            if choice.value == OTHER_VALUE:
                for lang, text in choice.translations.items():
                    translations.setdefault(lang, {})["other_label"] = text
    own = {
        "label": restored.label,
        "hint": restored.hint,
        "required_message": restored.required_message,
        "constraint_message": restored.constraint_message,
        "other_label": restored.other_label,
    }
    return _without_copies(translations, own)


def _grid_question(plan: _Plan, name: str, questionnaire: Questionnaire) -> Question:
    grid = plan.grids[name]
    row = grid.row
    imported = questionnaire.question_map()
    children = [imported[child] for child in grid.children if child in imported]
    first = children[0]
    label, label_tr = plan.texts(row, "label")
    hint, hint_tr = plan.texts(row, "hint")
    translations: dict[str, dict[str, str]] = {}
    for lang, text in label_tr.items():
        translations.setdefault(lang, {})["label"] = text
    for lang, text in hint_tr.items():
        translations.setdefault(lang, {})["hint"] = text
    for lang, texts in first.translations.items():
        if texts.get("required_message"):
            translations.setdefault(lang, {})["required_message"] = texts["required_message"]
    rows = tuple(
        _choice_without_copies(
            Choice(
                plan.by_name.get(child.name, {}).get(ROW) or child.name[len(name) + 1 :],
                child.label,
                {lang: t["label"] for lang, t in child.translations.items() if t.get("label")},
            )
        )
        for child in children
    )
    scale = dataclasses.replace(_scale_of(first.choices), rows=rows)
    changes: dict[str, Any] = {}
    _common_columns(changes, row, {})
    return Question(
        name=name,
        type=QuestionType.RATING,
        label=label,
        hint=hint,
        required=first.required,
        required_message=first.required_message,
        relevant=row.get(RELEVANT) or row.get("relevant", ""),
        constraint=row.get(CONSTRAINT, ""),
        scale=scale,
        translations=_without_copies(translations, {"label": label, "hint": hint}),
        **changes,
    )


def _scale_of(choices: Sequence[Choice]) -> RatingScale:
    points = []
    labels: dict[int, str] = {}
    for choice in choices:
        try:
            point = int(choice.value)
        except ValueError:
            continue
        points.append(point)
        if choice.label.strip() != choice.value:
            labels[point] = choice.label
    if not points:
        return RatingScale()
    return RatingScale(points=max(points) - min(points) + 1, minimum=min(points), labels=labels)


def _restore_questionnaire(
    questionnaire: Questionnaire, sections: list[Section], settings: dict[str, str]
) -> Questionnaire:
    changes: dict[str, Any] = {"sections": tuple(sections)}
    if settings.get(SETTINGS_LANGUAGE):
        changes["language"] = settings[SETTINGS_LANGUAGE]
    if settings.get(SETTINGS_DESCRIPTION):
        changes["description"] = settings[SETTINGS_DESCRIPTION]
    if settings.get(SETTINGS_THANKS):
        changes["thanks"] = settings[SETTINGS_THANKS]
    if settings.get(SETTINGS_TRANSLATIONS):
        changes["translations"] = _json_object(settings[SETTINGS_TRANSLATIONS])
    if settings.get(SETTINGS_META):
        changes["meta"] = {**questionnaire.meta, **_json_object(settings[SETTINGS_META])}
    return dataclasses.replace(questionnaire, **changes)


# --------------------------------------------------------------------------- helpers


def _question_type(text: str) -> QuestionType | None:
    try:
        return QuestionType(text)
    except ValueError:
        return None


def _json_object(text: str) -> dict[str, Any]:
    # A hand-edited cell that is no longer JSON loses its metadata, not the whole import.
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _choice_without_copies(choice: Choice) -> Choice:
    kept = {lang: text for lang, text in choice.translations.items() if text != choice.label}
    return (
        choice
        if len(kept) == len(choice.translations)
        else Choice(choice.value, choice.label, kept)
    )


def _without_copies(
    translations: Mapping[str, Mapping[str, str]], own: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """Drop translated texts that only repeat the own-language text.

    The exporter fills an untranslated cell with the own-language text, because ODK shows
    "-" for an empty one; reading it back as a translation would invent one.
    """
    out: dict[str, dict[str, str]] = {}
    for lang, texts in translations.items():
        kept = {key: text for key, text in texts.items() if text and text != own.get(key)}
        if kept:
            out[lang] = kept
    return out


__all__ = [
    "CONSTRAINT",
    "META",
    "NUMBER",
    "OTHER",
    "PERSONAL_DATA",
    "RATING_GRID",
    "RELEVANT",
    "ROW",
    "SECTION_DESCRIPTION",
    "SETTINGS_DESCRIPTION",
    "SETTINGS_LANGUAGE",
    "SETTINGS_META",
    "SETTINGS_THANKS",
    "SETTINGS_TRANSLATIONS",
    "SHEET_FIELD",
    "SOFT_REQUIRED",
    "SURVEY_COLUMNS",
    "TYPE",
    "YES",
    "is_yes",
    "restore",
]
