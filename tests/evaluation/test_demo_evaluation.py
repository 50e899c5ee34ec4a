"""The demo's three evaluations: built once, whole, and what the walk-through needs."""

from __future__ import annotations

import pytest

from vivier.demo.builder import build_demo
from vivier.evaluation import measurements, plans
from vivier.evaluation.models import Committee, Measurement, Opinion, Plan, Seat, Story
from vivier.plans import parity, participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo(responses=False)


def test_three_practices_of_the_report_have_a_full_evaluation(demo):
    evaluated = dict(Plan.objects.values_list("practice__code", "version"))
    assert set(evaluated) == {"1A", "3C", "4B"}
    assert "Evaluations: 3 plan(s)" in demo.text()


def test_the_gers_committee_is_five_plus_five_with_separate_then_joint_opinions(demo):
    committee = Committee.objects.get(practice__code="4B")
    session = committee.sessions.get(state="closed")
    seats = [
        parity.Seat(seat.member.name, parity.SeatGroup(seat.group), seat.member.organisation)
        for seat in Seat.objects.filter(session=session).select_related("member")
    ]
    assert parity.check(parity.Rule(committee.rule), seats, committee.k) == []
    assert sorted(Opinion.objects.filter(session=session).values_list("group", flat=True)) == [
        "commun",
        "personne_concernee",
        "professionnel",
    ]


def test_brantome_follows_indicators_over_years_and_keeps_two_definitions_apart(demo):
    plan = Plan.objects.get(practice__code="3C")
    by_key = {item.indicator.key: item for item in measurements.series_for(plan)}
    welcomed = by_key["residents_accueillis"]
    assert [point.period for point in welcomed.points if point.value is not None][:2] == [
        "2016",
        "2017",
    ]
    guides = by_key["residents_guides"]
    assert guides.definition == 2
    # The five yearly counts of the first definition are kept, never drawn with the shares.
    assert guides.other_definitions == 5
    assert all(point.period >= "2021" for point in guides.points if point.value is not None)


def test_ardeche_is_the_demo_holder_s_with_camille_and_work_for_the_evaluator(demo):
    plan = Plan.objects.get(practice__code="1A")
    assert plan.practice.holder.username == "porteur"
    assert plan.contributors.get().user.username == "personne-demo"
    assert Measurement.objects.filter(plan=plan, state="submitted").count() == 1
    content = plans.current(plan)
    assert participation.persons_concerned_co_decide(content)
    # One teller withdrew consent: the story is kept, and quoted nowhere.
    assert Story.objects.filter(plan=plan, consent_withdrawn_at__isnull=False).count() == 1


def test_building_the_demo_again_adds_nothing(demo):
    before = (Plan.objects.count(), Measurement.objects.count(), Story.objects.count())
    build_demo(responses=False)
    assert (Plan.objects.count(), Measurement.objects.count(), Story.objects.count()) == before


def test_the_holder_reaches_the_evaluation_from_my_practices(demo):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="porteur"))
    html = client.get("/mes-pratiques/").content.decode()
    hub = f"/evaluation/{Plan.objects.get(practice__code='1A').practice.slug}/"
    assert f'href="{hub}"' in html
    assert client.get(hub).status_code == 200
