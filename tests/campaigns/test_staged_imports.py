"""Large imports: staged in short transactions, all or nothing, invisible until published."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from vivier.campaigns import staged_imports
from vivier.campaigns.imports import ImportFailedError, import_jsonl
from vivier.campaigns.models import ImportBatch, Response, ResponseContact
from vivier.campaigns.stats import campaign_counts

pytestmark = pytest.mark.django_db


def _line(index: int, **answers) -> str:
    record = {
        "id": f"imp-{index:04d}",
        "submitted_at": "2020-08-24T10:00:00+02:00",
        "channel": "UNCCAS",
        "answers": {"role": "pc", **answers},
    }
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(staged_imports, "CHUNK", 5)


def test_a_large_file_is_imported_whole_and_published(campaign, small_chunks):
    lines = [_line(i, courriel=f"p{i}@example.org") for i in range(23)]
    report = import_jsonl(campaign, lines, source="big.jsonl")
    assert report.imported == 23
    rows = Response.objects.filter(campaign=campaign)
    assert rows.filter(status=Response.Status.SUBMITTED).count() == 23
    assert not rows.filter(status=Response.Status.STAGED).exists()
    assert ResponseContact.objects.filter(response__campaign=campaign).count() == 23
    assert rows.get(key="imp-0007").link.network == "UNCCAS"
    batch = ImportBatch.objects.get()
    assert batch.committed_at and batch.published_at and batch.rows == 23


def test_ids_already_present_are_skipped_and_the_rest_staged(campaign, small_chunks):
    import_jsonl(campaign, [_line(i) for i in range(3)], source="first.jsonl")
    report = import_jsonl(campaign, [_line(i) for i in range(20)], source="again.jsonl")
    assert report.imported == 17
    assert sorted(report.already_present) == ["imp-0000", "imp-0001", "imp-0002"]
    assert Response.objects.filter(campaign=campaign).count() == 20


def test_a_failure_while_staging_imports_nothing(campaign, small_chunks, monkeypatch):
    real = staged_imports._stage_chunk
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        real(*args, **kwargs)

    monkeypatch.setattr(staged_imports, "_stage_chunk", failing)
    with pytest.raises(OSError):
        import_jsonl(campaign, [_line(i) for i in range(23)], source="big.jsonl")
    assert not Response.objects.filter(campaign=campaign).exists()
    assert not ResponseContact.objects.exists()
    assert not ImportBatch.objects.exists()


def test_staged_rows_are_seen_by_no_count_until_published(campaign, small_chunks, monkeypatch):
    seen = []
    real = staged_imports._stage_chunk

    def watching(*args, **kwargs):
        real(*args, **kwargs)
        counts = campaign_counts(campaign)
        seen.append((counts.total, counts.submitted, counts.drafts))

    monkeypatch.setattr(staged_imports, "_stage_chunk", watching)
    import_jsonl(campaign, [_line(i) for i in range(12)], source="big.jsonl")
    assert seen == [(0, 0, 0)] * 3
    assert campaign_counts(campaign).submitted == 12


def test_a_key_stored_meanwhile_by_someone_else_imports_nothing(
    campaign, small_chunks, monkeypatch
):
    real = staged_imports._stage_chunk
    calls = []

    def racing(batch, campaign_, q, rows, links):
        calls.append(1)
        if len(calls) == 2:
            # Another import stored one of the keys of this chunk in the meantime.
            Response.objects.create(
                campaign=campaign_, key=rows[0].key, version=campaign_.questionnaire
            )
        real(batch, campaign_, q, rows, links)

    monkeypatch.setattr(staged_imports, "_stage_chunk", racing)
    with pytest.raises(ImportFailedError) as failed:
        import_jsonl(campaign, [_line(i) for i in range(12)], source="big.jsonl")
    assert "nothing imported" in str(failed.value)
    assert failed.value.errors[0].location.line == 6  # the first line of the second chunk
    assert Response.objects.filter(campaign=campaign).count() == 1  # the other one's
    assert not ImportBatch.objects.exists()


def test_recover_publishes_a_committed_batch_and_drops_an_abandoned_one(campaign):
    old = timezone.now() - staged_imports.ABANDONED_AFTER - timedelta(minutes=1)
    committed = ImportBatch.objects.create(campaign=campaign, committed_at=timezone.now())
    abandoned = ImportBatch.objects.create(campaign=campaign, touched_at=old)
    running = ImportBatch.objects.create(campaign=campaign)
    for index, batch in enumerate((committed, abandoned, running)):
        Response.objects.create(
            campaign=campaign,
            key=f"staged-{index}",
            version=campaign.questionnaire,
            status=Response.Status.STAGED,
            submitted_at=old,  # a staged row has its source's date (a database constraint)
            import_batch=batch,
        )
    staged_imports.recover()
    assert Response.objects.get(key="staged-0").status == Response.Status.SUBMITTED
    assert not Response.objects.filter(key="staged-1").exists()
    assert Response.objects.get(key="staged-2").status == Response.Status.STAGED
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {committed.pk, running.pk}
