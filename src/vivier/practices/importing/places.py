"""Finding départements in the free text of a sheet's "Territoire" cell.

The cell is written in many ways: "Département de l'Ardèche", "Rhône et Isère",
"Communauté thérapeutique de Brantôme (Dordogne)", "Montpellier", a list of communes, or a
head office plus sites. Names of départements are matched as whole word sequences, longest
first, so "Loir-et-Cher" is not read as "Cher" and "Bouches-du-Rhône" not as "Rhône"; the
first word must be capitalised in the text, so the adjective "cher" or the noun "lot" are
not taken for départements. Towns are looked up in a small table of the départements'
chief towns (the places a sheet names most), which is enough to place a sheet on the map;
a town outside that table leaves the sheet without a code and the import says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vivier.sheets.schema import Commune, Territory, TerritoryScope
from vivier.territories import DEPARTEMENTS, name_key, normalize_departement

#: Chief town of each département (préfecture), plus the short forms people write.
#: Saint-Denis (974) is left out: the same name is a large town of Seine-Saint-Denis.
_TOWNS: dict[str, str] = {
    "Bourg-en-Bresse": "01", "Laon": "02", "Moulins": "03", "Digne-les-Bains": "04",
    "Gap": "05", "Nice": "06", "Privas": "07", "Charleville-Mézières": "08",
    "Charleville": "08", "Foix": "09", "Troyes": "10", "Carcassonne": "11", "Rodez": "12",
    "Marseille": "13", "Caen": "14", "Aurillac": "15", "Angoulême": "16",
    "La Rochelle": "17", "Bourges": "18", "Tulle": "19", "Ajaccio": "2A", "Bastia": "2B",
    "Dijon": "21", "Saint-Brieuc": "22", "Guéret": "23", "Périgueux": "24",
    "Besançon": "25", "Valence": "26", "Évreux": "27", "Chartres": "28", "Quimper": "29",
    "Nîmes": "30", "Toulouse": "31", "Auch": "32", "Bordeaux": "33", "Montpellier": "34",
    "Rennes": "35", "Châteauroux": "36", "Tours": "37", "Grenoble": "38",
    "Lons-le-Saunier": "39", "Mont-de-Marsan": "40", "Blois": "41", "Saint-Étienne": "42",
    "Le Puy-en-Velay": "43", "Nantes": "44", "Orléans": "45", "Cahors": "46", "Agen": "47",
    "Mende": "48", "Angers": "49", "Saint-Lô": "50", "Châlons-en-Champagne": "51",
    "Chaumont": "52", "Laval": "53", "Nancy": "54", "Bar-le-Duc": "55", "Vannes": "56",
    "Metz": "57", "Nevers": "58", "Lille": "59", "Beauvais": "60", "Alençon": "61",
    "Arras": "62", "Clermont-Ferrand": "63", "Clermont": "63", "Pau": "64", "Tarbes": "65",
    "Perpignan": "66", "Strasbourg": "67", "Colmar": "68", "Lyon": "69", "Vesoul": "70",
    "Mâcon": "71", "Le Mans": "72", "Chambéry": "73", "Annecy": "74", "Rouen": "76",
    "Melun": "77", "Versailles": "78", "Niort": "79", "Amiens": "80", "Albi": "81",
    "Montauban": "82", "Toulon": "83", "Avignon": "84", "La Roche-sur-Yon": "85",
    "Poitiers": "86", "Limoges": "87", "Épinal": "88", "Auxerre": "89", "Évry": "91",
    "Nanterre": "92", "Bobigny": "93", "Créteil": "94", "Cergy": "95", "Pontoise": "95",
    "Basse-Terre": "971", "Fort-de-France": "972", "Cayenne": "973", "Mamoudzou": "976",
}  # fmt: skip

#: Codes written after the acronym of an institution: "CAF 66", "CD66", "DSDEN 34".
_INSTITUTION_CODE_RE = re.compile(
    r"\b(?:CD|CAF|D\.?S\.?D\.?E\.?N\.?|UDAF|CCAS|MDPH|CPAM|MSA|DDCS|DDETS|ADIL|UDCCAS)"
    r"\s*(\d{2}|2[AB]|97[1-6])\b"
)
_CODE_IN_PARENS_RE = re.compile(r"\((\d{2}|2[AB]|97[1-6])\)")


def _fold(text: str) -> str:
    """Accents off, case kept: capitals are how a name is told from a common word."""
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", _fold(text))


def _build_index() -> dict[tuple[str, ...], tuple[str, str]]:
    """Word sequence (lower case) -> (département code, canonical name or town)."""
    index: dict[tuple[str, ...], tuple[str, str]] = {}
    for departement in DEPARTEMENTS:
        words = tuple(name_key(departement.name).split())
        index[words] = (departement.code, "")
        if words[0] in {"la", "le", "les", "l"} and len(words) > 1:
            index.setdefault(words[1:], (departement.code, ""))
    for town, code in _TOWNS.items():
        index.setdefault(tuple(name_key(town).split()), (code, town))
    return index


_INDEX = _build_index()
_LONGEST = max(len(key) for key in _INDEX)


@dataclass(frozen=True)
class PlaceMatch:
    code: str
    town: str  # "" when a département name was matched
    start: int  # word position, to tell names apart from the words around them
    end: int


def find_places(text: str) -> list[PlaceMatch]:
    """Départements and chief towns named in ``text``, in order, longest name first."""
    words = _words(text)
    lowered = [w.lower() for w in words]
    found: list[PlaceMatch] = []
    position = 0
    while position < len(words):
        for size in range(min(_LONGEST, len(words) - position), 0, -1):
            key = tuple(lowered[position : position + size])
            hit = _INDEX.get(key)
            if hit and words[position][0].isupper():
                found.append(PlaceMatch(hit[0], hit[1], position, position + size))
                position += size
                break
        else:
            position += 1
    return found


def departement_codes(text: str) -> list[str]:
    """Every département code the text names, by name, chief town or "(33)", in order."""
    codes: list[str] = [m.code for m in find_places(text)]
    for match in _CODE_IN_PARENS_RE.finditer(text):
        code = normalize_departement(match.group(1))
        if code:
            codes.append(code)
    return list(dict.fromkeys(codes))


def institution_codes(text: str) -> list[str]:
    """Codes written after an institution's acronym ("CAF 66", "D.S.D.E.N 34")."""
    codes = [normalize_departement(m.group(1)) for m in _INSTITUTION_CODE_RE.finditer(text)]
    return list(dict.fromkeys(c for c in codes if c))


