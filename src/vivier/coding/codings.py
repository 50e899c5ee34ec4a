"""Putting codes on texts: apply, remove, undo, memos, and what each person sees of them.

A coding is one code on a whole source or on the span [start, end) of it, counted in
Unicode characters (code points) as REFI-QDA counts them. Its quoted words (``exact``,
``prefix``, ``suffix``) are kept beside the offsets so that the span can be found again when
the text changes elsewhere (:mod:`vivier.qualitative.spans`).

Why removal is a date, not a deletion: "undo" brings a removed coding back, and a round's
agreement must be computed on what each coder last decided. Undo is one step deep and
toggles: the coder's most recent event in the campaign (an add or a removal) is reverted,
and an undo is itself a removal or an add, so a second undo redoes what the first undid.

Blind double coding: while a source is in an open blind round, each person sees only their
own codings of it, so that a coder cannot follow another's reading before the round closes;
once the round closes, everyone sees everything again. Model suggestions are not codings
here: the suggestions area shows them and a person's click turns one into a coding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vivier.problems import ProblemCode, ProblemError, problem
from vivier.qualitative import spans

from . import masking
from .models import Code, Coding, CodingRound, Memo, RoundAssignment, Source

#: The longest memo kept: a paragraph of thought, not a document.
MEMO_MAX_LENGTH = 5000


def _refuse(kind: ProblemCode, **params: Any) -> ProblemError:
    return ProblemError(problem(kind, **params))


# -- Which code, which span -------------------------------------------------------------------


def applies_to(code: Code, source: Source) -> bool:
    """Whether ``code`` is meant for ``source``'s question (no list: every source)."""
    return not code.questions or source.question in code.questions


def codes_for(source: Source, codes: list[Code]) -> list[Code]:
    """The codes of ``codes`` a person may put on ``source``: active, codable, meant for it."""
    return [c for c in codes if c.active and c.is_codable and applies_to(c, source)]


def check_code(source: Source, code: Code) -> None:
    """Refuses a code of another campaign, merged away, that only groups, or for another
    question."""
    if code.codebook.campaign_id != source.campaign_id:
        raise _refuse(ProblemCode.CODING_CODE_ELSEWHERE, code=code.name)
    if not code.active:
        raise _refuse(ProblemCode.CODING_CODE_INACTIVE, code=code.name)
    if not code.is_codable:
        raise _refuse(ProblemCode.CODING_CODE_NOT_CODABLE, code=code.name)
    if not applies_to(code, source):
        raise _refuse(
            ProblemCode.CODING_CODE_OTHER_QUESTION, code=code.name, question=source.question
        )


def check_span(text: str, start: int | None, end: int | None) -> None:
    """Refuses half a span, an empty one, one outside the text (offsets in code points)."""
    if start is None and end is None:
        return
    if start is None or end is None:
        raise _refuse(ProblemCode.CODING_SPAN_HALF)
    reason = spans.validate(text, start, end)
    if reason is None:
        return
    if start >= end:
        raise _refuse(ProblemCode.CODING_SPAN_EMPTY, start=start, end=end)
    if start < 0 or end > len(text):
        raise _refuse(ProblemCode.CODING_SPAN_OUTSIDE, start=start, end=end, length=len(text))
    raise _refuse(ProblemCode.CODING_SPAN_INVALID, start=start, end=end, reason=reason)


def round_of(source: Source, user: Any) -> CodingRound | None:
    """The open round in which ``user`` was given ``source`` to code, if any."""
    if user.pk is None:
        return None
    found = (
        RoundAssignment.objects.filter(
            source=source, coder_id=user.pk, round__status=CodingRound.Status.OPEN
        )
        .select_related("round")
        .order_by("round__number")
        .first()
    )
    return found.round if found else None


# -- Apply, remove, undo -----------------------------------------------------------------------


def _human(user: Any) -> QuerySet[Coding]:
    return Coding.objects.filter(origin=Coding.Origin.HUMAN, coder_id=user.pk)


