"""Outcomes (Outcome Harvesting): recorded with at least two sources, each checked by
someone, and substantiated as soon as one source confirmed it."""

from __future__ import annotations

import pytest

from tests.conftest import signed_in
from tests.evaluation.test_stories import base, make_plan
from vivier.evaluation import stories
from vivier.evaluation.models import Outcome, OutcomeSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    return make_plan()


def outcome_data(*sources: tuple[str, bool], **fields: str) -> dict[str, str]:
    data = {
        "social_actor": "La mairie",
        "change": "Ouvre une salle le samedi",
        "when": "mars 2025",
        "where": "Bordeaux",
        "significance": "Les familles se retrouvent",
        "contribution": "Les cafés des parents l’ont demandé",
        "sources-TOTAL_FORMS": "4",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "10",
        **fields,
    }
    for index, (name, confirmed) in enumerate(sources):
        data[f"sources-{index}-source"] = name
        if confirmed:
            data[f"sources-{index}-substantiated"] = "on"
    return data


def make_outcome(plan, *sources: tuple[str, bool]) -> Outcome:
    outcome = Outcome.objects.create(
        plan=plan,
        social_actor="La mairie",
        change="Ouvre une salle",
        when="2025",
        where="Bordeaux",
        significance="Forte",
        contribution="Demande",
    )
    for name, confirmed in sources:
        OutcomeSource.objects.create(outcome=outcome, source=name, substantiated=confirmed)
    return outcome


def test_an_outcome_is_recorded_with_two_sources_one_confirming(plan, group_gael_client):
    url = f"{base(plan)}effets/nouveau/"
    assert group_gael_client.get(url).status_code == 200
    answer = group_gael_client.post(
        url, outcome_data(("la CAF", True), ("une éducatrice", False)), follow=True
    )
    outcome = Outcome.objects.get()
    assert answer.redirect_chain == [(f"{base(plan)}effets/{outcome.pk}/", 302)]
    sources = list(outcome.sources.order_by("pk"))
    assert [(s.source, s.substantiated) for s in sources] == [
        ("la CAF", True),
        ("une éducatrice", False),
    ]
    assert sources[0].substantiated_by.username == "group_gael"
    assert sources[1].substantiated_by is None
    assert outcome.recorded_by.username == "group_gael"
    assert "confirmé par au moins une source" in answer.content.decode()
    assert stories.is_substantiated(outcome)


def test_fewer_than_two_sources_is_refused_with_a_clear_message(plan, group_gael_client):
    answer = group_gael_client.post(
        f"{base(plan)}effets/nouveau/", outcome_data(("la CAF", True), where="")
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Indiquez au moins deux sources : un effet se vérifie auprès de plusieurs" in html
    assert 'href="#sources"' in html and 'href="#f-where"' in html
    # What was typed comes back.
    assert 'value="la CAF"' in html and "Ouvre une salle le samedi" in html
    assert not Outcome.objects.exists()


def test_a_source_line_with_only_a_comment_asks_for_the_source(plan, group_gael_client):
    data = outcome_data(("la CAF", False), ("la mairie", False))
    data["sources-2-comment"] = "appel du 3 mars"
    answer = group_gael_client.post(f"{base(plan)}effets/nouveau/", data)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'href="#sources-2-source">Source 3 — Source : Indiquez la source.' in html
    assert "appel du 3 mars" in html


def test_an_outcome_is_substantiated_once_one_source_confirmed_it(plan):
    outcome = make_outcome(plan, ("la CAF", False), ("une voisine", False))
    found = stories.with_substantiation(plan.outcomes.all()).get()
    assert not found.substantiated and (found.source_count, found.confirmed_count) == (2, 0)
    source = outcome.sources.first()
    stories.check_source(source, True, "courrier reçu", None)
    found = stories.with_substantiation(plan.outcomes.all()).get()
    assert found.substantiated and (found.source_count, found.confirmed_count) == (2, 1)


def test_checking_a_source_records_who_checked_it(holder_hugo):
    plan = make_plan(holder=holder_hugo, title="Jardins")
    outcome = make_outcome(plan, ("la CAF", False), ("une voisine", False))
    source = outcome.sources.order_by("pk").first()
    client = signed_in(holder_hugo)
    url = f"{base(plan)}effets/{outcome.pk}/sources/{source.pk}/"
    answer = client.post(
        url, {f"s{source.pk}-substantiated": "on", f"s{source.pk}-comment": "vu"}, follow=True
    )
    source.refresh_from_db()
    assert source.substantiated and source.substantiated_by == holder_hugo
    assert source.comment == "vu"
    html = answer.content.decode()
    assert "La vérification de la source est enregistrée." in html
    assert "confirmé par au moins une source" in html


def test_a_source_is_added_later_and_a_blank_one_is_refused(plan, group_gael_client):
    outcome = make_outcome(plan, ("la CAF", False), ("une voisine", False))
    url = f"{base(plan)}effets/{outcome.pk}/sources/"
    refused = group_gael_client.post(url, {"new-comment": "à appeler"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'href="#source-new-source">Source : Indiquez la source.' in html
    assert "à appeler" in html
    group_gael_client.post(url, {"new-source": "le CCAS", "new-substantiated": "on"})
    added = outcome.sources.get(source="le CCAS")
    assert added.substantiated and added.substantiated_by.username == "group_gael"


def test_readers_see_outcomes_and_their_verification_but_no_forms(plan, evaluator_eva_client):
    outcome = make_outcome(plan, ("la CAF", True), ("une voisine", False))
    listing = evaluator_eva_client.get(base(plan)).content.decode()
    assert "La mairie" in listing and "2 sources, 1 confirmée" in listing
    page = evaluator_eva_client.get(f"{base(plan)}effets/{outcome.pk}/").content.decode()
    assert "la CAF" in page and "Ajouter une source" not in page


def test_published_outcomes_are_those_marked_to_publish(plan):
    kept = make_outcome(plan, ("a", True), ("b", False))
    make_outcome(plan, ("c", True), ("d", False))
    kept.publish = True
    kept.save()
    assert list(stories.published_outcomes(plan)) == [kept]
