"""French free-text answers for the synthetic HCTS 2020 responses.

Every sentence here was written for Vivier's demo: the themes follow the kinds of answers the
2020 report describes (télétravail, visioconférence, aller-vers, équipes pluridisciplinaires,
conférences familiales, pair-aidance, logement d'abord...), never its sentences. A test checks
that no run of twelve words of the generated texts appears in the report.

Texts are assembled from short pieces (an opening, one or two details, sometimes a closing) so
that a few hundred sentences give well over a thousand distinct answers without looking like
a template repeated. Some answers carry a *theme* the report counts (Canada cited 20 times as
an inspiration, six requests coming from the government...): those come from
:data:`CODED`, whose pieces all contain the keyword the test looks for, while the plain pools
are written so as never to contain those keywords.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

# --------------------------------------------------------------------------- practices


@dataclass(frozen=True, slots=True)
class Practice:
    """One kind of emerging practice: how people name it, describe it, and whom it serves."""

    key: str
    weight: int
    names: tuple[str, ...]
    details: tuple[str, ...]
    publics: tuple[str, ...]


#: Weights give the order the report describes: digital ways of working first, then going
#: out to meet people and multi-disciplinary teams, then a long tail of rarer practices.
PRACTICES: tuple[Practice, ...] = (
    Practice(
        "teletravail",
        14,
        (
            "Le télétravail",
            "Télétravail des travailleurs sociaux",
            "Travail à domicile alterné avec des jours au service",
            "Le télétravail organisé pour toute l'équipe",
        ),
        (
            "Depuis le printemps, chacun travaille deux jours par semaine depuis chez soi.",
            "Les entretiens qui ne demandent pas de se voir se font par téléphone depuis la "
            "maison.",
            "Le service a fourni des ordinateurs portables et un accès sécurisé aux dossiers.",
            "Un planning partagé garantit une présence au bureau chaque jour de la semaine.",
            "Les écrits et les rapports sont rédigés au calme, loin des sollicitations du guichet.",
            "Nous avons dû inventer des règles pour ne pas répondre aux messages le soir.",
        ),
        ("L'équipe du service", "Les professionnels de la circonscription", "Tous les agents"),
    ),
    Practice(
        "visio",
        10,
        (
            "La visioconférence",
            "Entretiens en visio avec les familles",
            "Réunions d'équipe en visioconférence",
            "Instances partenariales à distance",
        ),
        (
            "Les synthèses avec les partenaires se tiennent en ligne, ce qui évite de longs "
            "trajets.",
            "Certaines familles préfèrent un rendez-vous vidéo plutôt que de venir au service.",
            "Nous avons appris à animer une réunion à distance avec un ordre du jour resserré.",
            "Les commissions mensuelles réunissent maintenant plus de participants qu'avant.",
            "Les visites médiatisées entre parents et enfants ont parfois eu lieu par écran.",
            "Un tour de parole systématique évite que les mêmes personnes monopolisent l'échange.",
        ),
        ("Les familles suivies", "Les partenaires du territoire", "Les professionnels"),
    ),
    Practice(
        "telephone",
        6,
        (
            "L'accueil téléphonique renforcé",
            "Une permanence téléphonique quotidienne",
            "Des appels réguliers aux personnes isolées",
        ),
        (
            "Pendant le confinement, nous avons appelé chaque semaine les aînés inscrits sur "
            "le registre de la commune.",
            "Une ligne unique répond aux questions urgentes des habitants du secteur.",
            "Un créneau est réservé chaque jour aux rappels pour qu'aucune demande ne reste "
            "sans réponse.",
            "Les appels servent autant à prendre des nouvelles qu'à repérer les besoins.",
        ),
        ("Les personnes âgées isolées", "Les allocataires", "Les habitants de la commune"),
    ),
    Practice(
        "messagerie",
        6,
        (
            "Groupe WhatsApp avec les jeunes accompagnés",
            "Suivi par SMS et messagerie instantanée",
            "Les messageries pour garder le contact",
        ),
        (
            "Les jeunes répondent bien plus vite à un message qu'à un courrier.",
            "Un groupe de discussion permet aux familles d'un quartier de s'entraider.",
            "Les justificatifs arrivent en photo, ce qui accélère l'ouverture des droits.",
            "Nous avons fixé des règles : horaires de réponse et aucune information sensible "
            "dans le groupe.",
        ),
        ("Les jeunes de 16 à 25 ans", "Les familles du quartier", "Les ménages hébergés"),
    ),
    Practice(
        "numerique",
        4,
        (
            "Médiation numérique",
            "Ateliers numériques en établissement",
            "Aide aux démarches en ligne",
        ),
        (
            "Une conseillère aide les résidents à joindre leurs proches en vidéo.",
            "Des ateliers chaque semaine apprennent à créer une adresse électronique.",
            "Nous accompagnons pas à pas les démarches sur les sites administratifs.",
            "Des tablettes ont été prêtées aux familles qui n'avaient aucun équipement.",
        ),
        ("Les résidents d'EHPAD", "Les personnes éloignées du numérique", "Les seniors"),
    ),
    Practice(
        "aller_vers",
        10,
        (
            "L'aller-vers",
            "Maraudes sociales",
            "Permanences hors les murs",
            "Travail de rue au pied des immeubles",
            "Un bus itinérant d'accès aux droits",
        ),
        (
            "Plutôt que d'attendre au guichet, nous allons là où les gens vivent et passent.",
            "Un véhicule aménagé fait la tournée des villages qui n'ont plus de service public.",
            "La rencontre commence souvent autour d'un café, sans dossier à remplir.",
            "Les professionnels tiennent une permanence sur le marché le samedi matin.",
            "Nous frappons aux portes des logements du bailleur social avec son accord.",
            "Les personnes qui ne venaient jamais au service sont maintenant connues de l'équipe.",
        ),
        ("Les habitants des quartiers prioritaires", "Les personnes sans abri", "Les ruraux"),
    ),
    Practice(
        "pluridisciplinaire",
        8,
        (
            "Équipe pluridisciplinaire",
            "Coordination de parcours avec les partenaires",
            "Plateforme de coopération entre professionnels",
            "Le référent de parcours",
            "Un binôme social et soignant",
        ),
        (
            "Une assistante sociale, une psychologue et une conseillère en insertion suivent "
            "ensemble les mêmes situations.",
            "Une réunion mensuelle rassemble les partenaires autour des situations bloquées.",
            "Chaque personne a un seul interlocuteur qui fait le lien avec les autres.",
            "Les dossiers ne sont plus transmis d'un service à l'autre : on se voit et on "
            "décide ensemble.",
            "Un référent technique coordonne plusieurs structures et suit leurs projets.",
        ),
        ("Les personnes aux situations complexes", "Les ménages suivis par plusieurs services"),
    ),
    Practice(
        "conferences_familiales",
        3,
        ("Les conférences familiales", "Conférence familiale en protection de l'enfance"),
        (
            "La famille et ses proches se réunissent seuls pour bâtir leur propre plan.",
            "Un coordinateur indépendant prépare la rencontre avec la famille élargie.",
            "Les professionnels présentent leurs inquiétudes, puis laissent la famille décider.",
        ),
        ("Les familles en protection de l'enfance", "Les enfants confiés et leurs proches"),
    ),
    Practice(
        "pair_aidance",
        4,
        ("La pair-aidance", "Travailleurs pairs en hébergement", "Médiateurs pairs"),
        (
            "Un ancien résident, formé et salarié, accompagne les nouveaux arrivants.",
            "Le regard du pair aidant pousse l'équipe à revoir ses habitudes.",
            "Les personnes se confient plus facilement à quelqu'un qui a vécu la rue.",
        ),
        ("Les personnes hébergées", "Les personnes en rétablissement"),
    ),
    Practice(
        "logement_dabord",
        4,
        ("Le logement d'abord", "Un chez-soi d'abord", "Habitat intercalaire"),
        (
            "Les personnes entrent directement dans un logement, l'accompagnement suit à leur "
            "rythme.",
            "Des logements vides en attente de travaux accueillent des ménages sans abri.",
            "Le projet de la personne ne conditionne plus l'accès à un toit.",
        ),
        ("Les personnes sans domicile", "Les ménages en hôtel", "Les sortants d'institution"),
    ),
    Practice(
        "pouvoir_agir",
        4,
        (
            "Développement du pouvoir d'agir",
            "Groupes d'entraide entre habitants",
            "Participation des personnes accompagnées",
        ),
        (
            "Les habitants choisissent eux-mêmes les sujets sur lesquels ils veulent agir.",
            "Un collectif de locataires a obtenu des réparations après des réunions préparées "
            "ensemble.",
            "Les personnes accompagnées siègent dans le comité qui oriente le service.",
        ),
        ("Les habitants du quartier", "Les personnes accompagnées", "Les locataires"),
    ),
    Practice(
        "collectif",
        3,
        ("Intervention sociale d'intérêt collectif", "Actions collectives de quartier"),
        (
            "Des ateliers réguliers réunissent des parents autour de questions qu'ils posent.",
            "Le travail individuel se prolonge par des actions de groupe sur le quartier.",
        ),
        ("Les parents", "Les habitants", "Les jeunes du secteur"),
    ),
    Practice(
        "approches",
        3,
        (
            "Approche narrative",
            "Approche centrée sur le rétablissement",
            "Le travail social par objectifs",
        ),
        (
            "L'entretien part de l'histoire que la personne raconte d'elle-même.",
            "On s'appuie sur les forces de la personne plutôt que sur ses manques.",
            "Des objectifs courts et datés sont fixés avec la personne et revus ensemble.",
        ),
        ("Les adultes accompagnés", "Les personnes souffrant de troubles psychiques"),
    ),
    Practice(
        "vacances",
        1,
        ("Séjours de vacances avec les familles",),
        (
            "Des familles qui ne partent jamais ont passé une semaine au bord de la mer avec "
            "l'équipe.",
            "Le séjour se prépare pendant des mois, budget compris, avec les parents.",
        ),
        ("Les familles à faibles revenus",),
    ),
    Practice(
        "economie_solidaire",
        1,
        ("Boutique solidaire", "Épicerie sociale et solidaire"),
        (
            "Les ventes de la boutique financent des actions du service.",
            "Les clients de l'épicerie participent à sa gestion.",
        ),
        ("Les ménages aux budgets serrés",),
    ),
    Practice(
        "liberal",
        1,
        ("Travailleurs sociaux en libéral", "Assistante sociale indépendante"),
        (
            "Des professionnels installés à leur compte interviennent pour des entreprises et "
            "des communes.",
            "Une coopérative regroupe des travailleurs sociaux indépendants.",
        ),
        ("Les salariés d'entreprises", "Les petites communes"),
    ),
    Practice(
        "savoirs_croises",
        1,
        ("Formations croisées avec des personnes en précarité",),
        (
            "Professionnels et personnes en précarité se forment ensemble, chacun apportant "
            "son savoir.",
            "Les stagiaires entendent d'abord le récit des personnes, puis travaillent avec elles.",
        ),
        ("Les étudiants en travail social", "Les personnes en situation de pauvreté"),
    ),
)

_OPENINGS = (
    "",
    "",
    "Depuis mars 2020, ",
    "Dans notre service, ",
    "Sur notre territoire, ",
    "Avec la crise sanitaire, ",
    "Depuis un an environ, ",
)
_CLOSINGS = (
    "",
    "",
    "",
    " La pratique reste fragile.",
    " Les retours sont très positifs.",
    " Nous manquons encore de recul.",
    " Elle demande un vrai changement de posture.",
)


def _join(rng: random.Random, pieces: Sequence[str], most: int = 2) -> str:
    chosen = rng.sample(list(pieces), min(len(pieces), rng.randint(1, most)))
    return " ".join(chosen)


def _lead(rng: random.Random, sentence: str) -> str:
    """An optional opening phrase; the sentence's capital is lowered after it."""
    opening = rng.choice(_OPENINGS)
    if not opening:
        return sentence
    return opening + sentence[0].lower() + sentence[1:]


