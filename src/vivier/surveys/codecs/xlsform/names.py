"""Engine names and slugs made from a form's names and titles."""

from __future__ import annotations

import re
import unicodedata

ENGINE_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def engine_name(source: str, prefix: str = "q") -> str:
    """A valid engine name close to ``source`` (accents dropped, other characters to ``_``)."""
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_]", "_", ascii_text).strip("_") or prefix
    if not ENGINE_NAME_RE.match(name):
        name = f"{prefix}_{name}"
    return name


def unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    return candidate


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "questionnaire"
