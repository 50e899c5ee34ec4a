"""The HCTS 2020 questionnaire on emerging practices in social work, rebuilt as a template.

In summer 2020 the Haut Conseil du travail social (HCTS) and the Ansa ran an online survey to
spot "pratiques professionnelles émergentes". The report never prints the questionnaire: it
was rebuilt from the way the report's annex quotes and comments on each question (see the
reconstruction in the project's shared design notes). This module turns that reconstruction
into a :class:`~vivier.surveys.schema.Questionnaire` that Vivier can run again.

Wording. Every label and hint is written anew, in plain French, faithful to the meaning of the
original question; nothing is copied from the report except the option labels it names (for
example Q22 "Une pratique existante mais confidentielle", Q23 "Un besoin identifié sur le
terrain"), kept so that new answers can be compared with the published figures.

Provenance. Each question carries ``meta``:

- ``basis``: ``"stated"`` (the report names the question), ``"inferred"`` (deduced from the
  order of the questions, e.g. the number of Q3, Q17, Q25, Q36, Q38, or the content of the
  Q5-Q9 block that the report only summarises), ``"unknown"`` (Q11 and Q18: nothing is known,
  we put a plausible optional question there, see ``meta["note"]``);
- ``condition_basis``: whether the display rule is given by the report or deduced;
- ``report_lines``: lines of ``rapport-hcts-pratiques-emergentes.txt`` that speak of it;
- sometimes ``type_basis`` (the report does not say the question type) and
  ``inferred_options`` (option values we added to a list the report only partly reveals).

Decisions (each one is a choice the report leaves open):

- Only Q1 (profile) is required: it routes persons concerned and professionals apart. Every
  other question is optional, as in the original, whose number of respondents falls from
  question to question (1771 at the start, 1301 at Q14, 276 at Q23, about 200 at the end).
  A professional who skips Q14 ends the questionnaire as one who answers "no" (the rest needs
  Q14 = yes); one who skips Q23 goes on at Q31, past both branches.
- Q14 = "no" ends the questionnaire: every page after Q14, contacts included, is shown only
  when ``${q14} = 'yes'``.
- The persons-concerned branch (Q2-Q11, for the two profiles "personne concernée" and
  "représentant") ends after Q11: the report does not say whether it rejoined Q12, and
  asking Q14 again after Q2 would repeat the same question.
- Yes/no questions whose published figures show only "oui"/"non" (Q2, Q14, Q26, Q29) offer
  those two answers; the others offer "Je ne sais pas" too, as the report's figures do.
- Q60 has no display rule of its own: its label says "if an evaluation was carried out", and
  the report's counts show it was in fact answered far beyond those who said Q54 = yes.
- Q71 is a 1-5 grid: the report publishes mean scores (3.57 ...) but not the scale.
"""

from __future__ import annotations

import functools
from typing import Any

from vivier.surveys.schema import (
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
    YesNo,
)

HCTS_SLUG = "hcts-2020"

T = QuestionType

# --------------------------------------------------------------------------- relevance

#: The two profiles that take the persons-concerned branch (Q2-Q11).
PERSONS_CONCERNED = "${q1} = 'personne_concernee' or ${q1} = 'representant'"
#: Everybody else: professionals, managers, volunteers, "other".
PROFESSIONALS = f"not({PERSONS_CONCERNED})"
#: The gate: Q14 = "no" (or unanswered) ends the questionnaire.
KNOWS_PRACTICE = "${q14} = 'yes'"


def _and(*conditions: str) -> str:
    """Join conditions with ``and``, bracketing those that contain an ``or``."""
    return " and ".join(f"({c})" if " or " in c else c for c in conditions)


def _is(name: str, value: str) -> str:
    return f"${{{name}}} = '{value}'"


_YES = YesNo.YES.value
_NO = YesNo.NO.value

# --------------------------------------------------------------------------- provenance

#: Lines of the report (seed text) where each question is quoted or its figures printed.
REPORT_LINES: dict[int, tuple[int, ...]] = {
    1: (6984, 6986, 6988, 6990, 6992, 6994, 6996, 7021),
    2: (7040, 7044, 7046),
    3: (7048,),
    4: (7060,),
    5: (7072, 7074),
    6: (7072, 7074),
    7: (7072, 7074),
    8: (7072, 7074),
    9: (7072, 7074),
    10: (7078,),
    11: (),
    12: (7003, 7005, 7007, 7009),
    13: (7015, 7019, 7031),
    14: (7102, 7104, 7106),
    15: (7118, 7120),
    16: (7157, 7159),
    17: (7273, 7277, 7279, 7283),
    18: (),
    19: (7288, 7290),
    20: (7300, 7302, 7304, 7306, 7308, 7310, 7312),
    21: (7320, 7322, 7324, 7326, 7328),
    22: (7331, 7335, 7337, 7379),
    23: (7339, 7341, 7343, 7387, 7461),
    24: (7369,),
    25: (7422, 7431, 7433, 7435, 7437),
    26: (7466, 7468, 7470),
    27: (7476, 7478, 7482, 7484, 7520),
    28: (7351, 7353, 7357, 7359, 7363),
    29: (7494, 7496, 7498),
    30: (7508, 7510, 7512, 7575),
    31: (7567, 7569, 7642),
    32: (7590, 7592),
    33: (7658, 7660, 7664),
    34: (7668, 7684),
    35: (7694, 7696),
    36: (7706, 7712, 7716),
    37: (7729, 7731, 7733),
    38: (7735,),
    39: (7771, 7777, 7778, 7779, 7783, 7785),
    40: (7793, 7795, 7797),
    41: (7806, 7810, 7812, 7814, 7816),
    42: (7831, 7835, 7839),
    43: (7843, 7847, 7863, 7867, 7869),
    44: (7876, 7880, 7882, 7889),
    45: (7925, 7929, 7931),
    46: (7937, 7953),
    47: (7978, 7980, 7982),
    48: (7990, 7994, 8009),
    49: (8017, 8019, 8023, 8025, 8027, 8031),
    50: (8049, 8058, 8074, 8078, 8082, 8084, 8088),
    51: (8121,),
    52: (8188, 8192, 8194),
    53: (8198,),
    54: (8262, 8264, 8266, 8270),
    55: (8315, 8325),
    56: (8337, 8349),
    57: (8372,),
    58: (8272, 8274),
    59: (8278,),
    60: (8384, 8388, 8392, 8394),
    61: (8400,),
    62: (8429,),
    63: (8476,),
    64: (8476, 8478),
    65: (8511, 8515, 8517),
    66: (8519,),
    67: (8575, 8577, 8579),
    68: (8585,),
    69: (8612, 8614, 8616),
    70: (8640, 8644),
    71: (8708, 8716, 8718, 8720, 8722),
    72: (8759, 8763),
    73: (8829, 8831),
    74: (8899, 8901),
    75: (8899, 8901),
}

