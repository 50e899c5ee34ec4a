"""The rules of a response's life, below the views."""

import pytest

from vivier.campaigns import services
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def _draft(campaign):
    response = services.start_response(campaign, key="k1")
    services.save_section(response, {"role": "pro"}, "profil")
    services.save_section(response, {"connait": "no"}, "pratique")
    return Response.objects.get(pk=response.pk)


def test_a_draft_changed_after_it_was_read_is_submitted_with_its_newest_answers(campaign):
    stale = _draft(campaign)
    other_tab = Response.objects.get(pk=stale.pk)
    services.save_section(other_tab, {"connait": "yes", "nom": "Cafés"}, "pratique")
    result = services.submit(stale)
    assert result.submitted
    stored = Response.objects.get(pk=stale.pk)
    assert stored.status == Response.Status.SUBMITTED
    assert stored.answers["nom"] == "Cafés"


def test_two_submissions_of_one_draft_count_once(campaign):
    first = _draft(campaign)
    second = Response.objects.get(pk=first.pk)
    assert services.submit(first).submitted
    replay = services.submit(second)
    assert replay.submitted and replay.already
    assert Response.objects.filter(status=Response.Status.SUBMITTED).count() == 1


def test_submission_keeps_personal_data_in_its_own_table(campaign):
    response = services.start_response(campaign, key="k2")
    services.save_section(response, {"role": "pc"}, "profil")
    services.save_section(response, {"courriel": "a@example.org"}, "contact")
    response = Response.objects.get(pk=response.pk)
    assert services.submit(response).submitted
    stored = Response.objects.get(pk=response.pk)
    assert stored.answers == {"role": "pc"}
    assert stored.contact.data == {"courriel": "a@example.org"}
