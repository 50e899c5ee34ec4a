"""The 21 practice sheets of the HCTS 2020 report, as demo data for the registry.

Each sheet restates, in words written for Vivier, one fiche of the report (1A to 5F): names
of practices, places, organisations, years and figures are the report's, the sentences are
not (a test checks that no run of twelve words of any text appears in the report). Sheets
stay short: enough for the catalogue, its facets and its map, not a copy of the fiches.

The report rarely says whether a practice is *naissante*, *renaissante* or *existante mais
confidentielle*: when it does not, the status chosen here is an estimate, tagged
``statut estimé`` and explained in ``sources``. Stage years are those of the event the
evidence names; "as described in 2021" stands for the state the fiche reports.

Pure core: no Django import.
"""

from __future__ import annotations

from vivier.practices.sheet import (
    Actor,
    ActorRole,
    Commune,
    Condition,
    ConditionCategory,
    ConditionKind,
    Funding,
    FundingType,
    Indicator,
    IndicatorKind,
    KeyFigure,
    Movement,
    Origin,
    PartialDate,
    Participation,
    ParticipationMode,
    ParticipationRole,
    Sheet,
    Stage,
    StageChange,
    Status,
    SubPractice,
    Territory,
    TerritoryScope,
    Theme,
    TimelineEvent,
)

SOURCE = "Rapport HCTS 2020"
ESTIMATED = "statut estimé"

R = ActorRole
C = ConditionCategory
F = FundingType


def _fig(
    label: str, value: float | None, unit: str = "", year: int | None = None, qualifier: str = ""
) -> KeyFigure:
    return KeyFigure(
        label=label, value=value, unit=unit, year=year, source=SOURCE, qualifier=qualifier
    )


def _ev(year: int, text: str, month: int | None = None, day: int | None = None) -> TimelineEvent:
    return TimelineEvent(date=PartialDate(year, month, day), text=text)


def _stage(stage: Stage, year: int, evidence: str, month: int | None = None) -> StageChange:
    return StageChange(stage=stage, date=PartialDate(year, month), evidence=evidence)


def _plus(category: ConditionCategory, text: str) -> Condition:
    return Condition(kind=ConditionKind.SUCCESS_FACTOR, category=category, text=text)


def _minus(category: ConditionCategory, text: str) -> Condition:
    return Condition(kind=ConditionKind.OBSTACLE, category=category, text=text)


def _dept(label: str, *codes: str) -> Territory:
    return Territory(scope=TerritoryScope.DEPARTEMENTAL, departements=codes, label=label)


def _sources(code: str, *notes: str) -> tuple[str, ...]:
    return (f"{SOURCE}, fiche {code}", *notes)


_CF_HELD = Indicator("Nombre de conférences familiales tenues", IndicatorKind.QUANTITATIVE)

# --------------------------------------------------------------------------------------------
# 1. Conférences familiales

_1A = Sheet(
    code="1A",
    title="Conférences familiales en Ardèche",
    summary=(
        "Le Conseil départemental de l’Ardèche forme ses travailleurs sociaux puis propose des "
        "conférences familiales : la famille et ses proches cherchent eux-mêmes une issue à une "
        "difficulté. Seize coordinateurs sont formés en 2019 et la démarche s’ouvre peu à peu "
        "aux partenaires."
    ),
    themes=(Theme.FAMILY_CONFERENCES, Theme.EMPOWERMENT),
    tags=("protection de l’enfance", "coordinateurs", "réseau interdépartemental", ESTIMATED),
    territory=_dept("Département de l’Ardèche", "07"),
    start_year=2014,
    year_text="2014",
    actors=(
        Actor("Conseil départemental de l’Ardèche", (R.INITIATOR, R.CARRIER, R.FUNDER)),
        Actor("Francis Alföldi", (R.COORDINATOR, R.TRAINER), "formateur"),
        Actor("Association Pluriels", (R.PARTNER,), "association"),
        Actor("Association le Phare", (R.PARTNER,), "association"),
    ),
    publics=("Tout public de l’action sociale",),
    description=(
        "Une conférence familiale réunit une famille et les personnes de son entourage qu’elle "
        "choisit ; un coordinateur neutre prépare la rencontre, puis la famille élabore seule "
        "son plan d’action. En Ardèche, un comité technique de coordinateurs attribue chaque "
        "demande pour répondre vite."
    ),
    objectives=(
        "Renforcer la capacité d’agir des personnes suivies et faire évoluer la manière de "
        "travailler des professionnels."
    ),
    timeline=(
        _ev(
            2002,
            "Un agent découvre la démarche au cours d’une formation en protection de l’enfance.",
        ),
        _ev(
            2014,
            "Présentation aux agents dans un travail interdépartemental sur les droits "
            "culturels, puis lancement de l’expérimentation avec Francis Alföldi.",
        ),
        _ev(
            2019,
            "Seize coordinateurs formés, dont un de l’association Pluriels et un de "
            "l’association le Phare.",
        ),
        _ev(2021, "Formation de sensibilisation proposée aux professionnels en mai.", 5),
    ),
    funding=(
        Funding(
            "Conseil départemental de l’Ardèche",
            F.TRAINING_PLAN,
            text="Prise en charge des formations de coordinateurs.",
        ),
    ),
    participation=(
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.CO_DECIDES,
            Stage.IMPLEMENTATION,
            "La famille et ses proches bâtissent eux-mêmes le plan d’action.",
        ),
    ),
    conditions=(
        _plus(
            C.MANAGEMENT,
            "Un management qui accepte de changer, avec un comité technique "
            "et des outils construits ensemble.",
        ),
        _minus(C.WORKLOAD, "La réactivité demandée pèse sur la charge des professionnels."),
        _minus(C.COMMUNICATION, "Démarche encore peu connue : peu de familles la demandent."),
        _minus(C.INSTITUTIONAL_SUPPORT, "Un soutien institutionnel jugé faible."),
    ),
    perspectives=(
        "Un groupe d’échange avec d’autres départements et une réflexion sur les jeunes "
        "majeurs qui quittent l’Aide sociale à l’enfance."
    ),
    evaluation=(
        "Suivi chiffré et question posée à la famille à la fin de la conférence, puis bilan "
        "de la situation trois mois après."
    ),
    indicators=(
        _CF_HELD,
        Indicator("Nombre de coordinateurs formés", IndicatorKind.QUANTITATIVE),
        Indicator("Situation de départ résolue, en partie ou en totalité"),
    ),
    key_figures=(
        _fig("Coordinateurs de conférences familiales formés", 16, "coordinateurs", 2019),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EXPERIMENTATION, 2014, "Lancement de l’expérimentation départementale."),
        _stage(Stage.IMPLEMENTATION, 2019, "Seize coordinateurs formés et en activité."),
    ),
    sources=_sources("1A", "Statut estimé : démarche nouvelle pour le département en 2014."),
)

_1B = Sheet(
    code="1B",
    title="Conférences familiales dans le Nord",
    summary=(
        "Le Département du Nord et deux associations habilitées en protection de l’enfance "
        "forment ensemble des coordinateurs de conférences familiales. Après un premier "
        "territoire fin 2016, le programme est étendu à tout le département en 2019."
    ),
    themes=(Theme.FAMILY_CONFERENCES, Theme.NETWORKS_PARTNERSHIP),
    tags=("protection de l’enfance", "AEMO", "formation interinstitutionnelle", ESTIMATED),
    territory=_dept("Département du Nord", "59"),
    start_year=2016,
    year_text="2016",
    actors=(
        Actor("Conseil départemental du Nord", (R.INITIATOR, R.CARRIER, R.STEERING)),
        Actor("Association la Sauvegarde du Nord", (R.CARRIER, R.PARTNER), "association"),
        Actor("AGSS de l’UDAF", (R.CARRIER, R.PARTNER), "association"),
        Actor("Observatoire départemental de la protection de l’enfance", (R.STEERING,)),
        Actor("Mohamed L’Houssni, association RETIS", (R.TRAINER,), "formateur"),
    ),
    publics=("Familles traversant une période difficile",),
    description=(
        "Les familles suivies au titre de l’ASE peuvent réunir leur entourage autour d’une "
        "conférence préparée par un coordinateur. Pour garantir la neutralité, le Département "
        "s’appuie sur deux associations habilitées et forme leurs salariés avec les siens."
    ),
    objectives=(
        "Appuyer les familles sur leurs propres ressources et renouveler les pratiques des "
        "équipes de protection de l’enfance."
    ),
    timeline=(
        _ev(
            2015,
            "Délibérations départementales en faveur de la prévention et du maintien à domicile.",
        ),
        _ev(2016, "Première formation sur un territoire test : seize coordinateurs formés."),
        _ev(2017, "Quatre conférences familiales tenues."),
        _ev(2018, "Cinq conférences familiales tenues."),
        _ev(2019, "Programme de formation généralisé aux huit territoires d’action sociale."),
    ),
    funding=(
        Funding(
            "Employeurs des stagiaires",
            F.TRAINING_PLAN,
            text="Chaque employeur paie la formation de ses salariés.",
        ),
    ),
    governance=(
        "Maîtrise d’ouvrage partagée entre le Département et les associations ; pilotage "
        "confié à l’ODPE et au responsable de l’UTPAS Dunkerque est-Hondschoote."
    ),
    conditions=(
        _plus(C.LOCAL_MANAGEMENT, "Des cadres qui soutiennent une dynamique venue des équipes."),
        _plus(
            C.ROOM_FOR_MANOEUVRE,
            "Laisser l’initiative aux professionnels accroît leur satisfaction.",
        ),
        _minus(C.TIME, "Mobilité des salariés et départs de coordinateurs à anticiper."),
        _minus(C.MEANING, "La neutralité du coordinateur reste à garantir."),
    ),
    perspectives="Constituer un réseau départemental des coordinateurs.",
    key_figures=(
        _fig("Conférences familiales tenues", 4, "conférences", 2017),
        _fig("Conférences familiales tenues", 5, "conférences", 2018),
        _fig("Coordinateurs à former en 3 ans (objectif)", 100, "coordinateurs", 2019),
        _fig("Territoires d’action sociale couverts par la formation", 8, "territoires"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EXPERIMENTATION, 2016, "Formation sur un territoire expérimental."),
        _stage(Stage.CONSOLIDATION, 2019, "Formation étendue à l’ensemble du département."),
    ),
    movement=Movement.MIXED,
    sources=_sources(
        "1B",
        "Statut estimé : pratique nouvelle dans le Nord à partir de 2016.",
        "Mouvement : orientations départementales et dynamique ascendante.",
    ),
)

