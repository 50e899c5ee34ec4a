"""Helpers shared by the tests: reference files, small questionnaires, campaigns."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A file of ../shared; skips (or fails under VIVIER_REQUIRE_SHARED=1) when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: the shared reference files are not next to the repository"
        if os.environ.get("VIVIER_REQUIRE_SHARED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def small_questionnaire(slug: str = "petit") -> Questionnaire:
    """Three pages with a branch, a same-page follow-up and a personal-data question."""
    return Questionnaire(
        slug=slug,
        title="Petit questionnaire",
        sections=(
            Section(
                "profil",
                "Votre profil",
                (
                    Question(
                        "role",
                        QuestionType.SINGLE_CHOICE,
                        "Vous êtes",
                        required=True,
                        choices=(
                            Choice("pro", "Professionnel"),
                            Choice("pc", "Personne concernée"),
                        ),
                        other=True,
                    ),
                    Question(
                        "age",
                        QuestionType.INTEGER,
                        "Votre âge",
                        constraint=". >= 16",
                        constraint_message="L’âge doit être d’au moins 16 ans.",
                    ),
                ),
            ),
            Section(
                "pratique",
                "La pratique",
                (
                    Question(
                        "connait",
                        QuestionType.YES_NO,
                        "Connaissez-vous une pratique ?",
                        required=True,
                    ),
                    Question(
                        "nom", QuestionType.SHORT_TEXT, "Son nom", relevant="${connait} = 'yes'"
                    ),
                    Question(
                        "themes",
                        QuestionType.MULTIPLE_CHOICE,
                        "Ses thèmes",
                        choices=(Choice("a", "Aller vers"), Choice("b", "Pair-aidance")),
                        relevant="${connait} = 'yes'",
                    ),
                ),
                relevant="${role} = 'pro'",
            ),
            Section(
                "contact",
                "Vos coordonnées",
                (Question("courriel", QuestionType.EMAIL, "Votre adresse électronique"),),
            ),
        ),
    )


def make_campaign(questionnaire: Questionnaire, slug: str | None = None, **fields):
    from vivier.campaigns.models import Campaign, DistributionLink
    from vivier.campaigns.questionnaires import install

    version = install(questionnaire)
    campaign = Campaign.objects.create(
        slug=slug or questionnaire.slug,
        title=fields.pop("title", questionnaire.title),
        questionnaire=version,
        opens_at=fields.pop("opens_at", timezone.now() - timedelta(days=1)),
        closes_at=fields.pop("closes_at", None),
        **fields,
    )
    DistributionLink.objects.create(campaign=campaign, network="UNCCAS", code="unccas")
    DistributionLink.objects.create(campaign=campaign, network="ANAS", code="anas")
    return campaign
