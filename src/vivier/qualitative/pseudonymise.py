"""Pseudonymised text: each name, contact and place found replaced by a placeholder.

Pure core (no Django). A quote must still read as what a person said, so a name becomes a
numbered person ("[Personne 1]") and keeps its number wherever it comes back, in one text
or across the texts of one project (one :class:`Pseudonymiser`): "Sophie Martin" and, later,
"Mme Martin" are the same "[Personne 1]"; "Paul Martin" is another. Places are numbered the
same way ("[Lieu 1]"); contacts, addresses, social security numbers and dates of birth
become the name of what they were ("[adresse électronique]").

The placeholders are French: they are written into the quote, in the language of the data,
as :data:`vivier.text.contacts.REDACTED` is. What is returned is the new text and which
kind each placeholder stands for, never the words replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vivier.qualitative.pii import Found, Kind, find
from vivier.text.normalize import fold

#: Kinds replaced by one fixed placeholder.
FIXED: dict[str, str] = {
    "email": "[adresse électronique]",
    "phone": "[numéro de téléphone]",
    "address": "[adresse]",
    "nir": "[numéro de sécurité sociale]",
    "birth_date": "[date de naissance]",
}
#: Kinds numbered, so that one person stays one person: the word before the number.
NUMBERED: dict[str, str] = {"person": "Personne", "place": "Lieu"}

_PARTICLE_WORDS = "de du des da dos das di van von der ben bin el al d l"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_WORD = re.compile(r"[\w-]+")


def _name_key(text: str) -> frozenset[str]:
    """The words of a name that tell who it is, folded ("Mme D'Souza" -> {"souza"}...)."""
    words = {w for w in _WORD.findall(fold(text)) if w not in _PARTICLES and len(w) > 1}
    return frozenset(words) or frozenset({fold(text).strip()})


@dataclass(frozen=True, slots=True)
class Pseudonymised:
    """A text with its placeholders, and the kind each placeholder stands for."""

    text: str
    placeholders: dict[str, Kind] = field(default_factory=dict)


class Pseudonymiser:
    """Placeholders that stay the same across the texts given to one instance."""

    def __init__(self) -> None:
        # Per numbered kind, the words of each name seen, in order of first appearance:
        # the placeholder of the i-th is "[Personne i+1]". Kept in memory only.
        self._seen: dict[str, list[frozenset[str]]] = {kind: [] for kind in NUMBERED}

    def placeholder(self, kind: Kind, original: str) -> str:
        """The placeholder of ``original``, a ``kind`` found in a text."""
        if kind not in NUMBERED:
            return FIXED[kind]
        seen = self._seen[kind]
        key = _name_key(original) if kind == "person" else frozenset({fold(original).strip()})
        for number, known in enumerate(seen, start=1):
            # "Martin" then "Sophie Martin": one person, known from now on by both words.
            if key <= known or known <= key:
                seen[number - 1] = known | key
                return f"[{NUMBERED[kind]} {number}]"
        seen.append(key)
        return f"[{NUMBERED[kind]} {len(seen)}]"

    def learn(self, kind: Kind, original: str) -> None:
        """Numbers ``original`` without replacing anything: a project's names, in order."""
        self.placeholder(kind, original)

    def pseudonymise(self, text: str, found: Iterable[Found] | None = None) -> Pseudonymised:
        """``text`` with each span of ``found`` (by default, what :func:`find` finds)
        replaced; spans must not overlap (``pii.merge`` makes them so)."""
        spans = sorted(find(text) if found is None else found, key=lambda f: f.start)
        out: list[str] = []
        used: dict[str, Kind] = {}
        at = 0
        for item in spans:
            if item.start < at or item.end > len(text) or item.start >= item.end:
                continue
            label = self.placeholder(item.kind, text[item.start : item.end])
            out.append(text[at : item.start])
            out.append(label)
            used[label] = item.kind
            at = item.end
        out.append(text[at:])
        return Pseudonymised("".join(out), used)


def pseudonymise(text: str, found: Iterable[Found] | None = None) -> Pseudonymised:
    """One text on its own: the first person in it is "[Personne 1]"."""
    return Pseudonymiser().pseudonymise(text, found)


__all__ = ["FIXED", "NUMBERED", "Pseudonymised", "Pseudonymiser", "pseudonymise"]