# --------------------------------------------------------------------------- helpers

_ONE = "Cochez une seule réponse."
_SEVERAL = "Vous pouvez cocher plusieurs réponses."
_OWN_WORDS = "Écrivez avec vos propres mots. Quelques lignes suffisent."
_YES_NO_ONLY = (Choice(_YES, "Oui"), Choice(_NO, "Non"))


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in pairs)


def _q(
    number: int,
    qtype: QuestionType,
    label: str,
    *,
    basis: str,
    condition_basis: str,
    hint: str = "",
    relevant: str = "",
    choices: tuple[Choice, ...] = (),
    other: bool = False,
    other_label: str = "Autre (précisez)",
    required: bool = False,
    required_message: str = "",
    scale: RatingScale | None = None,
    personal_data: bool = False,
    note: str = "",
    type_basis: str = "",
    inferred_options: tuple[str, ...] = (),
) -> Question:
    meta: dict[str, Any] = {
        "basis": basis,
        "condition_basis": condition_basis,
        "report_lines": list(REPORT_LINES[number]),
    }
    if type_basis:
        meta["type_basis"] = type_basis
    if inferred_options:
        meta["inferred_options"] = list(inferred_options)
    if note:
        meta["note"] = note
    return Question(
        name=f"q{number}",
        type=qtype,
        label=label,
        hint=hint,
        required=required,
        required_message=required_message,
        relevant=relevant,
        choices=choices,
        other=other,
        other_label=other_label,
        scale=scale,
        personal_data=personal_data,
        number=number,
        meta=meta,
    )


def _section(
    name: str,
    title: str,
    questions: list[Question],
    *,
    relevant: str = "",
    description: str = "",
    axis: int | None = None,
    note: str = "",
) -> Section:
    meta: dict[str, Any] = {}
    if axis is not None:
        # The report gives the four axes but not which question belongs to which: the ranges
        # follow the order of the annex's chapters.
        meta["axis"] = axis
        meta["axis_basis"] = "inferred"
    if note:
        meta["note"] = note
    return Section(
        name=name,
        title=title,
        questions=tuple(questions),
        description=description,
        relevant=relevant,
        meta=meta,
    )


# --------------------------------------------------------------------------- sections


def _profile() -> Section:
    q1 = _q(
        1,
        T.SINGLE_CHOICE,
        "À quel titre répondez-vous à ce questionnaire ?",
        hint=_ONE + " Choisissez ce qui vous décrit le mieux aujourd'hui.",
        choices=_choices(
            ("travailleur_social", "Un.e travailleur.euse social.e"),
            ("responsable_equipe", "Un.e responsable d'équipe"),
            ("cadre_direction", "Un.e cadre de direction"),
            ("benevole", "Un.e bénévole"),
            ("personne_concernee", "Une personne concernée (accompagnée par un service social)"),
            ("representant", "Un.e représentant.e de personnes concernées"),
        ),
        other=True,
        required=True,
        required_message="Dites-nous à quel titre vous répondez : la suite en dépend.",
        basis="stated",
        condition_basis="stated",
        type_basis="inferred",
        inferred_options=("cadre_direction", "benevole"),
        note=(
            "Le graphique du rapport ne garde que trois libellés (travailleur social, "
            "responsable d'équipe, autre) pour quatre valeurs, et le texte parle de 17 % de "
            "cadres : « cadre de direction » et « bénévole » sont ajoutés par hypothèse "
            "(les réseaux de bénévoles ont reçu le questionnaire)."
        ),
    )
    return _section("profil", "Vous et votre activité", [q1])