_1C = Sheet(
    code="1C",
    title="Conférences familiales en Gironde",
    summary=(
        "En Gironde, les conférences familiales sont nées d’une politique de développement "
        "social lancée après 2005 ; expérimentées dès 2017, elles sont étendues à tout le "
        "département en 2019. Les coordinateurs peuvent y consacrer un cinquième de leur temps."
    ),
    themes=(Theme.FAMILY_CONFERENCES, Theme.EMPOWERMENT),
    tags=("protection de l’enfance", "insertion", "autonomie", "Erasmus+", ESTIMATED),
    territory=_dept("Département de la Gironde", "33"),
    start_year=2016,
    year_text="2016",
    actors=(
        Actor("Conseil départemental de la Gironde", (R.INITIATOR, R.CARRIER, R.STEERING)),
        Actor("Question de Justice", (R.TRAINER, R.PARTNER), "association"),
        Actor("Mission Ingénierie et Travail Social (MITS)", (R.EVALUATOR, R.COORDINATOR)),
        Actor("État (Stratégie nationale de lutte contre la pauvreté)", (R.FUNDER,)),
    ),
    publics=("Toute personne qui veut régler un problème avec l’aide de ses proches",),
    description=(
        "Un coordinateur neutre accompagne la personne dans la préparation, puis la famille et "
        "ses proches se réunissent pour trouver leur propre solution. La démarche couvre "
        "l’enfance mais aussi l’insertion et l’autonomie."
    ),
    objectives=(
        "Donner davantage de prise aux personnes sur leur situation et transformer la posture "
        "des travailleurs sociaux du Département."
    ),
    timeline=(
        _ev(
            2005,
            "Après les émeutes urbaines, une enquête révèle la défiance des habitants "
            "envers les services départementaux.",
        ),
        _ev(
            2009,
            "Politique de développement local : réflexion sur la polyvalence, formation "
            "au pouvoir d’agir, projets culturels.",
        ),
        _ev(2015, "Première sensibilisation, fin 2015, avec le département de l’Ardèche."),
        _ev(2016, "Première formation de coordinateurs en octobre.", 10),
        _ev(
            2017,
            "Expérimentation sur un territoire en février, avec un projet Erasmus+ "
            "(Royaume-Uni, Allemagne, Bulgarie).",
            2,
        ),
        _ev(2019, "Généralisation à tout le département décidée en avril.", 4),
        _ev(
            2020,
            "Note de la Directrice générale adjointe de la Solidarité en juillet ; "
            "lettre de mission des coordinateurs.",
            7,
        ),
    ),
    funding=(
        Funding(
            "État",
            F.NATIONAL_PROGRAMME,
            period="2020",
            text="Convention au titre de la Stratégie nationale de lutte contre la "
            "pauvreté : plan de formation et ingénierie.",
        ),
    ),
    participation=(
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.CO_BUILDS,
            Stage.IMPLEMENTATION,
            "Des familles ont conçu des supports pour faire connaître la démarche.",
        ),
    ),
    conditions=(
        _plus(C.POLITICAL_SUPPORT, "Un portage politique fort."),
        _plus(C.REFLECTION_SPACES, "Binômes et temps d’échange entre coordinateurs."),
        _plus(C.DEDICATED_TIME, "Jusqu’à 20 % du temps de travail réservé à la démarche."),
        _minus(C.WORKLOAD, "La dynamique s’essouffle face aux autres obligations."),
        _minus(C.COMMUNICATION, "Les demandes viennent presque toutes des professionnels."),
    ),
    perspectives=(
        "Étude d’impact envisagée, formation internalisée et charte tripartite pour un réseau "
        "des coordinateurs."
    ),
    evaluation="Questionnaires aux participants, fiche de synthèse par conférence, note annuelle.",
    key_figures=(
        _fig(
            "Professionnels formés au rôle de coordinateur depuis l’expérimentation",
            23,
            "professionnels",
        ),
        _fig("Situations orientées vers une conférence familiale", 41, "situations", 2020),
        _fig("Conférences abouties en novembre 2020", 8, "conférences", 2020),
        _fig("Satisfaction globale des participants", 8.16, "/10"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EMERGENCE, 2015, "Sensibilisation et noyau de professionnels volontaires."),
        _stage(Stage.EXPERIMENTATION, 2017, "Expérimentation sur un territoire.", 2),
        _stage(
            Stage.INSTITUTIONALISATION,
            2020,
            "Organisation arrêtée par note de direction ; démarche inscrite au schéma "
            "départemental.",
            7,
        ),
    ),
    movement=Movement.MIXED,
    origin=Origin.FIELD_NEED,
    sources=_sources("1C", "Statut estimé : démarche nouvelle en Gironde en 2016."),
)

_1D = Sheet(
    code="1D",
    title="Conférences familiales en Seine-Saint-Denis",
    summary=(
        "Une circonscription de la Seine-Saint-Denis découvre les conférences familiales en "
        "Belgique et porte l’idée jusqu’au schéma départemental. Une trentaine de "
        "professionnels sont formés en 2019, mais la crise sanitaire empêche de tenir les "
        "premières conférences."
    ),
    themes=(Theme.FAMILY_CONFERENCES,),
    tags=("protection de l’enfance", "ASE", "Erasmus+", "démarche ascendante", ESTIMATED),
    territory=_dept("Département de la Seine-Saint-Denis", "93"),
    start_year=2019,
    year_text="2019",
    actors=(
        Actor("Conseil départemental de la Seine-Saint-Denis", (R.CARRIER, R.FUNDER)),
        Actor("Association Devenir", (R.PARTNER, R.FUNDER), "association"),
        Actor("Psychologue à l’ASE de Bondy", (R.INITIATOR,)),
    ),
    publics=("Public ASE",),
    description=(
        "La famille mobilise parents, amis ou collègues prêts à aider l’enfant ; ensemble, "
        "ils proposent un plan lors de la conférence. Un comité de pilotage réunit les "
        "circonscriptions de Pantin et Bondy et l’association Devenir."
    ),
    objectives=(
        "Faire des familles les auteurs des solutions et changer la posture des équipes de "
        "l’Aide sociale à l’enfance."
    ),
    timeline=(
        _ev(
            2018,
            "Une circonscription réfléchit à l’accueil et à la participation des "
            "familles ; voyage Erasmus+ en Belgique.",
        ),
        _ev(2019, "Une trentaine de professionnels du Département et de Devenir formés."),
        _ev(2020, "La crise sanitaire empêche de tenir des conférences."),
    ),
    funding=(
        Funding(
            "Conseil départemental de la Seine-Saint-Denis",
            F.TRAINING_PLAN,
            text="Moitié du coût des formations.",
        ),
        Funding("Associations partenaires", F.OWN_FUNDS, text="Autre moitié des formations."),
    ),
    participation=(
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.PROPOSES,
            Stage.EXPERIMENTATION,
            "Les proches invités par la famille élaborent un plan d’action commun.",
        ),
    ),
    conditions=(
        _plus(
            C.ETHICAL_SAFEGUARDS,
            "Le coordinateur ne doit pas être le référent éducatif de l’enfant.",
        ),
        _plus(
            C.TRAINING,
            "Former tous les professionnels pour résister au renouvellement des équipes.",
        ),
    ),
    perspectives="Former d’autres équipes de l’ASE et développer le réseau national.",
    evaluation="Aucune évaluation engagée à ce stade.",
    key_figures=(
        _fig(
            "Professionnels formés aux conférences familiales",
            30,
            "professionnels",
            2019,
            "une trentaine",
        ),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EMERGENCE, 2018, "Réflexion d’équipe sur la participation des familles."),
        _stage(Stage.EXPERIMENTATION, 2019, "Première session de formation."),
        _stage(Stage.SUSPENDED, 2020, "Aucune conférence tenue à cause du contexte sanitaire."),
    ),
    movement=Movement.BOTTOM_UP,
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "1D",
        "Le rapport qualifie la démarche d’ascendante.",
        "Statut estimé : pratique nouvelle dans le département.",
    ),
)

_1E = Sheet(
    code="1E",
    title="IRTS Pyrénées-Orientales : formations aux conférences familiales",
    summary=(
        "Le Pôle Ressource en développement social de l’IRTS de Perpignan organise une journée "
        "d’étude en 2018, puis forme un groupe pilote à la conduite de conférences familiales. "
        "Vingt personnes sont formées, mais une seule conférence a eu lieu."
    ),
    themes=(Theme.FAMILY_CONFERENCES,),
    tags=("formation", "protection de l’enfance", "bénévoles", ESTIMATED),
    territory=_dept("Pyrénées-Orientales", "66"),
    start_year=2018,
    year_text="2018",
    actors=(
        Actor(
            "PRDS : Pôle Ressource en développement social des Pyrénées-Orientales",
            (R.INITIATOR, R.CARRIER, R.COORDINATOR),
        ),
        Actor("IRTS Perpignan", (R.CARRIER, R.FUNDER), "organisme de formation"),
        Actor("CAF 66", (R.FUNDER,), "CAF"),
        Actor("CD66", (R.FUNDER,), "conseil départemental"),
        Actor("CD 11", (R.FUNDER,), "conseil départemental"),
        Actor("Hélène van Dijk, association Question de Justice", (R.TRAINER,)),
    ),
    publics=("Protection de l’enfance",),
    description=(
        "Un groupe de conférenciers formés, professionnels et bénévoles, propose la démarche "
        "aux familles et se retrouve toutes les six semaines pour analyser ses pratiques."
    ),
    objectives=(
        "Outiller les acteurs du territoire pour que les familles décident elles-mêmes, et "
        "faire évoluer la pratique professionnelle."
    ),
    timeline=(
        _ev(
            2018,
            "Journée d’étude du 25 septembre : 130 professionnels autour d’Hélène van Dijk.",
            9,
            25,
        ),
        _ev(2019, "Formation de trois jours du groupe pilote en mars.", 3),
        _ev(2021, "Le Département annonce son engagement plein dans le projet."),
    ),
    funding=(
        Funding(
            "PRDS",
            F.PARTNER_FUNDING,
            text="Information et formation financées par le "
            "PRDS, lui-même cofinancé par ses partenaires.",
        ),
    ),
    governance="Conventions annuelles ou triennales et comité de pilotage des partenaires.",
    conditions=(
        _plus(C.IMPETUS, "Une journée d’étude qui fédère les acteurs du territoire."),
        _minus(
            C.ETHICAL_SAFEGUARDS,
            "Dans un petit département, les travailleurs sociaux "
            "connaissent les familles : la neutralité est difficile.",
        ),
        _minus(C.INSTITUTIONAL_SUPPORT, "Le Département n’a pu s’engager pleinement en 2018."),
        _minus(C.MOBILISATION, "Les personnes impliquées se démotivent avec le temps."),
    ),
    perspectives="Former les étudiants et organiser des journées de sensibilisation.",
    key_figures=(
        _fig("Participants à la journée d’étude", 130, "professionnels", 2018),
        _fig("Personnes formées depuis 2018", 20, "personnes"),
        _fig("Conférences familiales organisées", 1, "conférence"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EMERGENCE, 2018, "Journée d’étude de septembre.", 9),
        _stage(Stage.EXPERIMENTATION, 2019, "Groupe pilote formé en mars.", 3),
    ),
    sources=_sources("1E", "Statut estimé : démarche nouvelle pour le territoire."),
)

