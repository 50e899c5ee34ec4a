"""An answer to the survey becomes a candidate sheet, then a draft, a merge or a rejection."""

from datetime import UTC, datetime

import pytest

from vivier.campaigns import services
from vivier.practices import candidates, registry
from vivier.practices.models import Candidate, Practice, PracticeSource
from vivier.practices.sheet import Sheet

pytestmark = pytest.mark.django_db

ANSWERS = {
    "q1": "travailleur_social",
    "q13": "33",
    "q14": "yes",
    "q15": "Conférences familiales pour les jeunes majeurs\nDepuis deux ans",
    "q16": "La famille élargie prépare un plan avec un coordinateur.",
    "q22": "naissante",
    "q23": "besoin_terrain",
}


@pytest.fixture
def response(hcts_campaign):
    return services.create_submitted(
        hcts_campaign,
        key="r1",
        answers=ANSWERS,
        submitted_at=datetime(2020, 8, 24, 10, tzinfo=UTC),
    )


def test_a_proposed_answer_becomes_a_prefilled_draft_linked_to_its_response(response, alice):
    candidate = candidates.propose(response, user=alice)
    sheet = candidate.practice.sheet()
    assert candidate.practice.state == Practice.State.DRAFT
    assert sheet.title == "Conférences familiales pour les jeunes majeurs"
    assert sheet.description.startswith("La famille élargie")
    assert sheet.territory.departements == ("33",)
    assert (sheet.status.value, sheet.origin.value) == ("naissante", "besoin_terrain")
    assert [t.value for t in sheet.themes] == ["conferences_familiales"]
    assert PracticeSource.objects.get().response == response


def test_an_answer_is_proposed_once(response):
    candidates.propose(response)
    with pytest.raises(candidates.CandidateError):
        candidates.propose(response)


def test_merging_moves_the_source_to_the_existing_sheet(response, alice):
    existing = registry.save_sheet(Sheet(title="Conférences familiales en Gironde"))
    candidate = candidates.propose(response)
    draft_id = candidate.practice.pk
    candidates.merge(candidate, existing, user=alice)
    assert candidate.state == Candidate.State.MERGED
    assert not Practice.objects.filter(pk=draft_id).exists()
    assert list(existing.sources.values_list("response__key", flat=True)) == ["r1"]


def test_rejecting_needs_a_reason_and_keeps_it(response, alice):
    candidate = candidates.propose(response)
    with pytest.raises(candidates.CandidateError):
        candidates.reject(candidate, "  ")
    candidates.reject(candidate, "Pratique ancienne, pas émergente.", user=alice)
    candidate.refresh_from_db()
    assert candidate.state == Candidate.State.REJECTED
    assert candidate.reason == "Pratique ancienne, pas émergente."
    assert candidate.response == response
    assert not Practice.objects.exists()
