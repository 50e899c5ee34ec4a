"""What a survey row is, from its ``type`` cell (pyxform's type table, and its aliases)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from vivier.problems import Localized, codes
from vivier.surveys.schema import QuestionType

_SPACES = re.compile(r"\s+")

# Select types, longest first so that "select one from" wins over "select one".
_SELECT_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "select_one": "one",
            "select one": "one",
            "select1": "one",
            "select one from": "one",
            "select one using": "one",
            "add select one prompt using": "one",
            "select_multiple": "multiple",
            "select multiple": "multiple",
            "select all that apply": "multiple",
            "select all that apply from": "multiple",
            "select multiple from": "multiple",
            "select multiple using": "multiple",
            "add select multiple prompt using": "multiple",
            "rank": "rank",
            "select_one_from_file": "file",
            "select one from file": "file",
            "select_multiple_from_file": "file",
            "select multiple from file": "file",
            "select_one_external": "external",
            "select one external": "external",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_OR_OTHER = re.compile(r"\s+(?:or[_ ]other|or specify other)$", re.IGNORECASE)
_CONTROL = re.compile(
    r"^(begin|end)[ _](group|repeat|loop|looped[ _]group|lgroup)(?:\s+over\s+(\S+))?\s*$",
    re.IGNORECASE,
)
_NOTE_TYPES = frozenset({"note", "q note", "add note prompt"})
_ACKNOWLEDGE_TYPES = frozenset({"acknowledge", "q acknowledge", "add acknowledge prompt"})
_ACKNOWLEDGE_TYPES |= {"trigger"}
_CALCULATE_TYPES = frozenset({"calculate", "q calculate", "add calculate prompt"})
_PHONE_TYPES = frozenset({"phone number"})
_UPLOAD_TYPES = frozenset({"background-audio"})
TYPES_LOWER = {key.lower(): key for key in QUESTION_TYPE_DICT}


@dataclass(frozen=True, slots=True)
class Kind:
    """What a survey row is, once its ``type`` is understood."""

    role: str  # question, begin, end, calculate, metadata, include, unknown, empty
    question_type: QuestionType | None = None
    list_name: str = ""
    other: bool = False
    control: str = ""  # group, repeat, loop
    #: Why the row is imported in a weaker form, for the warning.
    downgrade: Localized | None = None
    select: str = ""


def classify(raw_type: str) -> Kind:
    text = _SPACES.sub(" ", raw_type.strip())
    lower = text.lower()
    if not text:
        return Kind("empty")
    control = _CONTROL.match(text)
    if control:
        verb, what = control.group(1).lower(), control.group(2).lower()
        kind = "loop" if what == "loop" else ("group" if what == "group" else "repeat")
        return Kind("begin" if verb == "begin" else "end", control=kind)
    select = _select_kind(text)
    if select is not None:
        return select
    if lower == "include":
        return Kind("include")
    if lower in _CALCULATE_TYPES:
        return Kind("calculate")
    if lower in _NOTE_TYPES:
        return Kind("question", QuestionType.DISPLAY)
    if lower in _ACKNOWLEDGE_TYPES:
        return Kind(
            "question",
            QuestionType.SINGLE_CHOICE,
            downgrade=codes.ACKNOWLEDGE_AS_CHOICE,
            select="acknowledge",
        )
    if lower in _PHONE_TYPES:
        return Kind("question", QuestionType.PHONE)
    if lower in _UPLOAD_TYPES or lower.startswith("osm "):
        return _media_kind(lower.split()[0])
    key = TYPES_LOWER.get(lower)
    if key is None:
        return Kind("unknown")
    return _from_pyxform(key, QUESTION_TYPE_DICT[key])


def _select_kind(text: str) -> Kind | None:
    lower = text.lower()
    for prefix, select in _SELECT_PREFIXES:
        if lower == prefix or lower.startswith(prefix + " "):
            rest = text[len(prefix) :].strip()
            other = bool(_OR_OTHER.search(rest))
            rest = _OR_OTHER.sub("", rest).strip()
            if select == "file":
                return Kind(
                    "question",
                    QuestionType.SHORT_TEXT,
                    downgrade=codes.OPTIONS_FROM_FILE(file=rest),
                )
            if select == "external":
                return Kind(
                    "question",
                    QuestionType.SHORT_TEXT,
                    downgrade=codes.EXTERNAL_OPTIONS,
                )
            question_type = {
                "one": QuestionType.SINGLE_CHOICE,
                "multiple": QuestionType.MULTIPLE_CHOICE,
                "rank": QuestionType.RANKING,
            }[select]
            return Kind("question", question_type, list_name=rest, other=other, select=select)
    return None


def _media_kind(type_name: str) -> Kind:
    return Kind(
        "question",
        QuestionType.DISPLAY,
        downgrade=codes.UPLOAD_AS_NOTE(type=type_name),
    )


def _from_pyxform(key: str, spec: Mapping[str, Any]) -> Kind:
    bind_type = (spec.get("bind") or {}).get("type")
    control = spec.get("control") or {}
    tag = control.get("tag")
    if tag is None or (tag == "action" and bind_type != "binary"):
        return Kind("metadata")
    if bind_type == "binary":
        return _media_kind(key)
    if bind_type in {"geopoint", "geotrace", "geoshape", "barcode"}:
        return Kind(
            "question",
            QuestionType.SHORT_TEXT,
            downgrade=codes.UNCAPTURED_AS_TEXT(type=key),
        )
    if bind_type == "int":
        downgrade = None
        if tag == "range":
            downgrade = codes.RANGE_AS_INTEGER
        return Kind("question", QuestionType.INTEGER, downgrade=downgrade)
    if bind_type == "decimal":
        return Kind("question", QuestionType.DECIMAL)
    if bind_type == "date":
        return Kind("question", QuestionType.DATE)
    if bind_type == "dateTime":
        return Kind(
            "question",
            QuestionType.DATE,
            downgrade=codes.DATETIME_AS_DATE,
        )
    if bind_type == "time":
        return Kind(
            "question",
            QuestionType.SHORT_TEXT,
            downgrade=codes.TIME_AS_TEXT,
        )
    return Kind("question", QuestionType.SHORT_TEXT)
