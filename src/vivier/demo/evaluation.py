"""Three of the report's practices with a full evaluation, for the demo's walk-through.

- **4B, GIP Gers Solidaire**: the report's model of a permanent cross-evaluation, run by a
  consultative committee of 5 professionals and 5 persons supported. The demo gives it its
  committee, one closed session with each group's opinion then the joint one, a session to
  come, a plan where persons concerned co-decide most steps, and yearly funding records.
- **3C, the Brantôme therapeutic community**: indicators followed over several years
  (internal and external evaluations against the therapeutic communities' framework), one
  of them redefined halfway to show that values of two definitions are not compared.
- **1A, family group conferences in Ardèche**: the sheet of the demo holder (``porteur``),
  evaluated mostly by stories of change, with Camille, the demo person concerned, as a
  co-builder of the plan, and values waiting for the demo evaluator.

Figures are invented for the demo and say so in each indicator's description; names of
practices, places and the 5 + 5 committee are the report's. Texts are written for Vivier.
Idempotent: a practice that already has a plan is left as it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from vivier.evaluation import plans
from vivier.evaluation.models import (
    Committee,
    CommitteeMember,
    CommitteeSession,
    Contribution,
    Decision,
    FundingRecord,
    Measurement,
    Opinion,
    Outcome,
    OutcomeSource,
    Plan,
    PlanContributor,
    Seat,
    Story,
    StorySelection,
    StoryTeller,
)
from vivier.plans.periods import Frequency
from vivier.plans.schema import (
    Baseline,
    Direction,
    EvaluativeQuestion,
    ExpectedResult,
    Group,
    Indicator,
    IndicatorKind,
    Milestone,
    Mode,
    ParticipationCell,
    Step,
    Target,
)
from vivier.plans.schema import Plan as PlanContent
from vivier.practices.models import Practice

DEMO_NOTE = "Valeurs inventées pour la démonstration."
#: The demo's fixed "now", so that a rebuilt demo gives the same dates.
NOW = datetime(2025, 11, 14, 10, 0, tzinfo=UTC)

PC = Group.PERSONS_CONCERNED
PRO = Group.PROFESSIONALS
FUNDERS = Group.FUNDERS
PARTNERS = Group.PARTNERS


def _matrix(rows: dict[Step, dict[Group, Mode]]) -> tuple[ParticipationCell, ...]:
    return tuple(
        ParticipationCell(step, group, mode)
        for step, modes in rows.items()
        for group, mode in modes.items()
    )


def _user(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def build(
    person_username: str = "", evaluator_username: str = "", committee_username: str = ""
) -> int:
    """Builds the three evaluations that do not exist yet; returns how many were built."""
    built = 0
    for code, builder in (("4B", _gers), ("3C", _brantome), ("1A", _ardeche)):
        practice = Practice.objects.filter(code=code).first()
        if practice is None or Plan.objects.filter(practice=practice).exists():
            continue
        builder(
            practice,
            person=_user(person_username),
            evaluator=_user(evaluator_username),
            committee_user=_user(committee_username),
        )
        built += 1
    return built


# --------------------------------------------------------------------------------- 4B Gers


def _gers(practice: Practice, *, person: Any, evaluator: Any, committee_user: Any) -> None:
    plan = plans.start(practice)
    content = PlanContent(
        purpose=(
            "Le GIP évalue ses actions en continu, sur deux plans : les bilans budgétaires "
            "et d’activité dus aux financeurs, et une évaluation croisée menée par un comité "
            "consultatif où professionnels et personnes accompagnées siègent à égalité."
        ),
        start="2019-01-01",
        questions=(
            EvaluativeQuestion(
                "acces_droits",
                "Les personnes accèdent-elles plus vite à leurs droits grâce au guichet commun ?",
                PRO,
            ),
            EvaluativeQuestion(
                "ecoute",
                "Les personnes se sentent-elles écoutées quand elles poussent la porte ?",
                PC,
            ),
            EvaluativeQuestion(
                "partenaires",
                "Les partenaires travaillent-ils vraiment ensemble, ou seulement côte à côte ?",
                PARTNERS,
            ),
        ),
        results=(
            ExpectedResult("delai", "Moins d’attente entre la demande et la première réponse", PRO),
            ExpectedResult(
                "confiance", "Des personnes qui reviennent parce qu’elles ont confiance", PC
            ),
        ),
        criteria=(
            "Être reçu sans avoir à raconter son histoire plusieurs fois",
            "Que les décisions du comité changent quelque chose de visible",
        ),
        indicators=(
            Indicator(
                "personnes_accueillies",
                "Personnes accueillies au guichet commun",
                description=f"Nombre de personnes différentes reçues dans l’année. {DEMO_NOTE}",
                unit="personnes",
                baseline=Baseline(820, 2019),
                direction=Direction.INCREASE,
                targets=(
                    Target("2021", 950),
                    Target("2022", 1000),
                    Target("2023", 1050),
                    Target("2024", 1100),
                ),
                frequency=Frequency.YEARLY,
                proposed_by=FUNDERS,
                questions=("acces_droits",),
                disaggregations=("territoire",),
            ),
            Indicator(
                "reponse_en_8_jours",
                "Demandes traitées en 8 jours ou moins",
                description=(
                    f"Part des demandes ayant reçu une première réponse en 8 jours. {DEMO_NOTE}"
                ),
                unit="%",
                decimals=1,
                baseline=Baseline(54, 2019),
                direction=Direction.INCREASE,
                targets=(Target("2022", 70), Target("2024", 80)),
                numerator="demandes traitées en 8 jours ou moins",
                denominator="demandes reçues",
                frequency=Frequency.YEARLY,
                proposed_by=PRO,
                questions=("acces_droits",),
            ),
            Indicator(
                "se_sentir_ecoute",
                "Se sentir écouté",
                kind=IndicatorKind.QUALITATIVE,
                description="Ce que les personnes disent de l’accueil, recueilli par le comité.",
                frequency=Frequency.YEARLY,
                proposed_by=PC,
                questions=("ecoute",),
            ),
        ),
        milestones=(
            Milestone("demarrage", "Démarrage", 0),
            Milestone("six_mois", "+6 mois", 6),
            Milestone("annuel", "Chaque année", 12),
        ),
        participation=_matrix(
            {
                Step.QUESTIONS: {
                    PRO: Mode.CO_DECIDING,
                    PC: Mode.CO_DECIDING,
                    FUNDERS: Mode.CONSULTED,
                    PARTNERS: Mode.CONSULTED,
                },
                Step.CRITERIA: {
                    PRO: Mode.CO_DECIDING,
                    PC: Mode.CO_DECIDING,
                    FUNDERS: Mode.INFORMED,
                },
                Step.INDICATORS: {
                    PRO: Mode.CO_DECIDING,
                    PC: Mode.CONSULTED,
                    FUNDERS: Mode.CO_DECIDING,
                },
                Step.COLLECTING: {PRO: Mode.CO_DECIDING, PC: Mode.CONSULTED},
                Step.ANALYSING: {PRO: Mode.CO_DECIDING, PC: Mode.CO_DECIDING},
                Step.JUDGING: {
                    PRO: Mode.CO_DECIDING,
                    PC: Mode.CO_DECIDING,
                    PARTNERS: Mode.CONSULTED,
                },
                Step.PUBLISHING: {
                    PRO: Mode.CO_DECIDING,
                    PC: Mode.CO_DECIDING,
                    FUNDERS: Mode.INFORMED,
                },
            }
        ),
    )
    plans.save(plan, content, note="Plan construit avec le comité consultatif", group=PRO.value)
    counts = {"2019": 820, "2020": 870, "2021": 940, "2022": 1012, "2023": 1068, "2024": 1090}
    for year, count in counts.items():
        _approved(plan, "personnes_accueillies", year, evaluator, value=count)
    for year, (area, share) in {"2023": ("Auch", 610), "2024": ("Auch", 598)}.items():
        _approved(
            plan,
            "personnes_accueillies",
            year,
            evaluator,
            value=share,
            dimension="territoire",
            category=area,
        )
    rates = {
        "2019": (430, 796),
        "2020": (512, 851),
        "2021": (601, 902),
        "2022": (700, 981),
        "2023": (790, 1040),
        "2024": (851, 1062),
    }
    for year, (done, received) in rates.items():
        _approved(plan, "reponse_en_8_jours", year, evaluator, numerator=done, denominator=received)
    _approved(
        plan,
        "se_sentir_ecoute",
        "2024",
        evaluator,
        narrative=(
            "Le comité relève que l’accueil sans rendez-vous rassure ; les personnes "
            "regrettent encore de devoir remplir deux dossiers pour deux aides voisines."
        ),
    )
    for year_number, funder, line, budgeted, received, spent in (
        (
            2023,
            "Conseil départemental du Gers",
            "Accueil et guichet commun",
            180000,
            180000,
            176500,
        ),
        (2023, "CAF du Gers", "Coordination partenariale", 60000, 60000, 58200),
        (
            2024,
            "Conseil départemental du Gers",
            "Accueil et guichet commun",
            185000,
            185000,
            183900,
        ),
        (2024, "CAF du Gers", "Coordination partenariale", 62000, 55000, 54100),
        (
            2024,
            "État (crédits pauvreté)",
            "Comité consultatif et évaluation croisée",
            15000,
            15000,
            12600,
        ),
    ):
        FundingRecord.objects.create(
            plan=plan,
            year=year_number,
            funder=funder,
            budget_line=line,
            budgeted=Decimal(budgeted),
            received=Decimal(received),
            spent=Decimal(spent),
        )
    _gers_committee(practice, committee_user)
    plan.publish_indicators = plan.publish_participation = plan.publish_opinions = True
    plan.publish_stories = True
    plan.save()


#: The 5 + 5 of the consultative committee: display names only (first names), organisations.
GERS_PROFESSIONALS = (
    ("Nadia", "Conseil départemental du Gers"),
    ("Olivier", "CAF du Gers"),
    ("Sandrine", "CCAS d’Auch"),
    ("Thomas", "Mission locale"),
    ("Véronique", "Association d’insertion"),
)
GERS_PERSONS = (
    ("Bernard", ""),
    ("Fatou", ""),
    ("Jeanne", ""),
    ("Karim", ""),
    ("Lucie", ""),
)


def _gers_committee(practice: Practice, committee_user: Any) -> None:
    committee = Committee.objects.create(
        name="Comité consultatif d’évaluation croisée du GIP Gers Solidaire",
        practice=practice,
        departement="32",
        k=5,
    )
    members = []
    for name, organisation in GERS_PROFESSIONALS:
        members.append(
            CommitteeMember.objects.create(
                committee=committee,
                name=name,
                organisation=organisation,
                usual_group="professionnel",
            )
        )
    for index, (name, organisation) in enumerate(GERS_PERSONS):
        members.append(
            CommitteeMember.objects.create(
                committee=committee,
                name=name,
                organisation=organisation,
                usual_group="personne_concernee",
                # The demo committee account sits as Bernard: it sees its committee.
                user=committee_user if index == 0 else None,
            )
        )
    held = CommitteeSession.objects.create(
        committee=committee,
        practice=practice,
        date=date(2025, 6, 12),
        agenda=(
            "1. Bilan de l’accueil commun en 2024\n2. Délais de réponse\n"
            "3. Ce que le comité propose"
        ),
        state="closed",
        minutes=(
            "Dix membres présents, cinq par groupe. Le bilan 2024 a été présenté par l’équipe. "
            "Chaque groupe a délibéré à part avant l’avis commun."
        ),
        opened_at=datetime(2025, 6, 12, 14, 0, tzinfo=UTC),
        closed_at=datetime(2025, 6, 12, 17, 0, tzinfo=UTC),
    )
    seats = [
        Seat.objects.create(session=held, member=member, group=member.usual_group)
        for member in members
    ]
    Contribution.objects.create(
        session=held,
        seat=seats[6],
        text="Quand on m’a reçue, je n’ai raconté ma situation qu’une fois. Ça change tout.",
    )
    Contribution.objects.create(
        session=held,
        seat=seats[8],
        text="Les courriers restent difficiles à lire. Il faudrait les écrire plus simplement.",
        assisted_by=None,
    )
    for group, text in (
        (
            "professionnel",
            "Les délais baissent nettement ; la coordination entre la CAF et le Département "
            "reste à consolider pour les dossiers complexes.",
        ),
        (
            "personne_concernee",
            "L’accueil est meilleur et plus humain. Les courriers et les formulaires restent "
            "trop compliqués : nous voulons les relire avant leur envoi.",
        ),
        (
            "commun",
            "Le comité juge l’action utile et demande que les personnes accompagnées relisent "
            "les courriers types avant la fin de l’année.",
        ),
    ):
        Opinion.objects.create(
            session=held,
            group=group,
            text=text,
            publish=True,
            recorded_at=datetime(2025, 6, 12, 16, 30, tzinfo=UTC),
        )
    Decision.objects.create(
        session=held,
        text="Un atelier de relecture des courriers types avec cinq personnes accompagnées.",
        follow_up="Premier atelier tenu en septembre ; deux courriers réécrits.",
        due=date(2025, 12, 31),
    )
    CommitteeSession.objects.create(
        committee=committee,
        practice=practice,
        date=date(2026, 1, 15),
        agenda="1. Suite de l’atelier courriers\n2. Indicateurs 2025",
    )


# ----------------------------------------------------------------------------- 3C Brantôme


def _brantome(practice: Practice, *, person: Any, evaluator: Any, committee_user: Any) -> None:
    plan = plans.start(practice)
    first = PlanContent(
        purpose=(
            "La communauté suit chaque année quelques repères tirés du référentiel des "
            "communautés thérapeutiques, et les relit avec le conseil de vie sociale, où les "
            "résidents sont majoritaires."
        ),
        start="2016-01-01",
        questions=(
            EvaluativeQuestion(
                "parcours", "Les résidents vont-ils au bout de leur parcours de soin ?", PRO
            ),
            EvaluativeQuestion(
                "entraide", "L’entraide entre résidents tient-elle dans la durée ?", PC
            ),
        ),
        indicators=(
            Indicator(
                "residents_accueillis",
                "Résidents accueillis dans l’année",
                description=DEMO_NOTE,
                unit="personnes",
                baseline=Baseline(31, 2016),
                direction=Direction.MAINTAIN,
                targets=tuple(Target(str(year), 34) for year in range(2018, 2025)),
                frequency=Frequency.YEARLY,
                proposed_by=FUNDERS,
                questions=("parcours",),
            ),
            Indicator(
                "sejours_menes_a_terme",
                "Séjours menés à leur terme",
                description=f"Séjours finis comme prévu, sur les séjours terminés. {DEMO_NOTE}",
                unit="%",
                baseline=Baseline(41, 2016),
                direction=Direction.INCREASE,
                targets=(Target("2020", 50), Target("2024", 55)),
                numerator="séjours menés à terme",
                denominator="séjours terminés dans l’année",
                frequency=Frequency.YEARLY,
                proposed_by=PRO,
                questions=("parcours",),
            ),
            Indicator(
                "residents_guides",
                "Résidents devenus guides",
                description=f"Résidents ayant accompagné au moins un arrivant. {DEMO_NOTE}",
                unit="personnes",
                direction=Direction.INCREASE,
                frequency=Frequency.YEARLY,
                proposed_by=PC,
                questions=("entraide",),
            ),
        ),
        milestones=(
            Milestone("annuel", "Chaque année", 12),
            Milestone("evaluation_externe", "Évaluation externe", 60),
        ),
        participation=_matrix(
            {
                Step.QUESTIONS: {
                    PRO: Mode.CO_DECIDING,
                    PC: Mode.CONSULTED,
                    FUNDERS: Mode.CO_DECIDING,
                },
                Step.CRITERIA: {PRO: Mode.CO_DECIDING, PC: Mode.CONSULTED},
                Step.INDICATORS: {
                    PRO: Mode.CO_DECIDING,
                    FUNDERS: Mode.CO_DECIDING,
                    PC: Mode.INFORMED,
                },
                Step.COLLECTING: {PRO: Mode.CO_DECIDING},
                Step.ANALYSING: {PRO: Mode.CO_DECIDING, PC: Mode.CONSULTED},
                Step.JUDGING: {PRO: Mode.CO_DECIDING, PC: Mode.CO_DECIDING},
                Step.PUBLISHING: {PRO: Mode.CO_DECIDING, PC: Mode.INFORMED},
            }
        ),
    )
    plans.save(plan, first, note="Premier plan, aligné sur le référentiel", group=PRO.value)
    welcomed = {
        2016: 31,
        2017: 33,
        2018: 35,
        2019: 34,
        2020: 28,
        2021: 32,
        2022: 35,
        2023: 36,
        2024: 34,
    }
    completed = {
        2016: (13, 32),
        2017: (15, 33),
        2018: (17, 34),
        2019: (18, 35),
        2020: (14, 27),
        2021: (16, 31),
        2022: (19, 34),
        2023: (20, 35),
        2024: (19, 33),
    }
    for year in range(2016, 2025):
        _approved(plan, "residents_accueillis", str(year), evaluator, value=welcomed[year])
        done, ended = completed[year]
        _approved(
            plan, "sejours_menes_a_terme", str(year), evaluator, numerator=done, denominator=ended
        )
    for year, guides in {2016: 6, 2017: 7, 2018: 9, 2019: 10, 2020: 8}.items():
        _approved(plan, "residents_guides", str(year), evaluator, value=guides)
    # In 2021 the conseil de vie sociale asked to count guides as a share of residents: a new
    # definition, whose values are not compared with the earlier counts.
    current = plans.current(plan)
    redefined = tuple(
        Indicator(
            indicator.key,
            "Part des résidents devenus guides",
            description=(
                f"Résidents ayant accompagné un arrivant, sur les résidents de l’année. {DEMO_NOTE}"
            ),
            unit="%",
            direction=Direction.INCREASE,
            targets=(Target("2023", 30), Target("2024", 33)),
            numerator="résidents guides",
            denominator="résidents de l’année",
            frequency=Frequency.YEARLY,
            proposed_by=PC,
            questions=("entraide",),
        )
        if indicator.key == "residents_guides"
        else indicator
        for indicator in current.indicators
    )
    plans.save(
        plan,
        PlanContent(
            **{
                **{f: getattr(current, f) for f in current.__dataclass_fields__},
                "indicators": redefined,
            }
        ),
        note="Les guides comptés en part des résidents, à la demande du conseil de vie sociale",
        group=PC.value,
    )
    for year, (guides, residents) in {
        2021: (9, 32),
        2022: (10, 35),
        2023: (11, 36),
        2024: (12, 34),
    }.items():
        _approved(
            plan, "residents_guides", str(year), evaluator, numerator=guides, denominator=residents
        )
    for year, budgeted, spent in ((2023, 910000, 902400), (2024, 935000, 941200)):
        FundingRecord.objects.create(
            plan=plan,
            year=year,
            funder="ARS Nouvelle-Aquitaine",
            budget_line="Dotation globale du CSAPA",
            budgeted=Decimal(budgeted),
            received=Decimal(budgeted),
            spent=Decimal(spent),
        )
    plan.publish_indicators = plan.publish_participation = True
    plan.save()


# ------------------------------------------------------------------------------ 1A Ardèche


def _ardeche(practice: Practice, *, person: Any, evaluator: Any, committee_user: Any) -> None:
    plan = plans.start(practice, practice.holder)
    content = PlanContent(
        purpose=(
            "Savoir ce que la conférence familiale change pour les familles et pour les "
            "professionnels, d’après ce qu’ils en racontent eux-mêmes."
        ),
        start="2024-01-01",
        questions=(
            EvaluativeQuestion(
                "plan_familial", "Les familles tiennent-elles le plan qu’elles ont construit ?", PRO
            ),
            EvaluativeQuestion(
                "pouvoir_d_agir", "Les familles se sentent-elles plus capables d’agir ?", PC
            ),
        ),
        criteria=("Que la famille garde la main sur les décisions qui la concernent",),
        indicators=(
            Indicator(
                "conferences_tenues",
                "Conférences familiales tenues",
                description=DEMO_NOTE,
                unit="conférences",
                direction=Direction.INCREASE,
                targets=(Target("2024-T4", 6), Target("2025-T4", 8)),
                frequency=Frequency.QUARTERLY,
                proposed_by=PRO,
                questions=("plan_familial",),
            ),
            Indicator(
                "ce_qui_a_change",
                "Ce qui a changé pour la famille",
                kind=IndicatorKind.QUALITATIVE,
                frequency=Frequency.QUARTERLY,
                proposed_by=PC,
                questions=("pouvoir_d_agir",),
            ),
        ),
        milestones=(
            Milestone("demarrage", "Démarrage", 0),
            Milestone("trois_mois", "+3 mois", 3),
            Milestone("six_mois", "+6 mois", 6),
        ),
        participation=_matrix(
            {
                Step.QUESTIONS: {PRO: Mode.CO_DECIDING, PC: Mode.CO_DECIDING},
                Step.CRITERIA: {PC: Mode.CO_DECIDING, PRO: Mode.CONSULTED},
                Step.COLLECTING: {PRO: Mode.CO_DECIDING, PC: Mode.CONSULTED},
                Step.JUDGING: {PRO: Mode.CO_DECIDING, PC: Mode.CO_DECIDING},
                Step.PUBLISHING: {PRO: Mode.CO_DECIDING, PC: Mode.CONSULTED},
            }
        ),
    )
    plans.save(plan, content, author=practice.holder, group=PRO.value, note="Premier plan")
    if person is not None:
        PlanContributor.objects.get_or_create(plan=plan, user=person, defaults={"group": PC.value})
    for period, count in (
        ("2024-T1", 1),
        ("2024-T2", 2),
        ("2024-T3", 1),
        ("2024-T4", 3),
        ("2025-T1", 2),
    ):
        _approved(plan, "conferences_tenues", period, evaluator, value=count)
    # Waiting for the demo evaluator: one submitted value, one draft.
    _measure(
        plan,
        "conferences_tenues",
        "2025-T2",
        state="submitted",
        value=3,
        entered_by=practice.holder,
    )
    _measure(
        plan,
        "ce_qui_a_change",
        "2025-T2",
        state="draft",
        entered_by=practice.holder,
        narrative=(
            "Deux familles ont repris contact avec l’école d’elles-mêmes après la conférence."
        ),
    )
    stories = (
        (
            PC,
            "Une mère de trois enfants",
            "La famille reprend la main",
            "Avant, on décidait pour nous. Pendant la conférence, c’est nous qui avons trouvé "
            "qui garderait les petits le mercredi, avec ma sœur et le voisin.",
            "Je ne me suis pas sentie jugée. J’ai vu que ma famille pouvait m’aider.",
            True,
            True,
            None,
        ),
        (
            PRO,
            "Une éducatrice de l’ASE",
            "Changer de place dans l’accompagnement",
            "J’ai appris à me taire et à laisser la famille proposer. Leur plan était plus "
            "réaliste que celui que j’aurais écrit.",
            "Cela redonne du sens à mon travail : je soutiens au lieu de décider.",
            True,
            True,
            None,
        ),
        (
            PC,
            "Un grand-père",
            "Retrouver sa place auprès des petits-enfants",
            "On ne m’avait jamais demandé mon avis. "
            "Maintenant je vais chercher les enfants à l’école.",
            "Je compte à nouveau pour eux.",
            True,
            False,
            None,
        ),
        (
            PC,
            "Une adolescente",
            "Être écoutée",
            "J’ai pu dire ce que je voulais sans que les adultes parlent à ma place.",
            "C’était la première fois.",
            False,
            False,
            NOW - timedelta(days=20),
        ),
    )
    for index, (group, alias, title, changed, why, quote, publish, withdrawn) in enumerate(stories):
        story = Story.objects.create(
            plan=plan,
            teller_group=group.value,
            teller_alias=alias,
            teller=person if index == 0 else None,
            domain="Pouvoir d’agir de la famille" if group is PC else "Pratiques professionnelles",
            period="2024",
            title=title,
            what_changed=changed,
            why_it_matters=why,
            tags=["pouvoir_d_agir", "conferences_familiales"],
            consent_quote=quote,
            consent_publish=publish,
            consent_recorded_at=NOW - timedelta(days=60),
            consent_withdrawn_at=withdrawn,
            recorded_by=practice.holder,
            assisted=index != 0,
            created_at=NOW - timedelta(days=60 - index),
        )
        StoryTeller.objects.create(story=story, name=f"Personne {index + 1} (démo)")
        if index < 2:
            StorySelection.objects.create(
                story=story,
                level=1,
                selected=True,
                reason="Le récit montre un changement de place, au cœur de la pratique.",
                decided_by=practice.holder,
                decided_at=NOW - timedelta(days=40),
                fed_back_at=NOW - timedelta(days=35),
                feedback="Votre récit a été choisi par l’équipe ; il sera lu au comité.",
            )
    outcome = Outcome.objects.create(
        plan=plan,
        social_actor="Le service de l’aide sociale à l’enfance du territoire",
        change=(
            "Le service propose désormais une conférence familiale avant toute demande "
            "de placement."
        ),
        when="2025",
        where="Ardèche",
        significance="Les familles sont associées plus tôt aux décisions qui les concernent.",
        contribution=(
            "Les premières conférences ont montré aux cadres que les familles trouvaient "
            "leurs propres solutions."
        ),
        recorded_by=practice.holder,
        publish=True,
    )
    OutcomeSource.objects.create(
        outcome=outcome,
        source="Note de service de l’ASE",
        substantiated=True,
        substantiated_by=evaluator,
    )
    OutcomeSource.objects.create(
        outcome=outcome,
        source="Une cheffe de service",
        substantiated=True,
        substantiated_by=evaluator,
    )
    plan.publish_indicators = plan.publish_participation = plan.publish_stories = True
    plan.save()


# ---------------------------------------------------------------------------------- shared


def _approved(
    plan: Plan, indicator: str, period: str, evaluator: Any, **values: Any
) -> Measurement:
    return _measure(plan, indicator, period, state="approved", decided_by=evaluator, **values)


def _measure(plan: Plan, indicator: str, period: str, *, state: str, **values: Any) -> Measurement:
    definition = plans.current(plan).indicator(indicator)
    assert definition is not None, indicator
    for name in ("value", "numerator", "denominator"):
        if values.get(name) is not None:
            values[name] = Decimal(values[name])
    stamp = NOW if state in {"submitted", "approved"} else None
    return Measurement.objects.create(
        plan=plan,
        indicator=indicator,
        definition=definition.definition,
        period=period,
        state=state,
        submitted_at=stamp,
        decided_at=NOW if state == "approved" else None,
        **values,
    )
