"""Suggested codes: training a campaign's model, proposing its codes, a person's decision.

The model (:mod:`vivier.qualitative.suggest`) learns from what people coded: human codings
applied or accepted, not removed, outside the sources of an open blind round (a model taught
by one coder of a blind round would whisper that coder's reading to the others). Each
source is one text with the set of codes people gave it; a code's span counts for the whole
text. Texts are read with every name and contact the personal-data pass found masked, so
that no name ends up in the model's vocabulary.

Training runs in the background (:mod:`vivier.coding.tasks`, Django's tasks framework with
the database backend; ``vivier serve`` runs the worker) and writes its progress on the
:class:`SuggestionModel` row. The fitted model is stored pickled and signed with an HMAC of
the server's secret: pickle runs code when it loads, so a blob whose signature does not
match is never loaded (:func:`load`).

A suggestion is a :class:`Coding` of the model coder (origin ``model``, its row, a score,
status ``suggested``) on a whole text. It is never applied by itself: a person accepts it,
which makes their own human coding (:func:`accept`), or refuses it (:func:`reject`), and
the refusal is kept so the code is not proposed again on that text. The agreement machinery
compares the model coder with people like any other coder.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vivier import audit
from vivier.campaigns.forms_base import language
from vivier.campaigns.models import Campaign
from vivier.problems import ProblemCode, ProblemError, problem
from vivier.problems.catalogue import members_of
from vivier.qualitative import suggest

from . import codings, masking
from .models import Code, Coding, PiiFlag, Source, SuggestionModel

logger = logging.getLogger(__name__)

#: Fewer coded texts than this and a model would learn nothing worth suggesting.
MIN_CODED_TEXTS = 20
#: The settings every campaign's model is trained with (floor, k, folds...).
SETTINGS = suggest.Settings()
#: A training still queued or running after this long has lost its worker.
STALE_AFTER = timedelta(hours=6)
#: Sources lemmatised per batch when proposing (memory stays flat on large campaigns).
PROPOSE_BATCH = 500

_MAGIC = b"vivier-suggest-v1:"
_DIGEST = hashlib.sha256().digest_size

Status = SuggestionModel.Status

#: What a row's ``message`` key says while it trains.
_PHASES = {
    "queued": gettext_lazy("En attente du traitement en arrière-plan"),
    "lemmas": gettext_lazy("Lecture des textes (lemmes)"),
    "measure": gettext_lazy("Mesure de la qualité sur des textes mis de côté"),
    "fit": gettext_lazy("Entraînement sur tous les textes codés"),
    "done": gettext_lazy("Prêt"),
    "interrupted": gettext_lazy(
        "L’entraînement a été interrompu (serveur arrêté pendant l’entraînement) : relancez-le."
    ),
    "error": gettext_lazy(
        "L’entraînement a échoué sur une erreur inattendue, consignée dans le journal du serveur."
    ),
}


# -- What the model learns from ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrainingData:
    """One text per coded source, and the guids of the codes people gave it."""

    source_ids: list[int]
    texts: list[str]
    labels: list[set[str]]
    codes: dict[str, Code]


def _blind_sources(campaign: Campaign) -> QuerySet[Any]:
    return codings.blind_source_ids(campaign)


def readable_texts(sources: Iterable[Source]) -> dict[int, str]:
    """Each source's text with what the personal-data pass found masked (one query)."""
    found = list(sources)
    flags: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    flagged = [s.pk for s in found if s.personal_data]
    if flagged:
        rows = (
            PiiFlag.objects.filter(source_id__in=flagged)
            .exclude(status=PiiFlag.Status.DISMISSED)
            .values_list("source_id", "start", "end", "kind")
        )
        for source_id, start, end, kind in rows:
            flags[source_id].append((start, end, kind))
    return {s.pk: masking.masked(s.text, flags[s.pk]) if flags[s.pk] else s.text for s in found}