# --------------------------------------------------------------------------------------------
# 2. Aller-vers

_2A = Sheet(
    code="2A",
    title="Intervention proactive : une offre de service liée à un événement de la vie",
    summary=(
        "La Caf du Loir-et-Cher repère dans ses fichiers les familles touchées par un deuil, "
        "une séparation, un impayé de loyer ou une naissance, et leur propose d’elle-même un "
        "contact avec un travailleur social. 684 familles en ont bénéficié en 2019."
    ),
    themes=(Theme.OUTREACH,),
    tags=("Caf", "accès aux droits", "non-recours", "deuil", "séparation", ESTIMATED),
    territory=_dept("Loir-et-Cher", "41"),
    start_year=2012,
    year_text="2012",
    actors=(
        Actor(
            "Caisse d’allocations familiales du Loir-et-Cher",
            (R.INITIATOR, R.CARRIER, R.FUNDER),
            "CAF",
        ),
        Actor("Centres sociaux, PMI, CIDFF, bailleurs sociaux, médiation familiale", (R.PARTNER,)),
        Actor("Association JALMALV", (R.PARTNER,), "association"),
        Actor("Caisse nationale d’allocations familiales", (R.EVALUATOR,)),
    ),
    publics=(
        "Allocataires avec enfants ou attendant un enfant",
        "Familles frappées par un décès, une séparation ou un impayé de loyer",
        "Familles monoparentales",
    ),
    description=(
        "Une requête dans la base allocataires signale les familles concernées ; les "
        "travailleurs sociaux les appellent ou leur écrivent, vérifient leurs droits et "
        "peuvent prolonger l’accompagnement si la famille le souhaite."
    ),
    objectives=(
        "Prévenir les conséquences d’un événement familial et réduire le non-recours aux droits."
    ),
    timeline=(
        _ev(2011, "Premières offres du socle national : décès d’un enfant ou d’un parent."),
        _ev(2013, "Offre à l’occasion d’une séparation."),
        _ev(2014, "Offre pour les impayés de loyer."),
        _ev(2019, "Offre locale autour de la première naissance."),
        _ev(2020, "Appel direct des familles au lieu d’un courrier : le recours augmente."),
    ),
    funding=(Funding("Caf du Loir-et-Cher", F.OWN_FUNDS),),
    participation=(
        Participation(
            ParticipationMode.DISCUSSION_GROUP,
            ParticipationRole.TESTIFIES,
            text="Groupes de parole pour les parents endeuillés, avec JALMALV.",
        ),
        Participation(
            ParticipationMode.INFORMATION_MEETING,
            ParticipationRole.INFORMED,
            text="Réunions collectives sur la grossesse et la séparation.",
        ),
    ),
    conditions=(
        _plus(C.TRAINING, "Formations au deuil, au suicide, aux violences intrafamiliales."),
        _plus(C.PARTNER_HELP, "Relais avec les partenaires pour éviter les doublons."),
        _minus(C.REPRESENTATIONS, "Sur les impayés, la honte freine les réponses."),
    ),
    perspectives="Offres à venir pour les familles monoparentales et les enfants handicapés.",
    evaluation="Évaluation nationale de la CNAF auprès des familles, plutôt positive.",
    key_figures=(
        _fig("Familles bénéficiaires de l’intervention sociale", 684, "familles", 2019),
        _fig("Taux de retour après un courrier sur le deuil", 80, "%", None, "plus de"),
        _fig("Travailleurs sociaux chargés des offres", 6, "travailleurs sociaux"),
    ),
    status=Status.REVIVED,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2011, "Premières offres du socle national."),
        _stage(Stage.CONSOLIDATION, 2019, "Offre locale nouvelle et 684 familles touchées."),
    ),
    movement=Movement.TOP_DOWN,
    origin=Origin.HIERARCHY_DEMAND,
    sources=_sources(
        "2A",
        "Le rapport y voit une volonté institutionnelle liée à la convention de la CNAF.",
        "Statut estimé : aller-vers ancien remis au goût du jour ; l’Année 2012 diffère du "
        "descriptif (2011).",
    ),
)

_2B = Sheet(
    code="2B",
    title="Médiation active vers l’emploi",
    summary=(
        "À la Communauté de Communes Blavet Bellevue Océan, le service de transitions "
        "professionnelles mise sur la mise en situation de travail plutôt que sur la levée "
        "préalable des freins. En rejoignant la démarche SEVE emploi de la FAS en 2020, il "
        "structure une méthode et tisse un réseau d’entreprises."
    ),
    themes=(Theme.OUTREACH, Theme.NETWORKS_PARTNERSHIP),
    tags=("insertion", "emploi", "SEVE emploi", "entreprises", "chantiers d’insertion"),
    territory=Territory(
        TerritoryScope.LOCAL, ("56",), (), "Communauté de Communes Blavet Bellevue Océan"
    ),
    start_year=2020,
    year_text="2020",
    actors=(
        Actor("Service de transitions professionnelles de la CCBBO", (R.INITIATOR, R.CARRIER)),
        Actor("Fédération des Acteurs de la Solidarité (FAS)", (R.TRAINER, R.PARTNER)),
        Actor("Département", (R.FUNDER,), "conseil départemental"),
        Actor("FSE", (R.FUNDER,)),
    ),
    publics=("Personnes éloignées de l’emploi",),
    description=(
        "Quatre principes guident l’équipe : chacun choisit son objectif, tout le monde est "
        "employable, l’action fait apparaître les atouts, on adapte les organisations plutôt "
        "que les personnes. L’atelier ACTE (cuisine, jardin, menuiserie) sert de tremplin."
    ),
    objectives=(
        "Renouveler l’insertion professionnelle par la médiation active : nouveaux outils, "
        "nouvelles façons de faire."
    ),
    timeline=(
        _ev(
            2020,
            "Entrée dans le réseau SEVE emploi porté par la FAS : formations-actions et "
            "séminaires régionaux.",
        ),
    ),
    funding=(
        Funding("Département", F.LOCAL_AUTHORITY, text="Financement presque total."),
        Funding("Département, FSE et État", F.ESF, text="Financement des Chantiers."),
        Funding("Communauté de Communes", F.LOCAL_AUTHORITY, text="Point Accueil Emploi."),
    ),
    conditions=(
        _plus(
            C.HIERARCHY_SUPPORT,
            "La direction générale des solidarités assiste aux réunions et aux formations.",
        ),
        _plus(C.CO_BUILT_METHOD, "Une méthode partagée qui rassure l’équipe."),
        _minus(C.PARTNERSHIP_QUALITY, "Les institutions n’avancent pas au même rythme."),
    ),
    perspectives="Programme « SEVE 2 » et rapprochement avec le dispositif « premières heures ».",
    evaluation="Bilan SEVE en cours ; outils du FSE, de SEVE Emploi et du Département.",
    key_figures=(
        _fig("Formations-actions organisées depuis 2020", 10, "formations"),
        _fig("Périodes de mise en situation en milieu professionnel (PMSMP)", 35, "périodes"),
        _fig("Personnes ayant obtenu un contrat durable", 3, "personnes"),
    ),
    status=Status.CONFIDENTIAL,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2020, "Entrée dans SEVE emploi et formations-actions."),
    ),
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "2B",
        "Le rapport la cite parmi les pratiques confidentielles qu’un réseau national aide à "
        "développer.",
        "Département 56 déduit de la Communauté de Communes (Morbihan).",
    ),
)

