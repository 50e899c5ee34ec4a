"""The demo data set: the HCTS 2020 questionnaire, its campaign, links and an account per role.

Running it twice changes nothing: every object is looked up by its natural key first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from vivier.accounts import roles
from vivier.accounts.demo import PERSON_USERNAME, DemoWaysIn, demo_ways_in
from vivier.campaigns import services
from vivier.campaigns.models import Campaign, DistributionLink, Response
from vivier.campaigns.questionnaires import install
from vivier.demo import coding, evaluation
from vivier.demo.hcts_responses import NETWORKS, generate
from vivier.demo.practices import practices
from vivier.evaluation.models import Plan
from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.surveys.questionnaires import hcts_2020

STAFF_USERNAME = "equipe"
STAFF_PASSWORD = os.environ.get("VIVIER_DEMO_PASSWORD", "vivier-demo")
#: (username, role): one demo account per role, with the demo password. The person concerned
#: signs in with a code instead (vivier.accounts.demo).
DEMO_ACCOUNTS = (
    ("administrateur", roles.ADMINISTRATEUR),
    ("analyste", roles.ANALYSTE),
    # A second analyst: the demo's round of blind double coding needs two coders.
    ("analyste2", roles.ANALYSTE),
    ("donnees", roles.DONNEES_PERSONNELLES),
    ("enqueteur", roles.ENQUETEUR),
    ("groupe", roles.GROUPE_DE_TRAVAIL),
    ("porteur", roles.PORTEUR_DE_PROJET),
    ("comite", roles.MEMBRE_DE_COMITE),
    ("evaluateur", roles.EVALUATEUR),
)
DEMO_BASE_URL = "http://127.0.0.1:8000"


@dataclass
class DemoSummary:
    campaign: Campaign
    created_responses: int
    staff_username: str
    staff_password: str
    published_practices: int = 0
    ways_in: DemoWaysIn | None = None

    def text(self) -> str:
        total = Response.objects.filter(campaign=self.campaign).count()
        return (
            f"Demo campaign '{self.campaign.slug}': {total} response(s) "
            f"({self.created_responses} added now), {self.campaign.links.count()} links.\n"
            f"Practice registry: {Practice.objects.filter(state='published').count()} published "
            f"sheet(s) ({self.published_practices} added now).\n"
            f"Evaluations: {Plan.objects.count()} plan(s), "
            f"http://127.0.0.1:8000/evaluation/ (porteur, groupe, evaluateur)\n"
            f"Coding of the free texts: http://127.0.0.1:8000/codage/{self.campaign.slug}/ "
            f"(analyste, analyste2)\n"
            f"Respondent page: http://127.0.0.1:8000/q/{self.campaign.slug}/\n"
            f"Staff area: http://127.0.0.1:8000/staff/  login '{self.staff_username}', "
            f"password '{self.staff_password}' (every right)\n"
            f"One account per role, same password:\n"
            + "\n".join(f"  {username:<20} {roles.label(slug)}" for username, slug in DEMO_ACCOUNTS)
        ) + (
            f"\nInvitation link (an interviewer, {self.ways_in.invited_email}): "
            f"{self.ways_in.invitation_url}\n"
            f"Person concerned: sign in at {self.ways_in.sign_in_url} "
            f"with the code {self.ways_in.code}"
            if self.ways_in
            else ""
        )


@transaction.atomic
def build_demo(*, responses: bool = True) -> DemoSummary:
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
    created = _hcts_responses(campaign) if responses else 0
    published = _practices()
    _staff_user()
    ways_in = demo_ways_in(DEMO_BASE_URL)
    # After the accounts: the evaluations name the holder, the person concerned (a plan's
    # co-builder), the evaluator and the committee member.
    evaluation.build(
        person_username=PERSON_USERNAME,
        evaluator_username="evaluateur",
        committee_username="comite",
    )
    if Response.objects.filter(campaign=campaign, status="submitted").exists():
        coding.build(campaign)
    return DemoSummary(campaign, created, STAFF_USERNAME, STAFF_PASSWORD, published, ways_in)


def _hcts_responses(campaign: Campaign) -> int:
    """The 1,771 synthetic responses whose aggregates follow the figures of the 2020 report."""
    # Earlier versions of the demo loaded 40 random responses: they would skew the figures.
    Response.objects.filter(campaign=campaign, key__startswith="demo-").delete()
    links = {link.code: link for link in campaign.links.all()}
    existing = set(Response.objects.filter(campaign=campaign).values_list("key", flat=True))
    created = 0
    for generated in generate(campaign.questionnaire.questionnaire()):
        if generated.key in existing:
            continue
        services.create_submitted(
            campaign,
            key=generated.key,
            answers=generated.answers,
            submitted_at=generated.submitted_at,
            mode=generated.mode,
            link=links[generated.link_code],
        )
        created += 1
    return created


def _practices() -> int:
    """The report's 21 practices, written anew, published so the catalogue is full."""
    added = 0
    for sheet in practices():
        if Practice.objects.filter(code=sheet.code).exists():
            continue
        practice = registry.save_sheet(sheet, note="données de démonstration")
        for state in ("validated", "published"):
            registry.move(practice, state)
        added += 1
    return added


def _staff_user() -> None:
    """``equipe`` with every right, and one account per role (:data:`DEMO_ACCOUNTS`)."""
    roles.sync_roles()
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=STAFF_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(STAFF_PASSWORD)
        user.save()
    # One hash for every role account: they share the password, and each hash takes half a
    # second (the demo is built by many tests).
    hashed = user.password if created else None
    for username, slug in DEMO_ACCOUNTS:
        account, created = user_model.objects.get_or_create(username=username)
        if created:
            hashed = hashed or make_password(STAFF_PASSWORD)
            account.password = hashed
            account.save(update_fields=["password"])
        account.groups.add(Group.objects.get(name=slug))
        if slug == roles.PORTEUR_DE_PROJET and not account.held_practices.exists():
            # A sheet of their own under "Mes pratiques" (published: they read it, the
            # working group changes it).
            sheet = Practice.objects.filter(holder=None).order_by("code").first()
            if sheet is not None:
                sheet.holder = account
                sheet.save(update_fields=["holder"])
