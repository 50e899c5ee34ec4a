"""Vivier JSON: the native, lossless file format of a questionnaire definition.

Why a format of our own next to XLSForm and LimeSurvey: those lose things Vivier needs (the
provenance in ``meta``, rating grids, personal-data flags, source numbers). This one maps the
dataclasses of :mod:`vivier.surveys.schema` one to one, so ``load(dump(q)) == q``.

Format, version 2
=================

A document is one JSON object::

    {
      "format": "vivier-questionnaire",      # required, always this string
      "format_version": 2,                    # required; readers refuse newer versions
      "slug": "hcts-2020",                    # required, non-empty
      "title": "...",                         # required
      "description": "", "language": "fr", "thanks": "", "meta": {},
      "translations": {"en": {"title": "...", "description": "...", "thanks": "..."}},
      "sections": [                           # required, list (may be empty)
        {
          "name": "profil", "title": "...",   # required
          "description": "", "relevant": "", "meta": {},
          "translations": {"en": {"title": "...", "description": "..."}},
          "questions": [                      # required, list
            {
              "name": "q1", "type": "single_choice", "label": "...",   # required
              "hint": "", "required": false, "required_message": "",
              "relevant": "", "constraint": "", "constraint_message": "",
              "choices": [{"value": "a", "label": "A", "translations": {"en": "A"}}],
              "other": false, "other_label": "Autre (précisez)",
              "scale": {"points": 5, "minimum": 1,
                        "labels": {"1": "...", "5": "..."},           # keys are the points
                        "rows": [{"value": "r", "label": "R"}]},
              "personal_data": false, "number": 1, "meta": {},
              "default": "", "soft_required": false,
              "translations": {"en": {"label": "...", "hint": "..."}},
              "sheet_field": "title"                # since version 2
            }
          ]
        }
      ]
    }

Writing rules, so that files stay small, stable and pleasant to review in a diff:

- keys always come in the order above;
- an optional field is left out when it holds the value that reading would give it anyway
  (``hint`` when empty, ``required`` when false, the Oui/Non/Je ne sais pas choices of a
  ``yes_no`` question, the default 5-point scale of a ``rating`` question, ``personal_data``
  when the type already implies it...);
- ``meta`` must hold JSON values only (objects with string keys, lists, strings, numbers,
  booleans, null). Tuples are written as lists, so keep lists in ``meta`` if you want the
  round trip to be exact.

Versions: version 2 added ``sheet_field`` (the practice-sheet field an answer fills, see
:class:`~vivier.surveys.schema.SheetField`). A document is written with the lowest version
that can hold it, so a questionnaire that fills no sheet field stays readable by a Vivier
that only knows version 1; a version 1 document that holds ``sheet_field`` is refused.

Reading is strict: an unknown key, a wrong type or an unknown question type is refused with
a :class:`~vivier.surveys.codecs.CodecError` naming the path of the field. Checks that need
the whole questionnaire (duplicate names, relevance expressions that point to nothing) are
the job of ``vivier.surveys.validation``, not of this codec.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Mapping
from typing import Any

from vivier.problems import Localized, codes
from vivier.surveys.codecs import CodecError
from vivier.surveys.schema import (
    PERSONAL_TYPES,
    YES_NO_CHOICES,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
    SheetField,
)

FORMAT = "vivier-questionnaire"
FORMAT_VERSION = 2
#: The version that introduced each question field; the others exist since version 1.
_QUESTION_FIELD_VERSIONS = {"sheet_field": 2}

_DEFAULT_OTHER_LABEL = "Autre (précisez)"
_QUESTIONNAIRE_KEYS = (
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
_SECTION_KEYS = ("name", "title", "description", "relevant", "meta", "translations", "questions")
_QUESTION_KEYS = (
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
_CHOICE_KEYS = ("value", "label", "translations")
_SCALE_KEYS = ("points", "minimum", "labels", "rows")
_TYPE_NAMES = tuple(t.value for t in QuestionType)
_SHEET_FIELD_NAMES = tuple(f.value for f in SheetField)


# --------------------------------------------------------------------------- writing


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
        return _QUESTION_FIELD_VERSIONS["sheet_field"]
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
    _put(data, "other_label", q.other_label, _DEFAULT_OTHER_LABEL)
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


# --------------------------------------------------------------------------- reading


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
    obj = _object(data, "", _QUESTIONNAIRE_KEYS, required=("format", "format_version"))
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
    obj = _object(data, path, _SECTION_KEYS, required=("name", "title", "questions"))
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
    obj = _object(data, path, _QUESTION_KEYS, required=("name", "type", "label"))
    for key, since in _QUESTION_FIELD_VERSIONS.items():
        if key in obj and version < since:
            raise CodecError(
                f"{path}.{key}", codes.FIELD_NEEDS_VERSION(since=since, version=version)
            )
    type_name = obj["type"]
    if not isinstance(type_name, str):
        raise CodecError(f"{path}.type", _expected("string", type_name))
    if type_name not in _TYPE_NAMES:
        raise CodecError(
            f"{path}.type",
            codes.UNKNOWN_QUESTION_TYPE(
                type=repr(type_name),
                hint=_did_you_mean(type_name, _TYPE_NAMES),
                known=", ".join(_TYPE_NAMES),
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
        "other_label": _text(obj, "other_label", path, default=_DEFAULT_OTHER_LABEL),
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
        obj = _object(item, item_path, _CHOICE_KEYS, required=("value", "label"))
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
    obj = _object(data, path, _SCALE_KEYS, required=())
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
    if value not in _SHEET_FIELD_NAMES:
        raise CodecError(
            where,
            codes.UNKNOWN_SHEET_FIELD(
                field=repr(value),
                hint=_did_you_mean(value, _SHEET_FIELD_NAMES),
                known=", ".join(_SHEET_FIELD_NAMES),
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


__all__ = ["FORMAT", "FORMAT_VERSION", "CodecError", "dump", "dumps", "load", "loads"]
