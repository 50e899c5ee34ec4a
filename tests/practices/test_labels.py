"""Every code of the sheet's closed lists has a word in French and in English."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest
from django.utils import translation

from vivier.practices import labels
from vivier.practices.list_fields import CellError, enum_label, enum_value
from vivier.sheets import schema

PO = Path(labels.__file__).parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"

#: Every closed list of the sheet, found in the module: a list added later without labels
#: fails here, not on a page.
CLOSED_LISTS = [
    value
    for value in vars(schema).values()
    if isinstance(value, type)
    and issubclass(value, StrEnum)
    and value.__module__ == schema.__name__
]


def _english_catalogue() -> dict[tuple[str, str], str]:
    """(context, msgid) -> msgstr of the entries that have a context."""
    entries = re.findall(
        r'^msgctxt "((?:[^"\\]|\\.)*)"\nmsgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"$',
        PO.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    return {(context, msgid): msgstr for context, msgid, msgstr in entries}


def test_the_closed_lists_are_found():
    assert schema.Stage in CLOSED_LISTS and schema.ParticipationRole in CLOSED_LISTS
    assert len(CLOSED_LISTS) == 15


@pytest.mark.parametrize("enum", CLOSED_LISTS, ids=lambda e: e.__name__)
def test_every_code_has_a_french_label_translated_into_english(enum):
    catalogue = _english_catalogue()
    for member in enum:
        assert member.value in labels.LABELS.get(enum, {}), f"{enum.__name__}.{member.name}"
        french = labels.french(member)
        assert french and "_" not in french
        with translation.override("en"):
            english = labels.label(member)
        # The English word is the catalogue's entry for this French word in a sheet list.
        entries = {
            msgstr
            for (context, msgid), msgstr in catalogue.items()
            if msgid == french and context.startswith("sheet ")
        }
        assert english in entries, f"no English for {enum.__name__}.{member.name} ({french!r})"


def test_a_label_follows_the_language_of_the_page():
    stage = schema.Stage.IMPLEMENTATION
    with translation.override("fr"):
        assert labels.label(stage) == "Mise en œuvre"
    with translation.override("en"):
        assert labels.label(stage) == "Implementation"
        assert labels.french(stage) == "Mise en œuvre"  # what search and imports read
        assert labels.label_of(schema.Stage, "mise_en_oeuvre") == "Implementation"
    # A code stored before a list changed is shown as written, never a failed page.
    assert labels.label_of(schema.Stage, "disparue") == "disparue"
    assert labels.label(None) == ""


def test_the_words_of_one_list_read_back_as_their_codes_in_both_languages():
    """The edit form writes labels and reads them back: two codes of one list must never
    share a word, in either language."""
    for language in ("fr", "en"):
        with translation.override(language):
            for enum in CLOSED_LISTS:
                for member in enum:
                    assert enum_value(enum, enum_label(member)) is member


def test_a_typed_line_may_name_a_code_in_french_whatever_the_page_language():
    with translation.override("en"):
        assert enum_value(schema.ActorRole, "Porteur") is schema.ActorRole.CARRIER
        assert enum_value(schema.ActorRole, "project holder") is schema.ActorRole.CARRIER
        with pytest.raises(CellError, match="project holder"):
            enum_value(schema.ActorRole, "maire")
    with translation.override("fr"):
        assert (
            enum_value(schema.FundingType, "Appel a projets")
            is schema.FundingType.CALL_FOR_PROJECTS
        )
