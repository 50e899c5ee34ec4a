"""French text for search: normalisation and stemming (pure core, no Django import)."""

from vivier.text.normalize import fold, search_terms, stems, words

__all__ = ["fold", "search_terms", "stems", "words"]
