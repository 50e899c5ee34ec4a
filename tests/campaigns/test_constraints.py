"""The database refuses the rows the campaigns' rules forbid, and racing creations end well.

Each constraint is tested by writing a bad row past the code (the ORM's ``create`` or
``update`` does no check of its own): only the database stands in the way. Each "once" rule
is tested with a rival request committing its row between the code's check and its insert
(``tests.racing``): one row stays, and the loser gets the answer it would have had a moment
later, never an error page.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.racing import first_check_misses, stale_once
from tests.support import small_questionnaire
from vivier.campaigns import imports, questionnaires
from vivier.campaigns.models import Campaign, ImportBatch, QuestionnaireVersion, Response

pytestmark = pytest.mark.django_db


def refused(write) -> None:
    """``write()`` must be refused by the database (and leave the test's transaction usable)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def response_in(campaign: Campaign, key: str, **fields) -> Response:
    return Response.objects.create(
        campaign=campaign, key=key, version=campaign.questionnaire, **fields
    )


# -- campaign dates ----------------------------------------------------------------------------


def test_a_campaign_cannot_close_before_or_when_it_opens(campaign):
    opens = timezone.now()
    for closes in (opens, opens - timedelta(days=1)):
        refused(lambda closes=closes: Campaign.objects.filter(pk=campaign.pk).update(
            opens_at=opens, closes_at=closes
        ))  # fmt: skip
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_at=opens, closes_at=opens + timedelta(seconds=1)
    )
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=None)  # open-ended


# -- responses -------------------------------------------------------------------------------


def test_a_response_status_outside_its_choices_is_refused(campaign):
    refused(lambda: response_in(campaign, "a", status="envoye", submitted_at=timezone.now()))
    refused(lambda: response_in(campaign, "b", status=""))


def test_a_response_mode_outside_its_choices_is_refused(campaign):
    refused(lambda: response_in(campaign, "a", mode="telephone"))
    for mode in Response.Mode.values:
        response_in(campaign, f"ok-{mode}", mode=mode)


def test_a_response_is_dated_exactly_when_it_was_sent(campaign):
    now = timezone.now()
    refused(lambda: response_in(campaign, "a", status=Response.Status.SUBMITTED))
    refused(lambda: response_in(campaign, "b", status=Response.Status.STAGED))
    refused(lambda: response_in(campaign, "c", status=Response.Status.DRAFT, submitted_at=now))
    draft = response_in(campaign, "draft")
    sent = response_in(campaign, "sent", status=Response.Status.SUBMITTED, submitted_at=now)
    # Changing one half without the other is refused too.
    refused(lambda: Response.objects.filter(pk=sent.pk).update(submitted_at=None))
    refused(lambda: Response.objects.filter(pk=draft.pk).update(status=Response.Status.SUBMITTED))
    Response.objects.filter(pk=draft.pk).update(status=Response.Status.SUBMITTED, submitted_at=now)


def test_an_import_batch_is_published_only_once_committed(campaign):
    refused(lambda: ImportBatch.objects.create(campaign=campaign, published_at=timezone.now()))
    ImportBatch.objects.create(
        campaign=campaign, committed_at=timezone.now(), published_at=timezone.now()
    )


# -- racing creations --------------------------------------------------------------------------


def test_two_campaigns_opened_under_one_identifier_at_once_leave_one_and_a_clear_page(
    bob_client, monkeypatch
):
    version = questionnaires.install(small_questionnaire("course"))
    # The other request's campaign, committed after this request checked the identifier.
    Campaign.objects.create(
        slug="enquete-departementale", title="L’autre", questionnaire=version,
        opens_at=timezone.now(),
    )  # fmt: skip
    missed = first_check_misses(monkeypatch, Campaign)
    page = bob_client.post(
        "/staff/questionnaires/course/campagne/", {"title": "Enquête départementale"}
    )
    assert missed, "the view no longer checks the identifier first"
    assert page.status_code == 400
    assert "déjà l’identifiant « enquete-departementale »" in page.content.decode()
    assert list(Campaign.objects.values_list("title", flat=True)) == ["L’autre"]


def test_one_questionnaire_installed_twice_at_once_keeps_one_version(monkeypatch):
    questionnaire = small_questionnaire("deux-fois")
    first = questionnaires.install(questionnaire)
    # This install read the versions before the other one's committed: it saw none.
    stale = stale_once(monkeypatch, questionnaires, "latest", None)
    again = questionnaires.install(questionnaire)
    assert stale
    assert again.pk == first.pk
    assert QuestionnaireVersion.objects.filter(slug="deux-fois").count() == 1


def test_an_id_stored_meanwhile_is_skipped_as_if_it_had_been_there_before(campaign, monkeypatch):
    lines = [
        json.dumps(
            {"id": f"r{i}", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": {"role": "pc"}}
        )
        for i in range(3)
    ]
    # An entry stored with the id r0 after the import read which ids were present.
    response_in(campaign, "r0")
    stale = stale_once(monkeypatch, imports, "_existing_keys", set())
    report = imports.import_jsonl(campaign, lines, source="course.jsonl")
    assert stale
    assert report.imported == 2
    assert report.already_present == ["r0"]
    stored = Response.objects.filter(campaign=campaign)
    assert sorted(stored.values_list("key", "status")) == [
        ("r0", "draft"),  # the other one's, untouched
        ("r1", "submitted"),
        ("r2", "submitted"),
    ]
