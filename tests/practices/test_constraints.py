"""The database refuses the rows the registry's rules forbid, and racing creations end well.

Each constraint is tested by writing a bad row past the code (the ORM's ``create`` or
``update`` does no check of its own): only the database stands in the way. Each "once" rule
is tested with a rival request committing its row between the code's check and its insert
(``tests.racing``), and, on PostgreSQL, with two real requests at once: one row stays, and
the loser gets the answer it would have had a moment later, never an error page.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, connections, transaction
from django.test import Client
from django.utils import timezone

from tests.racing import first_check_misses
from tests.support import shared_path
from vivier.campaigns import services
from vivier.practices import candidates, registry
from vivier.practices.imports import import_text
from vivier.practices.models import Candidate, Practice, PracticeVersion
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


def refused(write) -> None:
    """``write()`` must be refused by the database (and leave the test's transaction usable)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


@pytest.fixture
def response(campaign):
    return services.create_submitted(
        campaign,
        key="r1",
        answers={"role": "pro"},
        submitted_at=datetime(2020, 8, 24, 10, tzinfo=UTC),
    )


# -- sheets --------------------------------------------------------------------------------


def test_a_sheet_code_names_one_sheet_and_sheets_without_code_are_many():
    Practice.objects.create(slug="a", title="A", code="1A")
    refused(lambda: Practice.objects.create(slug="b", title="B", code="1A"))
    Practice.objects.create(slug="c", title="C", code="")
    Practice.objects.create(slug="d", title="D", code="")
    assert Practice.objects.filter(code="").count() == 2


def test_a_sheet_state_outside_its_choices_is_refused():
    refused(lambda: Practice.objects.create(slug="a", title="A", state="archived"))
    practice = Practice.objects.create(slug="b", title="B")
    refused(lambda: PracticeVersion.objects.create(practice=practice, number=1, data={}, state="x"))


def test_a_published_sheet_has_its_publication_date():
    refused(lambda: Practice.objects.create(slug="a", title="A", state="published"))
    practice = Practice.objects.create(
        slug="b", title="B", state="published", published_at=timezone.now()
    )
    # Unpublishing keeps the date; removing it from a published sheet is refused.
    refused(lambda: Practice.objects.filter(pk=practice.pk).update(published_at=None))
    Practice.objects.filter(pk=practice.pk).update(state="unpublished")


# -- candidates ----------------------------------------------------------------------------


def test_a_response_is_a_candidate_once_in_the_database(response):
    Candidate.objects.create(response=response)
    refused(lambda: Candidate.objects.create(response=response))


def test_a_candidate_state_outside_its_choices_is_refused(response):
    refused(lambda: Candidate.objects.create(response=response, state="pending"))


def test_a_rejected_candidate_says_why(response):
    refused(lambda: Candidate.objects.create(response=response, state="rejected"))
    Candidate.objects.create(response=response, state="rejected", reason="Hors champ")


def test_a_response_proposed_twice_at_once_gives_one_candidate_and_a_message(
    response, alice_client, monkeypatch
):
    # The other request's candidate (and draft), committed after this request checked.
    first = candidates.propose(response)
    missed = first_check_misses(monkeypatch, Candidate)
    answer = alice_client.post("/staff/pratiques/depuis-reponse/petit/r1/", follow=True)
    assert missed, "propose no longer checks for an earlier candidate"
    assert answer.status_code == 200
    assert candidates.ALREADY_PROPOSED in answer.content.decode()
    assert list(Candidate.objects.values_list("pk", flat=True)) == [first.pk]
    # The losing request's draft went back with it.
    assert list(Practice.objects.values_list("pk", flat=True)) == [first.practice.pk]


@pytest.mark.django_db(transaction=True)
def test_two_staff_proposing_one_response_at_the_same_moment_get_one_candidate(
    campaign, alice, monkeypatch
):
    """Two real requests, each in its own transaction, both past the check before either
    writes. SQLite takes its write lock when a transaction begins, so there the second
    request only starts once the first has committed: the race cannot happen."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes writing transactions from their start")
    services.create_submitted(
        campaign, key="r1", answers={"role": "pro"}, submitted_at=timezone.now()
    )
    both_checked = threading.Barrier(2, timeout=30)
    real_save = registry.save_sheet

    def save_after_both_checked(*args, **kwargs):
        both_checked.wait()
        return real_save(*args, **kwargs)

    monkeypatch.setattr(registry, "save_sheet", save_after_both_checked)
    answers: list[int] = []

    def request() -> None:
        try:
            client = Client()
            client.force_login(alice)
            answers.append(client.post("/staff/pratiques/depuis-reponse/petit/r1/").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers == [302, 302]
    assert Candidate.objects.count() == 1
    assert Practice.objects.count() == 1


# -- sheets racing for a slug or a code ----------------------------------------------------


def test_two_sheets_of_one_title_saved_at_once_get_two_addresses(monkeypatch):
    other = registry.save_sheet(Sheet(title="Maraude de nuit"))
    missed = first_check_misses(monkeypatch, Practice)  # the slug looked free
    mine = registry.save_sheet(Sheet(title="Maraude de nuit"))
    assert missed
    assert (other.slug, mine.slug) == ("maraude-de-nuit", "maraude-de-nuit-2")


def test_a_sheet_whose_code_is_taken_is_refused_by_name():
    registry.save_sheet(Sheet(title="Conférences familiales", code="1A"))
    with pytest.raises(registry.CodeTakenError) as taken:
        registry.save_sheet(Sheet(title="Autre chose", code="1A"))
    assert taken.value.code == "1A"
    assert Practice.objects.count() == 1


def test_importing_the_report_again_adds_nothing_and_says_which_sheets_were_there():
    text = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt").read_text()
    first = import_text(text, source="rapport.txt")
    again = import_text(text, source="rapport.txt")
    assert len(first.practices) == 21
    assert again.practices == []
    assert sorted(again.already_present) == sorted(p.code for p in first.practices)
    assert Practice.objects.count() == 21


def test_the_import_page_names_the_sheets_already_in_the_registry(alice_client):
    report = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt").read_bytes()
    for _ in range(2):
        answer = alice_client.post(
            "/staff/pratiques/importer/",
            {"document": SimpleUploadedFile("rapport.txt", report, content_type="text/plain")},
        )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "21 fiches du document sont déjà au registre" in page
    assert "1A, 1B" in page
    assert Practice.objects.count() == 21
