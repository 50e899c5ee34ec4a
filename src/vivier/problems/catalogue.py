"""The whole catalogue: the engine's codes and the files' codes, looked up by stored code.

Import reports keep a code's string (``XLSFORM_NO_NAME``, ``REQUIRED``); both enums share
that space, so a string names the same problem whichever part of Vivier found it.
"""

from __future__ import annotations

from vivier.problems.base import CatalogueCode
from vivier.problems.codes import ProblemCode
from vivier.surveys.errors import ErrorCode

#: Every catalogue of the project, the engine's first.
CATALOGUES: tuple[type[CatalogueCode], ...] = (ErrorCode, ProblemCode)


def every_code() -> list[CatalogueCode]:
    return [member for catalogue in CATALOGUES for member in catalogue]


def members_of(code: str) -> list[CatalogueCode]:
    """The members storing ``code`` (several when one code has several wordings)."""
    return [member for member in every_code() if member.code == code]


__all__ = ["CATALOGUES", "every_code", "members_of"]
