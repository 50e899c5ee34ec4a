"""The words for the codes of the sheet's closed lists, for pages, forms and documents.

A sheet stores codes ("mise_en_oeuvre", "co_forme"): they are what JSON, exports and
filters use, and they never change. People read words, in their language: every member of
every closed list has a French label here, translated like any other text of the interface
(its context, "sheet …", keeps two lists' same word apart for translators). A test fails on
a member without a label; pages call :func:`label` and never show a code.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from vivier.sheets import schema

#: French label of every code, by closed list; the context names the list.
LABELS: dict[type[StrEnum], dict[str, Promise]] = {
    schema.Theme: {
        "conferences_familiales": pgettext_lazy("sheet theme", "Conférences familiales"),
        "aller_vers": pgettext_lazy("sheet theme", "Aller-vers"),
        "pair_aidance": pgettext_lazy("sheet theme", "Pair-aidance"),
        "reseaux_partenariat": pgettext_lazy(
            "sheet theme", "Réseaux, partenariat et interventions pluriprofessionnelles"
        ),
        "pouvoir_d_agir": pgettext_lazy("sheet theme", "Développement du pouvoir d’agir"),
    },
    schema.Status: {
        "naissante": pgettext_lazy("sheet status", "Naissante"),
        "renaissante": pgettext_lazy("sheet status", "Renaissante"),
        "existante_confidentielle": pgettext_lazy("sheet status", "Existante mais confidentielle"),
    },
    schema.Stage: {
        "emergence": pgettext_lazy("sheet stage", "Émergence"),
        "experimentation": pgettext_lazy("sheet stage", "Expérimentation"),
        "mise_en_oeuvre": pgettext_lazy("sheet stage", "Mise en œuvre"),
        "consolidation": pgettext_lazy("sheet stage", "Consolidation"),
        "institutionnalisation": pgettext_lazy("sheet stage", "Institutionnalisation"),
        "essaimage": pgettext_lazy("sheet stage", "Essaimage"),
        "suspendue": pgettext_lazy("sheet stage", "Suspendue"),
        "abandonnee": pgettext_lazy("sheet stage", "Abandonnée"),
    },
    schema.Movement: {
        "ascendant": pgettext_lazy("sheet movement", "Ascendant (du terrain vers l’institution)"),
        "descendant": pgettext_lazy(
            "sheet movement", "Descendant (de l’institution vers le terrain)"
        ),
        "mixte": pgettext_lazy("sheet movement", "Mixte"),
    },
    schema.Origin: {
        "besoin_terrain": pgettext_lazy("sheet origin", "Un besoin repéré sur le terrain"),
        "demande_hierarchie": pgettext_lazy("sheet origin", "Une demande de la hiérarchie"),
    },
    schema.Rupture: {
        "epistemologique": pgettext_lazy("sheet rupture", "Épistémologique"),
        "axiologique": pgettext_lazy("sheet rupture", "Axiologique"),
        "substantielle": pgettext_lazy("sheet rupture", "Substantielle"),
        "institutionnelle": pgettext_lazy("sheet rupture", "Institutionnelle"),
        "organisationnelle": pgettext_lazy("sheet rupture", "Organisationnelle"),
        "ideologique": pgettext_lazy("sheet rupture", "Idéologique"),
    },
    schema.ActorRole: {
        "initiateur": pgettext_lazy("sheet actor role", "initiateur"),
        "porteur": pgettext_lazy("sheet actor role", "porteur"),
        "concepteur": pgettext_lazy("sheet actor role", "concepteur"),
        "partenaire": pgettext_lazy("sheet actor role", "partenaire"),
        "financeur": pgettext_lazy("sheet actor role", "financeur"),
        "pilote": pgettext_lazy("sheet actor role", "pilote"),
        "coordinateur": pgettext_lazy("sheet actor role", "coordinateur"),
        "referent": pgettext_lazy("sheet actor role", "référent"),
        "formateur": pgettext_lazy("sheet actor role", "formateur"),
        "evaluateur": pgettext_lazy("sheet actor role", "évaluateur"),
        "personnes_concernees": pgettext_lazy("sheet actor role", "personnes concernées"),
        "pair_aidant": pgettext_lazy("sheet actor role", "pair-aidant"),
        "elu": pgettext_lazy("sheet actor role", "élu"),
        "expert": pgettext_lazy("sheet actor role", "expert"),
        "autre": pgettext_lazy("sheet actor role", "autre"),
    },
    schema.FundingType: {
        "moyens_humains_existants": pgettext_lazy("sheet funding type", "moyens humains existants"),
        "plan_de_formation": pgettext_lazy("sheet funding type", "plan de formation"),
        "fonds_propres": pgettext_lazy("sheet funding type", "fonds propres"),
        "financement_partenarial": pgettext_lazy("sheet funding type", "financement partenarial"),
        "programme_national": pgettext_lazy("sheet funding type", "programme national"),
        "appel_a_projets": pgettext_lazy("sheet funding type", "appel à projets"),
        "dotation_globale": pgettext_lazy("sheet funding type", "dotation globale"),
        "financeurs_regionaux": pgettext_lazy("sheet funding type", "financeurs régionaux"),
        "fondation": pgettext_lazy("sheet funding type", "fondation"),
        "fse": pgettext_lazy("sheet funding type", "Fonds social européen (FSE)"),
        "opco": pgettext_lazy("sheet funding type", "opérateur de compétences (OPCO)"),
        "collectivite_territoriale": pgettext_lazy(
            "sheet funding type", "collectivité territoriale"
        ),
        "services_etat": pgettext_lazy("sheet funding type", "services de l’État"),
        "prestation_payante": pgettext_lazy("sheet funding type", "prestation payante"),
        "aucun_cout": pgettext_lazy("sheet funding type", "aucun coût"),
        "autre": pgettext_lazy("sheet funding type", "autre"),
    },
    schema.ParticipationMode: {
        "aucune": pgettext_lazy("sheet participation mode", "Aucune participation"),
        "information_ecrite": pgettext_lazy("sheet participation mode", "Information écrite"),
        "affichage": pgettext_lazy("sheet participation mode", "Affichage"),
        "reseaux_sociaux": pgettext_lazy("sheet participation mode", "Réseaux sociaux"),
        "reunion_information": pgettext_lazy("sheet participation mode", "Réunion d’information"),
        "consultation": pgettext_lazy("sheet participation mode", "Consultation"),
        "temoignage": pgettext_lazy("sheet participation mode", "Témoignage"),
        "groupe_de_parole": pgettext_lazy("sheet participation mode", "Groupe de parole"),
        "groupe_de_travail": pgettext_lazy("sheet participation mode", "Groupe de travail"),
        "instance": pgettext_lazy("sheet participation mode", "Siège dans une instance"),
        "co_formation": pgettext_lazy("sheet participation mode", "Co-formation"),
        "intervention_paire": pgettext_lazy(
            "sheet participation mode", "Intervention par des pairs"
        ),
    },
    schema.ParticipationRole: {
        "informe": pgettext_lazy("sheet participation role", "information"),
        "temoigne": pgettext_lazy("sheet participation role", "témoignage"),
        "consulte": pgettext_lazy("sheet participation role", "consultation"),
        "propose": pgettext_lazy("sheet participation role", "proposition"),
        "co_construit": pgettext_lazy("sheet participation role", "co-construction"),
        "co_decide": pgettext_lazy("sheet participation role", "co-décision"),
        "co_evalue": pgettext_lazy("sheet participation role", "co-évaluation"),
        "co_forme": pgettext_lazy("sheet participation role", "co-formation"),
        "pair_intervenant": pgettext_lazy("sheet participation role", "intervention comme pairs"),
    },
    schema.TerritoryScope: {
        "national": pgettext_lazy("sheet territory scope", "National"),
        "regional": pgettext_lazy("sheet territory scope", "Régional"),
        "departemental": pgettext_lazy("sheet territory scope", "Départemental"),
        "communal": pgettext_lazy("sheet territory scope", "Communal"),
        "local": pgettext_lazy("sheet territory scope", "Local"),
    },
    schema.IndicatorKind: {
        "quantitative": pgettext_lazy("sheet indicator kind", "quantitatif"),
        "qualitative": pgettext_lazy("sheet indicator kind", "qualitatif"),
    },
    schema.ConditionKind: {
        "success_factor": pgettext_lazy("sheet condition kind", "Facteur de réussite"),
        "obstacle": pgettext_lazy("sheet condition kind", "Obstacle"),
    },
    schema.ConditionCategory: {
        "soutien_hierarchie": pgettext_lazy("sheet condition category", "soutien de la hiérarchie"),
        "information_equipe": pgettext_lazy("sheet condition category", "information de l’équipe"),
        "formation": pgettext_lazy("sheet condition category", "formation"),
        "temps_degage": pgettext_lazy("sheet condition category", "temps dégagé"),
        "aide_partenaires": pgettext_lazy("sheet condition category", "aide des partenaires"),
        "moyens_financiers": pgettext_lazy("sheet condition category", "moyens financiers"),
        "soutien_publics": pgettext_lazy("sheet condition category", "soutien des publics"),
        "motivation": pgettext_lazy("sheet condition category", "motivation"),
        "connaissance_territoire": pgettext_lazy(
            "sheet condition category", "connaissance du territoire"
        ),
        "valeurs_ethique": pgettext_lazy("sheet condition category", "valeurs et éthique"),
        "envie_de_faire_autrement": pgettext_lazy(
            "sheet condition category", "envie de faire autrement"
        ),
        "impulsion": pgettext_lazy("sheet condition category", "impulsion"),
        "methode_co_construite": pgettext_lazy("sheet condition category", "méthode co-construite"),
        "qualite_partenariat": pgettext_lazy("sheet condition category", "qualité du partenariat"),
        "encadrement_de_proximite": pgettext_lazy(
            "sheet condition category", "encadrement de proximité"
        ),
        "filets_de_securite_ethiques": pgettext_lazy(
            "sheet condition category", "filets de sécurité éthiques"
        ),
        "modelisation": pgettext_lazy("sheet condition category", "modélisation"),
        "soutien_politique": pgettext_lazy("sheet condition category", "soutien politique"),
        "marges_de_manoeuvre": pgettext_lazy("sheet condition category", "marges de manœuvre"),
        "pouvoir_d_agir": pgettext_lazy("sheet condition category", "pouvoir d’agir"),
        "alliance_justice_sociale": pgettext_lazy(
            "sheet condition category", "alliance pour la justice sociale"
        ),
        "financements_pluriels": pgettext_lazy("sheet condition category", "financements pluriels"),
        "espaces_de_reflexion": pgettext_lazy("sheet condition category", "espaces de réflexion"),
        "temps": pgettext_lazy("sheet condition category", "temps"),
        "connaissance_besoins": pgettext_lazy(
            "sheet condition category", "connaissance des besoins"
        ),
        "sens": pgettext_lazy("sheet condition category", "sens"),
        "management": pgettext_lazy("sheet condition category", "management"),
        "communication": pgettext_lazy("sheet condition category", "communication"),
        "manque_de_moyens": pgettext_lazy("sheet condition category", "manque de moyens"),
        "soutien_institutionnel": pgettext_lazy(
            "sheet condition category", "soutien institutionnel"
        ),
        "mobilisation": pgettext_lazy("sheet condition category", "mobilisation"),
        "reconnaissance": pgettext_lazy("sheet condition category", "reconnaissance"),
        "resistance_au_changement": pgettext_lazy(
            "sheet condition category", "résistance au changement"
        ),
        "surcharge": pgettext_lazy("sheet condition category", "surcharge de travail"),
        "representations": pgettext_lazy("sheet condition category", "représentations"),
        "deroger_au_cadre": pgettext_lazy("sheet condition category", "déroger au cadre"),
        "cout": pgettext_lazy("sheet condition category", "coût"),
        "autre": pgettext_lazy("sheet condition category", "autre"),
    },
    schema.MediaKind: {
        "film": pgettext_lazy("sheet media kind", "Film"),
        "video": pgettext_lazy("sheet media kind", "Vidéo"),
        "podcast": pgettext_lazy("sheet media kind", "Podcast"),
        "radio": pgettext_lazy("sheet media kind", "Radio"),
        "article": pgettext_lazy("sheet media kind", "Article"),
        "site_web": pgettext_lazy("sheet media kind", "Site web"),
        "document": pgettext_lazy("sheet media kind", "Document"),
        "autre": pgettext_lazy("sheet media kind", "Lien"),
    },
}


def label(value: StrEnum | None) -> str:
    """The word for a code in the active language ("" for no value)."""
    if value is None:
        return ""
    return label_of(type(value), value.value)


def label_of(enum: type[StrEnum], code: str) -> str:
    """The word for a stored code of ``enum`` in the active language.

    A code the list does not hold (a value stored before the list changed) is shown as
    written rather than failing the page: the test of every member keeps this for old data.
    """
    words = LABELS.get(enum, {})
    return str(words[code]) if code in words else code


def french(value: StrEnum) -> str:
    """The French word for a code, whatever the language of the page: what search indexes
    and what an import or a typed line may name."""
    with translation.override("fr"):
        return label(value)