def practice_name(rng: random.Random, practice: Practice) -> str:
    return rng.choice(practice.names)


def practice_description(rng: random.Random, practice: Practice) -> str:
    text = _join(rng, practice.details)
    return _lead(rng, text) + rng.choice(_CLOSINGS)


def practice_public(rng: random.Random, practice: Practice) -> str:
    return rng.choice(practice.publics)


def pick_practice(rng: random.Random) -> Practice:
    return rng.choices(PRACTICES, weights=[p.weight for p in PRACTICES])[0]


# --------------------------------------------------------------------------- plain pools

#: Questions answered in free text, each with a pool of sentences (one or two are joined).
POOLS: dict[str, tuple[str, ...]] = {
    # Persons-concerned branch.
    "q3": ("Des rencontres entre parents", "Un groupe de parole au centre social"),
    "q4": (
        "Une fois par mois, des parents se retrouvent avec une éducatrice pour parler de ce "
        "qui est difficile à la maison.",
        "Des personnes accueillies donnent leur avis sur le règlement et les horaires, et "
        "le service en tient compte.",
    ),
    "q9": (
        "Je me sens écouté et je n'ai plus peur d'aller au rendez-vous.",
        "On nous demande notre avis avant de décider, ça change tout.",
    ),
    "q11": (
        "Merci de nous poser la question à nous aussi.",
        "Il faudrait que ces groupes existent partout, pas seulement en ville.",
        "J'aurais aimé qu'on m'explique mieux mes droits dès le début.",
    ),
    "q24": (
        "En faisant le point sur les demandes reçues à l'accueil, nous avons vu revenir "
        "les mêmes difficultés.",
        "Les personnes nous disaient qu'elles n'arrivaient plus à joindre les services.",
        "Les collègues ont remonté le problème lors des réunions d'équipe.",
        "Un partenaire nous a alertés sur des familles qu'aucun service ne voyait.",
        "Les habitants l'ont exprimé eux-mêmes lors d'une réunion de quartier.",
        "L'analyse des situations suivies montrait des ruptures de parcours répétées.",
        "Au départ, c'était une intuition de terrain, sans chiffres pour l'appuyer.",
        "Le confinement a rendu visibles des personnes isolées que nous ne connaissions pas.",
        "Plusieurs jeunes ont décroché de l'accompagnement faute de pouvoir venir au bureau.",
        "Une enquête auprès des usagers a confirmé ce que nous pressentions.",
    ),
    "q32": (
        "Les entretiens en face à face ont été remplacés en partie par le téléphone et la vidéo.",
        "Nous avons ajouté un accompagnement à l'usage des tablettes pour les résidents isolés.",
        "Les permanences ont quitté le bureau pour se tenir dans des lieux du quartier.",
        "Lors des tournées, nous notons désormais les savoir-faire et les envies des "
        "personnes rencontrées.",
        "Les réunions de situation associent maintenant un infirmier et un conseiller emploi.",
        "La visite à domicile est devenue un temps d'échange plus libre, moins administratif.",
        "Les ateliers collectifs existaient déjà ; nous les avons ouverts aux habitants "
        "non suivis.",
        "Il fallait garder le lien malgré la distance imposée par la crise.",
    ),
    "q34": (
        "Le fonctionnement d'une association de quartier nous a donné des idées.",
        "Nous avons observé comment une équipe d'un autre département travaillait.",
        "Les bénévoles de l'épicerie solidaire nous ont montré une autre manière d'accueillir.",
        "Une compagnie de théâtre qui travaille avec des habitants nous a inspirés.",
        "Les pratiques des soignants en psychiatrie de secteur.",
        "Les méthodes de l'éducation populaire.",
        "Un collectif citoyen d'entraide né pendant le confinement.",
        "Les échanges avec des collègues rencontrés en formation.",
    ),
    "q36": (
        "Des lectures sur le développement du pouvoir d'agir.",
        "Les travaux de sociologie sur le non-recours aux droits.",
        "Un mémoire de fin d'études d'une stagiaire de l'équipe.",
        "Des articles sur l'approche centrée sur le rétablissement.",
        "Une conférence sur la participation des personnes accompagnées.",
        "Les écrits sur la clinique de la précarité.",
    ),
    "q38": (
        "Une expérience menée dans un département voisin.",
        "Une pratique repérée aux Pays-Bas.",
        "Des équipes danoises présentées lors d'un colloque.",
        "Une commune de la région qui l'avait mise en place avant nous.",
        "Le Royaume-Uni, pour les travailleurs pairs.",
        "La Suisse, où nous avons fait une visite d'étude.",
        "Une association d'une autre région rencontrée lors d'un forum.",
    ),
    "q51": (
        "Prendre le temps : une pratique imposée trop vite ne tient pas.",
        "Partir des besoins réellement exprimés par les personnes.",
        "Garder le sens du travail social et ne pas courir après les indicateurs.",
        "Obtenir un vrai portage de la direction, pas seulement un accord de principe.",
        "Éviter que le reporting demandé par la hiérarchie n'écrase le travail de terrain.",
        "Associer toute l'équipe dès le début pour qu'elle s'approprie la démarche.",
        "Communiquer clairement auprès des partenaires et des habitants.",
        "Ne pas dépendre d'une seule personne motivée.",
        "Savoir décider rapidement quand un ajustement s'impose.",
    ),
    "q53": (
        "La peur du changement et de ne pas savoir faire.",
        "Les collègues craignaient une charge de travail supplémentaire pour un résultat "
        "incertain.",
        "Certains avaient des représentations négatives sur le public visé.",
        "La crainte de sortir du cadre fixé par la hiérarchie.",
        "La direction hésitait à déroger aux protocoles habituels.",
        "Les financeurs doutaient du rapport entre le coût et l'efficacité.",
        "Le manque de moyens humains au regard des missions obligatoires.",
        "La peur d'être moins protégé en intervenant hors du bureau.",
    ),
    "q56": (
        "Nombre de personnes rencontrées et nombre de premières demandes.",
        "Taux de participation aux ateliers sur six mois.",
        "Questionnaires de satisfaction remplis par les participants.",
        "Nombre de droits ouverts après l'accompagnement.",
        "Entretiens qualitatifs avec les personnes et les professionnels.",
        "Durée entre la demande et la première réponse.",
        "Comparaison avec la période précédant la pratique.",
    ),
    "q59": (
        "Nous ne savons pas si la pratique durera après la crise.",
        "Pas le temps ni les moyens d'organiser une évaluation.",
        "Personne n'a été chargé de faire un retour d'expérience.",
        "La hiérarchie ne l'a pas demandé.",
        "Les effets se voient déjà clairement, une évaluation semble superflue.",
    ),
    "q61": (
        "Il est encore trop tôt pour juger.",
        "Les équipes et le public y ont peu recours.",
        "On se demande si c'est encore du travail social ou une simple consigne liée à la crise.",
        "Le public visé ne s'est pas approprié l'outil.",
    ),
    "q62": (
        "Les professionnels, les personnes et les partenaires y ont adhéré largement.",
        "Les institutions coopèrent davantage entre elles.",
        "D'autres personnes et d'autres partenaires demandent à rejoindre la démarche.",
        "Le bouche-à-oreille a fait venir des publics que nous ne touchions pas.",
    ),
    "q63": (
        "Le lien avec les personnes a été maintenu malgré la distance.",
        "Le service public est resté ouvert, même pendant le confinement.",
        "Les personnes reprennent confiance et agissent ensemble.",
        "Le regard porté sur les personnes accompagnées a changé dans l'équipe.",
        "Plus de souplesse dans l'organisation du travail.",
        "Des réponses plus rapides aux demandes urgentes.",
        "Une équipe plus soudée et plus créative.",
    ),
    "q64": (
        "Les moyens manquent pour la faire durer.",
        "Le soutien des pouvoirs publics reste faible.",
        "Tous les professionnels ne se sont pas mobilisés.",
        "Le travail accompli n'est pas reconnu.",
        "La fracture numérique exclut une partie du public.",
        "La relation humaine perd en qualité à distance.",
        "Le temps de coordination n'est compté nulle part.",
    ),
    "q66": (
        "Tout s'est fait dans l'urgence de la crise, sans temps pour préparer l'équipe.",
        "Les porteurs de la pratique ont été laissés seuls.",
        "Aucune formation n'a été proposée.",
        "La communication dans l'équipe a manqué, faute de temps.",
        "Ni temps, ni moyens, ni appui de la hiérarchie.",
        "Beaucoup y voient une pratique imposée par le contexte, appelée à disparaître.",
    ),
    "q68": (
        "Rien ne remplace la rencontre physique dans la relation d'aide.",
        "La crise n'a pas permis de vérifier que les effets étaient positifs.",
        "Les métiers du travail social sont à bout de souffle.",
        "Je ne partage pas le choix du public ciblé.",
    ),
    "q70": (
        "Il faudrait informer dans les lieux que les gens fréquentent, comme les mairies.",
        "Aller davantage vers les personnes plutôt que d'attendre qu'elles viennent.",
        "Associer les personnes dès la conception de la pratique.",
        "Former les professionnels à aller vers les publics et leur en laisser le temps.",
        "Les affiches et les courriers ne suffisent pas.",
    ),
    "q73": (
        "Les personnes se disent mieux accompagnées et en parlent autour d'elles.",
        "Plus de travail entre métiers différents dans le service.",
        "Les protocoles se sont assouplis et le management a évolué.",
        "D'autres territoires nous ont demandé de présenter la démarche.",
        "Les liens avec les partenaires sont plus simples et plus directs.",
        "Le regard des institutions sur les publics a changé.",
    ),
}

