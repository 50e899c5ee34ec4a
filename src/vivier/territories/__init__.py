"""French territories as data: the official codes (COG) of régions and départements.

Pure core: no Django import. The survey engine uses it to check ``departement`` answers,
the analysis to group them by région, and the reports to draw the tile map.
"""

from vivier.territories.data import DEPARTEMENTS, REGIONS, Departement, Region
from vivier.territories.departements import (
    DEPARTEMENT_CODES,
    OVERSEAS_DEPARTEMENT_CODES,
    REGION_CODES,
    departement_label,
    departement_name,
    departements_of_region,
    get_departement,
    get_region,
    is_departement_code,
    name_key,
    normalize_departement,
    region_name,
    region_of,
)

__all__ = [
    "DEPARTEMENTS",
    "DEPARTEMENT_CODES",
    "OVERSEAS_DEPARTEMENT_CODES",
    "REGIONS",
    "REGION_CODES",
    "Departement",
    "Region",
    "departement_label",
    "departement_name",
    "departements_of_region",
    "get_departement",
    "get_region",
    "is_departement_code",
    "name_key",
    "normalize_departement",
    "region_name",
    "region_of",
]
