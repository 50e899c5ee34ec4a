"""The questionnaire's language among the form's label columns, and the other translations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_LANGUAGE_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\s*\)\s*$")
_FRENCH_NAMES = frozenset({"french", "français", "francais", "fr"})


def language_code(language: str) -> str:
    """``English (en)`` → ``en``; a bare name is lower-cased (``English`` → ``english``)."""
    found = _LANGUAGE_CODE.search(language)
    return (found.group(1) if found else language).strip().lower()


def _is_french(language: str) -> bool:
    code = language_code(language)
    name = _LANGUAGE_CODE.sub("", language).strip().lower()
    return code == "fr" or code.startswith("fr-") or name in _FRENCH_NAMES


@dataclass(frozen=True, slots=True)
class Languages:
    #: The language of the questionnaire's own texts (None: the columns without a language).
    primary: str | None
    code: str

    def split(self, texts: Mapping[str | None, str]) -> tuple[str, dict[str, str]]:
        """The text in the questionnaire's language, and the others by language code."""
        main = texts.get(self.primary) or texts.get(None) or ""
        if not main:
            main = next((t for t in texts.values() if t), "")
        others = {
            language_code(lang): text
            for lang, text in texts.items()
            if lang is not None and lang != self.primary and text
        }
        return main, others


def choose_language(declared: str, found: list[str]) -> Languages:
    if declared:
        match = next((lang for lang in found if lang.lower() == declared.lower()), None)
        return Languages(match, language_code(declared))
    french = next((lang for lang in found if _is_french(lang)), None)
    if french is not None:
        return Languages(french, "fr")
    if found:
        return Languages(found[0], language_code(found[0]))
    return Languages(None, "fr")


# -- Names --------------------------------------------------------------------------------------