_2C = Sheet(
    code="2C",
    title="FenêtreS : plateforme de coopération de travailleurs sociaux indépendants",
    summary=(
        "L’association FenêtreS, créée à Lyon en 2014, coordonne des travailleurs sociaux "
        "libéraux et des pairs experts qui proposent leurs prestations aux familles et aux "
        "établissements. La plateforme YTINEO les forme et les met en relation avec les "
        "personnes."
    ),
    themes=(Theme.OUTREACH, Theme.PEER_SUPPORT),
    tags=("travail social libéral", "numérique", "parentalité", "jeunes", "pairs experts"),
    territory=Territory(
        TerritoryScope.LOCAL,
        ("69", "01", "63", "13", "08"),
        (
            Commune("Lyon", "69123"),
            Commune("Bourg-en-Bresse", "01053"),
            Commune("Clermont-Ferrand", "63113"),
            Commune("Marseille", "13055"),
            Commune("Charleville-Mézières", "08105"),
        ),
        "Siège à Lyon ; Bourg en Bresse, Clermont, Marseille et Charleville",
    ),
    start_year=2014,
    year_text="2014",
    actors=(
        Actor("FenêtreS", (R.INITIATOR, R.CARRIER, R.COORDINATOR), "association"),
        Actor("YTINEO", (R.TRAINER,), "plateforme numérique"),
        Actor("Association Stopchut", (R.PEER_WORKER, R.PARTNER), "association"),
        Actor("DIRECCTE, Fonds européens, FONJEP", (R.FUNDER,)),
        Actor("Espace de Recherche et de Prospective et UNIOPSS", (R.EVALUATOR,)),
    ),
    publics=(
        "Familles (soutien à la parentalité)",
        "Jeunes (remobilisation, autonomie)",
        "Professionnels du travail social et pairs experts",
    ),
    description=(
        "Les familles choisissent leur accompagnant : deux intervenants recueillent leurs "
        "attentes, un Projet d’Accompagnement Parcours est rédigé avec elles et un contrat "
        "précise la prestation. Maraudes, interventions en collège et en ITEP complètent l’offre."
    ),
    objectives=(
        "Que professionnels et personnes se sentent affranchis de l’institution et choisissent "
        "librement l’accompagnement."
    ),
    timeline=(
        _ev(2014, "Création de la plateforme FenêtreS."),
        _ev(2019, "Phase expérimentale au troisième trimestre, prolongée en début 2020."),
        _ev(
            2020,
            "Antenne de Cournon d’Auvergne l’été ; expérimentation dans les Ardennes "
            "de septembre à décembre.",
        ),
        _ev(2021, "Antenne à Revin et création prévue à Bourg-en-Bresse en mars.", 3),
    ),
    funding=(
        Funding(
            "Subventions (DIRECCTE, Fonds européens, métropole, régions, FONJEP)",
            F.PARTNER_FUNDING,
            text="33 % des ressources.",
        ),
        Funding(
            "Familles et structures clientes",
            F.PAID_SERVICE,
            text="Prestations facturées de 30 à 50 euros de l’heure.",
        ),
        Funding(
            "État",
            F.NATIONAL_PROGRAMME,
            text="Plan de lutte contre la pauvreté : familles isolées en zone rurale de l’Ain.",
        ),
    ),
    participation=(
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.CO_BUILDS,
            Stage.IMPLEMENTATION,
            "La famille relit et ajuste son projet avant de signer le contrat.",
        ),
        Participation(
            ParticipationMode.INFORMATION_MEETING,
            ParticipationRole.INFORMED,
            text="Radio, boutiques, actions itinérantes et réunions dédiées.",
        ),
    ),
    conditions=(
        _plus(C.ROOM_FOR_MANOEUVRE, "Des professionnels volontaires qui deviennent libéraux."),
        _minus(C.OTHER, "La crise sanitaire a ralenti le déploiement."),
    ),
    evaluation="Étude prospective de l’ERP et de l’UNIOPSS sur l’innovation, pas d’évaluation "
    "au sens strict.",
    key_figures=(
        _fig("Jeunes sensibilisés aux addictions", 886, "jeunes", 2019),
        _fig("Jeunes rencontrés lors des maraudes mensuelles", 237, "jeunes", 2019),
        _fig("Familles accompagnées en 2019/2020", 22, "familles", 2020),
        _fig("Part des subventions dans le financement", 33, "%"),
    ),
    status=Status.CONFIDENTIAL,
    stage_history=(
        _stage(Stage.EMERGENCE, 2014, "Création de l’association."),
        _stage(Stage.EXPERIMENTATION, 2019, "Phase expérimentale."),
        _stage(Stage.SPREADING, 2021, "Nouvelles antennes à Revin et Bourg-en-Bresse."),
    ),
    movement=Movement.BOTTOM_UP,
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "2C",
        "Le rapport la cite parmi les pratiques confidentielles portées par un réseau.",
        "Codes INSEE des communes ajoutés pour la carte ; « Clermont » lu comme "
        "Clermont-Ferrand et « Charleville » comme Charleville-Mézières.",
    ),
)

_2D = Sheet(
    code="2D",
    title="Référent de parcours dans le Haut-Rhin",
    summary=(
        "Le Département du Haut-Rhin expérimente le référent de parcours sur 7 territoires, "
        "avec une formation-action menée par l’École Supérieure de Praxis Sociale de Mulhouse. "
        "La personne et sa famille participent à l’examen de leur situation ; la généralisation "
        "est visée pour janvier 2022."
    ),
    themes=(Theme.OUTREACH, Theme.NETWORKS_PARTNERSHIP, Theme.EMPOWERMENT),
    tags=("situations complexes", "coordination", "formation-action", "MAIA", "TAPAJ"),
    territory=_dept("Haut-Rhin", "68"),
    start_year=2020,
    year_text="2020",
    actors=(
        Actor("Département du Haut-Rhin", (R.INITIATOR, R.CARRIER, R.FUNDER)),
        Actor("Praxis (École Supérieure de Praxis Sociale de Mulhouse)", (R.TRAINER, R.EVALUATOR)),
        Actor("Services de l’État", (R.FUNDER,)),
    ),
    publics=("Personnes en situation complexe",),
    description=(
        "Un professionnel devient l’interlocuteur unique d’une personne suivie par plusieurs "
        "intervenants ; un plan d’intervention unique, le projet pour la famille, rassemble "
        "l’action de tous. Script de repérage, charte de partage d’informations et cartographie "
        "de l’offre outillent les équipes."
    ),
    objectives=(
        "Offrir un accompagnement global et continu aux situations qui mobilisent de nombreux "
        "intervenants, et améliorer la vie des personnes."
    ),
    timeline=(
        _ev(
            2017,
            "Réorganisation de la Direction de la Solidarité (2017/2018) : commissions "
            "pluri-institutionnelles et groupe de travail interne.",
        ),
        _ev(
            2020, "Lancement de la formation-action le 1er décembre par une visioconférence.", 12, 1
        ),
        _ev(2021, "Rapport d’évaluation de Praxis attendu en septembre.", 9),
    ),
    funding=(
        Funding("Département du Haut-Rhin", F.OWN_FUNDS),
        Funding("Services de l’État", F.STATE_SERVICES),
    ),
    participation=(
        Participation(
            ParticipationMode.GOVERNING_BODY,
            ParticipationRole.CO_DECIDES,
            Stage.EXPERIMENTATION,
            "Les familles assistent à l’examen de leur situation et sont associées à chaque étape.",
        ),
    ),
    conditions=(
        _plus(C.HIERARCHY_SUPPORT, "Appui de la hiérarchie et des partenaires."),
        _plus(C.EMPOWERMENT, "Culture de la participation des personnes."),
        _minus(
            C.RESISTANCE_TO_CHANGE,
            "Réticences initiales de cadres de proximité à la présence des familles.",
        ),
        _minus(C.LACK_OF_MEANS, "Manque de temps, de personnel, de locaux adaptés."),
    ),
    perspectives="Généralisation aux 18 Territoires de Solidarité dès janvier 2022.",
    key_figures=(
        _fig("Territoires expérimentateurs", 7, "territoires", 2020),
        _fig("Territoires de Solidarité visés par la généralisation", 18, "territoires", 2022),
        _fig("Demi-journées de retour d’expérience par territoire", 8, "demi-journées"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EMERGENCE, 2017, "Réorganisation et groupe de travail interne."),
        _stage(Stage.EXPERIMENTATION, 2020, "Formation-action sur 7 territoires.", 12),
    ),
    movement=Movement.TOP_DOWN,
    origin=Origin.HIERARCHY_DEMAND,
    sources=_sources("2D", "Statut estimé : démarche nouvelle, en expérimentation."),
)

# --------------------------------------------------------------------------------------------
# 3. Pair-aidance

_3A = Sheet(
    code="3A",
    title="Projet « Ambassadeurs santé mentale »",
    summary=(
        "L’Institut régional Jean Bergeret et Unis-Cité Auvergne-Rhône-Alpes préparent des "
        "volontaires du service civique à parler de santé mentale avec d’autres jeunes. "
        "Évalué dans le Rhône, le projet a gagné l’Isère et vise l’Île-de-France."
    ),
    themes=(Theme.PEER_SUPPORT, Theme.OUTREACH),
    tags=("santé mentale", "jeunes", "service civique", "prévention", "QPV", ESTIMATED),
    territory=_dept("Rhône et Isère", "69", "38"),
    start_year=2020,
    year_text="2020-2021",
    actors=(
        Actor("Institut régional Jean Bergeret", (R.INITIATOR, R.CARRIER, R.EVALUATOR)),
        Actor("Unis-Cité Auvergne-Rhône-Alpes", (R.CARRIER, R.PARTNER), "association"),
        Actor("Fondation NEHS", (R.FUNDER,), "fondation"),
        Actor("Jeunes volontaires en service civique", (R.PEER_WORKER,)),
    ),
    publics=("Jeunes de 15 à 25 ans en situation de fragilité",),
    description=(
        "Huit volontaires par département sont recrutés sur leur motivation, formés aux "
        "premiers secours en santé mentale puis accompagnés pour animer des actions dans les "
        "lycées, universités, CHRS et missions locales, et sur les réseaux sociaux."
    ),
    objectives=(
        "Faciliter l’accès des jeunes à la prévention et aux soins, lutter contre la "
        "stigmatisation et travailler la citoyenneté."
    ),
    timeline=(
        _ev(2020, "Démarrage dans le Rhône, évaluation avant-après menée par l’Institut."),
        _ev(
            2021,
            "Extension à l’Isère avec la stratégie pauvreté ; Île-de-France annoncée "
            "pour 2021-2022.",
        ),
    ),
    funding=(
        Funding("Fondation NEHS", F.FOUNDATION, text="Projet lauréat."),
        Funding(
            "État",
            F.NATIONAL_PROGRAMME,
            text="Stratégie nationale de prévention et de lutte contre la pauvreté.",
        ),
    ),
    participation=(
        Participation(
            ParticipationMode.PEER_INTERVENTION,
            ParticipationRole.PEER_WORKER,
            Stage.IMPLEMENTATION,
            "Des jeunes s’adressent à d’autres jeunes, en posture de pairs.",
        ),
    ),
    conditions=(
        _plus(C.MOTIVATION, "Recruter sur la motivation plutôt que sur le diplôme."),
        _minus(C.OTHER, "La Covid-19 a limité les rencontres, compensées par Instagram."),
    ),
    perspectives="Ligne d’écoute de jeune à jeune et plateforme de ressources.",
    evaluation="Mesures déclaratives avant et après ; échantillon encore petit.",
    indicators=(
        Indicator("Estime de soi des volontaires", IndicatorKind.QUALITATIVE),
        Indicator("Connaissances en santé mentale", IndicatorKind.QUALITATIVE),
    ),
    key_figures=(
        _fig("Volontaires formés par département", 8, "jeunes"),
        _fig("Jeunes touchés par département", None, "jeunes", None, "150 à 200"),
        _fig("Jeunes en souffrance psychique (constat de départ)", 12.5, "%", None, "près de"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EXPERIMENTATION, 2020, "Première mise en œuvre évaluée dans le Rhône."),
        _stage(Stage.SPREADING, 2021, "Essaimage en Isère à la suite de l’évaluation."),
    ),
    origin=Origin.FIELD_NEED,
    sources=_sources("3A", "Statut estimé : projet nouveau en 2020."),
)

