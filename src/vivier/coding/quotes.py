"""The quote bank: coded segments kept for reports, pseudonymised, reviewed by a person.

A quote is made from one coding (:func:`create`): the coded span, or the whole text for a
coding of a whole source, with names, contacts and places replaced by placeholders. What is
replaced is what the personal-data pass flagged in the source (flags nobody dismissed) and
what :func:`vivier.qualitative.pii.find` finds in the segment itself; a person is numbered
across the campaign in the order of its flags, so that "[Personne 1]" is the same person in
every quote made from the same flags.

Only reviewed quotes leave the workspace (:func:`usable`: the one rule reports, syntheses
and publications use). A reviewer may not mark as reviewed a quote in which the pass still
finds something, unless they say they checked it (:func:`review`, ``checked``); changing a
quote's text sends it back to review (:func:`edit`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from vivier import audit
from vivier.campaigns.models import Campaign
from vivier.problems import Localized, Location, ProblemCode, ProblemError
from vivier.problems.codes import joined
from vivier.qualitative import pii as finder
from vivier.qualitative.pseudonymise import Pseudonymised, Pseudonymiser
from vivier.text.controls import strip_controls

from .models import Coding, PiiFlag, Quote, Source

#: The consents a quote may rely on (the model's choices), for forms.
CONSENTS = Quote.Consent.choices
#: Longest quote kept (characters): a quote is a few sentences, not a whole interview.
MAX_LENGTH = 4000
#: Codings that may become a quote: put by a person, or a suggestion a person accepted.
QUOTABLE = (Coding.Status.APPLIED, Coding.Status.ACCEPTED)

_KIND_WORDS: dict[str, tuple[str, str]] = {
    "person": ("un nom de personne", "a person's name"),
    "email": ("une adresse électronique", "an e-mail address"),
    "phone": ("un numéro de téléphone", "a phone number"),
    "address": ("une adresse postale", "a postal address"),
    "nir": ("un numéro de sécurité sociale", "a social security number"),
    "birth_date": ("une date de naissance", "a date of birth"),
    "place": ("un nom de lieu", "a place name"),
}


class QuoteRefused(ProblemError):
    """A quote that cannot be made, changed or reviewed: a ``QUOTE_*`` code of the catalogue,
    located at the form field at fault."""

    @property
    def field(self) -> str:
        return self.diagnostic.location.field

    def describe(self, lang: str = "fr") -> str:
        return self.message(lang)


def kinds_words(kinds: list[str]) -> Localized:
    """ "un nom de personne, une adresse électronique" / "a person's name, an e-mail address"."""
    unique = list(dict.fromkeys(kinds))
    return joined(Localized(*_KIND_WORDS[k]) for k in unique if k in _KIND_WORDS)


# -- Pseudonymising a segment ------------------------------------------------------------------


def project_pseudonymiser(campaign: Campaign) -> Pseudonymiser:
    """Placeholders numbered over the whole campaign: its persons and places flagged (and
    not dismissed), in the order of their sources and offsets."""
    pseudonymiser = Pseudonymiser()
    flags = list(
        PiiFlag.objects.filter(source__campaign=campaign, kind__in=("person", "place"))
        .exclude(status=PiiFlag.Status.DISMISSED)
        .order_by("source_id", "start")
        .values_list("source_id", "kind", "start", "end")
    )
    texts = dict(Source.objects.filter(pk__in={f[0] for f in flags}).values_list("pk", "text"))
    for source_id, kind, start, end in flags:
        pseudonymiser.learn(kind, texts[source_id][start:end])
    return pseudonymiser


def segment_of(coding: Coding) -> tuple[int, int]:
    """[start, end) of the words a coding covers: its span, or the whole text."""
    length = len(coding.source.text)
    if coding.start is None or coding.end is None:
        return 0, length
    return min(coding.start, length), min(coding.end, length)


def pseudonymised(coding: Coding, pseudonymiser: Pseudonymiser | None = None) -> Pseudonymised:
    """The words of ``coding`` with what may identify someone replaced."""
    source = coding.source
    start, end = segment_of(coding)
    segment = source.text[start:end]
    flagged: list[finder.Found] = []
    dismissed: list[tuple[int, int]] = []
    for flag in source.pii_flags.filter(start__lt=end, end__gt=start):
        span = (max(flag.start, start) - start, min(flag.end, end) - start)
        if flag.status == PiiFlag.Status.DISMISSED:
            dismissed.append(span)
        else:
            flagged.append(finder.Found(flag.kind, *span))
    # What the pass finds in the segment, but not where a reviewer said "no personal data".
    found = [
        f
        for f in finder.find(segment)
        if not any(s <= f.start and f.end <= e for s, e in dismissed)
    ]
    spans = finder.merge(flagged + found, segment)
    if pseudonymiser is None:
        pseudonymiser = project_pseudonymiser(source.campaign)
    return pseudonymiser.pseudonymise(segment, spans)


# -- The quote bank ----------------------------------------------------------------------------


def _clean(text: str) -> str:
    cleaned = strip_controls(text or "").strip()
    if not cleaned:
        raise QuoteRefused.of(ProblemCode.QUOTE_EMPTY, Location(field="text"))
    if len(cleaned) > MAX_LENGTH:
        raise QuoteRefused.of(
            ProblemCode.QUOTE_TOO_LONG,
            Location(field="text"),
            length=len(cleaned),
            limit=MAX_LENGTH,
        )
    return cleaned


def _subject(quote: Quote) -> audit.Subject:
    # A quote's text may still hold a name before review: the trail names it by number.
    return audit.Subject(Quote, str(quote.pk), f"#{quote.pk}")


def create(coding: Coding, *, user: Any, consent: str, consent_note: str = "") -> Quote:
    """A quote of ``coding`` (not reviewed yet) relying on ``consent``."""
    if coding.removed_at is not None or coding.status not in QUOTABLE:
        raise QuoteRefused.of(ProblemCode.QUOTE_NOT_A_CODING, Location(field="coding"))
    if consent not in Quote.Consent.values:
        raise QuoteRefused.of(
            ProblemCode.QUOTE_CONSENT_UNKNOWN,
            Location(field="consent"),
            consent=consent,
            known=", ".join(Quote.Consent.values),
        )
    made = pseudonymised(coding)
    text = _clean(made.text)
    with transaction.atomic():
        quote = Quote.objects.create(
            coding=coding,
            source=coding.source,
            text=text,
            consent=consent,
            consent_note=strip_controls(consent_note or "").strip()[:300],
            created_by=user if getattr(user, "pk", None) else None,
        )
        audit.record(
            None,
            "coding.quote-create",
            _subject(quote),
            actor=quote.created_by,
            campaign=coding.source.campaign.slug,
            coding=coding.pk,
            consent=consent,
            placeholders=len(made.placeholders),
        )
    return quote


def edit(quote: Quote, text: str, *, user: Any) -> Quote:
    """Changes the text of ``quote``; a changed quote goes back to review."""
    cleaned = _clean(text)
    if cleaned == quote.text:
        return quote
    with transaction.atomic():
        quote.text = cleaned
        quote.reviewed, quote.reviewed_by, quote.reviewed_at = False, None, None
        quote.save(update_fields=["text", "reviewed", "reviewed_by", "reviewed_at"])
        audit.record(
            None,
            "coding.quote-edit",
            _subject(quote),
            actor=user if getattr(user, "pk", None) else None,
            chars=len(cleaned),
        )
    return quote


def still_personal(text: str) -> list[str]:
    """The kinds of what the pass still finds in a quote's text, in order."""
    return list(dict.fromkeys(f.kind for f in finder.find(text)))


