"""The parity rule of a cross-evaluation committee ("évaluation croisée"), checked when a
session opens.

The report's model committee has 5 professionals and 5 persons supported. Each member sits
in one group for a session, never in between. Two rules are offered, chosen per committee:

- ``k + k``: at least ``k`` of each group, and as many of one as of the other;
- per organisation: each member organisation seats one professional and one person
  concerned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class SeatGroup(StrEnum):
    PROFESSIONAL = "professionnel"
    PERSON_CONCERNED = "personne_concernee"


class Rule(StrEnum):
    K_PLUS_K = "k_plus_k"
    PER_ORGANISATION = "par_organisation"


@dataclass(frozen=True)
class Seat:
    member: str
    group: SeatGroup
    organisation: str = ""


@dataclass(frozen=True)
class Breach:
    """Why a session may not open: ``code`` for the catalogue, and its values."""

    code: str
    professionals: int = 0
    persons_concerned: int = 0
    k: int = 0
    organisation: str = ""


def check(rule: Rule | str, seats: Iterable[Seat], k: int = 5) -> list[Breach]:
    """Every way the seats break the rule; an empty list means the session may open.

    ``rule`` may be the stored string (``"k_plus_k"``): it is read as a :class:`Rule`, so a
    committee's rule is never mistaken for the other one. ``k`` is at least 1: a session
    with nobody seated never opens.
    """
    rule = Rule(rule)
    k = max(k, 1)
    seats = list(seats)
    counts = Counter(seat.group for seat in seats)
    professionals = counts[SeatGroup.PROFESSIONAL]
    persons = counts[SeatGroup.PERSON_CONCERNED]
    breaches: list[Breach] = []
    if rule is Rule.K_PLUS_K:
        if professionals < k or persons < k:
            breaches.append(Breach("too_few", professionals, persons, k))
        if professionals != persons:
            breaches.append(Breach("unbalanced", professionals, persons, k))
        return breaches
    by_organisation: dict[str, Counter[SeatGroup]] = {}
    for seat in seats:
        by_organisation.setdefault(seat.organisation.strip(), Counter())[seat.group] += 1
    for organisation, seated in sorted(by_organisation.items()):
        if not organisation:
            breaches.append(
                Breach(
                    "no_organisation",
                    seated[SeatGroup.PROFESSIONAL],
                    seated[SeatGroup.PERSON_CONCERNED],
                )
            )
            continue
        if seated[SeatGroup.PROFESSIONAL] != 1 or seated[SeatGroup.PERSON_CONCERNED] != 1:
            breaches.append(
                Breach(
                    "organisation_unbalanced",
                    seated[SeatGroup.PROFESSIONAL],
                    seated[SeatGroup.PERSON_CONCERNED],
                    organisation=organisation,
                )
            )
    if not seats:
        breaches.append(Breach("too_few", 0, 0, 1))
    return breaches


__all__ = ["Breach", "Rule", "Seat", "SeatGroup", "check"]
