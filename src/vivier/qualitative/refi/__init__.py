"""REFI-QDA exchange: codebooks (``.qdc``) and coding projects (``.qdpx``).

- :mod:`.model`: a project as frozen dataclasses (users, code tree, text sources with their
  selections and codings, variables, cases, notes);
- :mod:`.qdc` and :mod:`.qdpx`: writers (validated before they return) and readers (safe,
  validated, every problem located);
- :mod:`.validation`: the standard's schemas, shipped as data in ``schemas/``, and the
  deviations of real files that are accepted;
- :mod:`.safety`: bounds on hostile archives and XML;
- :mod:`.descriptions`: a Vivier code's definition, rules and examples in one REFI-QDA
  ``Description``, and back.

Pure core: no Django import.
"""

from .model import Case, Code, Codebook, Coding, Note, Project, Selection, TextSource, User
from .qdc import read_qdc, write_qdc
from .qdpx import read_qdpx, write_qdpx
from .safety import Refused

__all__ = [
    "Case",
    "Code",
    "Codebook",
    "Coding",
    "Note",
    "Project",
    "Refused",
    "Selection",
    "TextSource",
    "User",
    "read_qdc",
    "read_qdpx",
    "write_qdc",
    "write_qdpx",
]
