"""The demo data set: the HCTS 2020 questionnaire, its campaign, links and a staff account.

Running it twice changes nothing: every object is looked up by its natural key first.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from vivier.campaigns import services
from vivier.campaigns.models import Campaign, DistributionLink, Response
from vivier.campaigns.questionnaires import install
from vivier.surveys.sampling import random_answers
from vivier.surveys.templates import hcts_2020

STAFF_USERNAME = "equipe"
STAFF_PASSWORD = os.environ.get("VIVIER_DEMO_PASSWORD", "vivier-demo")
SAMPLE_RESPONSES = 40

#: The networks that relayed the 2020 questionnaire ("têtes de réseau"), one link each.
NETWORKS = [
    ("unccas", "UNCCAS"),
    ("anas", "ANAS"),
    ("cnaf", "CNAF"),
    ("unaforis", "UNAFORIS"),
    ("fas", "Fédération des acteurs de la solidarité"),
    ("andass", "ANDASS"),
    ("uniopss", "UNIOPSS"),
    ("cnpa-crpa", "CNPA et CRPA"),
    ("cnfpt", "CNFPT"),
    ("msa", "MSA"),
    ("atd-quart-monde", "ATD Quart Monde"),
    ("departements", "ADF et conseils départementaux"),
]


@dataclass
class DemoSummary:
    campaign: Campaign
    created_responses: int
    staff_username: str
    staff_password: str

    def text(self) -> str:
        total = Response.objects.filter(campaign=self.campaign).count()
        return (
            f"Demo campaign '{self.campaign.slug}': {total} response(s) "
            f"({self.created_responses} added now), {self.campaign.links.count()} links.\n"
            f"Respondent page: http://127.0.0.1:8000/q/{self.campaign.slug}/\n"
            f"Staff area: http://127.0.0.1:8000/staff/  login '{self.staff_username}', "
            f"password '{self.staff_password}'"
        )


@transaction.atomic
def build_demo(sample_responses: int = SAMPLE_RESPONSES) -> DemoSummary:
    version = install(hcts_2020.build())
    campaign, _ = Campaign.objects.get_or_create(
        slug=hcts_2020.HCTS_SLUG,
        defaults={
            "title": "Pratiques professionnelles émergentes — enquête HCTS",
            "description": (
                "Le Haut Conseil du travail social cherche à connaître les pratiques nouvelles "
                "ou renouvelées qui apparaissent dans le travail social et l’intervention "
                "sociale. Que vous soyez professionnel, bénévole, personne accompagnée ou "
                "représentant de personnes accompagnées, votre regard nous intéresse."
            ),
            "questionnaire": version,
            "opens_at": datetime(2020, 7, 20, 8, 0, tzinfo=UTC),
            "closes_at": None,
        },
    )
    for code, network in NETWORKS:
        DistributionLink.objects.get_or_create(
            campaign=campaign, code=code, defaults={"network": network}
        )
    created = _sample_responses(campaign, sample_responses)
    _staff_user()
    return DemoSummary(campaign, created, STAFF_USERNAME, STAFF_PASSWORD)


def _sample_responses(campaign: Campaign, count: int) -> int:
    """A few complete responses so the staff area is not empty on first start."""
    q = campaign.questionnaire.questionnaire()
    links = list(campaign.links.all())
    rng = random.Random(2020)
    start = datetime(2020, 7, 27, 7, 0, tzinfo=UTC)
    created = 0
    for index in range(count):
        key = f"demo-{index:04d}"
        answers = random_answers(q, rng)
        submitted_at = start + timedelta(minutes=rng.randint(0, 58 * 24 * 60))
        link = rng.choice(links)
        if Response.objects.filter(campaign=campaign, key=key).exists():
            continue
        services.create_submitted(
            campaign, key=key, answers=answers, submitted_at=submitted_at, link=link
        )
        created += 1
    return created


def _staff_user() -> None:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=STAFF_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(STAFF_PASSWORD)
        user.save()
