"""Every XLSForm file and formpack folder of ../shared/corpora behaves as expected.json says.

``ok``: a questionnaire comes out (warnings allowed, each located). ``reject``: no
questionnaire, and an error whose message names the problem.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from tests.support import SHARED, shared_path
from vivier.surveys.codecs.importing import import_path

KINDS = {"xlsform", "kobo"}

#: What an error must talk about for each refused file: one of these words, in English.
REJECTION_WORDS = {
    "xlsform/bad_calc.xlsx": ("expression",),
    "xlsform/fruits.csv": ("survey",),
    "xlsform/gps.csv": ("label",),
    "xlsform/include_json.csv": ("include",),
    "xlsform/include_json.md": ("include",),
    "xlsform/include_json.xls": ("include",),
    "xlsform/include_json.xlsx": ("include",),
    "xlsform/unknown_question_type.xls": ("'bind:relevant'",),
    "xlsform/broken/calculate_without_calculation.xls": ("calculation",),
    "kobo-formpack/translations_labels_mismatch/": ("hint::English (en)",),
}


def _entries() -> list[Any]:
    expected = SHARED / "corpora" / "expected.json"
    if not expected.exists():
        return [pytest.param(None, id="corpora-absent")]
    entries = json.loads(expected.read_text(encoding="utf-8"))
    return [pytest.param(e, id=e["relpath"]) for e in entries if e["kind"] in KINDS]


@pytest.mark.parametrize("entry", _entries())
def test_corpus_file_behaves_as_expected(entry: dict[str, Any] | None) -> None:
    if entry is None:
        shared_path("corpora", "expected.json")
        return
    path = shared_path("corpora", entry["relpath"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes about unknown Excel extensions
        outcome = import_path(path)
    for diagnostic in outcome.diagnostics:
        assert diagnostic.message_fr and diagnostic.message_en
        assert diagnostic.location.file
    if entry["expect"] == "ok":
        assert outcome.ok, [d.describe("en") for d in outcome.errors]
        assert outcome.questionnaire is not None
    else:
        assert outcome.questionnaire is None
        assert outcome.errors
        words = REJECTION_WORDS[entry["relpath"]]
        text = " ".join(d.message_en for d in outcome.errors)
        assert any(word in text for word in words), text