_3B = Sheet(
    code="3B",
    title="Croisement des savoirs : co-formation d’ATD Quart Monde Normandie et de l’ACSEA",
    summary=(
        "ATD Quart Monde réunit, pendant quatre jours, des professionnels et des personnes qui "
        "vivent la pauvreté pour qu’ils se forment les uns par les autres. L’ACSEA du Calvados "
        "s’y est engagée en 2017 et a changé sa façon de communiquer avec les familles."
    ),
    themes=(Theme.PEER_SUPPORT, Theme.EMPOWERMENT),
    tags=("co-formation", "croisement des savoirs", "pauvreté", "savoir expérientiel", ESTIMATED),
    territory=Territory(TerritoryScope.NATIONAL, (), (), "National"),
    start_year=2017,
    year_text="2017",
    actors=(
        Actor("ATD Quart Monde", (R.INITIATOR, R.CARRIER, R.TRAINER), "association"),
        Actor(
            "ACSEA (Association calvadosienne pour la sauvegarde de l’enfant à l’adulte)",
            (R.CARRIER, R.FUNDER),
            "association",
        ),
        Actor("Militants ATD Quart Monde", (R.PERSONS_CONCERNED,)),
    ),
    publics=("Personnes en situation de pauvreté", "Professionnels"),
    description=(
        "Deux groupes de pairs, l’un de professionnels, l’autre de militants, font les mêmes "
        "exercices, chacun avec son animateur, puis confrontent leurs analyses en plénière. "
        "Chaque participant écrit, analyse et forme à égalité avec les autres."
    ),
    objectives=(
        "Faire reconnaître le savoir tiré de l’expérience de la pauvreté à l’égal des autres "
        "savoirs, pour des réponses plus justes et de meilleures pratiques."
    ),
    timeline=(
        _ev(
            2017,
            "L’ACSEA, faute de co-élaborer ses projets avec les personnes, se tourne "
            "vers ATD Quart Monde.",
        ),
    ),
    funding=(Funding("ACSEA", F.OWN_FUNDS),),
    participation=(
        Participation(
            ParticipationMode.CO_TRAINING,
            ParticipationRole.CO_TRAINS,
            Stage.IMPLEMENTATION,
            "Chaque participant est à la fois formateur, auteur et rédacteur.",
        ),
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.CO_EVALUATES,
            text="Les indicateurs de l’évaluation nationale ont été bâtis avec des "
            "personnes en situation de pauvreté.",
        ),
    ),
    conditions=(
        _plus(C.HIERARCHY_SUPPORT, "L’appui des cadres et des directions."),
        _plus(
            C.ETHICAL_SAFEGUARDS,
            "Aucun lien de dépendance entre participants et "
            "institutions ; hébergement commun si possible.",
        ),
        _minus(
            C.RESISTANCE_TO_CHANGE,
            "Des encadrements, parfois des professionnels, freinent les propositions.",
        ),
    ),
    evaluation="Évaluation nationale en deux étapes ; la première, co-construite, est close.",
    key_figures=(
        _fig("Co-formations réalisées chaque année", None, "co-formations", None, "3 à 5"),
        _fig("Durée d’une co-formation", 4, "jours consécutifs"),
        _fig("Professionnels par co-formation", None, "professionnels", None, "15 à 18"),
    ),
    status=Status.CONFIDENTIAL,
    stage_history=(
        _stage(
            Stage.CONSOLIDATION,
            2021,
            "Rythme régulier de co-formations et évaluation nationale en cours.",
        ),
    ),
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "3B",
        "Statut estimé : démarche d’ATD Quart Monde antérieure, peu connue du secteur.",
        "Année de l’étape : état décrit dans le rapport.",
    ),
)

_3C = Sheet(
    code="3C",
    title="Pair-aidance et communauté thérapeutique de Brantôme (association Aurore)",
    summary=(
        "À Brantôme, la communauté thérapeutique de l’association Aurore soigne les "
        "addictions en s’appuyant d’abord sur les résidents eux-mêmes : les anciens accueillent "
        "et guident les nouveaux. Le conseil de vie sociale y compte plus de résidents que de "
        "professionnels votants."
    ),
    themes=(Theme.PEER_SUPPORT,),
    tags=("addictions", "CSAPA", "communauté thérapeutique", "conseil de vie sociale", ESTIMATED),
    territory=Territory(
        TerritoryScope.LOCAL,
        ("24",),
        (Commune("Brantôme", "24064"),),
        "Communauté thérapeutique de Brantôme (Dordogne)",
    ),
    start_year=2007,
    year_text="Ouverture en 2007 (circulaire du 24 octobre 2006)",
    actors=(
        Actor("Association Aurore", (R.INITIATOR, R.CARRIER), "association"),
        Actor("ARS", (R.FUNDER,)),
        Actor("Anciens résidents", (R.PEER_WORKER,)),
    ),
    publics=("Personnes dépendantes à une ou plusieurs substances psychoactives",),
    description=(
        "Le groupe est au centre du soin : un résident-guide accompagne chaque arrivant pendant "
        "un à deux mois, les anciens coaniment les groupes thérapeutiques et l’équipe éducative "
        "sert de filet de sécurité autour du projet individuel."
    ),
    objectives=(
        "Aider chaque résident à guérir grâce à l’expérience de pairs passés par les mêmes "
        "épreuves, et cultiver l’entraide."
    ),
    timeline=(
        _ev(2006, "Circulaire du 24 octobre 2006 sur les communautés thérapeutiques.", 10, 24),
        _ev(2007, "Ouverture de la communauté de Brantôme."),
    ),
    funding=(
        Funding("ARS", F.GLOBAL_ALLOCATION),
        Funding("Financeurs de Nouvelle-Aquitaine", F.REGIONAL_FUNDERS),
    ),
    participation=(
        Participation(
            ParticipationMode.PEER_INTERVENTION,
            ParticipationRole.PEER_WORKER,
            Stage.IMPLEMENTATION,
            "Les pairs assurent l’essentiel de la thérapie.",
        ),
        Participation(
            ParticipationMode.GOVERNING_BODY,
            ParticipationRole.CO_DECIDES,
            text="Conseil de vie sociale où les résidents sont majoritaires.",
        ),
    ),
    conditions=(
        _plus(C.ETHICAL_SAFEGUARDS, "Fixer où commence et où s’arrête l’aide d’un pair."),
        _plus(C.VALUES_ETHICS, "Des professionnels prêts à faire confiance aux résidents."),
    ),
    evaluation="Évaluations interne et externe selon le référentiel des communautés "
    "thérapeutiques.",
    key_figures=(
        _fig("Part du soin assurée par les pairs", 80, "%"),
        _fig(
            "Personnes hébergées, soignées ou accompagnées par Aurore",
            41300,
            "personnes",
            None,
            "plus de",
        ),
        _fig("Durée de la période d’essai", 1, "mois"),
    ),
    status=Status.REVIVED,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2007, "Ouverture de la communauté."),
        _stage(
            Stage.INSTITUTIONALISATION,
            2021,
            "Financée par dotation globale ARS sous statut CSAPA, état décrit en 2021.",
        ),
    ),
    sources=_sources(
        "3C",
        "Statut estimé : modèle ancien de communauté thérapeutique relancé par la circulaire "
        "de 2006.",
        "Code INSEE de Brantôme ajouté pour la carte.",
    ),
)

# --------------------------------------------------------------------------------------------
# 4. Réseaux, partenariat et interventions pluriprofessionnelles

_4A = Sheet(
    code="4A",
    title="Dispositif FLORA (Yvelines)",
    summary=(
        "Cinq communes des Yvelines financent ensemble FLORA, qui héberge et accompagne les "
        "femmes victimes de violences conjugales et leurs enfants. En 2020, 112 femmes et 202 "
        "enfants ont été suivis."
    ),
    themes=(Theme.NETWORKS_PARTNERSHIP,),
    tags=("violences conjugales", "hébergement", "intercommunalité", "femmes", ESTIMATED),
    territory=Territory(
        TerritoryScope.COMMUNAL,
        ("78",),
        (
            Commune("Achères", "78005"),
            Commune("Conflans-Sainte-Honorine", "78172"),
            Commune("Poissy", "78498"),
            Commune("Andrésy", "78015"),
            Commune("Maurecourt", "78382"),
        ),
        "Achères, Conflans-Sainte-Honorine, Poissy, Andrésy, Maurecourt",
    ),
    start_year=2013,
    year_text="2013",
    actors=(
        Actor(
            "Communes d’Achères, Conflans-Sainte-Honorine, Poissy, Andrésy, Maurecourt",
            (R.INITIATOR, R.CARRIER, R.FUNDER),
            "communes",
        ),
        Actor("CIDFF", (R.PARTNER,), "association"),
        Actor("Coordinatrices sociales FLORA", (R.COORDINATOR,)),
    ),
    publics=("Femmes victimes de violences conjugales",),
    description=(
        "FLORA (Femmes Logement Réseaux Accompagnement) loge les femmes dans des appartements "
        "anonymes, du T1 au T5, répartis entre les communes, ou les suit sans hébergement. Deux "
        "coordinatrices assurent l’accompagnement et le lien avec les partenaires."
    ),
    objectives=(
        "Mettre les femmes à l’abri loin du conjoint violent, les aider à retrouver une "
        "autonomie et un logement, et assurer la continuité du suivi des enfants."
    ),
    timeline=(
        _ev(
            2013,
            "Convention entre Achères, Conflans-Sainte-Honorine et Poissy le 1er "
            "novembre : création de FLORA.",
            11,
            1,
        ),
        _ev(2018, "Le dispositif est désormais bien repéré par les partenaires."),
        _ev(2019, "Andrésy et Maurecourt rejoignent le dispositif."),
    ),
    funding=(
        Funding(
            "Communes adhérentes",
            F.PARTNER_FUNDING,
            period="2020",
            text="0,99 par habitant, selon la population de chaque commune.",
        ),
    ),
    participation=(
        Participation(
            ParticipationMode.DISCUSSION_GROUP,
            ParticipationRole.TESTIFIES,
            Stage.IMPLEMENTATION,
            "Pas de participation officielle ; groupe de parole et sorties collectives.",
        ),
    ),
    conditions=(
        _plus(
            C.PARTNERSHIP_QUALITY,
            "Un réseau si bien identifié que « FLORA » sert de mot de passe entre professionnels.",
        ),
        _plus(C.PLURAL_FUNDING, "Une dépense partagée entre communes selon leur population."),
    ),
    perspectives="Un psychologue à l’entrée du dispositif et un lien avec le SIAO.",
    key_figures=(
        _fig("Femmes accompagnées", 112, "femmes", 2020),
        _fig("Enfants accompagnés", 202, "enfants", 2020),
        _fig("Hausse des orientations par rapport à 2019", 44, "%", 2020),
        _fig("Contribution des communes par habitant", 0.99, "€", 2020),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2013, "Convention signée par trois communes.", 11),
        _stage(Stage.CONSOLIDATION, 2019, "Deux communes de plus rejoignent FLORA."),
    ),
    movement=Movement.BOTTOM_UP,
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "4A",
        "Statut estimé : dispositif créé en 2013.",
        "Codes INSEE des communes ajoutés pour la carte ; montant en euros (la fiche omet "
        "l’unité, la synthèse du rapport parle d’euros).",
    ),
)

