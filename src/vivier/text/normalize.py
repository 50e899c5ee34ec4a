"""Turning French text into search terms the same way for documents and queries.

Both search backends (SQLite FTS5 and PostgreSQL full-text) must find "conférences
familiales" for "conference familiale" and "pair aidance" for "pair-aidance". Accents and
case are folded, hyphens and apostrophes split words ("l'aller-vers" -> "l", "aller",
"vers"), and each word is reduced to its stem with the Snowball French stemmer — the same
algorithm PostgreSQL's 'french' configuration uses, so the two backends agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[0-9a-z]+")
#: Words too common to help a search (folded forms); kept short on purpose: a word that
#: matters in social work ("aide", "vers") must not be dropped.
_STOP_WORDS = (
    "a au aux avec ce ces dans de des du elle en et il ils la le les leur leurs l d "
    "ma mais me meme mes mon ne nos notre nous on ou par pas pour qu que qui sa se ses son "
    "sur ta te tes toi ton tu un une vos votre vous c j m n s t y est sont"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Œuvre Élan" -> "oeuvre elan"."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words, stop words removed: hyphens and apostrophes separate words."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french")


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, in order (repeats kept)."""
    return _stemmer().stemWords(words(text))


def search_terms(query: str) -> list[str]:
    """Distinct stems of a query, in the order typed."""
    return list(dict.fromkeys(stems(query)))
