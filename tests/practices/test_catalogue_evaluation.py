"""The catalogue's evaluation facet ("les personnes concernées codécident l’évaluation"): a
GET parameter like the others, counted, and only for plans that publish their matrix."""

from __future__ import annotations

import pytest

from tests.evaluation.test_public import CONTENT, evaluated
from tests.practices.test_catalogue import SHEETS, facet, publish, titles
from vivier.evaluation import plans
from vivier.evaluation.models import Plan
from vivier.plans import schema
from vivier.practices import registry

pytestmark = pytest.mark.django_db

CATALOGUE = "/pratiques/"


@pytest.fixture
def sheets():
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    evaluated(found["conf"])  # publishes its matrix
    evaluated(found["pair"], publish_all=False)  # co-decides, but keeps its matrix private
    return found


def test_the_facet_counts_the_plans_that_say_persons_concerned_co_decide(client, sheets):
    response = client.get(CATALOGUE)
    assert facet(response, "evaluation") == {"codecide": 1}
    html = response.content.decode()
    assert "Les personnes concernées codécident l’évaluation (1)" in html
    assert 'name="evaluation" value="codecide"' in html


def test_choosing_it_narrows_and_combines_with_the_other_facets(client, sheets):
    response = client.get(CATALOGUE, {"evaluation": "codecide"})
    assert titles(response) == ["Conférences familiales en Gironde"]
    assert facet(response, "theme") == {"conferences_familiales": 1, "pouvoir_d_agir": 1}
    response = client.get(CATALOGUE, {"evaluation": "codecide", "theme": "pair_aidance"})
    assert titles(response) == []
    # Counted on the other facets' choices: what choosing it would give.
    assert facet(response, "evaluation") == {"codecide": 0}
    response = client.get(CATALOGUE, {"q": "conférence familiale", "evaluation": "codecide"})
    assert titles(response) == ["Conférences familiales en Gironde"]


def test_a_plan_saved_or_switched_shows_at_once(client, sheets):
    assert facet(client.get(CATALOGUE), "evaluation") == {"codecide": 1}
    Plan.objects.filter(practice=sheets["pair"]).update(publish_participation=True)
    # A switch changed elsewhere than on the publication page: the next plan save shows it.
    plan = Plan.objects.get(practice=sheets["conf"])
    plans.save(plan, schema.Plan(indicators=CONTENT.indicators))  # no longer co-decides
    assert facet(client.get(CATALOGUE), "evaluation") == {"codecide": 1}
    assert titles(client.get(CATALOGUE, {"evaluation": "codecide"})) == [
        "Médiateurs pairs en santé mentale"
    ]


def test_a_draft_s_plan_is_not_counted(client, sheets):
    draft = registry.save_sheet(SHEETS["conf"].__class__(title="Brouillon évalué"))
    evaluated(draft)
    assert facet(client.get(CATALOGUE), "evaluation") == {"codecide": 1}


def test_an_unknown_value_finds_nothing_and_stays_shown(client, sheets):
    response = client.get(CATALOGUE, {"evaluation": "nimporte"})
    assert titles(response) == []
    assert facet(response, "evaluation") == {"codecide": 1, "nimporte": 0}


def test_switching_on_the_publication_page_shows_at_once(client, sheets, group_gael_client):
    assert facet(client.get(CATALOGUE), "evaluation") == {"codecide": 1}
    group_gael_client.post(
        f"/evaluation/{sheets['pair'].slug}/publication/", {"publish_participation": "on"}
    )
    assert facet(client.get(CATALOGUE), "evaluation") == {"codecide": 2}
