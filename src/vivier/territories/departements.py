"""Look-ups over the COG table: names, régions, and reading what people type.

Respondents and imported files write départements in many ways: ``"1"``, ``"01"``, ``"2a"``,
``"33 - Gironde"``, ``"Gironde (33)"``, ``"cote d or"``, ``"Seine-St-Denis"``.
:func:`normalize_departement` turns all of these into the official code, and returns
``None`` rather than guessing when the text is ambiguous (``"20"``, old Corsica) or
contradicts itself (``"33 - Paris"``): a wrong département on a map is worse than a blank.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

from vivier.territories.data import DEPARTEMENTS, REGIONS, Departement, Region

#: Every official département code ("01".."95", "2A", "2B", "971".."974", "976").
DEPARTEMENT_CODES: frozenset[str] = frozenset(d.code for d in DEPARTEMENTS)
#: Every région code (2016 régions).
REGION_CODES: frozenset[str] = frozenset(r.code for r in REGIONS)
#: Overseas département codes.
OVERSEAS_DEPARTEMENT_CODES: frozenset[str] = frozenset(d.code for d in DEPARTEMENTS if d.overseas)

_BY_CODE: MappingProxyType[str, Departement] = MappingProxyType({d.code: d for d in DEPARTEMENTS})
_REGION_BY_CODE: MappingProxyType[str, Region] = MappingProxyType({r.code: r for r in REGIONS})


def name_key(text: str) -> str:
    """Fold a place name for comparison: no accents, no case, words split on punctuation.

    ``"Côtes-d'Armor"``, ``"COTES D ARMOR"`` and ``"cotes d'armor"`` share one key. "St"/"Ste"
    are expanded because "Seine-St-Denis" is common in files exported from older tools.
    """
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    expanded = {"st": "saint", "ste": "sainte"}
    return " ".join(expanded.get(w, w) for w in words)


def _strip_article(key: str) -> str:
    for article in ("la ", "le ", "les ", "l "):
        if key.startswith(article):
            return key[len(article) :]
    return key


def _build_name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for d in DEPARTEMENTS:
        key = name_key(d.name)
        index[key] = d.code
        # "Réunion" alone is as common as "La Réunion".
        index.setdefault(_strip_article(key), d.code)
    # Usual short forms that are not ambiguous.
    index.setdefault("belfort", "90")
    index.setdefault("corse sud", "2A")
    return index


_BY_NAME: MappingProxyType[str, str] = MappingProxyType(_build_name_index())

# A code on its own: 1-3 digits, or 2A/2B (any case, "2 a" tolerated).
_CODE_RE = re.compile(r"^\s*(\d{1,3}|2\s*[abAB])\s*$")
# "33 - Gironde", "33 Gironde", "33. Gironde", "(33) Gironde".
_CODE_FIRST_RE = re.compile(r"^\s*\(?\s*(\d{1,3}|2[abAB])\s*\)?(?:\s*[-–—:.,/]\s*|\s+)(.+?)\s*$")
# "Gironde (33)", "Gironde - 33", "Gironde 33".
_CODE_LAST_RE = re.compile(r"^\s*(.+?)(?:\s*[-–—:,/]\s*|\s+)\(?\s*(\d{1,3}|2[abAB])\s*\)?\s*$")


def _code_from_token(token: str) -> str | None:
    token = re.sub(r"\s+", "", token).upper()
    if token.isdigit():
        if len(token) == 1:
            token = "0" + token
        elif len(token) == 3 and not token.startswith("9"):
            # "033" is a frequent spreadsheet artefact for "33"; overseas codes start with 9.
            token = token.lstrip("0").zfill(2)
    return token if token in DEPARTEMENT_CODES else None


def _code_from_name(text: str) -> str | None:
    key = name_key(text)
    return _BY_NAME.get(key) or _BY_NAME.get(_strip_article(key))


def normalize_departement(text: object) -> str | None:
    """Return the official code for what a person typed, or ``None`` if it is not one.

    Accepts a code (``"1"`` -> ``"01"``, ``"2a"`` -> ``"2A"``, ``"971"``), a name in any case,
    with or without accents and hyphens (``"gironde"``, ``"Cote d'Or"``), or both together
    (``"33 - Gironde"``, ``"Gironde (33)"``); when both are given they must agree. An integer
    is read as a code (spreadsheets drop the leading zero). ``"20"`` is refused: Corsica has
    been split in 2A and 2B since 1976 and we cannot tell which one was meant.
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        return None
    match = _CODE_RE.match(text)
    if match:
        return _code_from_token(match.group(1))
    by_name = _code_from_name(text)
    if by_name:
        return by_name
    for regex, code_group, name_group in ((_CODE_FIRST_RE, 1, 2), (_CODE_LAST_RE, 2, 1)):
        match = regex.match(text)
        if match:
            code = _code_from_token(match.group(code_group))
            if code and _code_from_name(match.group(name_group)) == code:
                return code
    return None


def is_departement_code(code: object) -> bool:
    """True for an official code written exactly as the COG writes it (``"01"``, ``"2A"``)."""
    return isinstance(code, str) and code in DEPARTEMENT_CODES


def get_departement(code: str) -> Departement:
    """The département of an official code; raises ``KeyError`` for anything else."""
    return _BY_CODE[code]


def departement_name(code: str) -> str:
    """``"33"`` -> ``"Gironde"``; raises ``KeyError`` for an unknown code."""
    return _BY_CODE[code].name


def region_of(code: str) -> str:
    """Code of the région a département belongs to (``"33"`` -> ``"75"``)."""
    return _BY_CODE[code].region_code


def get_region(code: str) -> Region:
    return _REGION_BY_CODE[code]


def region_name(code: str) -> str:
    """``"75"`` -> ``"Nouvelle-Aquitaine"`` (a région code, not a département code)."""
    return _REGION_BY_CODE[code].name


def departements_of_region(region_code: str) -> tuple[Departement, ...]:
    """The départements of a région, in COG order; empty for an unknown région."""
    return tuple(d for d in DEPARTEMENTS if d.region_code == region_code)


def departement_label(code: str) -> str:
    """The usual display form, ``"33 - Gironde"``, used in pickers and exports."""
    return f"{code} - {departement_name(code)}"
