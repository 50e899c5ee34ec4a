"""Official codes of the French régions and départements (COG, INSEE), as plain data.

The codes and names follow the Code officiel géographique in force since the 2016 regional
reform: 18 régions (13 in metropolitan France, 5 overseas) and 101 départements. Corsica has
two départements, ``2A`` and ``2B``; the old code ``20`` is no longer valid and is never
accepted. Overseas départements carry three-digit codes (971-974, 976; 975 is Saint-Pierre-
et-Miquelon, a collectivité, not a département).

Why a hand-written table rather than a downloaded file: the list changes a few times a
century, every test and every map needs it offline, and a table in code is reviewable in a
diff. Names are written exactly as the COG spells them (hyphens, ASCII apostrophe).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str

    @property
    def overseas(self) -> bool:
        # Overseas régions are the only ones with a code below 10 ("01".."06").
        return self.code < "10"


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    region_code: str

    @property
    def overseas(self) -> bool:
        return len(self.code) == 3


#: The 18 régions, in COG order.
REGIONS: tuple[Region, ...] = (
    Region("01", "Guadeloupe"),
    Region("02", "Martinique"),
    Region("03", "Guyane"),
    Region("04", "La Réunion"),
    Region("06", "Mayotte"),
    Region("11", "Île-de-France"),
    Region("24", "Centre-Val de Loire"),
    Region("27", "Bourgogne-Franche-Comté"),
    Region("28", "Normandie"),
    Region("32", "Hauts-de-France"),
    Region("44", "Grand Est"),
    Region("52", "Pays de la Loire"),
    Region("53", "Bretagne"),
    Region("75", "Nouvelle-Aquitaine"),
    Region("76", "Occitanie"),
    Region("84", "Auvergne-Rhône-Alpes"),
    Region("93", "Provence-Alpes-Côte d'Azur"),
    Region("94", "Corse"),
)

_D = Departement

#: The 101 départements, in COG order (2A and 2B between 19 and 21, overseas last).
DEPARTEMENTS: tuple[Departement, ...] = (
    _D("01", "Ain", "84"),
    _D("02", "Aisne", "32"),
    _D("03", "Allier", "84"),
    _D("04", "Alpes-de-Haute-Provence", "93"),
    _D("05", "Hautes-Alpes", "93"),
    _D("06", "Alpes-Maritimes", "93"),
    _D("07", "Ardèche", "84"),
    _D("08", "Ardennes", "44"),
    _D("09", "Ariège", "76"),
    _D("10", "Aube", "44"),
    _D("11", "Aude", "76"),
    _D("12", "Aveyron", "76"),
    _D("13", "Bouches-du-Rhône", "93"),
    _D("14", "Calvados", "28"),
    _D("15", "Cantal", "84"),
    _D("16", "Charente", "75"),
    _D("17", "Charente-Maritime", "75"),
    _D("18", "Cher", "24"),
    _D("19", "Corrèze", "75"),
    _D("2A", "Corse-du-Sud", "94"),
    _D("2B", "Haute-Corse", "94"),
    _D("21", "Côte-d'Or", "27"),
    _D("22", "Côtes-d'Armor", "53"),
    _D("23", "Creuse", "75"),
    _D("24", "Dordogne", "75"),
    _D("25", "Doubs", "27"),
    _D("26", "Drôme", "84"),
    _D("27", "Eure", "28"),
    _D("28", "Eure-et-Loir", "24"),
    _D("29", "Finistère", "53"),
    _D("30", "Gard", "76"),
    _D("31", "Haute-Garonne", "76"),
    _D("32", "Gers", "76"),
    _D("33", "Gironde", "75"),
    _D("34", "Hérault", "76"),
    _D("35", "Ille-et-Vilaine", "53"),
    _D("36", "Indre", "24"),
    _D("37", "Indre-et-Loire", "24"),
    _D("38", "Isère", "84"),
    _D("39", "Jura", "27"),
    _D("40", "Landes", "75"),
    _D("41", "Loir-et-Cher", "24"),
    _D("42", "Loire", "84"),
    _D("43", "Haute-Loire", "84"),
    _D("44", "Loire-Atlantique", "52"),
    _D("45", "Loiret", "24"),
    _D("46", "Lot", "76"),
    _D("47", "Lot-et-Garonne", "75"),
    _D("48", "Lozère", "76"),
    _D("49", "Maine-et-Loire", "52"),
    _D("50", "Manche", "28"),
    _D("51", "Marne", "44"),
    _D("52", "Haute-Marne", "44"),
    _D("53", "Mayenne", "52"),
    _D("54", "Meurthe-et-Moselle", "44"),
    _D("55", "Meuse", "44"),
    _D("56", "Morbihan", "53"),
    _D("57", "Moselle", "44"),
    _D("58", "Nièvre", "27"),
    _D("59", "Nord", "32"),
    _D("60", "Oise", "32"),
    _D("61", "Orne", "28"),
    _D("62", "Pas-de-Calais", "32"),
    _D("63", "Puy-de-Dôme", "84"),
    _D("64", "Pyrénées-Atlantiques", "75"),
    _D("65", "Hautes-Pyrénées", "76"),
    _D("66", "Pyrénées-Orientales", "76"),
    _D("67", "Bas-Rhin", "44"),
    _D("68", "Haut-Rhin", "44"),
    _D("69", "Rhône", "84"),
    _D("70", "Haute-Saône", "27"),
    _D("71", "Saône-et-Loire", "27"),
    _D("72", "Sarthe", "52"),
    _D("73", "Savoie", "84"),
    _D("74", "Haute-Savoie", "84"),
    _D("75", "Paris", "11"),
    _D("76", "Seine-Maritime", "28"),
    _D("77", "Seine-et-Marne", "11"),
    _D("78", "Yvelines", "11"),
    _D("79", "Deux-Sèvres", "75"),
    _D("80", "Somme", "32"),
    _D("81", "Tarn", "76"),
    _D("82", "Tarn-et-Garonne", "76"),
    _D("83", "Var", "93"),
    _D("84", "Vaucluse", "93"),
    _D("85", "Vendée", "52"),
    _D("86", "Vienne", "75"),
    _D("87", "Haute-Vienne", "75"),
    _D("88", "Vosges", "44"),
    _D("89", "Yonne", "27"),
    _D("90", "Territoire de Belfort", "27"),
    _D("91", "Essonne", "11"),
    _D("92", "Hauts-de-Seine", "11"),
    _D("93", "Seine-Saint-Denis", "11"),
    _D("94", "Val-de-Marne", "11"),
    _D("95", "Val-d'Oise", "11"),
    _D("971", "Guadeloupe", "01"),
    _D("972", "Martinique", "02"),
    _D("973", "Guyane", "03"),
    _D("974", "La Réunion", "04"),
    _D("976", "Mayotte", "06"),
)

del _D
