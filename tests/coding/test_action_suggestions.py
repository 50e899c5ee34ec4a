"""Each action of the suggestions (/codage/<slug>/suggestions/…): it works for the right
person, refuses the wrong method, sends anonymous visitors to sign in and refuses the others
(404 where the campaign's coding is not theirs, 403 where the role is missing).

The model is trained once for the module (the same code guids in every test's campaign) and
signed for each test's row, so that the actions, not the training, are what is tested here.
"""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, sent_to_sign_in
from tests.coding.test_suggestions import coded_campaign, pure_model, signed_model
from vivier.coding import suggestions
from vivier.coding.models import Coding, SuggestionModel

pytestmark = pytest.mark.django_db

#: Whom the coding of any campaign is open to.
READERS = ["analyst_axel", "group_gael", "privacy_paul"]
#: Whom it is not (an enquêteur opens every campaign's coding, to type notes there, and
#: reads only their own texts).
STRANGERS = [
    "holder_hugo",
    "committee_cleo",
    "person_pia",
    "evaluator_eva",
    "admin_ana",
    "carol",
]


@pytest.fixture(scope="module")
def model():
    return pure_model()


@pytest.fixture
def campaign(analyst_axel):
    found, _codes = coded_campaign(analyst_axel)
    return found


@pytest.fixture
def ready(campaign, model):
    return signed_model(campaign, model)


@pytest.fixture
def suggestion(campaign, ready):
    suggestions.propose(campaign, ready)
    return Coding.objects.filter(origin=Coding.Origin.MODEL).order_by("pk").first()


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/suggestions/"


# -- The models' page --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_models_page_shows_versions_and_quality(request, persona, ready):
    answer = client_of(request, persona).get(base(ready.campaign))
    html = answer.content.decode()
    assert answer.status_code == 200
    assert 'id="model-1"' in html and 'id="suggestions-quality"' in html
    assert "Teletravail" in html
    assert ('id="suggestions-train"' in html) == (persona == "analyst_axel")


def test_the_models_page_reloads_itself_while_a_model_trains(analyst_axel_client, campaign):
    SuggestionModel.objects.create(campaign=campaign, version=1, status="training", progress=40)
    html = analyst_axel_client.get(base(campaign)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress max="100" value="40"' in html


def test_the_models_page_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign)).status_code == 405


@pytest.mark.parametrize("persona", STRANGERS)
def test_the_models_page_is_a_404_to_others(request, persona, campaign):
    assert client_of(request, persona).get(base(campaign)).status_code == 404


def test_the_models_page_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign)))


def test_a_model_has_a_page_of_its_own(analyst_axel_client, ready):
    answer = analyst_axel_client.get(base(ready.campaign) + "modeles/1/")
    assert answer.status_code == 200
    assert "model:vivier-lemmes@1" in answer.content.decode()
    assert analyst_axel_client.get(base(ready.campaign) + "modeles/7/").status_code == 404
    assert analyst_axel_client.post(base(ready.campaign) + "modeles/1/").status_code == 405


def test_a_model_page_is_a_404_to_others_and_asks_anonymous_to_sign_in(request, client, ready):
    assert client_of(request, "carol").get(base(ready.campaign) + "modeles/1/").status_code == 404
    assert sent_to_sign_in(client.get(base(ready.campaign) + "modeles/1/"))


# -- Training ----------------------------------------------------------------------------------


def test_an_analyst_starts_a_training(analyst_axel_client, campaign):
    answer = analyst_axel_client.post(base(campaign) + "entrainer/")
    assert answer.status_code == 302 and answer["Location"] == base(campaign)
    row = SuggestionModel.objects.get(campaign=campaign)
    assert (row.version, row.status) == (1, "queued")  # the database queue: no worker here


def test_a_training_with_too_few_coded_texts_is_refused_on_the_page(
    analyst_axel, analyst_axel_client
):
    campaign, _codes = coded_campaign(analyst_axel, coded=5)
    answer = analyst_axel_client.post(base(campaign) + "entrainer/")
    assert answer.status_code == 400
    assert "5 textes seulement sont codés : il en faut au moins 20" in answer.content.decode()
    assert not SuggestionModel.objects.exists()


def test_training_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.get(base(campaign) + "entrainer/").status_code == 405


@pytest.mark.parametrize("persona", ["group_gael", "privacy_paul", "interviewer_ines", "carol"])
def test_training_is_refused_to_others(request, persona, campaign):
    assert client_of(request, persona).post(base(campaign) + "entrainer/").status_code == 403
    assert not SuggestionModel.objects.exists()


def test_training_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.post(base(campaign) + "entrainer/"))


# -- Proposing ---------------------------------------------------------------------------------


