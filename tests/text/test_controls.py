"""Control characters are removed, every other character is kept."""

import sys

import pytest
from lxml import etree
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from vivier.text import has_controls, strip_controls, strip_controls_deep

KEPT_CONTROLS = "\t\n\r"


def _removed(code: int) -> bool:
    return (
        (code < 0x20 and chr(code) not in KEPT_CONTROLS)
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    )


def test_exactly_the_control_characters_are_removed():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1))
    expected = "".join(chr(c) for c in range(sys.maxunicode + 1) if not _removed(c))
    assert strip_controls(every) == expected
    assert len(every) - len(expected) == 29 + 33 + 2048 + 2


def test_tabs_line_breaks_accents_and_emoji_are_kept():
    text = "Ligne 1\tcolonne\r\nLigne 2 : « élan » — œuvre 🙂 \u2028 fin"
    assert strip_controls(text) == text
    assert not has_controls(text)


def test_a_free_text_loses_its_controls_only():
    assert strip_controls("a\x01b\x0bc\x1fd\x7fe\x85f") == "abcdef"
    assert has_controls("a\x01b")


def test_what_is_left_is_accepted_by_xml_and_by_openpyxl():
    dirty = "".join(chr(c) for c in range(0x200)) + "\ud800\udfff\ufffe\uffff fin"
    with pytest.raises(ValueError):
        etree.Element("p").text = dirty
    clean = strip_controls(dirty)
    etree.Element("p").text = clean
    assert ILLEGAL_CHARACTERS_RE.search(clean) is None


def test_nested_data_is_cleaned_keys_included():
    value = {"q1\x00": "a\x01", "q2": ["b\x0c", 3, None, True], "q3": {"r\x1f": ("c\x7f",)}}
    assert strip_controls_deep(value) == {
        "q1": "a",
        "q2": ["b", 3, None, True],
        "q3": {"r": ["c"]},
    }
    assert strip_controls_deep(4.5) == 4.5
