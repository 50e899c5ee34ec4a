"""Cross-evaluation committees: sessions, the parity check, opinions per group then joint.

A session moves one way: planned (its seats are set) → open (the parity rule holds;
contributions and opinions are recorded) → closed. The views check the state before
showing a form; the functions here check it again, for what may have changed since the
page was shown (another person opened or closed the session).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from vivier.plans import parity

from .models import (
    Committee,
    CommitteeMember,
    CommitteeSession,
    Contribution,
    Decision,
    Opinion,
    Plan,
    Seat,
    SessionState,
)

PROFESSIONAL = parity.SeatGroup.PROFESSIONAL.value
PERSON_CONCERNED = parity.SeatGroup.PERSON_CONCERNED.value
JOINT = "commun"
#: The order opinions are recorded in: each group's, then the joint one.
OPINION_ORDER = (PROFESSIONAL, PERSON_CONCERNED, JOINT)


class CommitteeError(Exception):
    """An action the session's state no longer allows; its message is for people."""


def opinions_for(plan: Plan) -> QuerySet[Opinion]:
    """Every opinion given on the plan's practice, by any committee, oldest session first."""
    return Opinion.objects.filter(session__practice=plan.practice).order_by(
        "session__date", "session_id", "group"
    )


def published_opinions(plan: Plan) -> QuerySet[Opinion]:
    """The opinions the public may read: the plan publishes opinions, and each says so."""
    if not plan.publish_opinions:
        return Opinion.objects.none()
    return opinions_for(plan).filter(publish=True, session__state="closed")


def visible_committees(user: Any) -> list[Committee]:
    """The committees this person may see: all for the working group, theirs for members."""
    found = Committee.objects.select_related("practice")
    if not user.has_perm("evaluation.view_committee"):
        found = found.filter(members__user_id=user.pk, members__active=True).distinct()
    return list(found)


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    """The hub's part: the committees that evaluate this practice and their opinions."""
    practice = plan.practice
    committees = [
        committee
        for committee in Committee.objects.filter(
            Q(practice=practice) | Q(sessions__practice=practice)
        )
        .distinct()
        .order_by("name")
        if user.has_perm("evaluation.view_committee", committee)
    ]
    opinions = list(opinions_for(plan).select_related("session__committee"))
    return {
        "opinions": len(opinions),
        "committees": committees,
        "opinion_list": [
            o for o in opinions if user.has_perm("evaluation.view_committee", o.session.committee)
        ],
        "may_add": user.has_perm("evaluation.add_committee"),
    }


# -- Seats and parity -----------------------------------------------------------------------


def seat_groups(session: CommitteeSession) -> dict[int, str]:
    """Member key → the group they sit in at this session (absent members are left out)."""
    return dict(session.seats.values_list("member_id", "group"))


@transaction.atomic
def set_seats(session: CommitteeSession, groups: dict[int, str]) -> None:
    """Seats each member of ``groups`` (member key → group) and no one else, before the
    session opens. A seat that already holds contributions is kept (a planned session has
    none)."""
    session = CommitteeSession.objects.select_for_update().get(pk=session.pk)
    if session.state != SessionState.PLANNED:
        raise CommitteeError(_("Les présents ne changent plus une fois la séance ouverte."))
    session.seats.exclude(member_id__in=groups).delete()
    for member_id, group in groups.items():
        Seat.objects.update_or_create(
            session=session, member_id=member_id, defaults={"group": group}
        )


def parity_seats(session: CommitteeSession) -> list[parity.Seat]:
    return [
        parity.Seat(str(seat.member_id), parity.SeatGroup(seat.group), seat.member.organisation)
        for seat in session.seats.select_related("member")
    ]


def breaches(session: CommitteeSession) -> list[parity.Breach]:
    committee = session.committee
    return parity.check(parity.Rule(committee.rule), parity_seats(session), committee.k)


def _plural_key(n: int) -> int:
    """The number ``ngettext`` chooses the form by. French, the source language, has no
    catalogue, so gettext applies its default rule (plural unless 1) where French writes 0
    in the singular: "0 personne concernée"."""
    french = (get_language() or "fr").startswith("fr")
    return 1 if french and n == 0 else n


def _counts(professionals: int, persons: int) -> str:
    return _("%(professionals)s et %(persons)s") % {
        "professionals": ngettext(
            "%(n)s professionnel", "%(n)s professionnels", _plural_key(professionals)
        )
        % {"n": professionals},
        "persons": ngettext(
            "%(n)s personne concernée", "%(n)s personnes concernées", _plural_key(persons)
        )
        % {"n": persons},
    }


def breach_messages(found: Iterable[parity.Breach]) -> list[str]:
    """What each breach says, naming the counts or the organisation. "Too few" says all a
    person needs when there is also an imbalance: one message, not two."""
    found = list(found)
    if any(b.code == "too_few" for b in found):
        found = [b for b in found if b.code != "unbalanced"]
    messages = []
    for breach in found:
        counts = _counts(breach.professionals, breach.persons_concerned)
        if breach.code == "too_few":
            messages.append(
                _("%(counts)s : il en faut %(k)s de chaque groupe.")
                % {"counts": counts, "k": breach.k}
            )
        elif breach.code == "unbalanced":
            messages.append(
                _("%(counts)s : il en faut autant dans chaque groupe.") % {"counts": counts}
            )
        elif breach.code == "no_organisation":
            messages.append(
                _(
                    "%(counts)s sans organisation : chaque membre présent doit avoir son "
                    "organisation."
                )
                % {"counts": counts}
            )
        else:
            messages.append(
                _(
                    "« %(organisation)s » : %(counts)s. Il faut un professionnel et une "
                    "personne concernée par organisation."
                )
                % {"organisation": breach.organisation, "counts": counts}
            )
    return messages