def test_an_analyst_has_the_model_propose_codes(analyst_axel_client, ready, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    answer = analyst_axel_client.post(base(ready.campaign) + "proposer/")
    assert answer.status_code == 302 and answer["Location"] == base(ready.campaign)
    assert Coding.objects.filter(model=ready, status="suggested").exists()


def test_proposing_without_a_ready_model_is_refused_on_the_page(analyst_axel_client, campaign):
    answer = analyst_axel_client.post(base(campaign) + "proposer/")
    assert answer.status_code == 400
    assert "aucun modèle de suggestions n’est prêt" in answer.content.decode()


def test_proposing_with_a_tampered_model_is_refused_on_the_page(analyst_axel_client, ready):
    SuggestionModel.objects.filter(pk=ready.pk).update(artefact=b"vivier-suggest-v1:" + b"0" * 40)
    answer = analyst_axel_client.post(base(ready.campaign) + "proposer/")
    assert answer.status_code == 400
    assert "ne porte pas la signature de ce serveur" in answer.content.decode()
    assert not Coding.objects.filter(origin="model").exists()


def test_proposing_rejects_the_wrong_method(analyst_axel_client, ready):
    assert analyst_axel_client.get(base(ready.campaign) + "proposer/").status_code == 405


@pytest.mark.parametrize("persona", ["group_gael", "interviewer_ines", "carol"])
def test_proposing_is_refused_to_others(request, persona, ready):
    assert client_of(request, persona).post(base(ready.campaign) + "proposer/").status_code == 403


def test_proposing_sends_anonymous_visitors_to_sign_in(client, ready):
    assert sent_to_sign_in(client.post(base(ready.campaign) + "proposer/"))


# -- The suggestions waiting for a decision ----------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_waiting_list_shows_texts_and_codes(request, persona, suggestion):
    answer = client_of(request, persona).get(base(suggestion.source.campaign) + "a-valider/")
    html = answer.content.decode()
    assert answer.status_code == 200
    assert f'id="suggestion-{suggestion.pk}"' in html and suggestion.source.text[:30] in html
    # Only those who code may decide (the working group reads).
    assert ("/accepter/" in html) == (persona == "analyst_axel")


def test_the_waiting_list_rejects_the_wrong_method(analyst_axel_client, suggestion):
    url = base(suggestion.source.campaign) + "a-valider/"
    assert analyst_axel_client.post(url).status_code == 405


def test_the_waiting_list_is_a_404_to_others(request, suggestion):
    url = base(suggestion.source.campaign) + "a-valider/"
    assert client_of(request, "carol").get(url).status_code == 404


def test_the_waiting_list_shows_an_enqueteur_none_of_the_others_texts(
    interviewer_ines_client, suggestion
):
    url = base(suggestion.source.campaign) + "a-valider/"
    answer = interviewer_ines_client.get(url)
    assert answer.status_code == 200
    assert suggestion.source.text not in answer.content.decode()


def test_the_waiting_list_sends_anonymous_visitors_to_sign_in(client, suggestion):
    assert sent_to_sign_in(client.get(base(suggestion.source.campaign) + "a-valider/"))


# -- Accepting and refusing --------------------------------------------------------------------


@pytest.mark.parametrize("action", ["accepter", "refuser"])
def test_a_decision_goes_back_where_it_was_asked(analyst_axel_client, action, suggestion):
    campaign = suggestion.source.campaign
    screen = f"/codage/{campaign.slug}/coder/{suggestion.source_id}/?question=q15"
    url = base(campaign) + f"{suggestion.pk}/{action}/"
    answer = analyst_axel_client.post(url, {"next": screen})
    assert answer.status_code == 302 and answer["Location"] == screen
    suggestion.refresh_from_db()
    assert suggestion.status == ("accepted" if action == "accepter" else "rejected")
    human = Coding.objects.filter(origin="human", source=suggestion.source, code=suggestion.code)
    assert human.exists() == (action == "accepter")


def test_a_decision_never_goes_to_another_site(analyst_axel_client, suggestion):
    campaign = suggestion.source.campaign
    answer = analyst_axel_client.post(
        base(campaign) + f"{suggestion.pk}/accepter/", {"next": "https://ailleurs.example/"}
    )
    assert answer["Location"] == base(campaign) + "a-valider/"


def test_a_second_decision_is_refused_with_the_reason(analyst_axel_client, suggestion):
    url = base(suggestion.source.campaign) + f"{suggestion.pk}/refuser/"
    analyst_axel_client.post(url)
    answer = analyst_axel_client.post(
        base(suggestion.source.campaign) + f"{suggestion.pk}/accepter/", follow=True
    )
    assert "a déjà été refusée ou retirée" in answer.content.decode()
    assert not Coding.objects.filter(origin="human", source=suggestion.source).exists()


@pytest.mark.parametrize("action", ["accepter", "refuser"])
def test_decisions_reject_the_wrong_method(analyst_axel_client, action, suggestion):
    url = base(suggestion.source.campaign) + f"{suggestion.pk}/{action}/"
    assert analyst_axel_client.get(url).status_code == 405


@pytest.mark.parametrize("action", ["accepter", "refuser"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [("group_gael", 403), ("privacy_paul", 403), ("carol", 403), ("interviewer_ines", 404)],
)
def test_decisions_are_refused_to_others(request, persona, status, action, suggestion):
    url = base(suggestion.source.campaign) + f"{suggestion.pk}/{action}/"
    assert client_of(request, persona).post(url).status_code == status
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"


def test_decisions_send_anonymous_visitors_to_sign_in(client, suggestion):
    url = base(suggestion.source.campaign) + f"{suggestion.pk}/accepter/"
    assert sent_to_sign_in(client.post(url))


def test_an_unknown_suggestion_is_a_404(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign) + "999999/accepter/").status_code == 404


# -- On the coding screen and the hub ----------------------------------------------------------


def test_the_coding_screen_shows_the_suggestions_of_its_text(analyst_axel_client, suggestion):
    campaign = suggestion.source.campaign
    screen = f"/codage/{campaign.slug}/coder/{suggestion.source_id}/"
    html = analyst_axel_client.get(screen).content.decode()
    assert 'id="screen-suggestions"' in html and f'id="screen-suggestion-{suggestion.pk}"' in html
    assert f'action="{base(campaign)}{suggestion.pk}/accepter/"' in html
    assert f'name="next" value="{screen}' in html


def test_the_hub_links_to_the_suggestions(analyst_axel_client, campaign):
    html = analyst_axel_client.get(f"/codage/{campaign.slug}/").content.decode()
    assert f'href="{base(campaign)}" id="area-suggestions"' in html
