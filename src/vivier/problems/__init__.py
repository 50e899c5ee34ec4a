"""Every problem Vivier tells a person about: one catalogue, one type, one way to place it.

- :mod:`~vivier.problems.codes`: the catalogue of what files, uploads and settings can do
  wrong (:class:`ProblemCode`), French and English, with a severity; the engine's own codes
  (:class:`vivier.surveys.errors.ErrorCode`) follow the same model
  (:mod:`~vivier.problems.base`), and :mod:`~vivier.problems.catalogue` lists them all;
- :mod:`~vivier.problems.diagnostic`: :class:`Diagnostic`, one problem with the values its
  message names and its :class:`Location`, and :class:`ProblemError` for readers that stop.

Pure core: no Django import.
"""

from vivier.problems.base import Localized, Phrase, Severity, number
from vivier.problems.codes import ProblemCode
from vivier.problems.diagnostic import Diagnostic, Location, ProblemError, problem

__all__ = [
    "Diagnostic",
    "Localized",
    "Location",
    "Phrase",
    "ProblemCode",
    "ProblemError",
    "Severity",
    "number",
    "problem",
]