_4B = Sheet(
    code="4B",
    title="GIP Gers Solidaire",
    summary=(
        "Le GIP Gers Solidaire fédère CCAS, associations caritatives et autres acteurs de la "
        "solidarité du Gers pour agir ensemble contre la pauvreté. Né de rencontres en 2014, "
        "il existe officiellement depuis un arrêté préfectoral de 2018."
    ),
    themes=(Theme.NETWORKS_PARTNERSHIP, Theme.OUTREACH),
    tags=("aide alimentaire", "tiers-lieux", "numéro vert", "évaluation croisée", ESTIMATED),
    territory=_dept("Gers", "32"),
    start_year=2015,
    year_text="2015",
    actors=(
        Actor("GIP Gers Solidaire", (R.CARRIER, R.COORDINATOR), "GIP"),
        Actor("Acteurs de la solidarité (associations, UDCCAS, CCAS)", (R.PARTNER,)),
        Actor("Conseil départemental du Gers", (R.FUNDER, R.ELECTED_OFFICIAL)),
        Actor("Ansa", (R.EXPERT,)),
    ),
    publics=("Publics en situation de précarité",),
    description=(
        "Le GIP aide ses membres à monter des projets et à répondre aux appels à projets, "
        "tient un numéro vert social, circule dans un camping-car connecté et ouvre des "
        "tiers-lieux d’accueil mutualisés."
    ),
    objectives="Rassembler et coordonner les acteurs des solidarités du département.",
    timeline=(
        _ev(
            2014,
            "Premières rencontres autour d’une plateforme d’aide alimentaire, inspirée "
            "de celle de Mont-de-Marsan.",
        ),
        _ev(2017, "Préfiguration sous forme d’association."),
        _ev(2018, "Arrêté préfectoral créant le GIP ; enquête sur l’aide alimentaire."),
    ),
    funding=(
        Funding(
            "Conseil départemental du Gers et membres",
            F.PARTNER_FUNDING,
            254000,
            period="2020",
            text="Budget de fonctionnement.",
        ),
        Funding(
            "Conseil départemental du Gers et membres",
            F.PARTNER_FUNDING,
            125000,
            period="2020",
            text="Budget d’investissement.",
        ),
    ),
    participation=(
        Participation(
            ParticipationMode.GOVERNING_BODY,
            ParticipationRole.CO_EVALUATES,
            Stage.CONSOLIDATION,
            "Comité consultatif paritaire de professionnels et d’usagers.",
        ),
    ),
    conditions=(
        _plus(C.POLITICAL_SUPPORT, "Soutien des élus, opposition comprise."),
        _plus(C.MOTIVATION, "Engagement personnel des présidents d’associations."),
        _minus(C.FINANCIAL_MEANS, "La contribution départementale va diminuer."),
    ),
    perspectives="Application France Contact et projet Gers Solidaires Mobilité avec Atchoum.",
    key_figures=(
        _fig("Budget de fonctionnement", 254000, "€", 2020),
        _fig("Budget d’investissement", 125000, "€", 2020),
        _fig("Habitants ayant eu recours à l’aide alimentaire", 10000, "personnes", 2018),
        _fig("Usagers au comité consultatif (avec 5 professionnels)", 5, "usagers"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EMERGENCE, 2014, "Premières rencontres."),
        _stage(Stage.EXPERIMENTATION, 2017, "Association de préfiguration."),
        _stage(Stage.INSTITUTIONALISATION, 2018, "Arrêté préfectoral de création."),
    ),
    movement=Movement.MIXED,
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "4B",
        "Statut estimé : structure créée pour l’occasion.",
        "La fiche écrit « Mont-Marsan » ; l’Année (2015) diffère de l’historique (2014).",
    ),
)

_4C = Sheet(
    code="4C",
    title="Mission Interface du Samusocial de Paris",
    summary=(
        "Depuis 2017, la Mission Interface du Samusocial de Paris aide les personnes sans abri "
        "vieillissantes ou handicapées à quitter l’hébergement d’urgence pour un lieu adapté. "
        "Cette équipe mobile relie deux mondes qui se connaissent mal : le social et le "
        "médico-social."
    ),
    themes=(Theme.NETWORKS_PARTNERSHIP, Theme.OUTREACH),
    tags=(
        "personnes âgées",
        "handicap",
        "sans-abri",
        "AHI",
        "EHPAD",
        "démarche qualité",
        ESTIMATED,
    ),
    territory=Territory(
        TerritoryScope.DEPARTEMENTAL, ("75",), (Commune("Paris", "75056"),), "Paris"
    ),
    start_year=2017,
    year_text="2017",
    actors=(
        Actor("Samusocial de Paris", (R.INITIATOR, R.CARRIER), "association"),
        Actor("Structures AHI et médico-sociales", (R.PARTNER,)),
        Actor("Unis-Cité", (R.PARTNER,), "association"),
        Actor("Malakoff Médéric", (R.FUNDER,), "mécène"),
        Actor("DASES", (R.FUNDER,)),
        Actor("ARS Île-de-France", (R.FUNDER,)),
    ),
    publics=(
        "Personnes âgées de 60 ans et plus, en grande précarité, accueillies par le secteur AHI",
        "Adultes de 20 ans et plus vivant avec un handicap",
    ),
    description=(
        "L’équipe évalue la situation sociale et l’autonomie de la personne, construit avec "
        "elle un projet d’orientation, coordonne les démarches et accompagne le passage vers "
        "un EHPAD, une résidence autonomie ou un logement. Elle informe aussi les équipes AHI."
    ),
    objectives=(
        "Orienter chaque personne selon son projet de vie, fluidifier les transitions et "
        "rapprocher les secteurs social et médico-social."
    ),
    timeline=(
        _ev(2016, "Quinze propositions du Samu social de Paris pour les sans-abri vieillissants."),
        _ev(2017, "Création de la Mission en mai, inspirée du SIAO de Loire-Atlantique.", 5),
        _ev(2018, "Arrivée d’un second travailleur social ; première étude d’impact."),
        _ev(2019, "Démarche qualité et volet handicap lancés."),
        _ev(2021, "Équipe élargie à de nouveaux coordinateurs en janvier.", 1),
    ),
    funding=(
        Funding("Malakoff Médéric", F.FOUNDATION, period="2020", text="Mécénat."),
        Funding("DASES", F.LOCAL_AUTHORITY, period="2020"),
        Funding("ARS Île-de-France", F.STATE_SERVICES, period="2020"),
    ),
    participation=(
        Participation(
            ParticipationMode.CONSULTATION,
            ParticipationRole.CONSULTED,
            Stage.CONSOLIDATION,
            "La démarche qualité a été bâtie en consultant les personnes suivies.",
        ),
        Participation(
            ParticipationMode.TESTIMONY,
            ParticipationRole.TESTIFIES,
            text="Podcasts et entretiens dans la presse spécialisée une fois une solution trouvée.",
        ),
    ),
    conditions=(
        _plus(C.PARTNERSHIP_QUALITY, "Conventions et charte signées avec chaque structure."),
        _minus(
            C.DEPARTING_FROM_RULES,
            "Dérogations complexes avant 60 ans pour l’aide sociale à l’hébergement.",
        ),
        _minus(C.REPRESENTATIONS, "Établissements réticents à accueillir des personnes précaires."),
    ),
    perspectives="Doubler l’équipe, pérenniser les financements et modéliser pour essaimer.",
    evaluation="Grille d’évaluation sociale et échelle de Katz ; étude d’impact réactualisée "
    "en 2021.",
    key_figures=(
        _fig("Personnes signalées par les structures AHI depuis mai 2017", 554, "personnes"),
        _fig("Personnes entrées dans la file active", 408, "personnes"),
        _fig(
            "Personnes accompagnées vers un nouvel établissement (mai 2017 - décembre 2020)",
            74,
            "personnes",
            2020,
        ),
        _fig("Postes de l’équipe", 6, "ETP", 2020),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EXPERIMENTATION, 2017, "Phase expérimentale de mai 2017 à octobre 2018.", 5),
        _stage(Stage.CONSOLIDATION, 2019, "Démarche qualité et extension au handicap."),
    ),
    origin=Origin.FIELD_NEED,
    sources=_sources("4C", "Statut estimé : service créé en 2017."),
)

# --------------------------------------------------------------------------------------------
# 5. Développement du pouvoir d'agir

_ANDA_DPA = "Association ANDA-DPA"

