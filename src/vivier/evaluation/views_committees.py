"""The cross-evaluation committees, under ``/evaluation/comites/``.

The working group (``evaluation.add_committee`` / ``change_committee``) creates committees,
names their members, prepares and runs sessions; members with an account read their
committee here (``evaluation.view_committee`` on it: rules ``sits_on``) and speak on the
participation pages (``views_participer_committees``).

A refused form comes back on its page with status 400, as it was typed; an action refused by
the session's state (another person opened or closed it meanwhile) says so and goes back to
the session.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vivier.accounts.access import requires, signed_in

from . import committees
from .forms_committees import (
    AssistedContributionForm,
    CommitteeForm,
    ConfirmForm,
    DecisionForm,
    DoneForm,
    MemberForm,
    MinutesForm,
    OpenForm,
    OpinionForm,
    PublishForm,
    SeatsForm,
    SessionForm,
    territory_label,
)
from .models import (
    OPINION_GROUPS,
    Committee,
    CommitteeMember,
    CommitteeSession,
    Contribution,
    Decision,
    SessionState,
)

VIEW = "evaluation.view_committee"
ADD = "evaluation.add_committee"
CHANGE = "evaluation.change_committee"
GET_POST = require_http_methods(["GET", "POST"])


def _committee(request: HttpRequest, pk: int) -> Committee:
    """The committee if this person may see it; else the same 404 as for none."""
    committee = Committee.objects.select_related("practice").filter(pk=pk).first()
    if committee is None or not request.user.has_perm(VIEW, committee):
        raise Http404(_("Ce comité n’existe pas ou ne vous est pas ouvert."))
    return committee


def _session(request: HttpRequest, pk: int) -> CommitteeSession:
    session = CommitteeSession.objects.select_related("committee", "practice").filter(pk=pk).first()
    if session is None or not request.user.has_perm(VIEW, session.committee):
        raise Http404(_("Cette séance n’existe pas ou ne vous est pas ouverte."))
    return session


def _to_session(session: CommitteeSession) -> HttpResponse:
    return redirect("evaluation:committees:session", pk=session.pk)


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    back_label: str,
    submit: str,
    intro: str = "",
    status: int = 200,
) -> HttpResponse:
    """The one page of every form here: a title, the form, its button, the way back."""
    return render(
        request,
        "evaluation/committees/form.html",
        {
            "form": form,
            "page_title": title,
            "back": back,
            "back_label": back_label,
            "submit": submit,
            "intro": intro,
        },
        status=status,
    )


def _state_refused(request: HttpRequest, session: CommitteeSession, error: Exception) -> Any:
    messages.error(request, str(error))
    return _to_session(session)


# -- Committees -----------------------------------------------------------------------------


# Any account: each sees the committees they sit on (none, for most); the working group all.
@signed_in
@require_safe
def committee_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "evaluation/committees/list.html",
        {
            "committees": committees.visible_committees(request.user),
            "page_title": _("Comités d’évaluation croisée"),
        },
    )


@requires(ADD)
@GET_POST
def committee_new(request: HttpRequest) -> HttpResponse:
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        committee = form.save()
        messages.success(request, _("Le comité est créé : ajoutez ses membres."))
        return redirect("evaluation:committees:detail", pk=committee.pk)
    return _form_page(
        request,
        form,
        title=_("Nouveau comité d’évaluation croisée"),
        back=reverse("evaluation:committees:list"),
        back_label=_("Comités d’évaluation croisée"),
        submit=_("Créer le comité"),
        status=400 if form.is_bound else 200,
    )


@signed_in
@require_safe
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request, pk)
    return render(
        request,
        "evaluation/committees/detail.html",
        {
            "committee": committee,
            "territory": territory_label(committee),
            "members": committees.active_members(committee),
            "sessions": committee.sessions.select_related("practice"),
            "may_change": request.user.has_perm(CHANGE),
            "page_title": committee.name,
        },
    )


@requires(CHANGE)
@GET_POST
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request, pk)
    form = CommitteeForm(request.POST or None, initial=CommitteeForm.initial_of(committee))
    if request.method == "POST" and form.is_valid():
        form.save(committee)
        messages.success(request, _("Le comité est modifié."))
        return redirect("evaluation:committees:detail", pk=committee.pk)
    return _form_page(
        request,
        form,
        title=_("Modifier le comité « %(name)s »") % {"name": committee.name},
        back=reverse("evaluation:committees:detail", args=[committee.pk]),
        back_label=committee.name,
        submit=_("Enregistrer"),
        status=400 if form.is_bound else 200,
    )


@requires(CHANGE)
@GET_POST
def member_new(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request, pk)
    form = MemberForm(committee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.save()
        messages.success(request, _("%(name)s est membre du comité.") % {"name": member.name})
        return redirect("evaluation:committees:detail", pk=committee.pk)
    return _form_page(
        request,
        form,
        title=_("Ajouter un membre au comité « %(name)s »") % {"name": committee.name},
        back=reverse("evaluation:committees:detail", args=[committee.pk]),
        back_label=committee.name,
        submit=_("Ajouter le membre"),
        status=400 if form.is_bound else 200,
    )


@requires(CHANGE)
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A member leaves: what they said stays in past sessions, they sit at no new one."""
    member = get_object_or_404(CommitteeMember.objects.select_related("committee"), pk=pk)
    if ConfirmForm(request.POST).is_valid() and member.active:
        member.active = False
        member.save(update_fields=["active"])
        messages.success(
            request, _("%(name)s ne fait plus partie du comité.") % {"name": member.name}
        )
    return redirect("evaluation:committees:detail", pk=member.committee_id)


