"""A person concerned's own stories (/participer/recits/): told on a plan they contribute to,
their consent changed or withdrawn by themselves, what became of each story in plain words."""

from __future__ import annotations

import pytest

from tests.evaluation.test_stories import WORDS, contribute, make_plan, make_story
from vivier.evaluation import stories
from vivier.evaluation.models import Story
from vivier.evaluation.stories import CONSENT_NONE, CONSENT_PUBLISH

pytestmark = pytest.mark.django_db

HOME = "/participer/recits/"


@pytest.fixture
def plan(db):
    return make_plan()


def told(**fields):
    return {
        "title": "Un toit",
        "domain": "le logement",
        "what_changed": WORDS,
        "why_it_matters": "Je peux inviter mes enfants",
        "period": "cet hiver",
        "teller_alias": "Sam",
        "consent": "citer",
        **fields,
    }


def test_a_contributor_tells_a_story_in_their_own_words(plan, person_pia, person_pia_client):
    contribute(plan, person_pia)
    page = person_pia_client.get(HOME).content.decode()
    assert "Raconter est un choix libre." in page
    assert f'href="{HOME}raconter/"' in page
    form = person_pia_client.get(f"{HOME}raconter/").content.decode()
    assert "Cafés des parents" in form and "Vous pourrez changer d’avis plus tard." in form

    answer = person_pia_client.post(f"{HOME}raconter/", told(plan=plan.pk), follow=True)
    story = Story.objects.get()
    assert answer.redirect_chain == [(f"{HOME}{story.pk}/", 302)]
    assert story.teller == person_pia and story.recorded_by == person_pia
    assert story.teller_group == "personnes_concernees" and not story.assisted
    assert story.consent_quote and not story.consent_publish and story.consent_recorded_at
    html = answer.content.decode()
    assert "Merci. Votre récit est enregistré." in html
    assert "Votre récit peut être dans les rapports." in html
    assert "L’équipe va lire votre récit." in html
    # The staff read it as told by the person.
    assert story in stories.quotable(plan)


def test_a_refused_story_keeps_what_was_typed_and_says_what_is_missing(
    plan, person_pia, person_pia_client
):
    contribute(plan, person_pia)
    answer = person_pia_client.post(
        f"{HOME}raconter/", told(plan=plan.pk, why_it_matters="", consent="")
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'href="#f-why_it_matters">Pourquoi c’est important pour vous ? : Écrivez' in html
    assert "Choisissez une réponse." in html
    assert WORDS in html and 'value="cet hiver"' in html
    assert not Story.objects.exists()


def test_only_the_plans_one_contributes_to_can_be_chosen(plan, person_pia, person_pia_client):
    other = make_plan(title="Jardins partagés")
    contribute(plan, person_pia)
    left = contribute(other, person_pia)
    left.left_at = left.added_at
    left.save()
    answer = person_pia_client.post(f"{HOME}raconter/", told(plan=other.pk))
    assert answer.status_code == 400 and "Choisissez une action." in answer.content.decode()
    assert not Story.objects.exists()


def test_without_a_plan_there_is_nothing_to_tell_but_the_page_says_why(person_pia_client):
    page = person_pia_client.get(HOME).content.decode()
    assert "Pour raconter, il faut participer à une évaluation." in page
    answer = person_pia_client.get(f"{HOME}raconter/")
    assert answer.status_code == 302 and answer["Location"] == HOME


def test_the_teller_changes_then_withdraws_their_consent(plan, person_pia, person_pia_client):
    story = make_story(plan, CONSENT_NONE, teller=person_pia)
    url = f"{HOME}{story.pk}/"
    refused = person_pia_client.post(f"{url}accord/", {})
    assert refused.status_code == 400 and "Choisissez une réponse." in refused.content.decode()

    answer = person_pia_client.post(f"{url}accord/", {"consent": CONSENT_PUBLISH}, follow=True)
    assert "Votre récit peut être dans les rapports et sur le site internet." in (
        answer.content.decode()
    )
    plan.publish_stories = True
    plan.save()
    assert list(stories.publishable(plan)) == [story]

    answer = person_pia_client.post(f"{url}retrait/", {}, follow=True)
    html = answer.content.decode()
    assert "Vous avez retiré votre accord." in html
    assert list(stories.publishable(plan)) == [] and list(stories.quotable(plan)) == []


def test_a_teller_who_left_the_plan_still_withdraws_their_consent(
    plan, person_pia, person_pia_client
):
    left = contribute(plan, person_pia)
    left.left_at = left.added_at
    left.save()
    story = make_story(plan, teller=person_pia)
    assert person_pia_client.get(f"{HOME}{story.pk}/").status_code == 200
    person_pia_client.post(f"{HOME}{story.pk}/retrait/", {})
    assert Story.objects.get(pk=story.pk).consent_withdrawn_at is not None


def test_the_teller_reads_at_which_level_their_story_was_chosen_and_why(
    plan, person_pia, person_pia_client
):
    story = make_story(plan, teller=person_pia)
    stories.decide(story, 1, True, "Il montre bien le chemin parcouru.", None)
    stories.decide(story, 2, False, "Un autre récit parlait du même sujet.", None)
    stories.feed_back(story.selections.get(level=1), "Bravo, votre récit est choisi.")
    html = person_pia_client.get(f"{HOME}{story.pk}/").content.decode()
    assert "L’équipe a choisi votre récit." in html
    assert "Pourquoi : Il montre bien le chemin parcouru." in html
    assert "Le comité a lu votre récit. Il n’a pas été choisi." in html
    assert "on vous a dit : Bravo, votre récit est choisi." in html
    listing = person_pia_client.get(HOME).content.decode()
    assert "Votre récit a été choisi par l’équipe." in listing


def test_another_person_s_story_is_not_found(plan, person_pia, committee_cleo_client):
    story = make_story(plan, teller=person_pia)
    assert committee_cleo_client.get(f"{HOME}{story.pk}/").status_code == 404
    assert committee_cleo_client.post(f"{HOME}{story.pk}/retrait/").status_code == 404
    assert WORDS not in committee_cleo_client.get(HOME).content.decode()


def test_the_teller_s_pages_read_in_english(plan, person_pia, person_pia_client, settings):
    contribute(plan, person_pia)
    story = make_story(plan, CONSENT_NONE, teller=person_pia)
    person_pia_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = person_pia_client.get(HOME).content.decode()
    assert "My stories" in listing and "Telling your story is your free choice." in listing
    page = person_pia_client.get(f"{HOME}{story.pk}/").content.decode()
    assert "Who can read your story?" in page and "Your story stays with the team." in page
    assert "Yes. You may use my story in reports and on the website." in page