def _persons_concerned() -> list[Section]:
    knows = _and(PERSONS_CONCERNED, _is("q2", _YES))
    inferred_block = (
        "Le rapport résume Q5 à Q9 en un seul bloc (participation des personnes concernées "
        "à l'élaboration de la pratique, effet sur leur situation) sans en donner le détail : "
        "ces questions sont proposées par hypothèse."
    )
    return [
        _section(
            "parcours_personnes_concernees",
            "Les pratiques que vous connaissez",
            [
                _q(
                    2,
                    T.YES_NO,
                    "Connaissez-vous une façon nouvelle de faire du travail social, qui "
                    "commence à se développer ?",
                    hint=(
                        "Par exemple : des professionnels qui viennent vous voir chez vous ou "
                        "dans la rue, des groupes où les personnes accompagnées donnent leur "
                        "avis, une formation faite avec des personnes accompagnées."
                    ),
                    choices=_YES_NO_ONLY,
                    basis="stated",
                    condition_basis="inferred",
                    type_basis="inferred",
                )
            ],
            relevant=PERSONS_CONCERNED,
            description="Ces questions sont posées aux personnes concernées et à leurs "
            "représentants.",
        ),
        _section(
            "personnes_concernees_pratique",
            "La pratique que vous connaissez",
            [
                _q(
                    3,
                    T.SHORT_TEXT,
                    "Comment s'appelle cette pratique, ou comment la nommeriez-vous ?",
                    hint="Quelques mots suffisent.",
                    basis="inferred",
                    condition_basis="inferred",
                ),
                _q(
                    4,
                    T.LONG_TEXT,
                    "Décrivez cette pratique : qui la propose, à qui, et comment cela se passe.",
                    hint=_OWN_WORDS,
                    basis="stated",
                    condition_basis="inferred",
                ),
            ],
            relevant=knows,
        ),
        _section(
            "personnes_concernees_participation",
            "Votre participation",
            [
                _q(
                    5,
                    T.YES_NO,
                    "Avez-vous participé à la construction de cette pratique ?",
                    basis="inferred",
                    condition_basis="inferred",
                    note=inferred_block,
                ),
                _q(
                    6,
                    T.MULTIPLE_CHOICE,
                    "Comment avez-vous participé ?",
                    hint=_SEVERAL,
                    relevant=_is("q5", _YES),
                    choices=_choices(
                        ("informe", "On m'a informé.e"),
                        ("avis", "J'ai donné mon avis"),
                        ("idees", "J'ai proposé des idées"),
                        ("co_construction", "J'ai construit la pratique avec les professionnels"),
                        ("evaluation", "J'ai participé à son évaluation"),
                    ),
                    other=True,
                    basis="inferred",
                    condition_basis="inferred",
                    note=inferred_block,
                ),
                _q(
                    7,
                    T.YES_NO,
                    "Avez-vous le sentiment que votre avis a été pris en compte ?",
                    relevant=_is("q5", _YES),
                    basis="inferred",
                    condition_basis="inferred",
                    note=inferred_block,
                ),
            ],
            relevant=knows,
        ),
        _section(
            "personnes_concernees_effets",
            "Ce que la pratique a changé",
            [
                _q(
                    8,
                    T.SINGLE_CHOICE,
                    "Cette pratique a-t-elle changé vos relations avec les professionnels "
                    "qui vous accompagnent ?",
                    hint=_ONE,
                    choices=_choices(
                        ("mieux", "Oui, en mieux"),
                        ("pas_de_changement", "Non, rien n'a changé"),
                        ("moins_bien", "Oui, en moins bien"),
                        ("ne_sait_pas", "Je ne sais pas"),
                    ),
                    basis="inferred",
                    condition_basis="inferred",
                    note=inferred_block,
                ),
                _q(
                    9,
                    T.LONG_TEXT,
                    "Qu'est-ce que cette pratique a changé pour vous ?",
                    hint=_OWN_WORDS,
                    basis="inferred",
                    condition_basis="inferred",
                    note=inferred_block,
                ),
                _q(
                    10,
                    T.YES_NO,
                    "Diriez-vous que cette pratique a rendu votre situation meilleure (ou celle "
                    "des personnes que vous représentez) ?",
                    basis="stated",
                    condition_basis="inferred",
                    type_basis="inferred",
                ),
            ],
            relevant=knows,
        ),
        _section(
            "personnes_concernees_fin",
            "Pour finir",
            [
                _q(
                    11,
                    T.LONG_TEXT,
                    "Voulez-vous ajouter quelque chose ?",
                    hint="Cette question est facultative.",
                    basis="unknown",
                    condition_basis="inferred",
                    note=(
                        "Le rapport ne dit rien de Q11. Nous y plaçons une question libre et "
                        "facultative qui clôt le parcours des personnes concernées."
                    ),
                ),
            ],
            relevant=PERSONS_CONCERNED,
            note="Le parcours des personnes concernées s'arrête ici (choix de reconstruction).",
        ),
    ]


def _structure_and_knowledge() -> list[Section]:
    return [
        _section(
            "structure_territoire",
            "Votre structure et votre territoire",
            [
                _q(
                    12,
                    T.SINGLE_CHOICE,
                    "Dans quel type de structure exercez-vous ?",
                    hint=_ONE + " Si la vôtre n'est pas dans la liste, choisissez « Autre » "
                    "et écrivez son nom.",
                    choices=_choices(
                        ("conseil_departemental", "Conseil départemental"),
                        ("caf", "Caf"),
                        (
                            "sante",
                            "Secteur de la santé (service social hospitalier, équipe mobile...)",
                        ),
                        ("ccas", "CCAS ou CIAS"),
                        (
                            "association",
                            "Association, établissement ou service social ou médico-social",
                        ),
                        ("commune", "Commune ou intercommunalité (hors CCAS)"),
                        ("etat", "Services de l'État"),
                        (
                            "protection_sociale",
                            "Autre organisme de protection sociale (MSA, Carsat...)",
                        ),
                    ),
                    other=True,
                    basis="stated",
                    condition_basis="inferred",
                    inferred_options=("association", "commune", "etat", "protection_sociale"),
                    note="Le rapport ne cite que quatre catégories (57 % des réponses).",
                ),
                _q(
                    13,
                    T.DEPARTEMENT,
                    "Dans quel département exercez-vous ?",
                    hint=(
                        "Tapez le nom ou le numéro du département, par exemple « Gironde » ou "
                        "« 33 ». Si vous travaillez dans plusieurs départements, choisissez "
                        "celui où vous êtes le plus souvent."
                    ),
                    basis="stated",
                    condition_basis="inferred",
                ),
            ],
            relevant=PROFESSIONALS,
        ),
        _section(
            "connaissance_pratiques",
            "Les pratiques émergentes que vous connaissez",
            [
                _q(
                    14,
                    T.YES_NO,
                    "Connaissez-vous au moins une pratique émergente ?",
                    hint=(
                        "Une pratique émergente est une façon de travailler qui est nouvelle, "
                        "qui revient, ou qui existait sans être connue, et qui commence à se "
                        "développer. Si vous répondez « Non », le questionnaire s'arrête ici."
                    ),
                    choices=_YES_NO_ONLY,
                    basis="stated",
                    condition_basis="inferred",
                    type_basis="inferred",
                    note="« Non » met fin au questionnaire (règle donnée par le rapport).",
                ),
            ],
            relevant=PROFESSIONALS,
            axis=1,
        ),
    ]