#: Texts for the "Autre (précisez)" options.
OTHER_POOLS: dict[str, tuple[str, ...]] = {
    "q1": (
        "Conseillère en insertion professionnelle",
        "Médiateur social",
        "Chargée de mission",
        "Agent d'accueil",
        "Étudiante en travail social",
        "Formateur en école de travail social",
        "Juriste dans une association",
        "Mandataire judiciaire à la protection des majeurs",
        "Animatrice socioculturelle",
        "Coordinatrice de dispositif",
        "Élue municipale",
        "Chercheur",
    ),
    "q12": (
        "Mission locale",
        "Centre social",
        "Bailleur social",
        "Établissement scolaire",
        "École de travail social",
        "Service pénitentiaire d'insertion et de probation",
        "Entreprise d'insertion",
        "Cabinet libéral",
    ),
    "q17": ("Mobilité", "Accès à la culture", "Alimentation", "Soutien aux aidants"),
    "q20": ("Un collectif d'habitants", "Une école de travail social", "Un bailleur social"),
    "q21": (
        "Une association",
        "L'équipe elle-même",
        "Un collectif informel",
        "Un groupement de structures",
        "Personne, faute de relais",
    ),
    "q25": (
        "Les réunions d'équipe avec la direction",
        "Une mission locale",
        "Un bailleur social",
        "Les écoles du secteur",
        "Une enquête menée par la commune",
    ),
    "q39": (
        "Un groupe de travail départemental",
        "Une fédération",
        "Un collectif informel de professionnels",
    ),
    "q43": (
        "Par un questionnaire de satisfaction",
        "Lors des entretiens individuels",
        "Par des échanges informels pendant les permanences",
        "Par le conseil de la vie sociale",
        "En testant la pratique avec quelques volontaires",
    ),
    "q44": (
        "Impossible de les réunir pendant le confinement",
        "L'urgence imposée par les institutions",
        "La pratique visait d'abord les professionnels",
        "Nous n'y avions pas pensé",
        "Les personnes n'étaient pas joignables",
    ),
    "q46": ("Don d'une entreprise locale", "Bénévolat uniquement", "Aucun financement"),
    "q49": ("Un stagiaire", "Un pair aidant", "Un binôme de collègues"),
    "q50": (
        "La connaissance du territoire et des publics",
        "La confiance des personnes accompagnées",
        "La stabilité de l'équipe",
    ),
}

