"""The personal-data pass over a campaign's texts to code: flags, the personal-data mark,
review, counts, masking, when the pass runs, and the command."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db.models.signals import post_save

from vivier.coding import masking, pii
from vivier.coding.models import Code, Codebook, Coding, PiiFlag, Source

pytestmark = pytest.mark.django_db

TEXT = "Mme Benali a appelé : écrire à benali@exemple.fr. Elle vit à Villeurbanne."
CLEAN = "Les bénévoles ont distribué des colis alimentaires samedi matin."


def make_source(campaign, text: str = TEXT, **fields) -> Source:
    fields.setdefault("kind", Source.Kind.NOTE)
    fields.setdefault("name", "Note d'entretien")
    return Source.objects.create(campaign=campaign, text=text, **fields)


def make_coding(source: Source, words: str | None = None, **fields) -> Coding:
    """A coding of ``words`` (their first occurrence) in ``source``, or of the whole text."""
    book, _ = Codebook.objects.get_or_create(campaign=source.campaign, defaults={"name": "Livre"})
    code, _ = Code.objects.get_or_create(codebook=book, name="Déclencheur")
    if words is None:
        return Coding.objects.create(source=source, code=code, **fields)
    start = source.text.index(words)
    return Coding.objects.create(
        source=source, code=code, start=start, end=start + len(words), exact=words, **fields
    )


def flags_of(source: Source) -> list[tuple[str, str, str]]:
    return [
        (f.kind, source.text[f.start : f.end], f.status)
        for f in PiiFlag.objects.filter(source=source).order_by("start")
    ]


def test_the_pass_flags_each_thing_by_its_offsets_and_marks_the_text(campaign):
    source, clean = make_source(campaign), make_source(campaign, CLEAN)
    report = pii.scan(campaign)
    assert (report.read, report.flagged) == (2, 1)
    assert report.by_kind == {"person": 1, "email": 1, "place": 1}
    assert flags_of(source) == [
        ("person", "Benali", "found"),
        ("email", "benali@exemple.fr", "found"),
        ("place", "Villeurbanne", "found"),
    ]
    source.refresh_from_db()
    clean.refresh_from_db()
    assert source.personal_data and not clean.personal_data
    assert source.pii_checked_at is not None and clean.pii_checked_at is not None


def test_the_pass_is_idempotent(campaign):
    source = make_source(campaign)
    pii.scan(campaign)
    before = list(PiiFlag.objects.filter(source=source).values_list("pk", "start", "end"))
    assert pii.scan(campaign).read == 0
    again = pii.scan(campaign, again=True)
    assert again.read == 1
    assert list(PiiFlag.objects.filter(source=source).values_list("pk", "start", "end")) == before


def test_a_reviewers_decision_outlives_a_new_reading(campaign, privacy_paul):
    source = make_source(campaign, "Karim est passé au centre social de Privas.")
    pii.scan(campaign)
    for flag in PiiFlag.objects.filter(source=source):
        pii.review(flag, PiiFlag.Status.DISMISSED, user=privacy_paul)
    pii.scan(campaign, again=True)
    assert {status for _k, _w, status in flags_of(source)} == {"dismissed"}
    source.refresh_from_db()
    assert not source.personal_data


def test_review_confirms_or_dismisses_and_recomputes_the_mark(campaign, privacy_paul):
    source = make_source(campaign, "Sa voisine Brigitte garde les enfants.")
    pii.scan(campaign)
    flag = PiiFlag.objects.get(source=source)
    pii.review(flag, PiiFlag.Status.DISMISSED, user=privacy_paul)
    source.refresh_from_db()
    assert not source.personal_data
    pii.review(flag, PiiFlag.Status.CONFIRMED, user=privacy_paul)
    source.refresh_from_db()
    flag.refresh_from_db()
    assert source.personal_data
    assert (flag.reviewed_by, flag.status) == (privacy_paul, "confirmed")
    with pytest.raises(ValueError):
        pii.review(flag, "found", user=privacy_paul)


def test_counts_say_how_many_of_each_kind_and_nothing_else(campaign, privacy_paul):
    make_source(campaign)
    make_source(campaign, CLEAN)
    make_source(campaign, "Appeler le 06 12 34 56 78.")
    pii.scan(campaign)
    pii.review(PiiFlag.objects.get(kind="place"), PiiFlag.Status.DISMISSED, user=privacy_paul)
    make_source(campaign, "Pas encore lu.")
    state = pii.counts(campaign)
    assert state.by_kind == {
        "person": 1,
        "email": 1,
        "phone": 1,
        "address": 0,
        "nir": 0,
        "birth_date": 0,
        "place": 0,
    }
    assert (state.texts, state.to_review, state.unchecked, state.sources) == (2, 3, 1, 4)


def test_a_flagged_text_is_masked_for_an_analyst_and_whole_for_the_personal_data_role(
    campaign, analyst_axel, privacy_paul
):
    source = make_source(campaign)
    # Not read by the pass yet: the rules alone already mask the e-mail address.
    assert "benali@exemple.fr" not in masking.visible_text(source, analyst_axel)
    pii.scan(campaign)
    source.refresh_from_db()
    masked = masking.visible_text(source, analyst_axel)
    assert "Benali" not in masked and "benali@exemple.fr" not in masked
    assert masked.startswith("Mme [nom] a appelé")
    assert masking.visible_text(source, privacy_paul) == TEXT


def test_the_pass_writes_an_audit_line_with_counts_only(campaign):
    make_source(campaign)
    pii.scan(campaign)
    line = LogEntry.objects.filter(additional_data__event="personal-data.scan").get()
    assert line.additional_data["texts"] == 1
    assert "Benali" not in str(line.additional_data)


def test_a_review_writes_an_audit_line(campaign, privacy_paul):
    source = make_source(campaign)
    pii.scan(campaign)
    pii.review(PiiFlag.objects.filter(source=source).first(), "confirmed", user=privacy_paul)
    line = LogEntry.objects.filter(additional_data__event="coding.pii-review").get()
    assert line.actor == privacy_paul and line.additional_data["decision"] == "confirmed"


def test_a_text_changed_while_it_was_read_is_left_for_the_next_pass(campaign, monkeypatch):
    source = make_source(campaign)
    real = pii.finder.find_many

    def edited_meanwhile(texts, **kwargs):
        found = real(texts, **kwargs)
        Source.objects.filter(pk=source.pk).update(text="Texte corrigé entre-temps.")
        return found

    monkeypatch.setattr(pii.finder, "find_many", edited_meanwhile)
    assert pii.scan(campaign).read == 0
    source.refresh_from_db()
    assert source.pii_checked_at is None and not PiiFlag.objects.filter(source=source).exists()


@pytest.fixture
def receiver():
    post_save.connect(pii.source_saved, sender=Source, dispatch_uid="test.pii.source_saved")
    yield
    post_save.disconnect(sender=Source, dispatch_uid="test.pii.source_saved")


def test_a_note_saved_is_read_when_its_transaction_commits(
    campaign, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = make_source(campaign)
        assert not PiiFlag.objects.filter(source=source).exists()
    source.refresh_from_db()
    assert source.personal_data and source.pii_checked_at is not None


def test_sources_written_in_bulk_are_read_by_a_background_task(
    campaign, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    Source.objects.bulk_create([Source(campaign=campaign, kind="answer", name="R", text=TEXT)])
    with django_capture_on_commit_callbacks(execute=True):
        pii.scan_later([campaign])
    assert Source.objects.get(campaign=campaign).personal_data


def test_the_command_prints_counts_and_no_word_of_the_texts(campaign, capsys):
    make_source(campaign)
    make_source(campaign, CLEAN)
    call_command("coding", "pii", campaign.slug)
    out = capsys.readouterr().out
    assert "texts read: 2 (flagged: 1)" in out
    assert "texts holding personal data: 1 of 2" in out
    assert "person       1" in out
    for words in ("Benali", "benali@", "Villeurbanne", "bénévoles"):
        assert words not in out
