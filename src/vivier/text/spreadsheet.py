"""The spreadsheet-injection guard, once for every export (CSV, XLSX, open data).

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula by the
spreadsheet that opens it (CSV or formula injection): labels and free texts come from
questionnaire authors and respondents, so every text cell an export writes goes through
here. OWASP's list, with tab and carriage return, which some spreadsheets skip before
looking for the formula sign.
"""

from __future__ import annotations

from typing import Final

__all__ = ["FORMULA_PREFIXES", "defuse_formula", "looks_like_formula"]

#: What spreadsheets read as the start of a formula.
FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet would take ``value`` for a formula."""
    return value.startswith(FORMULA_PREFIXES)


def defuse_formula(value: str) -> str:
    """``value`` made inert for a spreadsheet, its text still readable: a leading apostrophe,
    which spreadsheets read as "this is text", before anything that looks like a formula."""
    return "'" + value if looks_like_formula(value) else value
