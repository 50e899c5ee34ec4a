"""Writing Vivier JSON: a questionnaire to the smallest document that says it all.

The writing rules (key order, optional fields left out) are in the package docstring.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from vivier.surveys.codecs import CodecError
from vivier.surveys.codecs.vivier_json.spec import (
    DEFAULT_OTHER_LABEL,
    FORMAT,
    QUESTION_FIELD_VERSIONS,
)
from vivier.surveys.schema import (
    PERSONAL_TYPES,
    YES_NO_CHOICES,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
)


def dump(questionnaire: Questionnaire) -> dict[str, Any]:
    """The questionnaire as a JSON-ready ``dict`` (see the module docstring for the format)."""
    q = questionnaire
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": _version_needed(q),
        "slug": q.slug,
        "title": q.title,
    }
    _put(data, "description", q.description, "")
    _put(data, "language", q.language, "fr")
    _put(data, "thanks", q.thanks, "")
    _put(data, "meta", _json_meta(q.meta, "meta"), {})
    _put(data, "translations", _plain_translations(q.translations), {})
    data["sections"] = [
        _dump_section(section, f"sections[{i}]") for i, section in enumerate(q.sections)
    ]
    return data


def dumps(questionnaire: Questionnaire, *, indent: int | None = 2) -> str:
    """The questionnaire as JSON text (UTF-8 friendly: accents are kept, not escaped)."""
    text = json.dumps(dump(questionnaire), ensure_ascii=False, indent=indent)
    return text + "\n" if indent is not None else text


def _version_needed(questionnaire: Questionnaire) -> int:
    """The lowest version that holds every field this questionnaire uses."""
    if any(q.sheet_field is not None for q in questionnaire.questions()):
        return QUESTION_FIELD_VERSIONS["sheet_field"]
    return 1


def _put(data: dict[str, Any], key: str, value: Any, default: Any) -> None:
    if value != default:
        data[key] = value


def _dump_section(section: Section, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {"name": section.name, "title": section.title}
    _put(data, "description", section.description, "")
    _put(data, "relevant", section.relevant, "")
    _put(data, "meta", _json_meta(section.meta, f"{path}.meta"), {})
    _put(data, "translations", _plain_translations(section.translations), {})
    data["questions"] = [
        _dump_question(question, f"{path}.questions[{i}]")
        for i, question in enumerate(section.questions)
    ]
    return data


def _dump_question(q: Question, path: str) -> dict[str, Any]:
    data: dict[str, Any] = {"name": q.name, "type": q.type.value, "label": q.label}
    _put(data, "hint", q.hint, "")
    _put(data, "required", q.required, False)
    _put(data, "required_message", q.required_message, "")
    _put(data, "relevant", q.relevant, "")
    _put(data, "constraint", q.constraint, "")
    _put(data, "constraint_message", q.constraint_message, "")
    implied_choices = YES_NO_CHOICES if q.type is QuestionType.YES_NO else ()
    if q.choices != implied_choices:
        data["choices"] = [_dump_choice(c) for c in q.choices]
    _put(data, "other", q.other, False)
    _put(data, "other_label", q.other_label, DEFAULT_OTHER_LABEL)
    implied_scale = RatingScale() if q.type is QuestionType.RATING else None
    if q.scale != implied_scale:
        data["scale"] = None if q.scale is None else _dump_scale(q.scale)
    _put(data, "personal_data", q.personal_data, q.type in PERSONAL_TYPES)
    _put(data, "number", q.number, None)
    _put(data, "meta", _json_meta(q.meta, f"{path}.meta"), {})
    _put(data, "default", q.default, "")
    _put(data, "soft_required", q.soft_required, False)
    _put(data, "translations", _plain_translations(q.translations), {})
    if q.sheet_field is not None:
        data["sheet_field"] = q.sheet_field.value
    return data


def _dump_choice(choice: Choice) -> dict[str, Any]:
    data: dict[str, Any] = {"value": choice.value, "label": choice.label}
    if choice.translations:
        data["translations"] = dict(choice.translations)
    return data


def _plain_translations(value: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    return {lang: dict(texts) for lang, texts in value.items()}


def _dump_scale(scale: RatingScale) -> dict[str, Any]:
    data: dict[str, Any] = {"points": scale.points, "minimum": scale.minimum}
    if scale.labels:
        # JSON object keys are strings; sorted by point so the file reads low to high.
        data["labels"] = {str(point): scale.labels[point] for point in sorted(scale.labels)}
    if scale.rows:
        data["rows"] = [_dump_choice(c) for c in scale.rows]
    return data


def _json_meta(value: Any, path: str) -> Any:
    """A plain JSON copy of ``meta``; refuses what JSON cannot hold rather than mangling it."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CodecError(path, f"{value!r} cannot be written as JSON")
        return value
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CodecError(path, f"meta keys must be strings, got {key!r}")
            out[key] = _json_meta(item, f"{path}.{key}")
        return out
    if isinstance(value, list | tuple):
        return [_json_meta(item, f"{path}[{i}]") for i, item in enumerate(value)]
    raise CodecError(path, f"a {type(value).__name__} cannot be written as JSON")