_5A = Sheet(
    code="5A",
    title="Développement du pouvoir d’agir au Conseil départemental de l’Eure",
    summary=(
        "Avec l’ANDA-DPA, le Conseil départemental de l’Eure forme ses travailleurs sociaux au "
        "DPA PC, une approche qui vise à rendre aux personnes et aux collectifs la main sur ce "
        "qui compte pour eux. En 2021, une centaine d’agents volontaires y ont été initiés."
    ),
    themes=(Theme.EMPOWERMENT,),
    tags=("DPA PC", "formation", "Yann Le Bossé", "jeunes sortant de l’ASE", ESTIMATED),
    territory=_dept("Département de l’Eure", "27"),
    start_year=2016,
    year_text="Depuis 2016",
    actors=(
        Actor("Conseil départemental de l’Eure", (R.INITIATOR, R.CARRIER, R.FUNDER)),
        Actor(_ANDA_DPA, (R.TRAINER,), "association"),
        Actor("CNFPT", (R.FUNDER,)),
    ),
    publics=("Travailleurs sociaux",),
    description=(
        "La formation, vécue d’abord pour soi, apprend à définir le problème avec la personne, "
        "à repérer les acteurs en jeu et à l’aider à prendre conscience de ce qu’elle a réussi "
        "pour le refaire ailleurs."
    ),
    objectives=(
        "Permettre aux personnes suivies d’agir davantage sur leur vie et transformer les "
        "pratiques des équipes."
    ),
    timeline=(
        _ev(
            2015,
            "Deux travailleurs sociaux et deux cadres suivent une première formation "
            "comme personnes-ressources.",
        ),
        _ev(2016, "Le Département décide d’étendre les formations aux travailleurs sociaux."),
        _ev(
            2019,
            "Formation-action au développement social ; travail avec des jeunes sortant "
            "de placement.",
        ),
    ),
    funding=(
        Funding("CNFPT", F.TRAINING_PLAN, text="Deux premiers groupes."),
        Funding("Conseil départemental de l’Eure", F.TRAINING_PLAN),
        Funding("État", F.NATIONAL_PROGRAMME, text="Stratégie Pauvreté, plus récemment."),
    ),
    participation=(
        Participation(
            ParticipationMode.CONSULTATION,
            ParticipationRole.CONSULTED,
            text="Questionnaire aux jeunes placés sur leur vécu.",
        ),
    ),
    conditions=(
        _plus(C.TRAINING, "Former des agents de plusieurs services pour créer une dynamique."),
        _plus(C.TEAM_INFORMATION, "Sensibiliser partenaires et collègues aux changements."),
        _minus(C.RESISTANCE_TO_CHANGE, "L’approche bouscule l’identité professionnelle."),
    ),
    perspectives="Référent de parcours formé au DPA et évaluation de l’impact.",
    key_figures=(
        _fig("Agents volontaires initiés", 100, "agents", 2021, "environ"),
        _fig(
            "Personnes sensibilisées au DPA PC par l’ANDA-DPA (3 dernières années)",
            2466,
            "personnes",
        ),
        _fig("Départements où l’ANDA-DPA est intervenue (3 dernières années)", 33, "départements"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.EMERGENCE, 2015, "Quatre premières personnes-ressources formées."),
        _stage(Stage.IMPLEMENTATION, 2016, "Formations ouvertes aux travailleurs sociaux."),
        _stage(Stage.CONSOLIDATION, 2021, "Une centaine d’agents initiés, formations au plan."),
    ),
    movement=Movement.MIXED,
    sources=_sources(
        "5A",
        "Statut estimé : approche nouvelle pour le Département.",
        "Les chiffres de l’ANDA-DPA sont les mêmes dans les fiches 5A et 5B.",
    ),
)

_5B = Sheet(
    code="5B",
    title="Développement du pouvoir d’agir au Conseil départemental de la Gironde",
    summary=(
        "Depuis 2012, le Conseil départemental de la Gironde forme ses professionnels "
        "médico-sociaux et ses cadres à l’approche DPA-PC, dans le prolongement de sa réflexion "
        "pour « repenser le travail social ». Un groupe de 16 personnes-ressources fait vivre "
        "la démarche."
    ),
    themes=(Theme.EMPOWERMENT,),
    tags=("DPA-PC", "formation", "personnes-ressources", "développement social", ESTIMATED),
    territory=_dept("Département de la Gironde", "33"),
    start_year=2012,
    year_text="2012",
    actors=(
        Actor("Conseil départemental de la Gironde", (R.INITIATOR, R.CARRIER, R.FUNDER)),
        Actor(_ANDA_DPA, (R.TRAINER,), "association"),
        Actor("Fabienne Defert (Association Internationale DPA)", (R.TRAINER,)),
        Actor("Laboratoire universitaire de sociologie de Bordeaux", (R.EXPERT,)),
    ),
    publics=("Professionnels du service médico-social départemental", "Cadres"),
    description=(
        "Sensibilisation, approfondissement puis formation complète : les professionnels "
        "apprennent à partir de ce qui pose problème à la personne plutôt que d’un diagnostic, "
        "et à jouer un rôle de passeur."
    ),
    objectives=(
        "Changer les pratiques des travailleurs sociaux et médico-sociaux du Département et "
        "renforcer la capacité d’agir des personnes suivies."
    ),
    timeline=(
        _ev(
            2005,
            "Après les incidents de novembre en banlieue, recherche sociologique et "
            "diagnostic auprès des habitants.",
            11,
        ),
        _ev(2009, "Deux axes retenus : participation des usagers et pouvoir d’agir."),
        _ev(2012, "Premières formations avec l’ANDA-DPA."),
        _ev(2016, "Marché public de la DRH ; formations assurées par Fabienne Defert."),
    ),
    funding=(
        Funding(
            "DRH du Conseil départemental de la Gironde",
            F.TRAINING_PLAN,
            104000,
            period="4 ans depuis 2016",
            text="Marché public, montant TTC estimé.",
        ),
    ),
    conditions=(
        _plus(
            C.POLITICAL_SUPPORT, "Une collectivité qui revendique son droit à l’expérimentation."
        ),
        _plus(
            C.REFLECTION_SPACES,
            "Groupe mensuel de personnes-ressources animé par une conseillère technique.",
        ),
        _minus(C.TIME, "Chacun avance à son rythme : le changement de posture ne se décrète pas."),
    ),
    perspectives="Ouvrir la formation aux directeurs et lancer un projet de référent de "
    "parcours en 2021.",
    evaluation="Étude d’impact prévue en 2020, non réalisée.",
    key_figures=(
        _fig("Personnes sensibilisées à l’approche DPA-PC", 270, "personnes"),
        _fig("Participants aux sessions d’approfondissement", 180, "personnes"),
        _fig("Personnes-ressources formées", 16, "personnes"),
        _fig("Marché public de formation sur 4 ans", 104000, "€ TTC", 2016),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2012, "Premières formations."),
        _stage(Stage.INSTITUTIONALISATION, 2016, "Formations inscrites dans un marché de la DRH."),
    ),
    movement=Movement.TOP_DOWN,
    origin=Origin.HIERARCHY_DEMAND,
    sources=_sources("5B", "Statut estimé : approche nouvelle pour le Département."),
)

_5C = Sheet(
    code="5C",
    title="ASMI : service social interentreprises",
    summary=(
        "Dans les Bouches-du-Rhône, l’ASMI met des assistantes sociales et des infirmières au "
        "service des salariés de ses 47 entreprises adhérentes. Elle aide aussi les employeurs "
        "à prévenir la désinsertion professionnelle, notamment par une cellule de maintien "
        "dans l’emploi."
    ),
    themes=(Theme.EMPOWERMENT, Theme.NETWORKS_PARTNERSHIP),
    tags=(
        "service social du travail",
        "salariés",
        "qualité de vie au travail",
        "maintien dans l’emploi",
        ESTIMATED,
    ),
    territory=_dept("Bouches-du-Rhône", "13"),
    start_year=None,
    year_text="",
    actors=(
        Actor(
            "Association d’assistance sociale et médicale interprofessionnelle (ASMI)",
            (R.INITIATOR, R.CARRIER),
            "association",
        ),
        Actor("Entreprises adhérentes", (R.FUNDER,)),
        Actor("AISMT 13", (R.PARTNER,), "service de santé au travail"),
    ),
    publics=("Salariés en difficulté",),
    description=(
        "Permanences en entreprise et rendez-vous à la demande : logement, santé, budget, "
        "famille ou fin de carrière. Une cellule pluridisciplinaire suit les salariés menacés "
        "de perdre leur poste et des actions collectives sensibilisent les employeurs."
    ),
    objectives=(
        "Aider les salariés à trouver des solutions à leurs difficultés, au travail comme en "
        "dehors, pour qu’ils restent et s’épanouissent dans l’emploi."
    ),
    timeline=(_ev(2020, "Près de 6 000 entretiens menés auprès de salariés."),),
    funding=(Funding("47 adhérents", F.OTHER, text="Aucune subvention : les adhérents paient."),),
    references="Obligation d’un service social pour les entreprises d’au moins 250 salariés.",
    participation=(
        Participation(
            ParticipationMode.NONE,
            ParticipationRole.INFORMED,
            Stage.IMPLEMENTATION,
            "Le référent informe le salarié de tout ce qui se dit à son sujet ; "
            "sa présence aux synthèses reste à organiser.",
        ),
    ),
    conditions=(
        _plus(
            C.TRAINING, "Formations nombreuses, dont la méthode CME en deux sessions de six jours."
        ),
        _minus(
            C.FINANCIAL_MEANS, "Revenus souvent au-dessus des plafonds des aides de droit commun."
        ),
    ),
    evaluation="Suivi à 3 et 6 mois ; rapport annuel remis à chaque adhérent.",
    key_figures=(
        _fig("Entretiens avec des salariés", 6000, "entretiens", 2020, "près de"),
        _fig("Entreprises adhérentes", 47, "adhérents"),
        _fig("Assistantes sociales de l’équipe", 9, "assistantes sociales"),
        _fig("Seuil de l’obligation légale de service social", 250, "salariés"),
    ),
    status=Status.CONFIDENTIAL,
    stage_history=(
        _stage(Stage.CONSOLIDATION, 2020, "Activité régulière : près de 6 000 entretiens."),
    ),
    sources=_sources(
        "5C",
        "La fiche ne donne pas d’année ; l’ASMI est née « il y a 40 ans ».",
        "Statut estimé : service ancien mais peu connu du secteur.",
    ),
)

