import json

import pytest

from tests.campaigns.helpers import page_url, start
from vivier.campaigns.models import Response, ResponseContact

pytestmark = pytest.mark.django_db


def test_it_saves_a_page_and_moves_to_the_next(client, campaign):
    response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pro", "age": "34"})
    assert answer.status_code == 302
    assert answer["Location"].endswith("/p/pratique/")
    response.refresh_from_db()
    assert response.answers == {"role": "pro", "age": 34}


def test_it_marks_optional_questions(client, campaign):
    _response, url = start(client, campaign)
    html = client.get(page_url(url, "profil")).content.decode()
    assert 'Votre âge <span class="vivier-optional">(optionnel)</span>' in html
    role_legend = html.split('id="f-role-legend"')[1].split("</legend>")[0]
    assert "(optionnel)" not in role_legend


def test_it_keeps_what_was_typed_and_links_errors_from_a_summary(client, campaign):
    response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pro", "age": "douze"})
    html = answer.content.decode()
    assert answer.status_code == 400
    assert 'id="error-summary"' in html
    assert 'href="#f-age"' in html
    assert 'value="douze"' in html
    assert "nombre entier" in html
    # What was valid on the page is already stored.
    response.refresh_from_db()
    assert response.answers == {"role": "pro"}


def test_it_reports_a_broken_constraint_with_its_message(client, campaign):
    _response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pro", "age": "12"})
    assert answer.status_code == 400
    assert "au moins 16 ans" in answer.content.decode()


def test_it_requires_required_questions_with_a_message(client, campaign):
    _response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"age": "40"})
    assert answer.status_code == 400
    assert 'href="#f-role-0"' in answer.content.decode()


def test_it_skips_a_page_that_does_not_apply(client, campaign):
    _response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pc"})
    assert answer["Location"].endswith("/p/contact/")


def test_it_drops_answers_to_questions_that_do_not_apply(client, campaign):
    response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro"})
    client.post(page_url(url, "pratique"), {"connait": "no", "nom": "Cafés des parents"})
    response.refresh_from_db()
    assert response.answers == {"role": "pro", "connait": "no"}


def test_an_unknown_option_is_refused(client, campaign):
    response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pirate"})
    assert answer.status_code == 400
    response.refresh_from_db()
    assert "role" not in response.answers


def test_personal_data_is_stored_apart_from_answers(client, campaign):
    response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pc"})
    client.post(page_url(url, "contact"), {"courriel": "marie@example.org"})
    response.refresh_from_db()
    assert "courriel" not in response.answers
    assert ResponseContact.objects.get(response=response).data == {"courriel": "marie@example.org"}


def test_saving_for_later_shows_the_private_link(client, campaign):
    response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pro", "action": "save"}, follow=True)
    html = answer.content.decode()
    assert "Votre lien de reprise" in html
    assert response.resume_token() in html


def test_resuming_opens_the_page_where_the_respondent_stopped(client, campaign):
    _response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro", "action": "save"})
    client.post(page_url(url, "pratique"), {"connait": "yes", "action": "save"})
    client.cookies.clear()
    assert client.get(url)["Location"].endswith("/p/pratique/")


def test_the_previous_button_goes_back_without_blocking_on_errors(client, campaign):
    _response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro"})
    answer = client.post(page_url(url, "pratique"), {"action": "previous"})
    assert answer["Location"].endswith("/p/profil/")


def test_htmx_learns_which_questions_apply_from_the_server(client, campaign):
    _response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro"})
    answer = client.post(
        page_url(url, "pratique") + "pertinence/", {"connait": "yes"}, HTTP_HX_REQUEST="true"
    )
    assert answer.status_code == 204
    event = json.loads(answer["HX-Trigger"])["vivier:relevance"]
    assert set(event["show"]) == {"connait", "nom", "themes"}
    no = client.post(page_url(url, "pratique") + "pertinence/", {"connait": "no"})
    assert set(json.loads(no["HX-Trigger"])["vivier:relevance"]["hide"]) == {"nom", "themes"}


def test_without_javascript_same_page_follow_ups_say_when_to_answer(client, campaign):
    _response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro"})
    html = client.get(page_url(url, "pratique")).content.decode()
    assert "Répondez seulement si vous avez choisi « Oui »" in html
    assert 'class="fr-mb-5w vivier-irrelevant"' in html


def test_an_oversized_request_is_refused_in_french_and_keeps_the_draft(client, campaign):
    response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro"})
    answer = client.post(page_url(url, "pratique"), {"nom": "x" * 1_200_000})
    assert answer.status_code == 413
    assert "dépasse la taille acceptée" in answer.content.decode()
    response.refresh_from_db()
    assert response.answers == {"role": "pro"}


def test_a_page_that_does_not_exist_is_a_french_404(client, campaign):
    _response, url = start(client, campaign)
    answer = client.get(page_url(url, "inconnue"))
    assert answer.status_code == 404
    assert "ne fait pas partie du questionnaire" in answer.content.decode()


def test_the_response_mode_defaults_to_online(client, campaign):
    response, _url = start(client, campaign)
    assert Response.objects.get(pk=response.pk).mode == "online"


def test_clearing_the_only_personal_answer_deletes_the_contact_row(client, campaign):
    response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pc"})
    client.post(page_url(url, "contact"), {"courriel": "marie@example.org"})
    client.post(page_url(url, "contact"), {"courriel": "marie.d@example.org"})
    assert ResponseContact.objects.get(response=response).data == {
        "courriel": "marie.d@example.org"
    }
    client.post(page_url(url, "contact"), {"courriel": ""})
    assert not ResponseContact.objects.filter(response=response).exists()


def test_a_wrong_email_is_shown_back_with_its_message(client, campaign):
    _response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pc"})
    answer = client.post(page_url(url, "contact"), {"courriel": "marie@"})
    assert answer.status_code == 400
    assert 'value="marie@"' in answer.content.decode()
