"""The campaign-wide figure of the staff dashboard: among the sheets drawn from a
campaign's responses (``practices.Candidate``), how many plans have persons concerned
co-decide."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.evaluation.test_public import CONTENT, evaluated
from tests.support import make_campaign, small_questionnaire
from vivier.campaigns import services
from vivier.evaluation import plans, public
from vivier.plans import schema
from vivier.practices import registry
from vivier.practices.models import Candidate
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

OVERVIEW = "/staff/campagnes/petit/analyse/"


def drawn(campaign, key: str, title: str, **state):
    response = services.create_submitted(
        campaign,
        key=key,
        answers={"role": "pro", "connait": "no"},
        submitted_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
    )
    practice = registry.save_sheet(Sheet(title=title))
    Candidate.objects.create(response=response, practice=practice, **state)
    return practice


@pytest.fixture
def figures(campaign):
    co_deciding = drawn(campaign, "r1", "Codécide")
    evaluated(co_deciding, publish_all=False)  # a private matrix counts: staff figure
    merged = drawn(campaign, "r2", "Fusionnée", state=Candidate.State.MERGED)
    evaluated(merged)
    without = drawn(campaign, "r3", "Plan sans codécision")
    plans.save(plans.start(without), schema.Plan(indicators=CONTENT.indicators))
    drawn(campaign, "r4", "Sans plan")
    # Another campaign's sheet, co-deciding: not counted here.
    other = make_campaign(small_questionnaire(), slug="autre")
    evaluated(drawn(other, "o1", "D’une autre enquête"))
    return campaign


def test_the_figure_counts_co_deciding_plans_among_the_sheets_drawn(figures):
    assert public.campaign_figures(figures) == {"sheets": 4, "plans": 3, "co_deciding": 2}


def test_the_dashboard_shows_it(analyst_axel_client, figures):
    html = analyst_axel_client.get(OVERVIEW).content.decode()
    assert '<p class="fr-tile__title" id="co-deciding-plans">2</p>' in html
    assert (
        "plans d’évaluation où les personnes concernées codécident, parmi 3 plans des fiches "
        "tirées de cette enquête (4 fiches)"
    ) in html


def test_a_campaign_without_sheets_says_zero(analyst_axel_client, campaign):
    html = analyst_axel_client.get(OVERVIEW).content.decode()
    assert '<p class="fr-tile__title" id="co-deciding-plans">0</p>' in html