@transaction.atomic
def apply(
    source: Source,
    code: Code,
    *,
    user: Any,
    start: int | None = None,
    end: int | None = None,
    round: CodingRound | None = None,
) -> Coding:
    """Puts ``code`` on ``source`` (whole, or on [start, end)) for ``user``.

    The same code on the same span by the same person is one coding: applying it again
    gives the coding back (brought back if it had been removed). Several codes on one
    segment are several codings. Raises :class:`ProblemError` for a refused code or span.
    """
    check_code(source, code)
    check_span(source.text, start, end)
    # One writer per source at a time: a double click makes one coding, not two.
    Source.objects.select_for_update().filter(pk=source.pk).first()
    if round is None:
        round = round_of(source, user)
    existing = (
        _human(user)
        .filter(source=source, code=code, start=start, end=end)
        .order_by(F("removed_at").asc(nulls_first=True), "-pk")  # a live one first
        .first()
    )
    now = timezone.now()
    if existing is not None:
        if existing.removed_at is not None:
            # Brought back: an add again, which "undo" may take back.
            existing.removed_at = None
            existing.created_at = now
            existing.round = round
            existing.save(update_fields=["removed_at", "created_at", "round"])
        return existing
    exact, prefix, suffix = ("", "", "")
    if start is not None and end is not None:
        exact, prefix, suffix = spans.selector(source.text, start, end)
    return Coding.objects.create(
        source=source,
        code=code,
        origin=Coding.Origin.HUMAN,
        coder=user,
        status=Coding.Status.APPLIED,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        round=round,
        created_at=now,
    )


def remove(coding: Coding, *, user: Any) -> Coding:
    """Takes ``coding`` off its source (kept, dated, so that undo may bring it back).

    Only the person who made a coding may remove it; a model's suggestion is refused or
    accepted in the suggestions area, not removed here.
    """
    if coding.origin != Coding.Origin.HUMAN or coding.coder_id != user.pk or user.pk is None:
        raise _refuse(ProblemCode.CODING_NOT_OWN)
    if coding.removed_at is None:
        coding.removed_at = timezone.now()
        coding.save(update_fields=["removed_at"])
    return coding


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo did: the coding it changed (``None``: nothing to undo) and whether that
    coding is now off (``removed``) or back on."""

    coding: Coding | None
    removed: bool

    def message(self) -> str:
        if self.coding is None:
            return _("Rien à annuler.")
        names = {"code": self.coding.code.name, "source": self.coding.source.name}
        if self.removed:
            return _("Annulé : « %(code)s » retiré de « %(source)s ».") % names
        return _("Annulé : « %(code)s » remis sur « %(source)s ».") % names


@transaction.atomic
def undo_step(campaign: Any, *, user: Any) -> Undone:
    """Reverts ``user``'s most recent add or removal among the campaign's codings."""
    mine = _human(user).filter(source__campaign=campaign).select_related("code", "source")
    last_add = mine.order_by("-created_at", "-pk").first()
    last_removal = mine.filter(removed_at__isnull=False).order_by("-removed_at", "-pk").first()
    if last_add is None:
        return Undone(None, removed=False)
    if last_removal is not None and last_removal.removed_at >= last_add.created_at:
        if (
            _human(user)
            .filter(
                source_id=last_removal.source_id,
                code_id=last_removal.code_id,
                start=last_removal.start,
                end=last_removal.end,
                removed_at__isnull=True,
            )
            .exists()
        ):
            # Applied again since: bringing this one back would make it twice.
            return Undone(None, removed=False)
        last_removal.removed_at = None
        last_removal.save(update_fields=["removed_at"])
        return Undone(last_removal, removed=False)
    last_add.removed_at = timezone.now()
    last_add.save(update_fields=["removed_at"])
    return Undone(last_add, removed=True)


def undo(campaign: Any, *, user: Any) -> str:
    """Reverts ``user``'s most recent add or removal in ``campaign``; says what it did."""
    return undo_step(campaign, user=user).message()


# -- What a person sees ------------------------------------------------------------------------


def blind_source_ids(campaign: Any) -> QuerySet[RoundAssignment, int]:
    """The sources of ``campaign`` in an open blind round (a subquery, not a list)."""
    return RoundAssignment.objects.filter(
        round__campaign=campaign, round__status=CodingRound.Status.OPEN, round__blind=True
    ).values("source_id")


def assigned_source_ids(campaign: Any, user: Any, *, open_only: bool = True) -> QuerySet[Any]:
    """The sources of ``campaign`` a round gave ``user`` to code (a subquery of
    ``source_id``), in open rounds only unless ``open_only`` is false."""
    found = RoundAssignment.objects.filter(round__campaign=campaign, coder_id=user.pk)
    if open_only:
        found = found.filter(round__status=CodingRound.Status.OPEN)
    return found.values("source_id")


def in_blind_round(source: Source) -> bool:
    return RoundAssignment.objects.filter(
        source=source, round__status=CodingRound.Status.OPEN, round__blind=True
    ).exists()


def visible_codings(source: Source, user: Any, *, blind: bool | None = None) -> list[Coding]:
    """The codings of ``source`` (not removed, made by people) that ``user`` may see;
    ``blind``: whether the source is in an open blind round, when the caller knows."""
    found = Coding.objects.filter(
        source=source, origin=Coding.Origin.HUMAN, removed_at__isnull=True
    ).select_related("code", "coder")
    if in_blind_round(source) if blind is None else blind:
        found = found.filter(coder_id=user.pk) if user.pk is not None else found.none()
    return list(found.order_by("start", "end", "code__position", "pk"))


