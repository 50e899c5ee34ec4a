"""A coded set of French free texts shaped like the HCTS answers to Q15–Q16 (practices).

Each text describes one practice, sometimes two, in the words social workers use: a theme's
sentence is assembled from slots (who, what they do, for whom, how it went), and a text mixes
one or two such sentences with openings, closings and sentences any practice could hold
("nous manquons de recul"). Themes share words on purpose, as real answers do ("à distance"
for the telephone and the video call, "la rue" for going out to meet people and for housing
first), and a share of answers are vague. The codes are the themes, with noise: a code
forgotten or a wrong one added now and then, as two hurried readers would.

Every text is distinct. Nothing here is taken from the 2020 report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Theme:
    code: str
    #: What the analysts call the code (the keyword baseline searches these words).
    name: str
    weight: int
    subjects: tuple[str, ...]
    actions: tuple[str, ...]
    details: tuple[str, ...]


_WHO = (
    "Notre équipe",
    "Le service",
    "Les travailleurs sociaux",
    "Les assistantes sociales du secteur",
    "L'association",
    "Le CCAS",
    "La circonscription",
    "Les éducateurs",
    "Nous",
    "Le pôle insertion",
)
_FOR = (
    "les familles",
    "les jeunes de 16 à 25 ans",
    "les personnes âgées isolées",
    "les allocataires du RSA",
    "les personnes sans domicile",
    "les parents d'enfants placés",
    "les habitants du quartier",
    "les personnes en situation de handicap",
    "les femmes victimes de violences",
    "les demandeurs d'asile",
)
_OPENINGS = (
    "",
    "",
    "",
    "Depuis le premier confinement, ",
    "Depuis deux ans, ",
    "Sur notre territoire rural, ",
    "Avec la crise sanitaire, ",
    "À titre expérimental, ",
    "Dans le cadre du projet de service, ",
)
_CLOSINGS = (
    "",
    "",
    "",
    " Les retours sont encourageants.",
    " Nous manquons encore de recul.",
    " Cela demande du temps et des moyens.",
    " La hiérarchie soutient la démarche.",
    " Il faudrait l'évaluer.",
    " Les collègues étaient sceptiques au départ.",
    " C'est une vraie évolution de nos pratiques.",
)
#: Answers that name no practice in particular: readers still code them, by guess.
_VAGUE = (
    "Nous avons adapté nos pratiques au contexte.",
    "Beaucoup de choses ont changé dans notre façon de travailler.",
    "Une pratique plus souple et plus proche des besoins.",
    "Nous travaillons autrement avec les partenaires.",
    "Une organisation nouvelle qui reste à consolider.",
    "Des initiatives variées selon les équipes.",
)

THEMES: tuple[Theme, ...] = (
    Theme(
        "teletravail",
        "Télétravail",
        12,
        ("Le télétravail", "Le travail depuis la maison", "L'alternance entre bureau et domicile"),
        (
            "a été organisé pour toute l'équipe",
            "s'est installé deux jours par semaine",
            "permet de rédiger les rapports au calme",
            "a demandé des ordinateurs portables et un accès à distance aux dossiers",
            "oblige à fixer des horaires pour ne pas déborder le soir",
        ),
        (
            "avec un planning de présence au bureau",
            "sans couper le lien avec les collègues",
            "grâce à une charte du travail à distance",
            "tout en gardant l'accueil physique ouvert",
        ),
    ),
    Theme(
        "visio",
        "Visioconférence",
        9,
        ("La visioconférence", "Le passage des réunions en visio", "L'entretien vidéo"),
        (
            "remplace une partie des synthèses avec les partenaires",
            "permet de tenir les commissions à distance",
            "évite de longs trajets pour une réunion d'une heure",
            "a permis de maintenir les visites médiatisées par écran",
            "est proposée aux familles qui le souhaitent",
        ),
        (
            "avec un ordre du jour resserré",
            "en veillant au tour de parole",
            "malgré une connexion parfois difficile",
            "avec des outils choisis par le département",
        ),
    ),
    Theme(
        "telephone",
        "Suivi téléphonique",
        8,
        ("Le suivi par téléphone", "Un appel régulier", "Une permanence téléphonique"),
        (
            "a maintenu le contact avec {public} pendant la fermeture",
            "permet d'appeler chaque semaine {public}",
            "a été ouverte tous les jours pour répondre aux urgences",
            "complète les rendez-vous en face à face",
        ),
        (
            "avec une liste d'appels partagée",
            "à distance mais avec une vraie écoute",
            "en rappelant ceux qui ne décrochent pas",
            "grâce à des téléphones professionnels distribués à tous",
        ),
    ),
    Theme(
        "numerique",
        "Inclusion numérique",
        8,
        (
            "L'accompagnement au numérique",
            "Un atelier d'inclusion numérique",
            "Un conseiller numérique",
        ),
        (
            "aide {public} à faire leurs démarches en ligne",
            "apprend à utiliser une messagerie et un espace personnel",
            "prête des tablettes et des ordinateurs reconditionnés",
            "accompagne la création d'adresses électroniques",
        ),
        (
            "face à la dématérialisation des services publics",
            "avec une médiatrice numérique",
            "dans un espace ouvert au public",
            "pour éviter les ruptures de droits",
        ),
    ),
    Theme(
        "aller_vers",
        "Aller-vers",
        11,
        ("L'aller-vers", "Une équipe mobile", "La maraude", "Un bus itinérant"),
        (
            "va à la rencontre de {public} là où ils vivent",
            "se déplace dans les villages sans services",
            "rencontre les personnes dans la rue et sur les marchés",
            "frappe aux portes des personnes qui ne viennent plus au guichet",
        ),
        (
            "pour toucher ceux qui ne demandent rien",
            "sans rendez-vous ni dossier préalable",
            "en allant au devant des publics invisibles",
            "avec une camionnette aménagée",
        ),
    ),
    Theme(
        "pluridisciplinaire",
        "Équipe pluridisciplinaire",
        9,
        (
            "Une équipe pluridisciplinaire",
            "Le travail en binôme avec une infirmière",
            "La coordination entre professions",
        ),
        (
            "croise les regards du soin, du social et du logement",
            "réunit psychologue, éducateur et conseillère en insertion",
            "évite que {public} racontent dix fois leur histoire",
            "construit un projet commun autour de chaque situation",
        ),
        (
            "avec un référent unique pour la personne",
            "dans le respect du secret partagé",
            "en associant la santé mentale",
            "grâce à des temps d'analyse de situations",
        ),
    ),
    Theme(
        "conferences_familiales",
        "Conférences familiales",
        5,
        ("Les conférences familiales", "Les conférences de famille", "Les réunions de famille"),
        (
            "laissent la famille élargie construire elle-même son plan",
            "réunissent oncles, grands-parents et voisins autour de l'enfant",
            "donnent la parole à la famille avant toute décision du service",
            "s'appuient sur un coordinateur indépendant",
        ),
        (
            "avec un temps privé où les professionnels sortent",
            "pour éviter certains placements",
            "selon un modèle venu de Nouvelle-Zélande",
            "avec l'accord du juge des enfants",
        ),
    ),
    Theme(
        "pair_aidance",
        "Pair-aidance",
        6,
        (
            "La pair-aidance",
            "Le recours à des travailleurs pairs",
            "L'intervention de médiateurs pairs",
        ),
        (
            "s'appuie sur l'expérience vécue de la rue ou de la maladie",
            "associe d'anciens usagers à l'accompagnement proposé pour {public}",
            "fait intervenir des personnes rétablies dans l'équipe",
            "reconnaît le savoir d'expérience comme une compétence",
        ),
        (
            "avec un statut et un salaire",
            "après une formation spécifique",
            "en binôme avec un professionnel",
            "ce qui a bousculé nos postures",
        ),
    ),
    Theme(
        "logement_dabord",
        "Logement d'abord",
        6,
        ("Le logement d'abord", "Un chez-soi d'abord", "L'accès direct au logement"),
        (
            "propose un appartement sans exiger d'étapes préalables",
            "sort des personnes de la rue vers un logement ordinaire",
            "accompagne {public} directement dans un bail à leur nom",
            "remplace le parcours en escalier par l'hébergement",
        ),
        (
            "avec un accompagnement intensif au domicile",
            "grâce à des bailleurs partenaires",
            "y compris pour des personnes avec des addictions",
            "sans condition de traitement",
        ),
    ),
    Theme(
        "pouvoir_agir",
        "Pouvoir d'agir",
        7,
        (
            "Le développement du pouvoir d'agir",
            "Une démarche de participation",
            "L'approche centrée sur les capacités",
        ),
        (
            "part de ce que {public} veulent changer eux-mêmes",
            "fait des personnes accompagnées les actrices de leur projet",
            "associe les usagers au conseil de la vie sociale",
            "renverse la relation d'aide en partant des envies",
        ),
        (
            "avec des groupes de parole",
            "sans imposer de solution",
            "en s'inspirant d'expériences québécoises",
            "qui a changé notre posture professionnelle",
        ),
    ),
    Theme(
        "collectif",
        "Intervention collective",
        7,
        ("Une action collective", "Un atelier collectif", "Le travail social collectif"),
        (
            "rassemble {public} autour d'un jardin partagé",
            "organise des ateliers cuisine et des sorties en groupe",
            "crée de l'entraide entre habitants",
            "permet de rompre l'isolement par le groupe",
        ),
        (
            "avec le centre social du quartier",
            "une fois par semaine",
            "animé avec des bénévoles",
            "en complément du suivi individuel",
        ),
    ),
    Theme(
        "vacances",
        "Départs en vacances",
        3,
        ("L'aide au départ en vacances", "Un séjour de vacances", "Le premier départ"),
        (
            "fait partir {public} quelques jours à la mer",
            "prépare avec les familles un premier séjour",
            "finance des vacances pour des enfants qui ne partent jamais",
        ),
        (
            "avec l'aide de l'ANCV",
            "grâce à des chèques vacances",
            "et les familles reviennent transformées",
        ),
    ),
)


def _theme_sentence(rng: random.Random, theme: Theme) -> str:
    action = rng.choice(theme.actions).replace("{public}", rng.choice(_FOR))
    sentence = f"{rng.choice(theme.subjects)} {action}"
    if rng.random() < 0.6:
        sentence += " " + rng.choice(theme.details)
    if rng.random() < 0.3:
        who = rng.choice(_WHO)
        verb = "avons" if who == "Nous" else "ont" if who.startswith("Les ") else "a"
        sentence = f"{who} {verb} innové : {sentence[0].lower()}{sentence[1:]}"
    return sentence + "."


def _lead(rng: random.Random, sentence: str) -> str:
    opening = rng.choice(_OPENINGS)
    return opening + (sentence[0].lower() + sentence[1:] if opening else sentence)


def generate(
    count: int, *, seed: int = 2020, noise: float = 0.08, vague: float = 0.06
) -> tuple[list[str], list[set[str]]]:
    """``count`` distinct texts and the set of codes readers gave each one."""
    rng = random.Random(seed)
    weights = [theme.weight for theme in THEMES]
    texts: list[str] = []
    labels: list[set[str]] = []
    seen: set[str] = set()
    while len(texts) < count:
        first = rng.choices(THEMES, weights=weights)[0]
        themes = [first]
        if rng.random() < 0.25:
            second = rng.choices(THEMES, weights=weights)[0]
            if second != first:
                themes.append(second)
        if rng.random() < vague:
            # A vague answer: the reader guessed the theme from elsewhere in the response.
            text = " ".join(rng.sample(_VAGUE, rng.randint(1, 2)))
        else:
            text = " ".join(_theme_sentence(rng, theme) for theme in themes)
        text = _lead(rng, text.strip()) + rng.choice(_CLOSINGS)
        if text in seen:
            continue
        seen.add(text)
        codes = {theme.code for theme in themes}
        if rng.random() < noise:
            if len(codes) > 1 or rng.random() < 0.5:
                codes.discard(rng.choice(sorted(codes)))
            codes.add(rng.choice(THEMES).code)
        texts.append(text)
        labels.append(codes)
    return texts, labels


NAMES = {theme.code: theme.name for theme in THEMES}