def training_data(campaign: Campaign) -> TrainingData:
    codes = {
        str(code.guid): code
        for code in Code.objects.filter(codebook__campaign=campaign, active=True, is_codable=True)
    }
    rows = (
        Coding.objects.filter(
            source__campaign=campaign,
            origin=Coding.Origin.HUMAN,
            status__in=[Coding.Status.APPLIED, Coding.Status.ACCEPTED],
            removed_at__isnull=True,
            code__active=True,
            code__is_codable=True,
        )
        # A coding made in an open blind round is on one of its sources: left out with it.
        .exclude(source_id__in=_blind_sources(campaign))
        .values_list("source_id", "code__guid")
    )
    labels: dict[int, set[str]] = defaultdict(set)
    for source_id, guid in rows:
        labels[source_id].add(str(guid))
    ordered = sorted(labels)
    texts = readable_texts(Source.objects.filter(pk__in=ordered).order_by("pk"))
    return TrainingData(
        ordered, [texts[pk] for pk in ordered], [labels[pk] for pk in ordered], codes
    )


def check_trainable(data: TrainingData, options: suggest.Settings = SETTINGS) -> None:
    """Refuses (``ProblemError``) a campaign with too few coded texts to learn from."""
    if len(data.texts) < MIN_CODED_TEXTS:
        raise ProblemError(
            problem(
                ProblemCode.SUGGEST_TOO_FEW_TEXTS, coded=len(data.texts), needed=MIN_CODED_TEXTS
            )
        )
    counts: dict[str, int] = defaultdict(int)
    for given in data.labels:
        for guid in given:
            counts[guid] += 1
    best = max(counts.values(), default=0)
    if best < options.min_positives:
        raise ProblemError(
            problem(ProblemCode.SUGGEST_TOO_FEW_EXAMPLES, needed=options.min_positives, best=best)
        )


# -- Training ---------------------------------------------------------------------------------


def interrupted() -> int:
    """Marks failed the trainings still said to run: called when the server's only worker
    starts, after a server stopped or killed in the middle of one."""
    return SuggestionModel.objects.filter(status=Status.TRAINING).update(
        status=Status.FAILED, message="interrupted", finished_at=timezone.now()
    )


def running(campaign: Campaign) -> SuggestionModel | None:
    """The campaign's model being trained or waiting to be, if any. One left waiting or
    running for longer than :data:`STALE_AFTER` (its worker is gone) is marked failed."""
    busy = SuggestionModel.objects.filter(
        campaign=campaign, status__in=[Status.QUEUED, Status.TRAINING]
    )
    busy.filter(created_at__lt=timezone.now() - STALE_AFTER).update(
        status=Status.FAILED, message="interrupted", finished_at=timezone.now()
    )
    return busy.order_by("-version").first()


def latest_ready(campaign: Campaign) -> SuggestionModel | None:
    return (
        SuggestionModel.objects.filter(campaign=campaign, status=Status.READY)
        .order_by("-version")
        .first()
    )


@transaction.atomic
def start_training(
    campaign: Campaign, *, user: Any, request: Any = None, enqueue: bool = True
) -> SuggestionModel:
    """A new model row (version n+1, queued), its training enqueued in the background.

    Refuses with a ``SUGGEST_*`` problem when the campaign has too few coded texts or a model
    is already being trained. ``enqueue=False``: the caller trains it itself
    (:func:`run_training`, the command line does).
    """
    # One training at a time per campaign: the campaign row is the lock.
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    busy = running(campaign)
    if busy is not None:
        raise ProblemError(problem(ProblemCode.SUGGEST_TRAINING_RUNNING, version=busy.version))
    data = training_data(campaign)
    check_trainable(data)
    last = SuggestionModel.objects.filter(campaign=campaign).aggregate(n=Max("version"))["n"]
    row = SuggestionModel.objects.create(
        campaign=campaign,
        version=(last or 0) + 1,
        status=Status.QUEUED,
        message="queued",
        floor=SETTINGS.floor,
        created_by=user if getattr(user, "pk", None) else None,
    )
    audit.record(
        request, "coding.suggestions-train", row, actor=_actor(user), texts=len(data.texts)
    )
    if enqueue:
        from .tasks import train_suggestion_model

        result = train_suggestion_model.enqueue(row.pk)
        SuggestionModel.objects.filter(pk=row.pk).update(task_id=str(result.id)[:64])
        row.refresh_from_db()
    return row


