"""The committee pages of its members, under ``/participer/comites/``.

A member who signs in (a person concerned with a code, a professional) reads what the
committee is and the agenda, says what they want to say at an open session, withdraws it
when they want, and reads their group's opinion. Only the committee's members open these
pages: anyone else gets the same 404 as for a committee that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import signed_in

from . import committees
from .forms_committees import ConfirmForm, ContributionForm
from .models import Committee, CommitteeMember, CommitteeSession, Contribution, SessionState
from .views_committees import session_title


def _membership(request: HttpRequest, committee_id: int) -> CommitteeMember:
    member = (
        CommitteeMember.objects.select_related("committee__practice")
        .filter(committee_id=committee_id, user_id=request.user.pk, active=True)
        .first()
    )
    if member is None:
        raise Http404(_("Vous ne faites pas partie de ce comité."))
    return member


def _session(request: HttpRequest, pk: int) -> tuple[CommitteeSession, CommitteeMember]:
    session = CommitteeSession.objects.select_related("committee", "practice").filter(pk=pk).first()
    if session is None:
        raise Http404(_("Cette séance n’existe pas."))
    return session, _membership(request, session.committee_id)


# Any account: each sees the committees they sit on (none, for most).
@signed_in
@require_safe
def my_committees(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/participer/committees/list.html",
        {
            "members": CommitteeMember.objects.filter(
                user_id=request.user.pk, active=True
            ).select_related("committee"),
            "page_title": _("Mes comités"),
        },
    )


@signed_in
@require_safe
def committee(request: HttpRequest, pk: int) -> HttpResponse:
    member = _membership(request, pk)
    found: Committee = member.committee
    return render(
        request,
        "evaluation/participer/committees/committee.html",
        {
            "member": member,
            "committee": found,
            "sessions": found.sessions.select_related("practice"),
            "page_title": found.name,
        },
    )


def _session_page(
    request: HttpRequest,
    session: CommitteeSession,
    member: CommitteeMember,
    form: ContributionForm | None = None,
) -> HttpResponse:
    seat = session.seats.filter(member=member).first()
    opinion = None
    if seat is not None:
        opinion = session.opinions.filter(group=seat.group).first()
    mine = committees.contributions(session).filter(seat__member=member) if seat else []
    may_say = seat is not None and session.state == SessionState.OPEN
    return render(
        request,
        "evaluation/participer/committees/session.html",
        {
            "session": session,
            "committee": session.committee,
            "seat": seat,
            "mine": mine,
            "opinion": opinion,
            "joint": session.opinions.filter(group=committees.JOINT).first(),
            "may_say": may_say,
            "form": form or (ContributionForm() if may_say else None),
            "page_title": session_title(session),
        },
        status=400 if form is not None else 200,
    )


@signed_in
@require_safe
def session(request: HttpRequest, pk: int) -> HttpResponse:
    found, member = _session(request, pk)
    return _session_page(request, found, member)


@signed_in
@require_POST
def say(request: HttpRequest, pk: int) -> HttpResponse:
    found, member = _session(request, pk)
    seat = found.seats.filter(member=member).first()
    if seat is None or found.state != SessionState.OPEN:
        messages.error(request, _("Vous ne pouvez pas parler à cette séance maintenant."))
        return redirect("participer:participer_committees:session", pk=found.pk)
    form = ContributionForm(request.POST)
    if not form.is_valid():
        return _session_page(request, found, member, form)
    try:
        committees.contribute(seat, form.cleaned_data["text"])
    except committees.CommitteeError:
        messages.error(request, _("Vous ne pouvez pas parler à cette séance maintenant."))
        return redirect("participer:participer_committees:session", pk=found.pk)
    messages.success(request, _("C’est enregistré. Merci."))
    return redirect("participer:participer_committees:session", pk=found.pk)


@signed_in
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """A member withdraws what they said: a page asks once, the button does it."""
    contribution = (
        Contribution.objects.select_related("session__committee", "seat__member")
        .filter(
            pk=pk,
            withdrawn_at__isnull=True,
            seat__member__user_id=request.user.pk,
            seat__member__active=True,
        )
        .first()
    )
    if contribution is None:
        raise Http404(_("Ce message n’existe pas ou il est déjà retiré."))
    if request.method == "POST" and ConfirmForm(request.POST).is_valid():
        committees.withdraw(contribution)
        messages.success(request, _("Ce que vous avez dit est retiré. Personne ne le verra."))
        return redirect("participer:participer_committees:session", pk=contribution.session_id)
    return render(
        request,
        "evaluation/participer/committees/withdraw.html",
        {
            "contribution": contribution,
            "session": contribution.session,
            "page_title": _("Retirer ce que j’ai dit"),
        },
    )
