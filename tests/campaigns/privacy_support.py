"""Campaigns and responses for the personal-data tests."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.support import make_campaign
from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

MARIE = "Marie.Dupont@Exemple.fr"
MARIE_PHONE = "06 12 34 56 78"


def privacy_questionnaire(slug: str = "vie-privee") -> Questionnaire:
    return Questionnaire(
        slug=slug,
        title="Questionnaire avec coordonnées",
        sections=(
            Section(
                "tout",
                "Tout",
                (
                    Question(
                        "role",
                        QuestionType.SINGLE_CHOICE,
                        "Vous êtes",
                        choices=(Choice("pro", "Professionnel"),),
                        other=True,
                    ),
                    Question("avis", QuestionType.LONG_TEXT, "Votre avis"),
                    Question("courriel", QuestionType.EMAIL, "Votre adresse électronique"),
                    Question("tel", QuestionType.PHONE, "Votre téléphone"),
                ),
            ),
        ),
    )


def two_campaigns():
    first = make_campaign(privacy_questionnaire("vie-privee"), slug="premiere")
    second = make_campaign(privacy_questionnaire("vie-privee-2"), slug="seconde")
    return first, second


def submitted(campaign, key, answers, *, day=24, month=8, year=2020):
    from vivier.campaigns import services

    return services.create_submitted(
        campaign,
        key=key,
        answers=answers,
        submitted_at=datetime(year, month, day, 10, tzinfo=UTC),
    )


def people(first, second):
    """Marie answered both campaigns (once by e-mail, once by phone) and left a draft; Paul
    mentions Marie's number in his free text; Zoé has nothing to do with her."""
    submitted(
        first,
        "marie-1",
        {
            "role": "pro",
            "avis": "Écrivez-moi à marie.dupont@exemple.fr ou au 01 23 45 67 89.",
            "courriel": MARIE,
        },
    )
    submitted(second, "marie-2", {"role": "pro", "tel": "+33 6 12 34 56 78"})
    submitted(
        first,
        "paul",
        {
            "role": "other",
            "role_other": "collègue de Marie (06.12.34.56.78), service : 01 99 88 77 66",
            "courriel": "paul@exemple.org",
        },
    )
    submitted(first, "zoe", {"role": "pro", "avis": "Rien à signaler.", "courriel": "zoe@ex.fr"})
    return draft(second, "marie-brouillon", {"courriel": "MARIE.DUPONT@EXEMPLE.FR"})


def draft(campaign, key, personal=None, *, updated_at=None):
    """A draft as the respondent's pages leave it (built directly: how a draft starts is
    not what these tests are about)."""
    from django.utils import timezone

    from vivier.campaigns.models import Response, ResponseContact

    moment = updated_at or timezone.now()
    response = Response.objects.create(
        campaign=campaign,
        key=key,
        version=campaign.questionnaire,
        created_at=moment,
        updated_at=moment,
        has_personal_data=bool(personal),
    )
    if personal:
        ResponseContact.objects.create(response=response, data=personal)
    return response