def coded_source_ids(campaign: Any, user: Any) -> set[int]:
    """The sources of ``campaign`` holding a coding ``user`` sees (one query)."""
    live = Coding.objects.filter(
        source__campaign=campaign, origin=Coding.Origin.HUMAN, removed_at__isnull=True
    )
    seen = Q(coder_id=user.pk) | ~Q(source_id__in=blind_source_ids(campaign))
    # No ordering: the model's (source, start, pk) would make every row distinct.
    return set(live.filter(seen).order_by().values_list("source_id", flat=True).distinct())


# -- Memos -------------------------------------------------------------------------------------


def add_memo(source: Source, text: str, *, user: Any, coding: Coding | None = None) -> Memo:
    """A memo of ``user`` on ``source``, or on one of its codings."""
    text = text.strip()
    if not text:
        raise _refuse(ProblemCode.CODING_MEMO_EMPTY)
    if coding is not None and coding.source_id != source.pk:
        raise ValueError("the coding is not on this source")
    return Memo.objects.create(
        campaign_id=source.campaign_id,
        source=source,
        coding=coding,
        text=text[:MEMO_MAX_LENGTH],
        author=user,
    )


def visible_memos(
    source: Source, user: Any, codings: list[Coding], *, blind: bool | None = None
) -> list[Memo]:
    """The memos on ``source`` and on the ``codings`` this person sees; in an open blind
    round, only their own (a memo tells a reading as much as a coding does)."""
    seen = {c.pk for c in codings}
    found = Memo.objects.filter(source=source).select_related("author", "coding__code")
    if in_blind_round(source) if blind is None else blind:
        found = found.filter(author_id=user.pk)
    return [m for m in found if m.coding_id is None or m.coding_id in seen]


# -- The text as shown, and offsets between it and the stored text ---------------------------


@dataclass(frozen=True, slots=True)
class _Region:
    """A masked part: [src_start, src_end) of the stored text shows as [shown_start,
    shown_end) of the shown one (its placeholder)."""

    src_start: int
    src_end: int
    shown_start: int
    shown_end: int


@dataclass(frozen=True, slots=True)
class Shown:
    """A source's text as one person sees it (names masked without the right), with the way
    from offsets in what they see to offsets in the stored text and back.

    Why: a person without the personal-data right selects words in the masked text; the
    span is stored on the real text, and shown to them again on the masked one. A span that
    starts or ends inside a placeholder takes in the whole masked words.
    """

    text: str
    regions: tuple[_Region, ...] = ()

    def to_source(self, offset: int, *, end: bool = False) -> int:
        delta = 0
        for r in self.regions:
            if offset <= r.shown_start:
                break
            if offset < r.shown_end:
                return r.src_end if end else r.src_start
            delta = r.src_end - r.shown_end
        return offset + delta

    def to_shown(self, offset: int, *, end: bool = False) -> int:
        delta = 0
        for r in self.regions:
            if offset <= r.src_start:
                break
            if offset < r.src_end:
                return r.shown_end if end else r.shown_start
            delta = r.shown_end - r.src_end
        return offset + delta

    def excerpt(self, coding: Coding) -> str:
        """The words of a span coding as this person may read them."""
        if coding.start is None or coding.end is None:
            return ""
        start = self.to_shown(coding.start)
        return self.text[start : self.to_shown(coding.end, end=True)]


def shown(source: Source, user: Any) -> Shown:
    """``source``'s text as ``user`` sees it (:func:`masking.visible_text`)."""
    found = masking.spans(source, sees=masking.sees_personal_data(user))
    if not found:
        return Shown(source.text)
    text = masking.masked(source.text, found)
    # The walk of masking.masked, keeping where each placeholder sits.
    regions: list[_Region] = []
    at = length = 0
    for start, end, kind in found:
        length += start - at
        piece = len(masking.placeholder(kind))
        regions.append(_Region(start, end, length, length + piece))
        length += piece
        at = end
    return Shown(text, tuple(regions))


__all__ = [
    "MEMO_MAX_LENGTH",
    "Shown",
    "Undone",
    "add_memo",
    "applies_to",
    "apply",
    "assigned_source_ids",
    "blind_source_ids",
    "check_code",
    "check_span",
    "coded_source_ids",
    "codes_for",
    "in_blind_round",
    "remove",
    "round_of",
    "shown",
    "undo",
    "undo_step",
    "visible_codings",
    "visible_memos",
]
