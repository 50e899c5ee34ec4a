"""The HCTS 2020 questionnaire on emerging practices in social work (75 numbered slots).

Its questions, branching rules and the provenance of each one (what the 2020 report says of
it, the lines that quote it, and every choice the report leaves open) are in
``hcts-2020.json``: see its ``meta["provenance"]`` and each question's ``meta``.
"""

from __future__ import annotations

from vivier.surveys.questionnaires import load
from vivier.surveys.schema import Questionnaire

HCTS_SLUG = "hcts-2020"


def build() -> Questionnaire:
    """The HCTS 2020 questionnaire (read once, shared: it is immutable)."""
    return load(HCTS_SLUG)


__all__ = ["HCTS_SLUG", "build"]