_NAME_LIST_RE = re.compile(r"^[A-ZÀ-Ý][\w'’ -]*(?:\s*(?:,|\bet\b)\s*[A-ZÀ-Ý][\w'’ -]*)+$")


def read_territory(label: str, *fallbacks: str) -> tuple[Territory, bool]:
    """The territory of a sheet from its cell; ``fallbacks`` (title, initiators) are read
    only when the cell names no département. Returns the territory and whether its codes
    came from a fallback."""
    label = " ".join(label.split())
    folded = name_key(label)
    places = find_places(label)
    codes = departement_codes(label)
    communes = tuple(Commune(m.town) for m in places if m.town)
    if folded == "national" or folded.startswith("national ") or folded == "france":
        scope = TerritoryScope.NATIONAL
    elif folded.startswith(("region", "regional")):
        scope = TerritoryScope.REGIONAL
    elif places and _only_places(label, places):
        scope = (
            TerritoryScope.COMMUNAL
            if all(m.town for m in places)
            else (TerritoryScope.DEPARTEMENTAL)
        )
    elif folded.startswith("departement"):
        scope = TerritoryScope.DEPARTEMENTAL
    elif _NAME_LIST_RE.match(label):
        # "Achères, Conflans-Sainte-Honorine, Poissy": a list of communes.
        scope = TerritoryScope.COMMUNAL
        names = re.split(r"\s*,\s*|\s+et\s+", label)
        communes = tuple(Commune(name.strip()) for name in names if name.strip())
    elif label:
        scope = TerritoryScope.LOCAL
    else:
        scope = None
    from_fallback = False
    if not codes and scope is not TerritoryScope.NATIONAL:
        for text in fallbacks:
            codes = departement_codes(text) or institution_codes(text)
            if codes:
                from_fallback = True
                break
    return Territory(scope, tuple(codes), communes, label), from_fallback


_FILLER = {"departement", "de", "du", "des", "la", "le", "les", "l", "d", "et"}


def _only_places(label: str, places: list[PlaceMatch]) -> bool:
    """True when the label is nothing but place names and filler words."""
    words = [w.lower() for w in _words(label)]
    covered: set[int] = set()
    for match in places:
        covered.update(range(match.start, match.end))
    return all(i in covered or w in _FILLER for i, w in enumerate(words))