# -- Sessions -------------------------------------------------------------------------------


@requires(CHANGE)
@GET_POST
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _committee(request, pk)
    form = SessionForm(request.POST or None, initial={"practice": committee.practice_id})
    if request.method == "POST" and form.is_valid():
        session = form.save(committee)
        messages.success(request, _("La séance est prévue : indiquez qui est présent."))
        return _to_session(session)
    return _form_page(
        request,
        form,
        title=_("Nouvelle séance du comité « %(name)s »") % {"name": committee.name},
        back=reverse("evaluation:committees:detail", args=[committee.pk]),
        back_label=committee.name,
        submit=_("Prévoir la séance"),
        status=400 if form.is_bound else 200,
    )


def session_title(session: CommitteeSession) -> str:
    return _("Séance du %(date)s") % {"date": date_format(session.date)}


def _session_page(
    request: HttpRequest, session: CommitteeSession, invalid: Any = None
) -> HttpResponse:
    """The session's page; ``invalid`` is a refused opening, summed up on top (400)."""
    recorded = committees.opinions(session)
    opinions = [(group, label, recorded.get(group)) for group, label in OPINION_GROUPS]
    return render(
        request,
        "evaluation/committees/session.html",
        {
            "session": session,
            "committee": session.committee,
            "seats": session.seats.select_related("member").order_by("group", "member__name"),
            "contributions": committees.contributions(session),
            "opinions": opinions,
            "may_record_joint": committees.may_record_joint(session),
            "decisions": session.decisions.all(),
            "may_change": request.user.has_perm(CHANGE),
            "invalid": invalid,
            "page_title": session_title(session),
        },
        status=400 if invalid is not None else 200,
    )


@signed_in
@require_safe
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, _session(request, pk))