# --------------------------------------------------------------------------- coded themes


@dataclass(frozen=True, slots=True)
class Coded:
    """Answers that the report counts by theme: ``count`` of them carry ``keyword``."""

    key: str
    keyword: str
    count: int
    texts: tuple[str, ...]


#: Per answer key, the themed answers with their exact number; the rest of that question's
#: answers come from the plain pools, which never contain these keywords (a test checks it).
CODED: dict[str, tuple[Coded, ...]] = {
    "q1_other": (
        Coded(
            "infirmieres",
            "infirmi",
            11,
            ("Infirmière", "Infirmier en équipe mobile", "Infirmière de secteur psychiatrique"),
        ),
        Coded(
            "psychologues",
            "psycholog",
            7,
            ("Psychologue", "Psychologue clinicienne", "Psychologue du travail"),
        ),
    ),
    "q25_other": (
        Coded(
            "acteurs_territoire",
            "acteurs du territoire",
            14,
            (
                "L'ensemble des acteurs du territoire",
                "Tous les acteurs du territoire réunis",
                "Les acteurs du territoire, collectivement",
            ),
        ),
        Coded(
            "sante",
            "sante",
            6,
            ("Des infirmières du centre de santé", "Les professionnels de santé du secteur"),
        ),
        Coded(
            "citoyens",
            "citoyen",
            5,
            ("Un collectif de citoyens", "Des citoyens engagés dans le quartier"),
        ),
        Coded("etat", "services de l etat", 3, ("Les services de l'État",)),
        Coded("elus", "elus", 2, ("Des élus locaux", "Les élus de la commune")),
    ),
    "q28": (
        Coded(
            "gouvernement",
            "gouvernement",
            6,
            (
                "Les consignes du gouvernement pendant le confinement",
                "Une demande du gouvernement relayée par la préfecture",
                "Le gouvernement, par circulaire",
            ),
        ),
        Coded("elus", "elus", 3, ("Les élus du conseil départemental", "Des élus de la commune")),
        Coded(
            "mixte",
            "equipes de terrain",
            3,
            (
                "La direction et les équipes de terrain ensemble",
                "Nos chefs et les équipes de terrain, d'un commun accord",
            ),
        ),
        Coded("contexte", "sanitaire", 1, ("Le contexte sanitaire l'imposait",)),
    ),
    "q34": (
        Coded(
            "autoformation",
            "autoformation",
            6,
            (
                "L'autoformation des professionnels, par des lectures et des vidéos.",
                "De l'autoformation en ligne, sur notre temps personnel.",
            ),
        ),
    ),
    "q36": (
        Coded(
            "hcts",
            "hcts",
            3,
            ("Les travaux du HCTS sur la participation.", "Les rapports du HCTS."),
        ),
        Coded(
            "recherche_action",
            "recherche action",
            4,
            (
                "Une recherche-action menée avec l'école de travail social.",
                "La recherche-action conduite sur notre territoire.",
            ),
        ),
        Coded(
            "universite",
            "universit",
            2,
            ("Un diplôme universitaire suivi par deux collègues.", "Une formation à l'université."),
        ),
    ),
    "q38": (
        Coded(
            "canada",
            "canada",
            20,
            (
                "Le Canada, et plus précisément le Québec.",
                "Des pratiques venues du Canada.",
                "Un programme de logement venu du Canada.",
                "Le Canada, découvert lors d'un colloque.",
            ),
        ),
        Coded("belgique", "belgique", 5, ("La Belgique.", "Une association en Belgique.")),
    ),
    "q55": (
        Coded(
            "personnes_concernees",
            "personnes concernees",
            27,
            (
                "L'équipe, avec les personnes concernées.",
                "La référente, en associant les personnes concernées.",
                "Un comité mêlant professionnels, partenaires et personnes concernées.",
                "Les personnes concernées elles-mêmes, avec l'animatrice.",
            ),
        ),
    ),
}

