"""The fixed parts of the Vivier JSON format: its name, its version, the keys in their order.

Shared by the writer and the reader (the format itself is described in the package
docstring, :mod:`vivier.surveys.codecs.vivier_json`).
"""

from __future__ import annotations

from vivier.surveys.schema import QuestionType, SheetField

FORMAT = "vivier-questionnaire"
FORMAT_VERSION = 2
#: The version that introduced each question field; the others exist since version 1.
QUESTION_FIELD_VERSIONS = {"sheet_field": 2}

DEFAULT_OTHER_LABEL = "Autre (précisez)"
QUESTIONNAIRE_KEYS = (
    "format",
    "format_version",
    "slug",
    "title",
    "description",
    "language",
    "thanks",
    "meta",
    "translations",
    "sections",
)
SECTION_KEYS = ("name", "title", "description", "relevant", "meta", "translations", "questions")
QUESTION_KEYS = (
    "name",
    "type",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "choices",
    "other",
    "other_label",
    "scale",
    "personal_data",
    "number",
    "meta",
    "default",
    "soft_required",
    "translations",
    "sheet_field",
)
CHOICE_KEYS = ("value", "label", "translations")
SCALE_KEYS = ("points", "minimum", "labels", "rows")
TYPE_NAMES = tuple(t.value for t in QuestionType)
SHEET_FIELD_NAMES = tuple(f.value for f in SheetField)