@requires(CHANGE)
@GET_POST
def session_seats(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if session.state != SessionState.PLANNED:
        return _state_refused(
            request, session, committees.CommitteeError(_("La séance est déjà ouverte."))
        )
    form = SeatsForm(session, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committees.set_seats(session, form.groups())
        except committees.CommitteeError as error:
            return _state_refused(request, session, error)
        messages.success(request, _("Les présents sont enregistrés."))
        return _to_session(session)
    return _form_page(
        request,
        form,
        title=_("Qui est présent, et dans quel groupe ?"),
        intro=_(
            "Chaque membre présent siège dans un seul groupe pour cette séance : "
            "professionnel ou personne concernée."
        ),
        back=reverse("evaluation:committees:session", args=[session.pk]),
        back_label=_("La séance"),
        submit=_("Enregistrer les présents"),
        status=400 if form.is_bound else 200,
    )


@requires(CHANGE)
@require_POST
def session_open(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if session.state != SessionState.PLANNED:
        return _state_refused(
            request, session, committees.CommitteeError(_("La séance est déjà ouverte."))
        )
    form = OpenForm(session, request.POST)
    if not form.is_valid():
        return _session_page(request, session, invalid=form)
    try:
        refused = committees.open_session(session)
    except committees.CommitteeError as error:
        return _state_refused(request, session, error)
    if refused:
        # The seats changed between the check and the opening: checked again, said again.
        return _session_page(request, session, invalid=OpenForm(session, request.POST))
    messages.success(request, _("La séance est ouverte."))
    return _to_session(session)


@requires(CHANGE)
@require_POST
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if ConfirmForm(request.POST).is_valid():
        try:
            committees.close_session(session)
        except committees.CommitteeError as error:
            return _state_refused(request, session, error)
    messages.success(request, _("La séance est close."))
    return _to_session(session)


# -- During the session ---------------------------------------------------------------------


@requires(CHANGE)
@GET_POST
def contribution_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A professional types what a member says, on their behalf (``assisted_by``)."""
    session = _session(request, pk)
    if session.state != SessionState.OPEN:
        return _state_refused(
            request, session, committees.CommitteeError(_("La séance n’est pas ouverte."))
        )
    form = AssistedContributionForm(session, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            committees.contribute(
                form.cleaned_data["seat"], form.cleaned_data["text"], assisted_by=request.user
            )
        except committees.CommitteeError as error:
            return _state_refused(request, session, error)
        messages.success(request, _("La contribution est enregistrée."))
        return _to_session(session)
    return _form_page(
        request,
        form,
        title=_("Saisir ce qu’un membre veut dire"),
        intro=_("La page indiquera que vous l’avez saisi avec lui ou avec elle."),
        back=reverse("evaluation:committees:session", args=[session.pk]),
        back_label=_("La séance"),
        submit=_("Enregistrer"),
        status=400 if form.is_bound else 200,
    )


@requires(CHANGE)
@require_POST
def contribution_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdrawn at the member's request (one who has no account, say)."""
    contribution = get_object_or_404(Contribution, pk=pk)
    if ConfirmForm(request.POST).is_valid() and committees.withdraw(contribution):
        messages.success(
            request, _("La contribution est retirée. Elle n’apparaît plus nulle part.")
        )
    return redirect("evaluation:committees:session", pk=contribution.session_id)


def _opinion_group(group: str) -> str:
    if group not in committees.OPINION_ORDER:
        raise Http404(_("Ce groupe n’existe pas."))
    return group


@requires(CHANGE)
@GET_POST
def opinion_edit(request: HttpRequest, pk: int, group: str) -> HttpResponse:
    session = _session(request, pk)
    group = _opinion_group(group)
    if session.state != SessionState.OPEN:
        return _state_refused(
            request,
            session,
            committees.CommitteeError(_("Les avis se donnent pendant la séance ouverte.")),
        )
    if group == committees.JOINT and not committees.may_record_joint(session):
        return _state_refused(
            request,
            session,
            committees.CommitteeError(
                _("L’avis commun vient après l’avis de chaque groupe : il en manque un.")
            ),
        )
    existing = committees.opinions(session).get(group)
    initial = {"text": existing.text, "publish": existing.publish} if existing else None
    form = OpinionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            committees.record_opinion(
                session,
                group,
                form.cleaned_data["text"],
                form.cleaned_data["publish"],
                request.user,
            )
        except committees.CommitteeError as error:
            return _state_refused(request, session, error)
        messages.success(request, _("L’avis est enregistré."))
        return _to_session(session)
    return _form_page(
        request,
        form,
        title=str(dict(OPINION_GROUPS)[group]).capitalize(),
        back=reverse("evaluation:committees:session", args=[session.pk]),
        back_label=_("La séance"),
        submit=_("Enregistrer l’avis"),
        status=400 if form.is_bound else 200,
    )


@requires(CHANGE)
@require_POST
def opinion_publish(request: HttpRequest, pk: int, group: str) -> HttpResponse:
    """Publishes an opinion, or takes it back, at any time once it is recorded."""
    session = _session(request, pk)
    opinion = committees.opinions(session).get(_opinion_group(group))
    if opinion is None:
        raise Http404(_("Cet avis n’est pas encore donné."))
    form = PublishForm(request.POST)
    if form.is_valid():
        opinion.publish = form.cleaned_data["publish"]
        opinion.save(update_fields=["publish"])
        messages.success(
            request,
            _("L’avis sera publié.") if opinion.publish else _("L’avis ne sera pas publié."),
        )
    return _to_session(session)


@requires(CHANGE)
@GET_POST
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = MinutesForm(request.POST or None, initial={"minutes": session.minutes})
    if request.method == "POST" and form.is_valid():
        session.minutes = form.cleaned_data["minutes"]
        session.save(update_fields=["minutes"])
        messages.success(request, _("Le compte rendu est enregistré."))
        return _to_session(session)
    return _form_page(
        request,
        form,
        title=_("Compte rendu de la séance"),
        back=reverse("evaluation:committees:session", args=[session.pk]),
        back_label=_("La séance"),
        submit=_("Enregistrer le compte rendu"),
        status=400 if form.is_bound else 200,
    )


@signed_in
@require_safe
def minutes_read(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as they are read and printed: the notes, then who sat where, what was
    said and not withdrawn, the opinions and the decisions, put together at each reading
    so that a contribution withdrawn afterwards is in no copy made since."""
    session = _session(request, pk)
    recorded = committees.opinions(session)
    return render(
        request,
        "evaluation/committees/minutes.html",
        {
            "session": session,
            "committee": session.committee,
            "seats": session.seats.select_related("member").order_by("group", "member__name"),
            "contributions": committees.contributions(session),
            "opinions": [
                (label, recorded[group]) for group, label in OPINION_GROUPS if group in recorded
            ],
            "decisions": session.decisions.all(),
            "page_title": _("Compte rendu — %(title)s") % {"title": session_title(session)},
        },
    )


@requires(CHANGE)
@GET_POST
def decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Decision.objects.create(session=session, **form.cleaned_data)
        messages.success(request, _("La décision est enregistrée."))
        return _to_session(session)
    return _form_page(
        request,
        form,
        title=_("Nouvelle décision"),
        back=reverse("evaluation:committees:session", args=[session.pk]),
        back_label=_("La séance"),
        submit=_("Enregistrer la décision"),
        status=400 if form.is_bound else 200,
    )


@requires(CHANGE)
@require_POST
def decision_done(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision, pk=pk)
    form = DoneForm(request.POST)
    if form.is_valid():
        committees.set_decision_done(decision, form.cleaned_data["done"])
        messages.success(
            request,
            _("La décision est faite.") if decision.done_at else _("La décision est à suivre."),
        )
    return redirect("evaluation:committees:session", pk=decision.session_id)