#: Plain answers to Q28 and Q55 (the coded ones above are added to them).
POOLS["q28"] = (
    "Ma direction",
    "La direction générale de l'association",
    "Notre tête de réseau",
    "La Cnaf",
    "Le ministère de tutelle",
    "Le chef de service",
    "Le pôle solidarités",
    "L'institution",
)
POOLS["q55"] = (
    "L'équipe qui porte la pratique.",
    "Le professionnel référent.",
    "Un cabinet extérieur.",
    "Des chercheurs missionnés pour cela.",
    "La formatrice qui nous accompagne.",
    "La direction.",
    "Le chef de service avec l'équipe.",
)


#: Q72 (will the practice last?) pairs a stance with reasons that go the same way, so that no
#: answer both predicts the practice's future and its end.
_FUTURE: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        3,
        (
            "Elle va s'ancrer durablement.",
            "Je pense qu'elle restera.",
            "Elle devrait durer.",
            "Oui, elle s'installe peu à peu.",
        ),
        (
            "Elle répond à un besoin réel et bien repéré.",
            "Les personnes la réclament déjà.",
            "L'équipe y tient et la direction la soutient.",
            "Elle a fait ses preuves pendant la crise.",
            "Les partenaires se la sont appropriée.",
        ),
    ),
    (
        2,
        (
            "Elle risque de disparaître.",
            "Je doute qu'elle dure.",
            "Elle s'arrêtera sans doute.",
        ),
        (
            "La hiérarchie ne la soutient pas vraiment.",
            "Aucun moyen ne lui est dédié.",
            "Tout repose sur une collègue qui va bientôt partir.",
            "Elle était liée au confinement et n'a plus de raison d'être.",
            "Elle bouscule trop nos façons de faire pour être acceptée partout.",
            "Sur le terrain, beaucoup n'en voient pas le sens.",
        ),
    ),
    (
        1,
        ("Difficile à dire.", "Rien n'est joué."),
        (
            "Tout dépendra des moyens accordés l'an prochain.",
            "Cela dépendra du retour au fonctionnement habituel.",
        ),
    ),
)


def _future(rng: random.Random) -> str:
    _, stances, reasons = rng.choices(_FUTURE, weights=[w for w, _, _ in _FUTURE])[0]
    return f"{rng.choice(stances)} {_join(rng, reasons)}"


def plain(rng: random.Random, key: str, most: int = 2) -> str:
    """A free answer from the plain pool of ``key`` (one or ``most`` sentences)."""
    if key == "q72":
        return _future(rng)
    return _join(rng, POOLS[key], most)


def other_text(rng: random.Random, name: str) -> str:
    return rng.choice(OTHER_POOLS[name])


def coded_texts(rng: random.Random, key: str, total: int) -> list[str]:
    """``total`` answers for ``key``: every coded theme its exact count, the rest plain."""
    texts: list[str] = []
    for coded in CODED.get(key, ()):
        texts.extend(rng.choice(coded.texts) for _ in range(coded.count))
    if len(texts) > total:
        raise ValueError(f"{key}: {len(texts)} coded answers for {total} answers")
    question = key.removesuffix("_other")
    while len(texts) < total:
        if key.endswith("_other"):
            texts.append(other_text(rng, question))
        else:
            texts.append(plain(rng, question, most=1))
    rng.shuffle(texts)
    return texts
