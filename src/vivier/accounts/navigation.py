"""The header's entries: each person sees the pages their roles open, and only those.

An entry names a URL; whether a person sees it is what the view itself declares
(:func:`vivier.accounts.access.access_of`), so the header and the 403 never disagree. An
entry whose page is open to any signed-in account says who it is meant for (``shown``).
Entries whose URL does not exist (an app left out) are skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .access import access_of
from .roles import PORTEUR_DE_PROJET


def _holds_sheets(user: Any) -> bool:
    from vivier.practices.models import Practice

    in_role = user.groups.filter(name=PORTEUR_DE_PROJET).exists()
    return in_role or Practice.objects.filter(holder=user).exists()


def _evaluates(user: Any) -> bool:
    from vivier.evaluation.views_hub import visible_plans

    # The roles that read every plan, a holder, or anyone a plan is opened to.
    return (
        bool(user.has_perm("evaluation.view_plan"))
        or _holds_sheets(user)
        or bool(visible_plans(user))
    )


def _codes(user: Any) -> bool:
    from vivier.coding.access import visible_campaigns

    return bool(visible_campaigns(user))


def _takes_part(user: Any) -> bool:
    from vivier.evaluation.models import CommitteeMember, PlanContributor, Story

    return (
        PlanContributor.objects.filter(user=user, left_at__isnull=True).exists()
        or CommitteeMember.objects.filter(user=user, active=True).exists()
        or Story.objects.filter(teller=user).exists()
    )


@dataclass(frozen=True, slots=True)
class Entry:
    url_name: str
    label: str | Promise
    #: A DSFR icon class.
    icon: str
    #: For a page any signed-in account may open: whom the entry is for.
    shown: Callable[[Any], bool] | None = None


ENTRIES: tuple[Entry, ...] = (
    Entry("staff:home", _("Campagnes"), "fr-icon-dashboard-3-line"),
    Entry("staff:questionnaires", _("Questionnaires"), "fr-icon-survey-line"),
    Entry("practices_staff:list", _("Pratiques"), "fr-icon-file-text-line"),
    Entry("staff:privacy", _("Données personnelles"), "fr-icon-lock-line"),
    Entry("people:list", _("Personnes"), "fr-icon-team-line"),
    Entry("invitations:list", _("Invitations"), "fr-icon-mail-line"),
    Entry("invitations:codes", _("Codes de connexion"), "fr-icon-key-line"),
    Entry("audit:journal", _("Journal d’audit"), "fr-icon-history-line"),
    Entry("practices_holder:list", _("Mes pratiques"), "fr-icon-file-text-line", _holds_sheets),
    Entry("evaluation:list", _("Évaluations"), "fr-icon-line-chart-line", _evaluates),
    Entry("coding:list", _("Codage"), "fr-icon-edit-line", _codes),
    Entry("participer:home", _("Je participe"), "fr-icon-chat-3-line", _takes_part),
)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    label: str | Promise
    icon: str


def may_open(user: Any, url: str, shown: Callable[[Any], bool] | None = None) -> bool:
    """Whether ``user`` gets the page at ``url`` rather than a sign-in page or a 403."""
    access = access_of(resolve(url).func)
    if access is None:
        return False
    if access.kind == "public":
        return True
    if not user.is_authenticated:
        return False
    if access.kind == "permissions":
        return bool(user.has_perms(access.permissions))
    return shown is None or shown(user)


def entries_for(user: Any) -> list[Link]:
    """The header's links for this person, in the order of :data:`ENTRIES`."""
    if not user.is_authenticated:
        return []
    links = []
    for entry in ENTRIES:
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        if may_open(user, url, entry.shown):
            links.append(Link(url, entry.label, entry.icon))
    return links


__all__ = ["ENTRIES", "Entry", "Link", "entries_for", "may_open"]