def review(quote: Quote, *, user: Any, checked: bool = False) -> Quote:
    """Marks ``quote`` as reviewed, so reports may use it. Refused while the pass still finds
    a name or a contact in it, unless the reviewer ``checked`` it ("J'ai vérifié")."""
    left = still_personal(quote.text)
    if left and not checked:
        raise QuoteRefused.of(
            ProblemCode.QUOTE_STILL_PERSONAL, Location(field="checked"), kinds=kinds_words(left)
        )
    with transaction.atomic():
        quote.reviewed = True
        quote.reviewed_by = user if getattr(user, "pk", None) else None
        quote.reviewed_at = timezone.now()
        quote.save(update_fields=["reviewed", "reviewed_by", "reviewed_at"])
        audit.record(
            None,
            "coding.quote-review",
            _subject(quote),
            actor=quote.reviewed_by,
            checked=checked,
            still_found=len(left),
        )
    return quote


def usable(campaign: Campaign) -> QuerySet[Quote]:
    """The quotes reports, syntheses and publications may use: reviewed ones only."""
    return (
        Quote.objects.filter(source__campaign=campaign, reviewed=True)
        .select_related("coding__code", "source")
        .order_by("coding__code__position", "coding__code_id", "pk")
    )


def bank(
    campaign: Campaign, *, code_id: int | None = None, reviewed: bool | None = None
) -> QuerySet[Quote]:
    """The campaign's quotes, newest first; of one code, reviewed or not."""
    found = Quote.objects.filter(source__campaign=campaign).select_related(
        "coding__code", "source", "reviewed_by", "created_by"
    )
    if code_id is not None:
        found = found.filter(coding__code_id=code_id)
    if reviewed is not None:
        found = found.filter(reviewed=reviewed)
    return found.order_by("-created_at", "-pk")


__all__ = [
    "CONSENTS",
    "MAX_LENGTH",
    "QuoteRefused",
    "bank",
    "create",
    "edit",
    "project_pseudonymiser",
    "pseudonymised",
    "review",
    "segment_of",
    "still_personal",
    "usable",
]
