"""Text helpers of the pure core (no Django import): French normalisation and stemming for
search, removal of the control characters no document format can carry, and the guard that
keeps a cell of an export from running as a spreadsheet formula."""

from vivier.text.controls import has_controls, strip_controls, strip_controls_deep
from vivier.text.normalize import fold, search_terms, stems, words
from vivier.text.spreadsheet import defuse_formula

__all__ = [
    "defuse_formula",
    "fold",
    "has_controls",
    "search_terms",
    "stems",
    "strip_controls",
    "strip_controls_deep",
    "words",
]