def _the_practice() -> list[Section]:
    return [
        _section(
            "pratique_description",
            "La pratique",
            [
                _q(
                    15,
                    T.LONG_TEXT,
                    "Quelle(s) pratique(s) émergente(s) connaissez-vous ? Donnez-leur un nom.",
                    hint=(
                        "Si vous en connaissez plusieurs, choisissez-en une pour répondre aux "
                        "questions suivantes."
                    ),
                    basis="stated",
                    condition_basis="stated",
                ),
                _q(
                    16,
                    T.LONG_TEXT,
                    "Décrivez en quelques phrases en quoi consiste cette pratique.",
                    hint=_OWN_WORDS,
                    basis="stated",
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=1,
        ),
        _section(
            "pratique_besoins",
            "À quoi sert la pratique",
            [
                _q(
                    17,
                    T.MULTIPLE_CHOICE,
                    "À quels besoins cette pratique répond-elle ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        ("ecoute", "Écoute"),
                        ("accompagnement_social", "Accompagnement social"),
                        ("acces_aux_droits", "Accès aux droits"),
                        ("mediation_numerique", "Médiation numérique"),
                        ("logement", "Logement, hébergement"),
                        ("insertion", "Insertion professionnelle"),
                        ("lien_social", "Lien social, isolement"),
                        ("sante", "Santé"),
                        ("parentalite", "Famille, parentalité"),
                    ),
                    other=True,
                    basis="inferred",
                    condition_basis="stated",
                    type_basis="inferred",
                    inferred_options=(
                        "logement",
                        "insertion",
                        "lien_social",
                        "sante",
                        "parentalite",
                    ),
                    note=(
                        "Numéro déduit de la position (Q17 ou Q18). Le graphique des besoins "
                        "n'a pas été extrait : seules quatre options sont connues."
                    ),
                ),
                _q(
                    18,
                    T.SHORT_TEXT,
                    "À quel(s) public(s) cette pratique s'adresse-t-elle ?",
                    hint="Par exemple : jeunes, familles, personnes âgées, personnes sans "
                    "logement...",
                    basis="unknown",
                    condition_basis="stated",
                    note=(
                        "Le rapport ne dit rien de Q18. Nous y plaçons une question facultative "
                        "sur les publics visés, utile pour décrire la pratique."
                    ),
                ),
                _q(
                    19,
                    T.SINGLE_CHOICE,
                    "Comment les personnes ont-elles accès à cette pratique ?",
                    hint=_ONE,
                    choices=_choices(
                        ("direct_public", "Directement : elle est accessible au public ciblé"),
                        (
                            "via_professionnels_dedies",
                            "Par l'intermédiaire de professionnels dédiés",
                        ),
                    ),
                    type_basis="inferred",
                    basis="stated",
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=1,
        ),
        _section(
            "pratique_acteurs",
            "Qui est derrière la pratique",
            [
                _q(
                    20,
                    T.MULTIPLE_CHOICE,
                    "Qui a lancé cette pratique ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        ("travailleurs_sociaux", "Des travailleurs sociaux"),
                        ("institutions_referentes", "Les institutions référentes"),
                        ("partenaires", "Des partenaires"),
                        ("personnes_concernees", "Des personnes concernées"),
                        ("elus", "Des élus"),
                        ("tetes_de_reseau", "Des têtes de réseau ou des fédérations"),
                    ),
                    other=True,
                    type_basis="inferred",
                    basis="stated",
                    condition_basis="stated",
                ),
                _q(
                    21,
                    T.SINGLE_CHOICE,
                    "Qui porte le projet aujourd'hui ?",
                    hint=_ONE,
                    choices=_choices(
                        ("institution", "Une institution"),
                        ("partenaires_territoire", "Des partenaires du territoire"),
                        ("personnes_concernees", "Des personnes concernées"),
                    ),
                    other=True,
                    type_basis="inferred",
                    basis="stated",
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=1,
        ),
        _section(
            "pratique_statut",
            "Une pratique nouvelle ?",
            [
                _q(
                    22,
                    T.SINGLE_CHOICE,
                    "D'après vous, cette pratique est plutôt :",
                    hint=(
                        "Naissante : elle vient d'apparaître. Existante mais confidentielle : "
                        "elle existait déjà, mais peu de gens la connaissent. Renaissante : elle "
                        "avait disparu et revient."
                    ),
                    choices=_choices(
                        ("naissante", "Une pratique naissante"),
                        ("existante_confidentielle", "Une pratique existante mais confidentielle"),
                        ("renaissante", "Une pratique renaissante"),
                    ),
                    basis="stated",
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=1,
        ),
        _section(
            "origine",
            "D'où vient la pratique",
            [
                _q(
                    23,
                    T.SINGLE_CHOICE,
                    "À votre avis, cette pratique est d'abord la réponse à :",
                    hint=_ONE,
                    choices=_choices(
                        ("besoin_terrain", "Un besoin identifié sur le terrain"),
                        ("demande_hierarchie", "Une demande de votre hiérarchie"),
                    ),
                    note="Aiguillage : besoin -> Q24-Q27, demande -> Q28-Q30, puis Q31.",
                    basis="stated",
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=1,
        ),
    ]


def _origin_branches() -> list[Section]:
    need = _and(KNOWS_PRACTICE, _is("q23", "besoin_terrain"))
    request = _and(KNOWS_PRACTICE, _is("q23", "demande_hierarchie"))
    return [
        _section(
            "besoin_terrain",
            "Un besoin repéré sur le terrain",
            [
                _q(
                    24,
                    T.LONG_TEXT,
                    "Comment ce besoin a-t-il été repéré au départ ?",
                    hint=_OWN_WORDS,
                    basis="stated",
                    condition_basis="stated",
                ),
                _q(
                    25,
                    T.MULTIPLE_CHOICE,
                    "Qui a repéré ce besoin ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        ("professionnels", "Des professionnels"),
                        ("personnes_concernees", "Des personnes concernées"),
                        ("partenaires", "Des partenaires"),
                        ("benevoles", "Des bénévoles"),
                    ),
                    other=True,
                    basis="inferred",
                    condition_basis="stated",
                    note="Numéro déduit de la position, entre Q24 et Q26.",
                ),
                _q(
                    26,
                    T.YES_NO,
                    "Ce besoin a-t-il été repéré pendant la crise sanitaire (Covid-19) ?",
                    choices=_YES_NO_ONLY,
                    basis="stated",
                    condition_basis="stated",
                    type_basis="inferred",
                ),
                _q(
                    27,
                    T.SINGLE_CHOICE,
                    "De quel besoin s'agit-il ?",
                    hint=_ONE,
                    relevant=_is("q26", _YES),
                    choices=_choices(
                        (
                            "besoin_nouveau_crise",
                            "Un besoin nouveau lié au contexte de la crise sanitaire",
                        ),
                        (
                            "besoin_existant_renforce",
                            "Un besoin déjà existant mais renforcé par la crise sanitaire",
                        ),
                        (
                            "besoin_existant_solutions_accelerees",
                            "Un besoin déjà là, dont la crise sanitaire a fait émerger "
                            "les solutions",
                        ),
                    ),
                    basis="stated",
                    condition_basis="inferred",
                ),
            ],
            relevant=need,
            axis=1,
        ),
        _section(
            "demande_hierarchie",
            "Une demande de votre hiérarchie",
            [
                _q(
                    28,
                    T.SHORT_TEXT,
                    "Qui a formulé cette demande ?",
                    hint="Par exemple : votre direction, une tête de réseau, un ministère, des "
                    "élus...",
                    basis="stated",
                    condition_basis="stated",
                    type_basis="inferred",
                ),
                _q(
                    29,
                    T.YES_NO,
                    "Cette demande est-elle apparue avec la crise sanitaire (Covid-19) ?",
                    choices=_YES_NO_ONLY,
                    basis="stated",
                    condition_basis="stated",
                    type_basis="inferred",
                ),
                _q(
                    30,
                    T.SINGLE_CHOICE,
                    "Dans ce cas, la pratique répond surtout à :",
                    hint=_ONE,
                    relevant=_is("q29", _YES),
                    choices=_choices(
                        (
                            "adaptation_pratique_existante",
                            "Une demande d'adapter les pratiques existantes pendant la crise "
                            "sanitaire",
                        ),
                        (
                            "obligation_reglementaire",
                            "Une demande due à une nouvelle obligation réglementaire (par "
                            "exemple l'état d'urgence sanitaire)",
                        ),
                        (
                            "besoin_nouveau",
                            "Une demande due à un besoin nouveau, apparu avec la crise sanitaire",
                        ),
                    ),
                    basis="stated",
                    condition_basis="inferred",
                ),
            ],
            relevant=request,
            axis=1,
        ),
    ]


def _trunk(
    number: int,
    qtype: QuestionType,
    label: str,
    *,
    condition_basis: str = "stated",
    **kwargs: Any,
) -> Question:
    """A question of the common trunk after Q23, stated by the report."""
    return _q(number, qtype, label, basis="stated", condition_basis=condition_basis, **kwargs)


def _follow_up(
    number: int,
    label: str,
    *,
    on: str,
    value: str,
    condition_basis: str,
    basis: str = "stated",
    hint: str = _OWN_WORDS,
    type_basis: str = "inferred",
) -> Question:
    """A free-text question shown after a given answer to the previous one."""
    return _q(
        number,
        T.LONG_TEXT,
        label,
        hint=hint,
        relevant=_is(on, value),
        basis=basis,
        condition_basis=condition_basis,
        type_basis=type_basis,
    )


def _implementation() -> list[Section]:
    return [
        _section(
            "evolution_pratiques",
            "Ce que la pratique a changé dans votre travail",
            [
                _trunk(
                    31,
                    T.SINGLE_CHOICE,
                    "Comment votre façon de travailler a-t-elle changé ?",
                    hint=_ONE,
                    choices=_choices(
                        (
                            "creation_reponse_nouvelle",
                            "En créant, à partir des besoins identifiés, une réponse nouvelle",
                        ),
                        (
                            "adaptation_reponse_existante",
                            "En adaptant, à partir des besoins identifiés, une réponse existante",
                        ),
                    ),
                    condition_basis="inferred",
                    note="Les deux branches de Q23 se rejoignent ici (déduit).",
                ),
                _follow_up(
                    32,
                    "Quelle pratique existante avez-vous adaptée ? Pourquoi, et de quelle façon ?",
                    on="q31",
                    value="adaptation_reponse_existante",
                    condition_basis="inferred",
                    type_basis="",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=1,
        ),
        _section(
            "inspiration",
            "Ce qui vous a inspiré",
            [
                _trunk(
                    33,
                    T.YES_NO,
                    "Vous êtes-vous appuyé.e sur ce qui se fait dans d'autres métiers ou "
                    "d'autres formes d'intervention sociale (bénévolat, initiatives "
                    "citoyennes) ?",
                ),
                _follow_up(
                    34,
                    "Quelles ont été ces sources d'inspiration ?",
                    on="q33",
                    value=_YES,
                    condition_basis="stated",
                    type_basis="",
                ),
                _trunk(
                    35,
                    T.YES_NO,
                    "Des travaux de recherche ont-ils nourri la réflexion qui a mené à cette "
                    "pratique ?",
                    type_basis="inferred",
                ),
                _follow_up(
                    36,
                    "Quels travaux de recherche ?",
                    on="q35",
                    value=_YES,
                    basis="inferred",
                    condition_basis="inferred",
                    hint="Auteurs, ouvrages, recherches-actions, conférences...",
                ),
                _trunk(
                    37,
                    T.YES_NO,
                    "Vous êtes-vous inspiré.e d'une pratique venue d'un autre territoire ou "
                    "d'un autre pays ?",
                ),
                _follow_up(
                    38,
                    "Laquelle, et d'où vient-elle ?",
                    on="q37",
                    value=_YES,
                    basis="inferred",
                    condition_basis="inferred",
                    hint="Le territoire ou le pays, et le nom de la pratique si vous le "
                    "connaissez.",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
        _section(
            "conception",
            "Qui a construit la pratique",
            [
                _trunk(
                    39,
                    T.MULTIPLE_CHOICE,
                    "Qui a imaginé et construit cette pratique ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        (
                            "demande_institutionnelle",
                            "Elle répond à une demande "
                            "institutionnelle (hiérarchie, recommandations du gouvernement)",
                        ),
                        ("repondant", "Vous-même, dans la relation avec la personne accompagnée"),
                        ("equipe_restreinte", "Une équipe restreinte de professionnels"),
                        ("avec_directions", "Une équipe associant les directions"),
                        ("avec_personnes_concernees", "Avec des personnes concernées"),
                        ("avec_benevoles", "Avec des bénévoles"),
                    ),
                    other=True,
                    type_basis="inferred",
                ),
                _trunk(
                    40,
                    T.YES_NO,
                    "Les partenaires ont-ils été associés à la conception de la pratique ?",
                ),
                _trunk(
                    41,
                    T.MULTIPLE_CHOICE,
                    "Comment les partenaires ont-ils été associés ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        (
                            "aucune_au_dela_information",
                            "Pas d'association au-delà d'une simple information",
                        ),
                        ("reunion_information", "Invitation à une réunion d'information"),
                        ("reunion_de_travail_unique", "Invitation à une seule réunion de travail"),
                        (
                            "co_construction_effective",
                            "Co-construction effective (groupe de travail, cycle de réunions...)",
                        ),
                    ),
                    condition_basis="inferred",
                    type_basis="inferred",
                    note=(
                        "Posée à tous : le rapport ne dit pas si elle dépendait de Q40, et 35 % "
                        "des réponses disent « pas au-delà d'une information »."
                    ),
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
        _section(
            "participation_personnes",
            "La place des personnes concernées",
            [
                _trunk(
                    42,
                    T.YES_NO,
                    "Des personnes concernées ont-elles été associées à la conception de la "
                    "pratique ?",
                    hint="Les personnes concernées sont les personnes accompagnées, ou visées "
                    "par la pratique.",
                ),
                _trunk(
                    43,
                    T.MULTIPLE_CHOICE,
                    "De quelle façon ont-elles été associées ?",
                    hint=_SEVERAL,
                    relevant=_is("q42", _YES),
                    choices=_choices(
                        (
                            "informes_courrier_courriel_sms",
                            "Elles ont été informées par courrier, courriel ou SMS",
                        ),
                        (
                            "informes_reunions_dediees",
                            "Elles ont été informées lors de réunions dédiées",
                        ),
                        ("affiches", "Par des affiches dans les services"),
                        (
                            "groupe_de_travail_reunions_co_construction",
                            "Elles ont pris part à un groupe de travail ou à des réunions "
                            "pour bâtir la pratique ensemble",
                        ),
                    ),
                    other=True,
                    type_basis="inferred",
                ),
                _trunk(
                    44,
                    T.MULTIPLE_CHOICE,
                    "Pourquoi n'ont-elles pas été associées ?",
                    hint=_SEVERAL,
                    relevant=_is("q42", _NO),
                    choices=_choices(
                        ("inutile", "Cela ne paraissait pas utile"),
                        ("manque_de_temps", "Par manque de temps"),
                        ("pas_de_volontaires", "Nous n'avons pas trouvé de volontaires"),
                    ),
                    other=True,
                    other_label="Autres raisons (précisez)",
                    condition_basis="inferred",
                    type_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
        _section(
            "financement",
            "Le financement",
            [
                _trunk(
                    45,
                    T.YES_NO,
                    "La pratique a-t-elle un financement qui lui est propre ?",
                    condition_basis="inferred",
                ),
                _trunk(
                    46,
                    T.MULTIPLE_CHOICE,
                    "Comment la pratique est-elle financée aujourd'hui ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        ("fonds_propres", "Sur les fonds propres de la structure"),
                        ("collectivites_territoriales", "Par des collectivités territoriales"),
                        ("services_etat", "Par des services de l'État"),
                        ("appel_a_projets", "Grâce à un appel à projets (ARS, collectivités...)"),
                        ("opco", "Par un OPCO (formation des professionnels)"),
                        ("fondation", "Par une fondation ou du mécénat"),
                        ("fonds_europeens", "Par des fonds européens (FSE...)"),
                    ),
                    other=True,
                    condition_basis="inferred",
                    type_basis="inferred",
                    inferred_options=("fondation", "fonds_europeens"),
                    note=(
                        "Le classement des sources n'a pas été extrait du rapport ; les options "
                        "viennent de son commentaire. Posée à tous : même sans financement "
                        "propre, la pratique peut vivre sur fonds propres."
                    ),
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
        _section(
            "diffusion_equipe",
            "La diffusion dans l'équipe",
            [
                _trunk(
                    47,
                    T.YES_NO,
                    "La pratique a-t-elle été testée avant d'être mise en place ou diffusée ?",
                ),
                _trunk(
                    48,
                    T.YES_NO,
                    "La pratique a-t-elle été partagée avec le reste de l'équipe ?",
                ),
                _trunk(
                    49,
                    T.MULTIPLE_CHOICE,
                    "Qui s'est chargé de la faire connaître dans l'équipe ?",
                    hint=_SEVERAL,
                    relevant=_is("q48", _YES),
                    choices=_choices(
                        ("repondant", "Vous-même"),
                        ("toute_equipe", "L'ensemble de l'équipe"),
                        ("direction", "La direction"),
                        ("autre_referent", "Un autre professionnel référent"),
                    ),
                    other=True,
                    type_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
        _section(
            "facteurs_reussite",
            "Ce qui aide et ce qui freine",
            [
                _trunk(
                    50,
                    T.MULTIPLE_CHOICE,
                    "D'après vous, qu'est-ce qui compte le plus pour que la pratique se "
                    "développe dans l'équipe ?",
                    hint=_SEVERAL,
                    choices=_choices(
                        ("soutien_hierarchie", "Le soutien de la hiérarchie"),
                        ("information_equipe", "L'information de l'équipe"),
                        ("formation_travailleurs_sociaux", "La formation des travailleurs sociaux"),
                        ("temps_degage", "Du temps dégagé pour l'équipe"),
                        ("aide_partenaires", "L'aide des partenaires"),
                        ("moyens_financiers", "Des moyens financiers"),
                    ),
                    other=True,
                    note=(
                        "Le rapport regrette que la connaissance du territoire et des publics "
                        "ne soit pas proposée ; elle n'est pas ajoutée ici pour rester "
                        "comparable, à ajouter dans une nouvelle version."
                    ),
                ),
                _trunk(
                    51,
                    T.LONG_TEXT,
                    "À quoi faut-il faire attention, et quels pièges éviter, pour que la "
                    "pratique naisse et se diffuse ?",
                    hint=_OWN_WORDS,
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
        _section(
            "resistances",
            "Résistances et craintes",
            [
                _trunk(
                    52,
                    T.YES_NO,
                    "La pratique a-t-elle rencontré des résistances, ou fait naître des "
                    "inquiétudes ?",
                ),
                _follow_up(
                    53,
                    "Quelles étaient ces résistances ou ces inquiétudes, et chez qui ?",
                    on="q52",
                    value=_YES,
                    condition_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=2,
        ),
    ]


def _evaluation() -> list[Section]:
    return [
        _section(
            "evaluation",
            "L'évaluation de la pratique",
            [
                _trunk(
                    54,
                    T.YES_NO,
                    "La pratique a-t-elle été évaluée ?",
                    note="Aiguillage : oui -> Q55-Q57, non -> Q58 (et Q59).",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
        _section(
            "evaluation_menee",
            "L'évaluation qui a été faite",
            [
                _trunk(
                    55,
                    T.SHORT_TEXT,
                    "Qui a mené cette évaluation ?",
                    hint="Par exemple : l'équipe, les personnes concernées, un organisme "
                    "extérieur...",
                ),
                _trunk(
                    56,
                    T.LONG_TEXT,
                    "Sur quels indicateurs l'évaluation s'est-elle appuyée ?",
                    hint="Ce qui a été compté ou observé pour juger de la pratique.",
                    type_basis="inferred",
                ),
                _trunk(
                    57,
                    T.YES_NO,
                    "Le bilan de cette évaluation est-il disponible ?",
                    type_basis="inferred",
                ),
            ],
            relevant=_and(KNOWS_PRACTICE, _is("q54", _YES)),
            axis=3,
        ),
        _section(
            "evaluation_non_menee",
            "Une évaluation à venir ?",
            [
                _trunk(
                    58,
                    T.YES_NO,
                    "Une évaluation est-elle prévue ?",
                ),
                _follow_up(
                    59,
                    "Pourquoi la pratique ne sera-t-elle pas évaluée ?",
                    on="q58",
                    value=_NO,
                    condition_basis="inferred",
                ),
            ],
            relevant=_and(KNOWS_PRACTICE, _is("q54", _NO)),
            axis=3,
        ),
        _section(
            "resultats",
            "Les résultats",
            [
                _trunk(
                    60,
                    T.SINGLE_CHOICE,
                    "Si une évaluation a été faite : les résultats observés correspondent-ils "
                    "à ce que l'on attendait de la pratique ?",
                    hint=_ONE + " Si la pratique n'a pas été évaluée, passez cette question.",
                    choices=_choices(
                        ("superieurs", "Supérieurs aux attentes"),
                        ("a_la_hauteur", "À la hauteur des attentes"),
                        ("pas_a_la_hauteur", "Pas à la hauteur des attentes"),
                    ),
                    note=(
                        "Pas de condition sur Q54 : le filtre est dans le libellé, et les "
                        "effectifs publiés montrent que la question a été posée largement."
                    ),
                ),
                _follow_up(
                    61,
                    "Pourquoi les résultats sont-ils en dessous des attentes ?",
                    on="q60",
                    value="pas_a_la_hauteur",
                    condition_basis="inferred",
                ),
                _follow_up(
                    62,
                    "En quoi les résultats dépassent-ils les attentes ?",
                    on="q60",
                    value="superieurs",
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
        _section(
            "bilan",
            "Points forts et limites",
            [
                _trunk(
                    63,
                    T.LONG_TEXT,
                    "Quels sont les points positifs de cette pratique ?",
                    hint=_OWN_WORDS,
                    type_basis="inferred",
                ),
                _trunk(
                    64,
                    T.LONG_TEXT,
                    "Quelles en sont les limites aujourd'hui ?",
                    hint=_OWN_WORDS,
                    type_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
        _section(
            "accompagnement_professionnels",
            "Le soutien aux professionnels",
            [
                _trunk(
                    65,
                    T.YES_NO,
                    "Les professionnels ont-ils été suffisamment soutenus pour mettre en place "
                    "cette pratique ?",
                ),
                _follow_up(
                    66,
                    "Qu'est-ce qui a manqué aux professionnels ?",
                    on="q65",
                    value=_NO,
                    condition_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
        _section(
            "reponse_besoins",
            "La réponse aux besoins des personnes",
            [
                _trunk(
                    67,
                    T.YES_NO,
                    "La pratique répond-elle aux besoins des personnes concernées ?",
                ),
                _follow_up(
                    68,
                    "Pourquoi ne répond-elle pas à leurs besoins ?",
                    on="q67",
                    value=_NO,
                    condition_basis="stated",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
        _section(
            "information_personnes",
            "L'information des personnes",
            [
                _trunk(
                    69,
                    T.YES_NO,
                    "Avec le recul, les personnes concernées ont-elles été assez informées des "
                    "changements ?",
                ),
                _follow_up(
                    70,
                    "Pourquoi, selon vous, n'ont-elles pas été assez informées ?",
                    on="q69",
                    value=_NO,
                    condition_basis="inferred",
                    hint=_OWN_WORDS + " Vous pouvez aussi dire ce qui aurait aidé.",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
        _section(
            "implication_acteurs",
            "L'implication de chacun",
            [
                _trunk(
                    71,
                    T.RATING,
                    "Quel a été le niveau d'implication de chacun de ces acteurs dans la "
                    "pratique ?",
                    hint="Pour chaque ligne, choisissez une note de 1 (pas du tout impliqués) "
                    "à 5 (très fortement impliqués).",
                    scale=RatingScale(
                        points=5,
                        minimum=1,
                        labels={1: "Pas du tout impliqués", 5: "Très fortement impliqués"},
                        rows=_choices(
                            ("personnes_beneficiaires", "Les personnes bénéficiaires"),
                            ("equipes", "Les équipes"),
                            ("managers", "Les managers"),
                            ("institutions_politiques", "Les institutions et les politiques"),
                            ("partenaires", "Les partenaires"),
                        ),
                    ),
                    note="Échelle 1-5 supposée : le rapport publie des moyennes, pas l'échelle.",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=3,
        ),
    ]


def _impact_and_contacts() -> list[Section]:
    # Plain words on why we ask: people give contact details more readily when told.
    email_hint = (
        "Facultatif. Elle ne servira qu'à vous recontacter au sujet de cette pratique, et ne "
        "sera jamais publiée."
    )
    phone_hint = (
        "Facultatif. Il ne servira qu'à vous recontacter au sujet de cette pratique, et ne "
        "sera jamais publié."
    )
    return [
        _section(
            "ancrage_effets",
            "L'avenir de la pratique",
            [
                _trunk(
                    72,
                    T.LONG_TEXT,
                    "Pensez-vous que cette pratique va s'installer durablement, ou qu'elle va "
                    "disparaître ? Pourquoi ?",
                    hint=_OWN_WORDS,
                ),
                _trunk(
                    73,
                    T.LONG_TEXT,
                    "Voyez-vous des effets plus larges de cette pratique, au-delà de ce qu'elle "
                    "visait ?",
                    hint="Par exemple sur les personnes, sur l'équipe, sur les partenaires, ou "
                    "sur le regard porté sur le travail social.",
                    type_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            axis=4,
        ),
        _section(
            "contacts",
            "Pour vous recontacter",
            [
                _trunk(
                    74,
                    T.EMAIL,
                    "Votre adresse électronique",
                    hint=email_hint,
                    personal_data=True,
                    type_basis="inferred",
                ),
                _trunk(
                    75,
                    T.PHONE,
                    "Votre numéro de téléphone",
                    hint=phone_hint,
                    personal_data=True,
                    type_basis="inferred",
                ),
            ],
            relevant=KNOWS_PRACTICE,
            description=(
                "Nous aimerions peut-être en savoir plus sur la pratique que vous avez décrite. "
                "Si vous êtes d'accord pour en parler avec nous, laissez vos coordonnées."
            ),
        ),
    ]


@functools.cache
def build() -> Questionnaire:
    """The HCTS 2020 questionnaire (immutable, so one shared instance is enough)."""
    sections = [
        _profile(),
        *_persons_concerned(),
        *_structure_and_knowledge(),
        *_the_practice(),
        *_origin_branches(),
        *_implementation(),
        *_evaluation(),
        *_impact_and_contacts(),
    ]
    return Questionnaire(
        slug=HCTS_SLUG,
        title="Les pratiques professionnelles émergentes en travail social (HCTS, 2020)",
        description=(
            "Ce questionnaire cherche des façons de travailler qui apparaissent dans le travail "
            "social et l'intervention sociale : d'où elles viennent, comment elles se mettent "
            "en place, ce qu'elles changent. Seules trois questions sont obligatoires, parce "
            "qu'elles choisissent la suite du questionnaire ; vous pouvez passer toutes les "
            "autres."
        ),
        language="fr",
        thanks=(
            "Merci d'avoir pris le temps de répondre. Vos réponses aideront à faire connaître "
            "les pratiques qui naissent sur le terrain."
        ),
        sections=tuple(sections),
        meta={
            "source": "Haut Conseil du travail social, groupe « pratiques émergentes », 2020",
            "reconstruction": "design/questionnaire-reconstruction.md",
            "question_count": 75,
            "axes": [
                {"axis": 1, "title": "Du besoin repéré à la naissance de la pratique"},
                {"axis": 2, "title": "Mise en œuvre et consolidation de la pratique"},
                {"axis": 3, "title": "Évaluation de la pratique et de ses effets"},
                {"axis": 4, "title": "Place de la pratique dans le travail social demain"},
            ],
        },
    )


__all__ = ["HCTS_SLUG", "KNOWS_PRACTICE", "PERSONS_CONCERNED", "PROFESSIONALS", "build"]
