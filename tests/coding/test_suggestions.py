"""Suggested codes (vivier.coding.suggestions): training in the background, the signed
model, proposing, a person's decision, the model as a coder of its own, and the command.

``coded_campaign`` is shared with the suggestions' action tests and the catalogue's
examples.
"""

from __future__ import annotations

import uuid
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.coding.test_codings import make_round
from tests.qualitative.test_suggest import corpus
from tests.support import make_campaign, small_questionnaire
from vivier.coding import suggestions
from vivier.coding.models import Code, Codebook, Coding, PiiFlag, Source, SuggestionModel
from vivier.problems import ProblemCode, ProblemError
from vivier.qualitative import suggest

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
#: Texts left uncoded, for the model to propose codes on.
UNCODED = 12
#: The codes of ``coded_campaign``, with the same guids in every campaign (a model trained
#: once can serve the tests of several: ``signed_model``).
GUIDS = {
    name: uuid.UUID(int=number)
    for number, name in enumerate(("teletravail", "logement", "familles", "hasard"), start=1)
}


def pure_model(coded: int = 60) -> suggest.Model:
    """The model ``coded_campaign``'s coded texts teach, trained without the database."""
    texts, labels = corpus(coded + UNCODED, seed=7)
    named = [{str(GUIDS[name]) for name in given} for given in labels[:coded]]
    return suggest.train(texts[:coded], named)


def signed_model(campaign, model: suggest.Model, version: int = 1) -> SuggestionModel:
    """A ready row of ``campaign`` holding ``model``, signed as a training would."""
    row = SuggestionModel.objects.create(
        campaign=campaign, version=version, status=SuggestionModel.Status.READY, progress=100
    )
    row.artefact = suggestions.sign(row, model.to_bytes())
    row.metrics = suggestions.metrics_of(model, {})
    row.save()
    return row


@pytest.fixture
def immediate(settings):
    """Tasks run at once, in the test's process."""
    settings.TASKS = IMMEDIATE


def coded_campaign(coder, *, coded: int = 60, slug: str = "suggestions"):
    """A campaign whose analysts coded ``coded`` texts of three separable themes (and a
    code given at random), and left ``UNCODED`` more uncoded."""
    campaign = make_campaign(small_questionnaire(slug))
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    codes = {
        name: Code.objects.create(
            codebook=book, name=name.capitalize(), position=i, guid=GUIDS[name]
        )
        for i, name in enumerate(GUIDS)
    }
    texts, labels = corpus(coded + UNCODED, seed=7)
    for number, (text, given) in enumerate(zip(texts, labels, strict=True), start=1):
        source = Source.objects.create(
            campaign=campaign, kind=Source.Kind.ANSWER, name=f"R{number}", question="q15", text=text
        )
        if number <= coded:
            for name in sorted(given):
                Coding.objects.create(source=source, code=codes[name], coder=coder)
    return campaign, codes


def trained(campaign, user) -> SuggestionModel:
    row = suggestions.start_training(campaign, user=user)
    row.refresh_from_db()
    assert row.status == SuggestionModel.Status.READY, suggestions.describe(row)
    return row


# -- Training ----------------------------------------------------------------------------------


def test_training_learns_separable_codes_and_hides_the_weak_one(immediate, analyst_axel):
    campaign, codes = coded_campaign(analyst_axel)
    row = trained(campaign, analyst_axel)
    assert (row.version, row.progress, row.trained_on, row.message) == (1, 100, 60, "done")
    metrics = row.metrics["codes"]
    for name in ("teletravail", "logement", "familles"):
        found = metrics[str(codes[name].guid)]
        assert found["trained"] and found["suggested"] and found["f1"] >= 0.9, found
        assert found["support"] == found["positives"] == 20
    weak = metrics[str(codes["hasard"].guid)]
    assert weak["trained"] and weak["f1"] < row.floor and not weak["suggested"]
    assert row.coder_name == "model:vivier-lemmes@1"
    line = LogEntry.objects.get(additional_data__event="coding.suggestions-train")
    assert line.actor == analyst_axel and line.additional_data["texts"] == 60


