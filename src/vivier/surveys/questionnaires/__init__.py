"""Questionnaires shipped with Vivier, as Vivier JSON files next to this module.

Each questionnaire is data (``<slug>.json``, read by
:mod:`vivier.surveys.codecs.vivier_json`), not code: its provenance notes travel with it in
``meta``, and editing a wording needs no Python. A file is read once per process (the
questionnaire is immutable, so one shared instance is enough).

Pure core: no Django import.
"""

from __future__ import annotations

import functools
from importlib import resources

from vivier.surveys.codecs import vivier_json
from vivier.surveys.schema import Questionnaire


@functools.cache
def load(slug: str) -> Questionnaire:
    """The shipped questionnaire ``slug`` (file ``<slug>.json`` of this package)."""
    text = resources.files(__name__).joinpath(f"{slug}.json").read_text(encoding="utf-8")
    return vivier_json.loads(text)


__all__ = ["load"]
