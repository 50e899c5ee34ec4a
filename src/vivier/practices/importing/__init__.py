"""Import of practice sheets from documents in the HCTS report's template.

``read_document(path)`` turns a .txt, .docx or .pdf file into plain text;
``parse_document(text)`` finds the sheets in it and returns draft :class:`Sheet` objects,
with warnings (:class:`~vivier.problems.Diagnostic`, ``PRACTICE_*`` codes) and the fragments
it could not place. Pure core: no Django import.
"""

from vivier.practices.importing.parser import ImportResult, Unplaced, parse_document
from vivier.practices.importing.reader import read_document

__all__ = ["ImportResult", "Unplaced", "parse_document", "read_document"]
