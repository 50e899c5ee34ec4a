"""Reading Vivier JSON, strictly: a wrong field is refused with a :class:`CodecError` naming it.

Checks that need the whole questionnaire are :mod:`vivier.surveys.validation`'s.
"""

from __future__ import annotations

import copy
import difflib
import json
from typing import Any

from vivier.problems import Localized, codes
from vivier.surveys.codecs import CodecError
from vivier.surveys.codecs.vivier_json.spec import (
    CHOICE_KEYS,
    DEFAULT_OTHER_LABEL,
    FORMAT,
    FORMAT_VERSION,
    QUESTION_FIELD_VERSIONS,
    QUESTION_KEYS,
    QUESTIONNAIRE_KEYS,
    SCALE_KEYS,
    SECTION_KEYS,
    SHEET_FIELD_NAMES,
    TYPE_NAMES,
)
from vivier.surveys.schema import (
    PERSONAL_TYPES,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
    SheetField,
)


def loads(text: str | bytes) -> Questionnaire:
    """Read a questionnaire from JSON text; bad JSON and bad fields raise :class:`CodecError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodecError(
            "", codes.NOT_JSON(line=exc.lineno, column=exc.colno, detail=exc.msg)
        ) from exc
    except UnicodeDecodeError as exc:
        raise CodecError("", codes.NOT_UTF8(detail=exc.reason)) from exc
    return load(data)


def load(data: Any) -> Questionnaire:
    """Build a :class:`Questionnaire` from the ``dict`` that :func:`dump` produces."""
    obj = _object(data, "", QUESTIONNAIRE_KEYS, required=("format", "format_version"))
    if obj["format"] != FORMAT:
        raise CodecError("format", codes.EXPECTED(expected=repr(FORMAT), got=repr(obj["format"])))
    version = obj["format_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise CodecError(
            "format_version", codes.EXPECTED(expected=codes.AN_INTEGER, got=_kind(version))
        )
    if version > FORMAT_VERSION:
        raise CodecError(
            "format_version", codes.VERSION_TOO_NEW(version=version, supported=FORMAT_VERSION)
        )
    if version < 1:
        raise CodecError("format_version", codes.UNKNOWN_VERSION(version=version))
    _require(obj, "", ("slug", "title", "sections"))
    sections = _list(obj["sections"], "sections")
    return Questionnaire(
        slug=_text(obj, "slug", "", non_empty=True),
        title=_text(obj, "title", ""),
        description=_text(obj, "description", ""),
        language=_text(obj, "language", "", default="fr", non_empty=True),
        thanks=_text(obj, "thanks", ""),
        meta=_meta(obj, ""),
        translations=_translations(obj, "", ("title", "description", "thanks")),
        sections=tuple(
            _load_section(item, f"sections[{i}]", version) for i, item in enumerate(sections)
        ),
    )


def _load_section(data: Any, path: str, version: int) -> Section:
    obj = _object(data, path, SECTION_KEYS, required=("name", "title", "questions"))
    questions = _list(obj["questions"], f"{path}.questions")
    return Section(
        name=_text(obj, "name", path, non_empty=True),
        title=_text(obj, "title", path),
        description=_text(obj, "description", path),
        relevant=_text(obj, "relevant", path),
        meta=_meta(obj, path),
        translations=_translations(obj, path, ("title", "description")),
        questions=tuple(
            _load_question(item, f"{path}.questions[{i}]", version)
            for i, item in enumerate(questions)
        ),
    )


def _load_question(data: Any, path: str, version: int) -> Question:
    obj = _object(data, path, QUESTION_KEYS, required=("name", "type", "label"))
    for key, since in QUESTION_FIELD_VERSIONS.items():
        if key in obj and version < since:
            raise CodecError(
                f"{path}.{key}", codes.FIELD_NEEDS_VERSION(since=since, version=version)
            )
    type_name = obj["type"]
    if not isinstance(type_name, str):
        raise CodecError(f"{path}.type", _expected("string", type_name))
    if type_name not in TYPE_NAMES:
        raise CodecError(
            f"{path}.type",
            codes.UNKNOWN_QUESTION_TYPE(
                type=repr(type_name),
                hint=_did_you_mean(type_name, TYPE_NAMES),
                known=", ".join(TYPE_NAMES),
            ),
        )
    qtype = QuestionType(type_name)
    kwargs: dict[str, Any] = {
        "name": _text(obj, "name", path, non_empty=True),
        "type": qtype,
        "label": _text(obj, "label", path),
        "hint": _text(obj, "hint", path),
        "required": _flag(obj, "required", path),
        "required_message": _text(obj, "required_message", path),
        "relevant": _text(obj, "relevant", path),
        "constraint": _text(obj, "constraint", path),
        "constraint_message": _text(obj, "constraint_message", path),
        "other": _flag(obj, "other", path),
        "other_label": _text(obj, "other_label", path, default=DEFAULT_OTHER_LABEL),
        "personal_data": _flag(obj, "personal_data", path, default=qtype in PERSONAL_TYPES),
        "number": _number(obj, path),
        "meta": _meta(obj, path),
        "default": _text(obj, "default", path),
        "soft_required": _flag(obj, "soft_required", path),
        "translations": _translations(obj, path, _QUESTION_TEXTS),
        "sheet_field": _sheet_field(obj, path),
    }
    if "choices" in obj:
        kwargs["choices"] = _choices(obj["choices"], f"{path}.choices")
    if "scale" in obj:
        kwargs["scale"] = None if obj["scale"] is None else _scale(obj["scale"], f"{path}.scale")
    return Question(**kwargs)


def _choices(data: Any, path: str) -> tuple[Choice, ...]:
    items = _list(data, path)
    out = []
    for i, item in enumerate(items):
        item_path = f"{path}[{i}]"
        obj = _object(item, item_path, CHOICE_KEYS, required=("value", "label"))
        labels = obj.get("translations", {})
        if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
            raise CodecError(f"{item_path}.translations", codes.LABELS_BY_LANGUAGE)
        out.append(
            Choice(
                value=_text(obj, "value", item_path, non_empty=True),
                label=_text(obj, "label", item_path),
                translations=labels,
            )
        )
    return tuple(out)


def _scale(data: Any, path: str) -> RatingScale:
    obj = _object(data, path, SCALE_KEYS, required=())
    points = _integer(obj, "points", path, default=5)
    if points < 1:
        raise CodecError(f"{path}.points", codes.SCALE_WITHOUT_POINTS(points=points))
    minimum = _integer(obj, "minimum", path, default=1)
    labels: dict[int, str] = {}
    raw_labels = obj.get("labels", {})
    if not isinstance(raw_labels, dict):
        raise CodecError(f"{path}.labels", _expected("object", raw_labels))
    for key, label in raw_labels.items():
        try:
            point = int(key)
        except ValueError:
            raise CodecError(f"{path}.labels", codes.NOT_A_POINT(key=repr(key))) from None
        if not isinstance(label, str):
            raise CodecError(f"{path}.labels.{key}", _expected("string", label))
        labels[point] = label
    rows = _choices(obj["rows"], f"{path}.rows") if "rows" in obj else ()
    return RatingScale(points=points, minimum=minimum, labels=labels, rows=rows)


# --------------------------------------------------------------------------- helpers


def _kind(value: Any) -> Localized:
    """How JSON would name the type of a value, for messages written for humans."""
    if value is None:
        return codes.JSON_KINDS["null"]
    if isinstance(value, bool):
        return codes.JSON_KINDS["boolean"]
    if isinstance(value, int | float):
        return codes.JSON_KINDS["number"]
    if isinstance(value, str):
        return codes.JSON_KINDS["string"]
    if isinstance(value, list):
        return codes.JSON_KINDS["list"]
    if isinstance(value, dict):
        return codes.JSON_KINDS["object"]
    return Localized(type(value).__name__, type(value).__name__)


def _expected(kind: str, value: Any) -> Localized:
    """``expected an object, got a list``, in French and English."""
    return codes.EXPECTED(expected=codes.JSON_KINDS[kind], got=_kind(value))


def _did_you_mean(word: str, candidates: tuple[str, ...]) -> Localized | str:
    close = difflib.get_close_matches(word, candidates, n=1)
    return codes.MAYBE(name=repr(close[0])) if close else ""


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(
    data: Any, path: str, allowed: tuple[str, ...], *, required: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise CodecError(path, _expected("object", data))
    for key in data:
        if key not in allowed:
            raise CodecError(
                _join(path, str(key)), codes.UNKNOWN_FIELD(hint=_did_you_mean(str(key), allowed))
            )
    _require(data, path, required)
    return data


def _require(data: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
    for key in keys:
        if key not in data:
            raise CodecError(_join(path, key), codes.MISSING_FIELD)


def _list(data: Any, path: str) -> list[Any]:
    if not isinstance(data, list):
        raise CodecError(path, _expected("list", data))
    return data


def _text(
    obj: dict[str, Any], key: str, path: str, *, default: str = "", non_empty: bool = False
) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise CodecError(_join(path, key), _expected("string", value))
    if non_empty and not value.strip():
        raise CodecError(_join(path, key), codes.MUST_NOT_BE_EMPTY)
    return value


def _flag(obj: dict[str, Any], key: str, path: str, *, default: bool = False) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise CodecError(
            _join(path, key), codes.EXPECTED(expected=codes.TRUE_OR_FALSE, got=_kind(value))
        )
    return value


def _integer(obj: dict[str, Any], key: str, path: str, *, default: int) -> int:
    value = obj.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CodecError(
            _join(path, key), codes.EXPECTED(expected=codes.AN_INTEGER, got=_kind(value))
        )
    return value


def _number(obj: dict[str, Any], path: str) -> int | None:
    value = obj.get("number")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise CodecError(
            _join(path, "number"),
            codes.EXPECTED(expected=codes.AN_INTEGER_OR_NULL, got=_kind(value)),
        )
    return value


def _sheet_field(obj: dict[str, Any], path: str) -> SheetField | None:
    value = obj.get("sheet_field")
    if value is None:
        return None
    where = _join(path, "sheet_field")
    if not isinstance(value, str):
        raise CodecError(where, _expected("string", value))
    if value not in SHEET_FIELD_NAMES:
        raise CodecError(
            where,
            codes.UNKNOWN_SHEET_FIELD(
                field=repr(value),
                hint=_did_you_mean(value, SHEET_FIELD_NAMES),
                known=", ".join(SHEET_FIELD_NAMES),
            ),
        )
    return SheetField(value)


_QUESTION_TEXTS = ("label", "hint", "required_message", "constraint_message", "other_label")


def _translations(
    obj: dict[str, Any], path: str, fields: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    value = obj.get("translations", {})
    where = _join(path, "translations")
    if not isinstance(value, dict):
        raise CodecError(where, _expected("object", value))
    out: dict[str, dict[str, str]] = {}
    for lang, texts in value.items():
        if not isinstance(texts, dict):
            raise CodecError(f"{where}.{lang}", _expected("object", texts))
        for key, text in texts.items():
            if key not in fields:
                raise CodecError(
                    f"{where}.{lang}.{key}",
                    codes.UNKNOWN_FIELD_AMONG(
                        hint=_did_you_mean(str(key), fields), known=", ".join(fields)
                    ),
                )
            if not isinstance(text, str):
                raise CodecError(f"{where}.{lang}.{key}", _expected("string", text))
        out[lang] = dict(texts)
    return out


def _meta(obj: dict[str, Any], path: str) -> dict[str, Any]:
    value = obj.get("meta", {})
    if not isinstance(value, dict):
        raise CodecError(_join(path, "meta"), _expected("object", value))
    # A deep copy: the questionnaire must not change if the caller reuses its dict.
    return copy.deepcopy(value)
