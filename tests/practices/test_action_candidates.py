"""A response proposed as a practice, then the proposal merged into a sheet or set aside.

Proposing is the analyst's (/staff/pratiques/depuis-reponse/<campaign>/<key>/); merging
(/staff/pratiques/propositions/<pk>/fusionner/) and setting aside (…/ecarter/) are the working
group's.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import PERSONAS
from vivier.campaigns import services
from vivier.practices import candidates, registry
from vivier.practices.models import Candidate, Practice
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

NOT_ANALYSTS = [name for role, name in PERSONAS.items() if role != "analyste"]
NOT_GROUP = [name for role, name in PERSONAS.items() if role != "groupe_de_travail"]
PROPOSE = "/staff/pratiques/depuis-reponse/petit/r1/"


@pytest.fixture
def response(campaign):
    return services.create_submitted(
        campaign,
        key="r1",
        answers={"role": "pro", "connait": "yes", "nom": "Maraudes numériques"},
        submitted_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
    )


@pytest.fixture
def candidate(response):
    return candidates.propose(response)


@pytest.fixture
def existing(db):
    return registry.save_sheet(Sheet(title="Cafés des parents"))


def merge_url(candidate: Candidate) -> str:
    return f"/staff/pratiques/propositions/{candidate.pk}/fusionner/"


def reject_url(candidate: Candidate) -> str:
    return f"/staff/pratiques/propositions/{candidate.pk}/ecarter/"


def state_of(candidate: Candidate) -> str:
    return Candidate.objects.get(pk=candidate.pk).state


# Proposing a response.


def test_the_analyst_proposes_a_response_as_a_draft(analyst_axel_client, response):
    answer = analyst_axel_client.post(PROPOSE)
    draft = Practice.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/staff/pratiques/{draft.slug}/"
    assert Candidate.objects.get().response == response


def test_proposing_rejects_the_wrong_method(analyst_axel_client, response):
    assert analyst_axel_client.get(PROPOSE).status_code == 405


@pytest.mark.parametrize("persona", NOT_ANALYSTS)
def test_proposing_requires_the_role(request, persona, response):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(PROPOSE).status_code == 403
    assert not Candidate.objects.exists()


def test_proposing_sends_anonymous_visitors_to_sign_in(client, response):
    answer = client.post(PROPOSE)
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert not Candidate.objects.exists()


def test_a_response_proposed_twice_is_said_on_its_page(analyst_axel_client, candidate):
    # Nothing is typed here: the refusal is the service's, back on the response's page.
    answer = analyst_axel_client.post(PROPOSE, follow=True)
    assert answer.redirect_chain == [("/staff/campagnes/petit/reponses/r1/", 302)]
    assert "Cette réponse a déjà été proposée comme pratique." in answer.content.decode()
    assert Candidate.objects.count() == 1


# Merging a proposal into a sheet.


def test_the_working_group_merges_a_proposal_into_a_sheet(group_gael_client, candidate, existing):
    draft = candidate.practice
    page = group_gael_client.get(f"/staff/pratiques/{draft.slug}/").content.decode()
    assert f'<option value="{existing.slug}">Cafés des parents</option>' in page
    assert f'<option value="{draft.slug}"' not in page  # not into itself
    answer = group_gael_client.post(merge_url(candidate), {"into": existing.slug})
    assert answer.status_code == 302 and answer["Location"] == f"/staff/pratiques/{existing.slug}/"
    assert state_of(candidate) == "merged"
    assert not Practice.objects.filter(pk=draft.pk).exists()


def test_merging_rejects_the_wrong_method(group_gael_client, candidate):
    assert group_gael_client.get(merge_url(candidate)).status_code == 405


@pytest.mark.parametrize("persona", NOT_GROUP)
def test_merging_requires_the_role(request, persona, candidate, existing):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(merge_url(candidate), {"into": existing.slug}).status_code == 403
    assert state_of(candidate) == "created"


def test_merging_sends_anonymous_visitors_to_sign_in(client, candidate, existing):
    answer = client.post(merge_url(candidate), {"into": existing.slug})
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert state_of(candidate) == "created"


@pytest.mark.parametrize("into", ["", "no-such-sheet", "draft"])
def test_a_sheet_not_in_the_list_is_said_on_the_draft_s_page(
    group_gael_client, candidate, existing, into
):
    draft = candidate.practice
    answer = group_gael_client.post(
        merge_url(candidate), {"into": draft.slug if into == "draft" else into}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<a href="#into">Fiche : Choisissez la fiche avec laquelle fusionner.</a>' in html
    # The draft's page, its merge form offering the sheets again.
    assert f"<h1>{draft.title}</h1>" in html
    assert f'<option value="{existing.slug}">' in html
    assert state_of(candidate) == "created"


# Setting a proposal aside.


def test_the_working_group_sets_a_proposal_aside_with_its_reason(group_gael_client, candidate):
    answer = group_gael_client.post(reject_url(candidate), {"reason": " Hors champ. "}, follow=True)
    assert answer.redirect_chain == [("/staff/pratiques/", 302)]
    assert "La proposition est écartée ; la raison est conservée." in answer.content.decode()
    candidate.refresh_from_db()
    assert (candidate.state, candidate.reason) == ("rejected", "Hors champ.")


def test_setting_aside_rejects_the_wrong_method(group_gael_client, candidate):
    assert group_gael_client.get(reject_url(candidate)).status_code == 405


@pytest.mark.parametrize("persona", NOT_GROUP)
def test_setting_aside_requires_the_role(request, persona, candidate):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.post(reject_url(candidate), {"reason": "Hors champ."}).status_code == 403
    assert state_of(candidate) == "created"


def test_setting_aside_sends_anonymous_visitors_to_sign_in(client, candidate):
    answer = client.post(reject_url(candidate), {"reason": "Hors champ."})
    assert answer.status_code == 302 and answer["Location"].startswith("/staff/connexion/")
    assert state_of(candidate) == "created"


@pytest.mark.parametrize("reason", ["", "   ", "\x01\x02"])
def test_a_missing_reason_is_said_next_to_the_proposal(group_gael_client, candidate, reason):
    answer = group_gael_client.post(reject_url(candidate), {"reason": reason})
    assert answer.status_code == 400
    html = answer.content.decode()
    field = f"reason-{candidate.pk}"
    assert (
        f'<a href="#{field}">Raison pour écarter la proposition : '
        "Indiquez pourquoi cette proposition est écartée.</a>"
    ) in html
    assert f'aria-describedby="{field}-desc-error"' in html
    assert state_of(candidate) == "created"


def test_a_reason_too_long_comes_back_as_typed(group_gael_client, candidate):
    reason = "Hors du champ de l’enquête. " * 20  # 560 characters
    answer = group_gael_client.post(reject_url(candidate), {"reason": reason})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "La raison ne doit pas dépasser 500 caractères (elle en compte 559)." in html
    assert f'name="reason" value="{reason}"' in html
    assert state_of(candidate) == "created"
