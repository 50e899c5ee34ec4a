"""A readable difference between two versions of a sheet: which field changed, and how."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    #: Dotted path of the field ("territory.departements", "key_figures[0].value").
    field: str
    before: str
    after: str
    #: For long texts, the changed words marked [-removed-] {+added+}; empty otherwise.
    words: str = ""


def _flatten(value: Any, path: str = "") -> dict[str, str]:
    if isinstance(value, Mapping):
        flat: dict[str, str] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{path}.{key}" if path else str(key)))
        return flat
    if isinstance(value, list | tuple):
        if all(not isinstance(v, Mapping | list | tuple) for v in value):
            return {path: ", ".join(str(v) for v in value)}
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, f"{path}[{index}]"))
        return flat
    return {path: "" if value is None else str(value)}


def word_diff(before: str, after: str) -> str:
    a, b = before.split(), after.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
        if op in ("delete", "replace"):
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def changed(old: Mapping[str, str], new: Mapping[str, str]) -> Iterator[tuple[str, str, str, str]]:
    """(field, before, after, words marked) of each flattened field that differs, sorted;
    the words are marked only in a long text, where the change would be hard to spot."""
    for field in sorted(set(old) | set(new)):
        a, b = old.get(field, ""), new.get(field, "")
        if a != b:
            long_text = len(a) > 80 or len(b) > 80
            yield field, a, b, word_diff(a, b) if long_text else ""


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """Fields that differ between two sheet dicts (``sheet.to_dict``), in a stable order."""
    return [Change(*change) for change in changed(_flatten(before), _flatten(after))]