@transaction.atomic
def open_session(session: CommitteeSession) -> list[str]:
    """Opens the session if its seats keep the parity rule; otherwise returns why not (and
    the session stays planned)."""
    session = (
        CommitteeSession.objects.select_for_update().select_related("committee").get(pk=session.pk)
    )
    if session.state != SessionState.PLANNED:
        raise CommitteeError(_("Cette séance n’est plus en préparation."))
    refused = breach_messages(breaches(session))
    if refused:
        return refused
    session.state = SessionState.OPEN
    session.opened_at = timezone.now()
    session.save(update_fields=["state", "opened_at"])
    return []


@transaction.atomic
def close_session(session: CommitteeSession) -> None:
    session = CommitteeSession.objects.select_for_update().get(pk=session.pk)
    if session.state != SessionState.OPEN:
        raise CommitteeError(_("Seule une séance ouverte peut être close."))
    session.state = SessionState.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["state", "closed_at"])


# -- Contributions --------------------------------------------------------------------------


def seat_of(session: CommitteeSession, user: Any) -> Seat | None:
    """The seat of this person at the session, if they sit at it."""
    if user.pk is None:
        return None
    return (
        session.seats.select_related("member")
        .filter(member__user_id=user.pk, member__active=True)
        .first()
    )


def contributions(session: CommitteeSession) -> QuerySet[Contribution]:
    """What members said and did not withdraw: a withdrawn contribution is shown nowhere."""
    return session.contributions.filter(withdrawn_at__isnull=True).select_related(
        "seat__member", "assisted_by"
    )


def contribute(seat: Seat, text: str, *, assisted_by: Any = None) -> Contribution:
    session = CommitteeSession.objects.get(pk=seat.session_id)
    if session.state != SessionState.OPEN:
        raise CommitteeError(_("La séance n’est pas ouverte."))
    return Contribution.objects.create(
        session=session, seat=seat, text=text, assisted_by=assisted_by
    )


@transaction.atomic
def withdraw(contribution: Contribution) -> bool:
    """Withdraws it; False if it was withdrawn already. Saved, not updated in bulk, so that
    the audit trail keeps the withdrawal (its text stays masked there)."""
    found = (
        Contribution.objects.select_for_update()
        .filter(pk=contribution.pk, withdrawn_at__isnull=True)
        .first()
    )
    if found is None:
        return False
    found.withdrawn_at = timezone.now()
    found.save(update_fields=["withdrawn_at"])
    return True


def helper_name(user: Any) -> str:
    """How a professional who typed for a member is named: their name, else their id."""
    return str(user.get_full_name() or user.get_username()) if user is not None else ""


# -- Opinions, minutes, decisions -----------------------------------------------------------


def opinions(session: CommitteeSession) -> dict[str, Opinion]:
    return {opinion.group: opinion for opinion in session.opinions.all()}


def may_record_joint(session: CommitteeSession) -> bool:
    """The joint opinion comes once each group has given its own."""
    groups = set(session.opinions.values_list("group", flat=True))
    return {PROFESSIONAL, PERSON_CONCERNED} <= groups


@transaction.atomic
def record_opinion(
    session: CommitteeSession, group: str, text: str, publish: bool, by: Any
) -> Opinion:
    session = CommitteeSession.objects.select_for_update().get(pk=session.pk)
    if session.state != SessionState.OPEN:
        raise CommitteeError(_("Les avis se donnent pendant la séance ouverte."))
    if group == JOINT and not may_record_joint(session):
        raise CommitteeError(
            _("L’avis commun vient après l’avis de chaque groupe : il en manque un.")
        )
    opinion, _created = Opinion.objects.update_or_create(
        session=session,
        group=group,
        defaults={"text": text, "publish": publish, "recorded_by": by},
    )
    return opinion


def set_decision_done(decision: Decision, done: bool) -> None:
    decision.done_at = timezone.now() if done else None
    decision.save(update_fields=["done_at"])


def active_members(committee: Committee) -> QuerySet[CommitteeMember]:
    return committee.members.filter(active=True).select_related("user")


__all__ = [
    "JOINT",
    "OPINION_ORDER",
    "PERSON_CONCERNED",
    "PROFESSIONAL",
    "CommitteeError",
    "active_members",
    "breach_messages",
    "breaches",
    "close_session",
    "contribute",
    "contributions",
    "helper_name",
    "may_record_joint",
    "open_session",
    "opinions",
    "opinions_for",
    "published_opinions",
    "record_opinion",
    "seat_groups",
    "seat_of",
    "set_decision_done",
    "set_seats",
    "summary",
    "visible_committees",
    "withdraw",
]