def _actor(user: Any) -> Any:
    return user if getattr(user, "pk", None) is not None else None


def _set(row: SuggestionModel, **fields: Any) -> None:
    """Writes on the row at once (outside any transaction: the page polls it)."""
    SuggestionModel.objects.filter(pk=row.pk).update(**fields)
    for name, value in fields.items():
        setattr(row, name, value)


def _key(row_pk: int) -> bytes:
    return f"vivier.coding.suggestions:{row_pk}".encode()


def _mac(secret: str | bytes, row_pk: int, payload: bytes) -> bytes:
    key = hashlib.sha256(_key(row_pk) + (secret.encode() if isinstance(secret, str) else secret))
    return hmac.new(key.digest(), payload, hashlib.sha256).digest()


def sign(row: SuggestionModel, payload: bytes) -> bytes:
    """``payload`` with an HMAC of the server's secret, bound to this row."""
    return _MAGIC + _mac(settings.SECRET_KEY, row.pk, payload) + payload


def verified(row: SuggestionModel) -> bytes:
    """The row's artefact without its signature, if the signature is this server's (the
    current secret or one of its fallbacks); ``ProblemError`` otherwise."""
    blob = bytes(row.artefact or b"")
    payload = blob[len(_MAGIC) + _DIGEST :]
    given = blob[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if blob.startswith(_MAGIC) and any(
        hmac.compare_digest(given, _mac(secret, row.pk, payload)) for secret in secrets
    ):
        return payload
    raise ProblemError(problem(ProblemCode.SUGGEST_ARTEFACT_INVALID, version=row.version))


def load(row: SuggestionModel) -> suggest.Model:
    """The fitted model of a ready row, after its signature is checked."""
    if row.status != Status.READY:
        raise ProblemError(problem(ProblemCode.SUGGEST_NO_MODEL))
    return suggest.Model.from_bytes(verified(row))


def metrics_of(
    model: suggest.Model, codes: dict[str, Code], seconds: float = 0.0
) -> dict[str, Any]:
    """What a row keeps of a model's quality: per code guid, micro-averages, settings."""
    per_code = {}
    for guid, count in model.positives.items():
        measured = model.held_out.codes.get(guid)
        code = codes.get(guid)
        per_code[guid] = {
            "name": code.name if code else "",
            "positives": count,
            "trained": measured is not None,
            "suggested": guid in model.suggested,
            **(measured.as_dict() if measured else {}),
        }
    return {
        "k": model.settings.k,
        "texts": model.trained_on,
        "threshold": model.settings.threshold,
        "min_positives": model.settings.min_positives,
        "folds": model.settings.folds,
        "micro": model.held_out.micro.as_dict(),
        "micro_suggested": model.held_out.micro_suggested.as_dict(),
        "codes": per_code,
        "seconds": round(seconds, 2),
        "versions": model.versions,
    }


def run_training(
    model_id: int, *, progress: Callable[[int, str], None] | None = None
) -> SuggestionModel:
    """Trains the queued row ``model_id``: ready with its metrics and signed artefact, or
    failed with a message (the reason from the catalogue, or "unexpected error" while the
    trace goes to the server's log). Never raises for a failed training."""
    row = SuggestionModel.objects.select_related("campaign").get(pk=model_id)
    if row.status not in (Status.QUEUED, Status.TRAINING):
        return row
    _set(row, status=Status.TRAINING, progress=0, message="lemmas")
    started = time.perf_counter()

    def step(percent: int, phase: str) -> None:
        percent = max(0, min(99, percent))
        if percent != row.progress or phase != row.message:
            _set(row, progress=percent, message=phase)
        if progress is not None:
            progress(percent, phase)

    try:
        data = training_data(row.campaign)
        check_trainable(data)
        model = suggest.train(data.texts, data.labels, settings=SETTINGS, progress=step)
        artefact = sign(row, model.to_bytes())
        _set(
            row,
            status=Status.READY,
            progress=100,
            message="done",
            metrics=metrics_of(model, data.codes, time.perf_counter() - started),
            trained_on=len(data.texts),
            artefact=artefact,
            finished_at=timezone.now(),
        )
    except ProblemError as error:
        _set(
            row,
            status=Status.FAILED,
            message=error.code,
            metrics={"problem": {k: str(v) for k, v in error.diagnostic.params.items()}},
            finished_at=timezone.now(),
        )
    except suggest.TooFewExamples as error:
        _set(
            row,
            status=Status.FAILED,
            message=ProblemCode.SUGGEST_TOO_FEW_EXAMPLES.code,
            metrics={"problem": {"needed": str(error.needed), "best": str(error.best)}},
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("training suggestion model %s failed", row.pk)
        _set(row, status=Status.FAILED, message="error", finished_at=timezone.now())
    if progress is not None:
        progress(row.progress, row.message)
    return row


def describe(row: SuggestionModel) -> str:
    """What the row's state says, in the reader's language."""
    phase = _PHASES.get(row.message)
    if phase is not None:
        return str(phase)
    members = members_of(row.message) if row.message else ()
    if members:
        params = (row.metrics or {}).get("problem", {})
        return problem(members[0], **params).message(language())
    return row.message


# -- Proposing ---------------------------------------------------------------------------------


def _pairs(rows: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    return set(rows)


def propose(
    campaign: Campaign,
    model: SuggestionModel | None = None,
    sources: Iterable[Source] | None = None,
    *,
    request: Any = None,
    user: Any = None,
) -> int:
    """Stores the model's suggestions for the campaign's texts no one has decided on yet;
    returns how many were made.

    A text someone coded, or on which someone already accepted or refused a suggestion, is
    left alone (the model learned from coded texts: it would repeat its lesson); so are the
    texts of an open blind round. At most ``k`` codes per text, only codes at or above the
    floor, never a code already given by a person, and each (text, code) once per model.
    Pending suggestions of earlier models on the texts proposed for are retired.
    """
    row = model or latest_ready(campaign)
    if row is None or row.campaign_id != campaign.pk:
        raise ProblemError(problem(ProblemCode.SUGGEST_NO_MODEL))
    fitted = load(row)
    codes = {
        str(code.guid): code
        for code in Code.objects.filter(codebook__campaign=campaign, active=True, is_codable=True)
    }
    allowed = [guid for guid in fitted.codes if guid in codes and guid in fitted.suggested]
    if not allowed:
        return 0
    decided = Coding.objects.filter(source__campaign=campaign).filter(
        origin=Coding.Origin.HUMAN, removed_at__isnull=True
    ) | Coding.objects.filter(
        source__campaign=campaign,
        origin=Coding.Origin.MODEL,
        status__in=[Coding.Status.ACCEPTED, Coding.Status.REJECTED],
    )
    candidates = (
        Source.objects.filter(campaign=campaign)
        .exclude(pk__in=_blind_sources(campaign))
        .exclude(pk__in=decided.values("source_id"))
        .order_by("pk")
    )
    if sources is not None:
        candidates = candidates.filter(pk__in=[s.pk for s in sources])
    ids = list(candidates.values_list("pk", flat=True))
    made = 0
    for start in range(0, len(ids), PROPOSE_BATCH):
        made += _propose_batch(row, fitted, codes, ids[start : start + PROPOSE_BATCH])
    audit.record(request, "coding.suggestions-propose", row, actor=_actor(user), made=made)
    return made


def _propose_batch(
    row: SuggestionModel, fitted: suggest.Model, codes: dict[str, Code], ids: list[int]
) -> int:
    batch = list(Source.objects.filter(pk__in=ids).order_by("pk"))
    texts = readable_texts(batch)
    found = fitted.suggest([texts[s.pk] for s in batch], k=len(fitted.codes))
    human = _pairs(
        Coding.objects.filter(
            source_id__in=ids, origin=Coding.Origin.HUMAN, removed_at__isnull=True
        ).values_list("source_id", "code_id")
    )
    mine = _pairs(
        Coding.objects.filter(source_id__in=ids, model=row, removed_at__isnull=True).values_list(
            "source_id", "code_id"
        )
    )
    now = timezone.now()
    new: list[Coding] = []
    for source, ranked in zip(batch, found, strict=True):
        kept = 0
        for guid, score in ranked:
            code = codes.get(guid)
            if code is None or not codings.applies_to(code, source):
                continue
            pair = (source.pk, code.pk)
            if pair in human:
                continue
            kept += 1
            if pair not in mine:
                new.append(
                    Coding(
                        source=source,
                        code=code,
                        origin=Coding.Origin.MODEL,
                        model=row,
                        status=Coding.Status.SUGGESTED,
                        score=round(score, 4),
                        created_at=now,
                    )
                )
            if kept >= fitted.settings.k:
                break
    with transaction.atomic():
        Coding.objects.filter(
            source_id__in=ids,
            origin=Coding.Origin.MODEL,
            status=Coding.Status.SUGGESTED,
            removed_at__isnull=True,
        ).exclude(model=row).update(removed_at=now)
        Coding.objects.bulk_create(new)
    return len(new)


# -- A person's decision -----------------------------------------------------------------------


def pending(campaign: Campaign) -> QuerySet[Coding]:
    """The campaign's suggestions no one decided on yet (outside open blind rounds)."""
    return (
        Coding.objects.filter(
            source__campaign=campaign,
            origin=Coding.Origin.MODEL,
            status=Coding.Status.SUGGESTED,
            removed_at__isnull=True,
        )
        .exclude(source_id__in=_blind_sources(campaign))
        .select_related("code", "source", "model")
    )


def pending_for(source: Source) -> list[Coding]:
    """The suggestions waiting on ``source``, best first (none while it is in an open blind
    round: a suggestion would steer a coder who must read alone)."""
    if codings.in_blind_round(source):
        return []
    return list(
        Coding.objects.filter(
            source=source,
            origin=Coding.Origin.MODEL,
            status=Coding.Status.SUGGESTED,
            removed_at__isnull=True,
        )
        .select_related("code", "model")
        .order_by("-score", "code__position", "pk")
    )


def _decided(suggestion: Coding) -> Coding:
    """The suggestion locked for a decision; refused if it was decided meanwhile."""
    locked = (
        Coding.objects.select_for_update().select_related("code", "source").get(pk=suggestion.pk)
    )
    if locked.origin != Coding.Origin.MODEL:
        raise ValueError("not a suggestion")
    if locked.status != Coding.Status.SUGGESTED or locked.removed_at is not None:
        decision = (
            _("acceptée") if locked.status == Coding.Status.ACCEPTED else _("refusée ou retirée")
        )
        raise ProblemError(
            problem(ProblemCode.SUGGEST_ALREADY_DECIDED, code=locked.code.name, decision=decision)
        )
    return locked


@transaction.atomic
def accept(suggestion: Coding, *, user: Any, request: Any = None) -> Coding:
    """The suggestion accepted by ``user``: it becomes their own human coding (returned)."""
    locked = _decided(suggestion)
    made = codings.apply(locked.source, locked.code, user=user)
    locked.status = Coding.Status.ACCEPTED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        request,
        "coding.suggestion-accept",
        locked.source,
        actor=_actor(user),
        code=str(locked.code.guid),
        model=locked.model_id,
    )
    return made


@transaction.atomic
def reject(suggestion: Coding, *, user: Any, request: Any = None) -> Coding:
    """The suggestion refused by ``user``; kept, so the code is not proposed there again."""
    locked = _decided(suggestion)
    locked.status = Coding.Status.REJECTED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(
        request,
        "coding.suggestion-reject",
        locked.source,
        actor=_actor(user),
        code=str(locked.code.guid),
        model=locked.model_id,
    )
    return locked


__all__ = [
    "MIN_CODED_TEXTS",
    "SETTINGS",
    "TrainingData",
    "accept",
    "check_trainable",
    "describe",
    "interrupted",
    "latest_ready",
    "load",
    "metrics_of",
    "pending",
    "pending_for",
    "propose",
    "readable_texts",
    "reject",
    "run_training",
    "running",
    "sign",
    "start_training",
    "training_data",
    "verified",
]
