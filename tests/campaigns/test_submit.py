import pytest

from tests.campaigns.helpers import page_url, start
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def _fill(client, url):
    client.post(page_url(url, "profil"), {"role": "pro", "age": "40"})
    client.post(
        page_url(url, "pratique"),
        {"connait": "yes", "nom": "Cafés des parents", "themes": ["a", "b"]},
    )
    return client.post(page_url(url, "contact"), {"courriel": ""})


def test_the_last_page_leads_to_the_review(client, campaign):
    _response, url = start(client, campaign)
    assert _fill(client, url)["Location"].endswith("/relecture/")


def test_the_review_shows_labels_not_codes(client, campaign):
    _response, url = start(client, campaign)
    _fill(client, url)
    html = client.get(url + "relecture/").content.decode()
    assert "Professionnel" in html
    assert "Aller vers, Pair-aidance" in html
    assert "Modifier « La pratique »" in html


def test_it_submits_once_and_thanks(client, campaign):
    response, url = start(client, campaign)
    _fill(client, url)
    answer = client.post(url + "relecture/")
    assert answer["Location"].endswith("/merci/")
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_at is not None
    assert response.answers == {
        "role": "pro",
        "age": 40,
        "connait": "yes",
        "nom": "Cafés des parents",
        "themes": ["a", "b"],
    }
    assert "vos réponses ont bien été envoyées" in client.get(answer["Location"]).content.decode()


def test_a_double_submit_keeps_one_response_and_its_first_time(client, campaign):
    response, url = start(client, campaign)
    _fill(client, url)
    client.post(url + "relecture/")
    first = Response.objects.get(pk=response.pk).submitted_at
    again = client.post(url + "relecture/")
    assert again["Location"].endswith("/merci/")
    assert Response.objects.filter(campaign=campaign).count() == 1
    assert Response.objects.get(pk=response.pk).submitted_at == first


def test_the_back_button_after_submitting_cannot_change_the_response(client, campaign):
    response, url = start(client, campaign)
    _fill(client, url)
    client.post(url + "relecture/")
    answer = client.post(page_url(url, "profil"), {"role": "pc"})
    assert answer["Location"].endswith("/merci/")
    response.refresh_from_db()
    assert response.answers["role"] == "pro"


def test_a_missing_required_answer_is_linked_from_the_review(client, campaign):
    _response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro", "action": "save"})
    answer = client.post(url + "relecture/")
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "/p/pratique/#f-connait-0" in html


def test_the_thanks_page_of_a_draft_leads_back_to_the_questionnaire(client, campaign):
    _response, url = start(client, campaign)
    assert client.get(url + "merci/")["Location"] == url
