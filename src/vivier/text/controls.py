"""Removing the characters no document format can carry (pure core, no Django import).

A free text pasted from another program can hold control characters (U+0001, a vertical
tab, a NEL from a Windows-1252 file read as Latin-1...). Browsers show nothing for them, but
XML refuses them: one such character made the XLSX export and the DOCX report fail. They
carry no meaning in an answer, a label or a sheet, so they are removed where text comes in
and, for what was stored before, again where documents are written.

Removed: C0 controls except tab, line feed and carriage return; DEL and the C1 controls
(U+007F-U+009F); lone surrogates (a string decoded with ``surrogateescape`` or from broken
JSON ``\\ud800`` escapes); U+FFFE and U+FFFF, which are not characters. These are exactly
the code points XML 1.0 forbids, plus DEL and C1, which it allows but no writer needs.
"""

from __future__ import annotations

import re
from typing import Any

_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """``text`` without control characters other than tab, line feed and carriage return."""
    return _UNWANTED.sub("", text)


def has_controls(text: str) -> bool:
    return _UNWANTED.search(text) is not None


def strip_controls_deep(value: Any) -> Any:
    """The same for every text inside JSON-like data: answers, records, report dicts.

    Mapping keys are cleaned too; lists and tuples come back as lists of the same length,
    anything that is not text (numbers, booleans, None, dates) unchanged.
    """
    if isinstance(value, str):
        return _UNWANTED.sub("", value)
    if isinstance(value, dict):
        return {strip_controls_deep(k): strip_controls_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strip_controls_deep(v) for v in value]
    return value
