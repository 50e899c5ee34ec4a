"""The HCTS 2020 questionnaire answered over HTTP: its branches decide which pages come next."""

import pytest

from tests.campaigns.helpers import page_url, start
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def _post(client, url, section, data):
    answer = client.post(page_url(url, section), data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return answer["Location"]


def test_answering_no_to_q14_ends_the_questionnaire(client, hcts_campaign):
    response, url = start(client, hcts_campaign)
    assert _post(client, url, "profil", {"q1": "travailleur_social"}).endswith(
        "/p/structure_territoire/"
    )
    _post(client, url, "structure_territoire", {"q12": "ccas", "q13": "33"})
    assert _post(client, url, "connaissance_pratiques", {"q14": "no"}).endswith("/relecture/")
    assert client.post(url + "relecture/")["Location"].endswith("/merci/")
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.answers == {"q1": "travailleur_social", "q12": "ccas", "q13": "33", "q14": "no"}


def test_persons_concerned_follow_their_own_branch(client, hcts_campaign):
    _response, url = start(client, hcts_campaign)
    assert _post(client, url, "profil", {"q1": "personne_concernee"}).endswith(
        "/p/parcours_personnes_concernees/"
    )
    assert _post(client, url, "parcours_personnes_concernees", {"q2": "yes"}).endswith(
        "/p/personnes_concernees_pratique/"
    )


def test_the_two_branches_after_q23_rejoin_at_q31(client, hcts_campaign):
    _response, url = start(client, hcts_campaign)
    _post(client, url, "profil", {"q1": "responsable_equipe"})
    _post(client, url, "structure_territoire", {})
    _post(client, url, "connaissance_pratiques", {"q14": "yes"})
    for section in ("pratique_description", "pratique_besoins", "pratique_acteurs"):
        _post(client, url, section, {})
    _post(client, url, "pratique_statut", {"q22": "naissante"})
    assert _post(client, url, "origine", {"q23": "demande_hierarchie"}).endswith(
        "/p/demande_hierarchie/"
    )
    assert _post(client, url, "demande_hierarchie", {"q29": "no"}).endswith(
        "/p/evolution_pratiques/"
    )
    # Going back and choosing the other branch drops the hierarchy answers.
    assert _post(client, url, "origine", {"q23": "besoin_terrain"}).endswith("/p/besoin_terrain/")
    _post(client, url, "besoin_terrain", {"q26": "yes", "q27": "besoin_nouveau_crise"})
    response = Response.objects.get(campaign=hcts_campaign)
    assert "q29" not in response.answers
    assert response.answers["q27"] == "besoin_nouveau_crise"


def test_contacts_are_kept_apart_as_personal_data(client, hcts_campaign):
    response, url = start(client, hcts_campaign)
    _post(client, url, "profil", {"q1": "travailleur_social"})
    _post(client, url, "structure_territoire", {})
    _post(client, url, "connaissance_pratiques", {"q14": "yes"})
    _post(client, url, "contacts", {"q74": "lea@example.org", "q75": "06 12 34 56 78"})
    response.refresh_from_db()
    assert "q74" not in response.answers
    assert response.contact.data["q74"] == "lea@example.org"