_5D = Sheet(
    code="5D",
    title="Pouvoir d’agir au service social en faveur des élèves (bassin de Thau)",
    summary=(
        "Une assistante sociale scolaire de Sète, formée comme personne-ressource par "
        "l’ANDA-DPA, applique l’approche DPA PC auprès des élèves, des parents et des "
        "enseignants. Elle se pose en passeuse plutôt qu’en détentrice de la solution."
    ),
    themes=(Theme.EMPOWERMENT,),
    tags=("Éducation nationale", "élèves", "parents", "DPA PC", "harcèlement", ESTIMATED),
    territory=Territory(
        TerritoryScope.LOCAL, ("34",), (Commune("Sète", "34301"),), "Bassin de Thau"
    ),
    start_year=2020,
    year_text="2020-2021",
    actors=(
        Actor("Service social en faveur des élèves, DSDEN 34 (Éducation nationale)", (R.CARRIER,)),
        Actor("Françoise Rousselet", (R.INITIATOR,), "assistante sociale scolaire"),
        Actor(_ANDA_DPA, (R.TRAINER,), "association"),
    ),
    publics=(
        "Jeunes scolarisés et leurs parents",
        "Personnel de l’Éducation nationale",
        "Futurs travailleurs sociaux",
        "Partenaires santé et social du territoire",
    ),
    description=(
        "Dans trois lycées et un collège de Sète, l’assistante sociale mène entretiens, "
        "actions collectives sur le climat scolaire et formations sur le harcèlement, en "
        "cherchant avec chacun ce qui pose problème et qui est concerné."
    ),
    objectives=(
        "Accompagner l’élève vers une entrée réussie dans la vie adulte et réduire les "
        "inégalités de réussite."
    ),
    timeline=(
        _ev(2019, "Fin de la formation « Personne ressource en D.P.A. PC » (septembre à mars)."),
    ),
    funding=(Funding(type=F.NO_COST, text="Aucun financement."),),
    participation=(
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.CO_BUILDS,
            Stage.IMPLEMENTATION,
            "Les familles trouvent elles-mêmes leurs solutions avec la professionnelle.",
        ),
    ),
    conditions=(
        _plus(C.WISH_TO_DO_OTHERWISE, "Sortir de l’isolement et de l’impuissance du métier."),
        _plus(C.TRAINING, "Une formation longue de personne-ressource."),
    ),
    perspectives="Diffuser l’approche dans l’institution et en formation initiale.",
    key_figures=(
        _fig("Élèves des établissements couverts", 3000, "élèves"),
        _fig("Établissements suivis à Sète (trois lycées et un collège)", 4, "établissements"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(
            Stage.IMPLEMENTATION, 2019, "Approche intégrée à la pratique après la formation.", 3
        ),
    ),
    movement=Movement.BOTTOM_UP,
    origin=Origin.FIELD_NEED,
    sources=_sources(
        "5D",
        "Statut estimé : pratique individuelle nouvelle.",
        "La fiche annonce trois lycées et un collège mais n’en nomme que trois.",
    ),
)

_5E = Sheet(
    code="5E",
    title="Cause lawyering et entretien d’aide « sans suite » (EPS de Ville-Evrard)",
    summary=(
        "À l’établissement public de santé mentale de Ville-Evrard, un assistant social "
        "développe deux pratiques : aider les personnes à contester en droit les décisions "
        "défavorables des administrations sociales, et remplir leurs dossiers avec elles "
        "plutôt qu’à leur place."
    ),
    themes=(Theme.EMPOWERMENT,),
    tags=("accès aux droits", "recours", "santé mentale", "justice sociale", ESTIMATED),
    territory=_dept("Seine-Saint-Denis", "93"),
    start_year=2021,
    year_text="2021",
    actors=(
        Actor("Joran Le Gall", (R.INITIATOR, R.CARRIER), "assistant social"),
        Actor("Etablissement public de santé mentale de Ville-Evrard", (R.PARTNER,)),
    ),
    publics=(
        "Personnes qui contestent une décision des administrations sociales",
        "Personnes engagées dans des démarches d’accès aux droits",
    ),
    description=(
        "Deux pratiques d’un même professionnel : un appui juridique pour contester, et des "
        "entretiens où la personne remplit elle-même ses documents."
    ),
    objectives=(
        "Rendre les personnes capables de faire valoir leurs droits, par un recours ou par "
        "leurs propres démarches."
    ),
    timeline=(_ev(2021, "Les deux pratiques sont présentées au groupe de travail du HCTS."),),
    funding=(Funding(type=F.NO_COST, text="Ni financement ni coût."),),
    participation=(
        Participation(
            ParticipationMode.WORKING_GROUP,
            ParticipationRole.CO_BUILDS,
            Stage.IMPLEMENTATION,
            "La personne fournit et écrit elle-même les informations de son dossier.",
        ),
    ),
    conditions=(
        _plus(C.HIERARCHY_SUPPORT, "Un soutien, même passif, de la hiérarchie."),
        _plus(C.SOCIAL_JUSTICE_ALLIANCE, "Un recours possible sans crainte de représailles."),
        _minus(C.TIME, "Recherche juridique et travail commun demandent beaucoup de temps."),
        _minus(C.LACK_OF_MEANS, "Il faut des bureaux assez grands et équipés."),
    ),
    evaluation="Pas d’évaluation institutionnelle, seulement des échanges informels.",
    key_figures=(
        _fig("Pratiques décrites dans la fiche", 2, "pratiques", 2021),
        _fig("Financement dédié", 0, "€", 2021),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2021, "Pratiques menées au quotidien par le professionnel."),
    ),
    movement=Movement.BOTTOM_UP,
    origin=Origin.FIELD_NEED,
    practices=(
        SubPractice(
            "Le cause lawyering",
            "Le professionnel aide la personne à contester en droit une décision "
            "administrative qui lui nuit ; cela montre que l’institution peut se tromper.",
        ),
        SubPractice(
            "L’entretien d’aide « sans suite »",
            "Rien n’est plus rempli en l’absence de la personne : elle complète ses "
            "formulaires pendant l’entretien, le professionnel relit et facilite.",
        ),
    ),
    sources=_sources(
        "5E",
        "Fiche double : deux pratiques décrites séparément.",
        "Statut estimé : pratiques individuelles nouvelles.",
        "Chiffres clés construits à partir de la fiche, qui ne donne aucun nombre.",
    ),
)

_5F = Sheet(
    code="5F",
    title="Point Ecoute Parents Adolescents",
    summary=(
        "À Montpellier, le Point Ecoute Parents Adolescents du Groupe SOS Solidarités ajoute à "
        "son suivi psychologique un soutien fondé sur le pouvoir d’agir, mené par une salariée "
        "formée au DPA-PC. Il s’adresse aux jeunes de 12 à 25 ans et à leur entourage."
    ),
    themes=(Theme.EMPOWERMENT, Theme.OUTREACH),
    tags=("jeunes", "santé", "intervention précoce", "PAEJ", "CSAPA", ESTIMATED),
    territory=Territory(
        TerritoryScope.COMMUNAL, ("34",), (Commune("Montpellier", "34172"),), "Montpellier"
    ),
    start_year=2016,
    year_text="Depuis 2016",
    actors=(
        Actor("Groupe SOS Solidarités", (R.INITIATOR, R.CARRIER), "association"),
        Actor("Direction départementale de la Cohésion sociale", (R.FUNDER,)),
    ),
    publics=("Jeunes et jeunes adultes de 12 à 25 ans",),
    description=(
        "Le modèle suit quatre étapes : un environnement favorable par des ateliers, le "
        "repérage, l’évaluation, puis une prise en charge psychologique ou centrée sur le "
        "pouvoir d’agir, en entretiens d’une heure sans limite de durée."
    ),
    objectives="Promouvoir la santé des 12-25 ans et l’améliorer.",
    timeline=(
        _ev(2016, "Soutien DPA-PC ajouté au suivi clinique existant."),
        _ev(2019, "Instruction DGCS du 18 avril 2019 encadrant le financement des PAEJ.", 4, 18),
    ),
    funding=(
        Funding(
            "Direction départementale de la Cohésion sociale (BOP 106)",
            F.STATE_SERVICES,
            text="Financement PAEJ.",
        ),
        Funding(
            "Assurance maladie (ONDAM médico-social)",
            F.GLOBAL_ALLOCATION,
            text="Missions de CSAPA.",
        ),
    ),
    conditions=(
        _plus(C.REFLECTION_SPACES, "Analyse de la pratique et intervision pour la salariée."),
        _plus(C.ETHICAL_SAFEGUARDS, "Confidentialité des entretiens."),
    ),
    perspectives="Développer l’approche en collectif et en milieu scolaire.",
    evaluation="Indicateurs d’activité : orientations, jeunes, suivis, entretiens, sorties.",
    indicators=(
        Indicator("Nombre d’orientations", IndicatorKind.QUANTITATIVE),
        Indicator("Nombre d’entretiens", IndicatorKind.QUANTITATIVE),
    ),
    key_figures=(
        _fig("Âge minimum du public", 12, "ans"),
        _fig("Âge maximum du public", 25, "ans"),
        _fig("Durée d’un entretien", 1, "heure"),
        _fig("Étapes du modèle d’intervention", 4, "étapes"),
    ),
    status=Status.NASCENT,
    stage_history=(
        _stage(Stage.IMPLEMENTATION, 2016, "Soutien DPA-PC proposé dans l’établissement."),
    ),
    movement=Movement.BOTTOM_UP,
    origin=Origin.FIELD_NEED,
    sources=_sources("5F", "Statut estimé : soutien nouveau dans un établissement ancien."),
)

#: The report's 21 sheets, in its order (1A to 5F).
PRACTICES: tuple[Sheet, ...] = (
    _1A, _1B, _1C, _1D, _1E,
    _2A, _2B, _2C, _2D,
    _3A, _3B, _3C,
    _4A, _4B, _4C,
    _5A, _5B, _5C, _5D, _5E, _5F,
)  # fmt: skip


def practices() -> tuple[Sheet, ...]:
    """The 21 demo sheets (codes "1A".."5F", in order)."""
    return PRACTICES


__all__ = ["PRACTICES", "SOURCE", "practices"]
