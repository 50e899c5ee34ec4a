"""A person concerned co-builds a plan: they read it in easy words, propose a question, what
counts for them or something to look at (each a new version, proposed by their group), and
may stop at any time, what they proposed staying in the plan."""

from __future__ import annotations

import pytest

from tests.conftest import make_persona, signed_in
from vivier.evaluation import plans
from vivier.evaluation.models import Plan, PlanContributor, PlanVersion
from vivier.plans import schema
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db) -> Plan:
    plan = plans.start(registry.save_sheet(Sheet(title="Cafés des parents")))
    plans.save(
        plan,
        schema.Plan(
            questions=(schema.EvaluativeQuestion("ecoute", "Les parents sont-ils écoutés ?"),),
            criteria=("Revenir",),
            indicators=(schema.Indicator("retours", "Familles qui reviennent"),),
            participation=(
                schema.ParticipationCell(
                    schema.Step.QUESTIONS, schema.Group.PERSONS_CONCERNED, schema.Mode.CO_DECIDING
                ),
            ),
        ),
    )
    return plan


@pytest.fixture
def sam(plan):
    person = make_persona("sam", "personne_concernee")
    plans.add_contributor(plan, person, "personnes_concernees", None)
    return person


def page(plan: Plan, tail: str = "") -> str:
    return f"/participer/plans/{plan.practice.slug}/{tail}"


def current(plan: Plan) -> schema.Plan:
    return plans.current(Plan.objects.get(pk=plan.pk))


def test_the_plan_in_easy_words(plan, sam):
    html = signed_in(sam).get(page(plan)).content.decode()
    for words in (
        "Vous participez pour le groupe : personnes concernées.",
        "Ce que nous voulons savoir",
        "Les parents sont-ils écoutés ?",
        "Ce qui compte",
        "Revenir",
        "Ce que nous regardons",
        "Familles qui reviennent",
        "Qui décide quoi",
        "Codécide : le groupe décide avec les autres.",
        "<td>codécide</td>",
        "Je propose une question",
        "Je propose ce qui compte pour moi",
        "Je propose un indicateur",
    ):
        assert words in html, words
    assert "ecoute" not in html and "retours" not in html  # no keys shown


def test_a_question_proposed_is_a_version_of_the_persons_concerned(plan, sam):
    answer = signed_in(sam).post(
        page(plan, "question/"), {"text": "Est-ce que je me sens mieux ?"}, follow=True
    )
    assert "Merci. Votre question est dans le plan." in answer.content.decode()
    question = current(plan).questions[-1]
    assert question.text == "Est-ce que je me sens mieux ?"
    assert question.proposed_by is schema.Group.PERSONS_CONCERNED
    assert question.key == "est_ce_que_je_me_sens_mieux"
    version = PlanVersion.objects.get(plan=plan, number=3)
    assert (version.author, version.group, version.note) == (
        sam,
        "personnes_concernees",
        "Question proposée",
    )


def test_a_partner_proposes_for_their_group(plan):
    partner = make_persona("pat")
    plans.add_contributor(plan, partner, "partenaires", None)
    signed_in(partner).post(page(plan, "indicateur/"), {"text": "Retours", "why": "On le voit"})
    indicator = current(plan).indicators[-1]
    assert (indicator.title, indicator.description) == ("Retours", "On le voit")
    assert indicator.proposed_by is schema.Group.PARTNERS
    assert indicator.key == "retours_2"  # never another indicator's key


def test_a_criterion_already_there_is_kept_once(plan, sam):
    signed_in(sam).post(page(plan, "critere/"), {"text": "Être accueilli"})
    signed_in(sam).post(page(plan, "critere/"), {"text": "Revenir"})
    assert current(plan).criteria == ("Revenir", "Être accueilli")


def test_an_empty_proposal_comes_back_with_a_message(plan, sam):
    answer = signed_in(sam).post(page(plan, "question/"), {"text": "   "})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<a href="#question-text">Ma question : Écrivez votre question.</a>' in html
    assert 'id="critere-text"' in html and 'id="indicateur-text"' in html
    assert Plan.objects.get(pk=plan.pk).version == 2


def test_leaving_keeps_what_was_proposed(plan, sam):
    client = signed_in(sam)
    client.post(page(plan, "critere/"), {"text": "Être accueilli"})
    confirmation = client.get(page(plan, "quitter/")).content.decode()
    assert "Ce que vous avez proposé reste dans le plan." in confirmation
    answer = client.post(page(plan, "quitter/"), follow=True)
    assert answer.redirect_chain == [("/participer/plans/", 302)]
    html = answer.content.decode()
    assert "Vous ne participez plus à ce plan." in html
    assert "Vous ne participez à aucun plan pour l’instant." in html
    assert "Être accueilli" in current(plan).criteria
    assert PlanContributor.objects.get(plan=plan, user=sam).left_at is not None
    assert client.get(page(plan)).status_code == 404
    sam = type(sam).objects.get(pk=sam.pk)
    assert not sam.has_perm("evaluation.view_plan", Plan.objects.get(pk=plan.pk))


def test_one_who_left_may_be_added_again(plan, sam, holder_hugo):
    contributor = PlanContributor.objects.get(plan=plan, user=sam)
    plans.leave(contributor)
    again = plans.add_contributor(plan, sam, "partenaires", holder_hugo)
    assert again.pk == contributor.pk and again.left_at is None and again.group == "partenaires"
    assert signed_in(sam).get(page(plan)).status_code == 200
