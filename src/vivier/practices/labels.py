"""French labels of the sheet's codes, for pages, forms and documents."""

from __future__ import annotations

from enum import StrEnum

from . import sheet as schema
from .registry import THEME_LABELS

LABELS: dict[type[StrEnum], dict[str, str]] = {
    schema.Theme: {t.value: label for t, label in THEME_LABELS.items()},
    schema.Status: {
        "naissante": "Naissante",
        "renaissante": "Renaissante",
        "existante_confidentielle": "Existante mais confidentielle",
    },
    schema.Stage: {
        "emergence": "Émergence",
        "experimentation": "Expérimentation",
        "mise_en_oeuvre": "Mise en œuvre",
        "consolidation": "Consolidation",
        "institutionnalisation": "Institutionnalisation",
        "essaimage": "Essaimage",
        "suspendue": "Suspendue",
        "abandonnee": "Abandonnée",
    },
    schema.Movement: {
        "ascendant": "Ascendant (du terrain vers l’institution)",
        "descendant": "Descendant (de l’institution vers le terrain)",
        "mixte": "Mixte",
    },
    schema.Origin: {
        "besoin_terrain": "Un besoin repéré sur le terrain",
        "demande_hierarchie": "Une demande de la hiérarchie",
    },
    schema.Rupture: {
        "epistemologique": "Épistémologique",
        "axiologique": "Axiologique",
        "substantielle": "Substantielle",
        "institutionnelle": "Institutionnelle",
        "organisationnelle": "Organisationnelle",
        "ideologique": "Idéologique",
    },
    schema.ActorRole: {
        "initiateur": "initiateur",
        "porteur": "porteur",
        "concepteur": "concepteur",
        "partenaire": "partenaire",
        "financeur": "financeur",
        "pilote": "pilote",
        "coordinateur": "coordinateur",
        "referent": "référent",
        "formateur": "formateur",
        "evaluateur": "évaluateur",
        "personnes_concernees": "personnes concernées",
        "pair_aidant": "pair-aidant",
        "elu": "élu",
        "expert": "expert",
        "autre": "autre",
    },
    schema.TerritoryScope: {
        "national": "National",
        "regional": "Régional",
        "departemental": "Départemental",
        "communal": "Communal",
        "local": "Local",
    },
    schema.ConditionKind: {"success_factor": "Facteur de réussite", "obstacle": "Obstacle"},
    schema.IndicatorKind: {"quantitative": "quantitatif", "qualitative": "qualitatif"},
    schema.MediaKind: {
        "film": "Film",
        "video": "Vidéo",
        "podcast": "Podcast",
        "radio": "Radio",
        "article": "Article",
        "site_web": "Site web",
        "document": "Document",
        "autre": "Lien",
    },
}


def label(value: StrEnum | None) -> str:
    """The French word for a code; lists without a table fall back on the readable code."""
    if value is None:
        return ""
    words = LABELS.get(type(value), {})
    # "moyens_humains_existants" -> "moyens humains existants": readable, if unaccented.
    return words.get(value.value, value.value.replace("_", " "))
