"""Text helpers of the pure core (no Django import): French normalisation and stemming for
search, and removal of the control characters no document format can carry."""

from vivier.text.controls import has_controls, strip_controls, strip_controls_deep
from vivier.text.normalize import fold, search_terms, stems, words

__all__ = [
    "fold",
    "has_controls",
    "search_terms",
    "stems",
    "strip_controls",
    "strip_controls_deep",
    "words",
]