def test_a_second_training_is_the_next_version(immediate, analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    trained(campaign, analyst_axel)
    assert trained(campaign, analyst_axel).version == 2


def test_training_is_refused_with_too_few_coded_texts(immediate, analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel, coded=suggestions.MIN_CODED_TEXTS - 1)
    with pytest.raises(ProblemError) as refused:
        suggestions.start_training(campaign, user=analyst_axel)
    assert refused.value.kind is ProblemCode.SUGGEST_TOO_FEW_TEXTS
    assert not SuggestionModel.objects.exists()


def test_training_is_refused_when_no_code_has_enough_examples(immediate, analyst_axel):
    campaign, codes = coded_campaign(analyst_axel, coded=24)
    Coding.objects.all().delete()
    book = codes["hasard"].codebook
    few = [Code.objects.create(codebook=book, name=f"Rare {i}") for i in range(6)]
    for i, source in enumerate(Source.objects.filter(campaign=campaign).order_by("pk")[:24]):
        Coding.objects.create(source=source, code=few[i % 6], coder=analyst_axel)
    with pytest.raises(ProblemError) as refused:
        suggestions.start_training(campaign, user=analyst_axel)
    assert refused.value.kind is ProblemCode.SUGGEST_TOO_FEW_EXAMPLES
    assert refused.value.diagnostic.params == {"needed": 5, "best": 4}


def test_one_training_at_a_time(analyst_axel):
    # The database backend: the task waits in the queue, no worker runs it.
    campaign, _codes = coded_campaign(analyst_axel)
    row = suggestions.start_training(campaign, user=analyst_axel)
    assert row.status == SuggestionModel.Status.QUEUED and row.task_id
    with pytest.raises(ProblemError) as refused:
        suggestions.start_training(campaign, user=analyst_axel)
    assert refused.value.kind is ProblemCode.SUGGEST_TRAINING_RUNNING
    assert SuggestionModel.objects.count() == 1


# Committed for real: the worker closes and opens connections between tasks, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_training(analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    row = suggestions.start_training(campaign, user=analyst_axel)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    row.refresh_from_db()
    assert row.status == SuggestionModel.Status.READY and row.progress == 100
    assert suggestions.load(row).codes


def test_a_training_cut_short_by_a_stopped_server_is_marked_failed(analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    row = suggestions.start_training(campaign, user=analyst_axel)
    SuggestionModel.objects.filter(pk=row.pk).update(status=SuggestionModel.Status.TRAINING)
    assert suggestions.interrupted() == 1
    row.refresh_from_db()
    assert row.status == SuggestionModel.Status.FAILED
    assert "interrompu" in suggestions.describe(row)
    assert suggestions.start_training(campaign, user=analyst_axel).version == 2


def test_a_failed_training_says_why_without_a_trace(immediate, analyst_axel, monkeypatch):
    campaign, _codes = coded_campaign(analyst_axel)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("vivier.qualitative.suggest.train", broken)
    row = suggestions.start_training(campaign, user=analyst_axel)
    row.refresh_from_db()
    assert row.status == SuggestionModel.Status.FAILED and not row.artefact
    assert "erreur inattendue" in suggestions.describe(row)
    assert "secret internals" not in suggestions.describe(row)


def test_names_found_in_texts_never_reach_the_model(immediate, analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    source = Source.objects.filter(campaign=campaign).order_by("pk").first()
    source.text = "Madame Zébulonne nous a appelés. " + source.text
    source.personal_data = True
    source.save()
    PiiFlag.objects.create(source=source, kind=PiiFlag.Kind.PERSON, start=7, end=16)
    row = trained(campaign, analyst_axel)
    vocabulary = suggestions.load(row).fitted.vectorizer.vocabulary_
    assert not [word for word in vocabulary if "zebulonne" in word]


# -- The signed model --------------------------------------------------------------------------


def test_a_tampered_or_foreign_model_is_never_loaded(immediate, analyst_axel, settings):
    campaign, _codes = coded_campaign(analyst_axel)
    row = trained(campaign, analyst_axel)
    assert suggestions.load(row).codes
    blob = bytearray(row.artefact)
    blob[-5] ^= 1
    row.artefact = bytes(blob)
    with pytest.raises(ProblemError) as refused:
        suggestions.load(row)
    assert refused.value.kind is ProblemCode.SUGGEST_ARTEFACT_INVALID
    row.refresh_from_db()
    original = settings.SECRET_KEY
    settings.SECRET_KEY = "another-server-" + original
    with pytest.raises(ProblemError):
        suggestions.load(row)
    settings.SECRET_KEY_FALLBACKS = [original]  # the key was rotated: still this server's
    assert suggestions.load(row).codes
    # Signed for another row: not this row's model.
    other = SuggestionModel.objects.create(campaign=campaign, version=9, status="ready")
    other.artefact = row.artefact
    with pytest.raises(ProblemError):
        suggestions.load(other)


# -- Proposing and deciding --------------------------------------------------------------------


def test_propose_suggests_on_uncoded_texts_only_and_once(immediate, analyst_axel):
    campaign, codes = coded_campaign(analyst_axel)
    row = trained(campaign, analyst_axel)
    made = suggestions.propose(campaign, row)
    found = Coding.objects.filter(origin=Coding.Origin.MODEL)
    assert made == found.count() >= UNCODED - 2
    coded = set(
        Coding.objects.filter(origin=Coding.Origin.HUMAN).values_list("source_id", flat=True)
    )
    for suggestion in found:
        assert suggestion.source_id not in coded
        assert (suggestion.model, suggestion.coder, suggestion.status) == (row, None, "suggested")
        assert suggestion.start is None and suggestion.end is None
        assert suggestion.code != codes["hasard"] and suggestion.score >= 0.5
    per_source = {s: found.filter(source_id=s).count() for s in found.values_list("source_id")}
    assert max(per_source.values()) <= 3
    assert suggestions.propose(campaign, row) == 0
    assert LogEntry.objects.filter(additional_data__event="coding.suggestions-propose").count() == 2


def test_propose_needs_a_ready_model(analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    with pytest.raises(ProblemError) as refused:
        suggestions.propose(campaign)
    assert refused.value.kind is ProblemCode.SUGGEST_NO_MODEL


def test_accepting_makes_the_persons_own_coding(immediate, analyst_axel, analyst_bea):
    campaign, _codes = coded_campaign(analyst_axel)
    suggestions.propose(campaign, trained(campaign, analyst_axel))
    suggestion = Coding.objects.filter(origin=Coding.Origin.MODEL).first()
    human = suggestions.accept(suggestion, user=analyst_bea)
    assert (human.origin, human.coder, human.status) == ("human", analyst_bea, "applied")
    assert (human.source, human.code, human.start) == (suggestion.source, suggestion.code, None)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("accepted", analyst_bea)
    assert suggestion.decided_at is not None
    with pytest.raises(ProblemError) as refused:
        suggestions.accept(suggestion, user=analyst_bea)
    assert refused.value.kind is ProblemCode.SUGGEST_ALREADY_DECIDED
    assert Coding.objects.filter(origin="human", coder=analyst_bea).count() == 1
    assert LogEntry.objects.filter(additional_data__event="coding.suggestion-accept").exists()


def test_a_refused_suggestion_is_kept_and_not_proposed_again(immediate, analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    row = trained(campaign, analyst_axel)
    suggestions.propose(campaign, row)
    suggestion = Coding.objects.filter(origin=Coding.Origin.MODEL).first()
    suggestions.reject(suggestion, user=analyst_axel)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("rejected", analyst_axel)
    assert suggestion not in suggestions.pending_for(suggestion.source)
    assert not Coding.objects.filter(origin="human", source=suggestion.source).exists()
    newer = trained(campaign, analyst_axel)
    suggestions.propose(campaign, newer)
    assert not Coding.objects.filter(model=newer, source=suggestion.source).exists()


def test_a_newer_model_replaces_the_pending_suggestions(immediate, analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    first = trained(campaign, analyst_axel)
    suggestions.propose(campaign, first)
    second = trained(campaign, analyst_axel)
    suggestions.propose(campaign, second)
    pending = suggestions.pending(campaign)
    assert pending.exists() and set(pending.values_list("model", flat=True)) == {second.pk}
    assert Coding.objects.filter(model=first, removed_at__isnull=False).exists()


def test_the_model_is_a_coder_of_its_own_never_counted_as_a_person(immediate, analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    suggestions.propose(campaign, trained(campaign, analyst_axel))
    before = suggestions.training_data(campaign)
    model_codings = Coding.objects.filter(origin=Coding.Origin.MODEL)
    assert model_codings.exists()
    assert set(model_codings.values_list("coder", flat=True)) == {None}
    assert set(model_codings.values_list("model__version", flat=True)) == {1}
    # Suggestions are not what the next model learns from: only people's codings are.
    assert len(before.texts) == 60


def test_texts_of_an_open_blind_round_are_left_out(immediate, analyst_axel, analyst_bea):
    campaign, _codes = coded_campaign(analyst_axel)
    row = trained(campaign, analyst_axel)
    sources = list(Source.objects.filter(campaign=campaign).order_by("-pk")[:3])
    make_round(campaign, sources, [analyst_axel, analyst_bea])
    suggestions.propose(campaign, row)
    assert not Coding.objects.filter(origin="model", source__in=sources).exists()
    assert all(suggestions.pending_for(s) == [] for s in sources)
    coded = list(Source.objects.filter(campaign=campaign).order_by("pk")[:2])
    make_round(campaign, coded, [analyst_axel, analyst_bea], number=2)
    assert len(suggestions.training_data(campaign).texts) == 58


# -- The command -------------------------------------------------------------------------------


def test_the_command_trains_with_progress_then_proposes(analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel)
    out = StringIO()
    call_command("coding", "suggest", campaign.slug, "--train", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "training suggestion model version 1"
    assert any(line.strip().endswith("% lemmas") for line in lines)
    assert lines[-2].startswith("model version 1 ready: 60 coded texts, 4 codes trained, 3 ")
    made = Coding.objects.filter(origin="model").count()
    assert lines[-1] == f"{made} suggestions made by model version 1; {made} waiting for a decision"
    again = StringIO()
    call_command("coding", "suggest", campaign.slug, stdout=again)
    assert again.getvalue() == (
        f"0 suggestions made by model version 1; {made} waiting for a decision\n"
    )


def test_the_command_says_what_is_missing(analyst_axel):
    campaign, _codes = coded_campaign(analyst_axel, coded=3)
    with pytest.raises(CommandError, match="no suggestion model is ready"):
        call_command("coding", "suggest", campaign.slug)
    with pytest.raises(CommandError, match="only 3 texts are coded"):
        call_command("coding", "suggest", campaign.slug, "--train")
