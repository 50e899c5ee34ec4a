"""The respondent's path: landing, one page per section, review, submission, thanks.

Everything works without JavaScript: relevance is computed here, on the server. With
JavaScript, htmx asks ``relevance`` which questions of the page apply as answers change, and
the page shows or hides them (same evaluator, no logic duplicated in the browser).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from vivier.accounts.access import public
from vivier.surveys import flow
from vivier.surveys.schema import Questionnaire, Section

from . import services
from .fields import build_fields, focus_id, html_id, parse_section, read_post
from .forms_respondent import StartForm
from .models import Campaign, DistributionLink, Response
from .start_tokens import new_start_token


def _lang() -> str:
    return (get_language() or "fr")[:2]


def _campaign(slug: str) -> Campaign:
    campaign = (
        Campaign.objects.select_related("questionnaire")
        .defer("questionnaire__definition")
        .filter(slug=slug)
        .first()
    )
    if campaign is None:
        raise Http404(_("Aucune enquête ne porte ce nom. Vérifiez le lien que vous avez reçu."))
    return campaign


def _closed(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    return render(request, "campaigns/closed.html", {"campaign": campaign}, status=410)


@public
@require_safe
def landing(request: HttpRequest, slug: str, code: str | None = None) -> HttpResponse:
    campaign = _campaign(slug)
    link = None
    if code is not None:
        link = DistributionLink.objects.filter(campaign=campaign, code=code).first()
        if link is None:
            raise Http404(_("Ce lien de diffusion n’existe pas pour cette enquête."))
    if not campaign.is_open:
        return _closed(request, campaign)
    q = campaign.questionnaire.questionnaire()
    return render(
        request,
        "campaigns/landing.html",
        {
            "campaign": campaign,
            "questionnaire": q,
            "link": link,
            # A fresh signed key per page view: replaying this form (double click, retry)
            # reaches the same draft instead of creating a second one (see start_tokens).
            "start_token": new_start_token(),
            "section_count": len(q.sections),
        },
    )


@public
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign(slug)
    if not campaign.is_open:
        return _closed(request, campaign)
    if is_ratelimited(
        request,
        group="vivier.start",
        key="ip",
        rate=settings.VIVIER_START_RATE,
        method="POST",
        increment=True,
    ):
        context = {"campaign": campaign}
        return render(request, "campaigns/too_many_starts.html", context, status=429)
    form = StartForm(campaign, request.POST)
    form.is_valid()  # never refused (see StartForm): its cleaned values are always there
    key, link = form.cleaned_data["start_token"], form.cleaned_data["link"]
    response = services.start_response(campaign, key=key, link=link)
    return redirect(_resume_url(response))


def _resume_url(response: Response) -> str:
    return reverse("campaigns:resume", args=[response.campaign.slug, response.resume_token()])


def _page_url(response: Response, section: str) -> str:
    return reverse(
        "campaigns:page", args=[response.campaign.slug, response.resume_token(), section]
    )


def _response(request: HttpRequest, slug: str, token: str) -> tuple[Campaign, Response]:
    response = services.find_by_token(slug, token)
    if response is None:
        _campaign(slug)  # an unknown campaign has its own message
        raise Http404(
            _(
                "Ce lien de reprise n’est pas valide. Vérifiez qu’il est complet : il a peut-être "
                "été coupé en le copiant."
            )
        )
    campaign = response.campaign
    # An interview may be entered after the campaign closes, by whoever may enter responses.
    staff_entry = response.mode != Response.Mode.ONLINE and request.user.has_perm(
        "campaigns.add_response"
    )
    if not campaign.is_open and not response.is_submitted and not staff_entry:
        raise _ClosedError(campaign)
    return campaign, response


class _ClosedError(Exception):
    def __init__(self, campaign: Campaign):
        self.campaign = campaign


def _guard(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _ClosedError as closed:
            return _closed(request, closed.campaign)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@public
@_guard
@require_safe
def resume(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    response = _response(request, slug, token)[1]
    if response.is_submitted:
        return redirect("campaigns:thanks", slug, token)
    q = response.version.questionnaire()
    sections = flow.visible_sections(q, response.all_answers())
    names = [s.name for s in sections]
    current = response.current_section if response.current_section in names else names[0]
    return redirect(_page_url(response, current))


def _section(q: Questionnaire, name: str) -> Section:
    for section in q.sections:
        if section.name == name:
            return section
    raise Http404(_("Cette page ne fait pas partie du questionnaire."))


@public
@_guard
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, slug: str, token: str, section: str) -> HttpResponse:
    campaign, response = _response(request, slug, token)
    if response.is_submitted:
        return redirect("campaigns:thanks", slug, token)
    q = response.version.questionnaire()
    current = _section(q, section)
    answers = response.all_answers()
    if request.method == "GET" and current.name not in {
        s.name for s in flow.visible_sections(q, answers)
    }:
        return redirect(_resume_url(response))

    raw_values: dict[str, Any] = {}
    messages: dict[str, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action", "next")
        raw_values = read_post(current, request.POST)
        values, messages = parse_section(current, raw_values)
        issues = services.save_section(response, values, current.name)
        answers = response.all_answers()
        if not messages and not issues:
            if action == "next" and not request.POST.get("soft_confirmed"):
                missing = _soft_missing(q, current, answers)
                if missing:
                    # Soft mandatory (LimeSurvey's "S"): say it once, then let them go on.
                    return _render_page(
                        request,
                        campaign,
                        response,
                        q,
                        current,
                        answers,
                        {},
                        {},
                        {},
                        200,
                        soft_missing=missing,
                    )
            return _after_save(response, q, current, action, answers)
        if action in ("previous", "save") and not messages:
            # Going back or saving for later is not held up by a question left empty, but a
            # value that could not be stored (a text over the limit) is said, never dropped.
            refused = {k: v for k, v in issues.items() if not flow.is_empty(values.get(k))}
            if not refused:
                return _after_save(response, q, current, action, answers)
            issues = refused
        return _render_page(
            request, campaign, response, q, current, answers, issues, messages, raw_values, 400
        )
    return _render_page(request, campaign, response, q, current, answers, {}, {}, {}, 200)


def _after_save(
    response: Response, q: Questionnaire, current: Section, action: str, answers: dict
) -> HttpResponse:
    if action == "save":
        return redirect("campaigns:saved", response.campaign.slug, response.resume_token())
    if action == "previous":
        previous = flow.previous_section(q, answers, current.name)
        if previous is not None:
            return redirect(_page_url(response, previous.name))
        return redirect(_page_url(response, current.name))
    following = flow.next_section(q, answers, current.name)
    if following is None:
        return redirect("campaigns:review", response.campaign.slug, response.resume_token())
    return redirect(_page_url(response, following.name))


def _soft_missing(q: Questionnaire, current: Section, answers: dict) -> set[str]:
    relevant = flow.relevant_names(q, answers)
    return {
        question.name
        for question in current.questions
        if question.soft_required
        and question.name in relevant
        and flow.is_empty(answers.get(question.name))
    }


def _render_page(
    request: HttpRequest,
    campaign: Campaign,
    response: Response,
    q: Questionnaire,
    current: Section,
    answers: dict,
    issues: dict,
    messages: dict[str, list[str]],
    raw_values: dict,
    status: int,
    *,
    soft_missing: set[str] | frozenset[str] = frozenset(),
) -> HttpResponse:
    shown = dict(answers)
    relevant = flow.relevant_names(q, shown)
    lang = _lang()
    fields = build_fields(
        current, answers, relevant=relevant, issues=issues, raw_values=raw_values, lang=lang
    )
    for view in fields:
        view.soft_missing = view.name in soft_missing
        view.errors = messages.get(view.name, []) + view.errors
        # A question the respondent cannot see cannot be held against them.
        if not view.relevant and not view.dynamic:
            view.errors = []
    visible = [f for f in fields if f.relevant or f.dynamic]
    index, total = flow.progress(q, answers, current.name)
    following = flow.next_section(q, answers, current.name)
    return render(
        request,
        "campaigns/page.html",
        {
            "campaign": campaign,
            "questionnaire": q,
            "response": response,
            "section": current,
            "section_title": current.text_in("title", lang),
            "section_description": current.text_in("description", lang),
            "fields": visible,
            "error_fields": [f for f in visible if f.has_errors],
            "soft_fields": [f for f in visible if f.soft_missing],
            "step": index,
            "total_steps": total,
            "next_title": (
                following.text_in("title", lang) if following else _("Relecture de vos réponses")
            ),
            "has_previous": flow.previous_section(q, answers, current.name) is not None,
            "token": response.resume_token(),
            "resume_url": request.build_absolute_uri(_resume_url(response)),
        },
        status=status,
    )


@public
@_guard
@require_POST
def relevance(request: HttpRequest, slug: str, token: str, section: str) -> HttpResponse:
    """For htmx: which questions of this page apply given the answers being typed."""
    _c, response = _response(request, slug, token)
    q = response.version.questionnaire()
    current = _section(q, section)
    values, _errors = parse_section(current, read_post(current, request.POST))
    answers = {**response.all_answers(), **{k: v for k, v in values.items() if v is not None}}
    for key, value in values.items():
        if value is None:
            answers.pop(key, None)
    relevant = flow.relevant_names(q, answers)
    names = [qu.name for qu in current.questions]
    result = HttpResponse(status=204)
    result["HX-Trigger"] = json.dumps(
        {
            "vivier:relevance": {
                "show": [n for n in names if n in relevant],
                "hide": [n for n in names if n not in relevant],
            }
        }
    )
    return result


@public
@_guard
@require_safe
def saved(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    campaign, response = _response(request, slug, token)
    return render(
        request,
        "campaigns/saved.html",
        {
            "campaign": campaign,
            "response": response,
            "resume_url": request.build_absolute_uri(_resume_url(response)),
        },
    )


def _review_context(response: Response, q: Questionnaire) -> dict[str, Any]:
    answers = flow.prune(q, response.all_answers())
    relevant = flow.relevant_names(q, answers)
    groups = []
    for section in flow.visible_sections(q, answers):
        rows = []
        for question in section.questions:
            if not question.answerable or question.name not in relevant:
                continue
            rows.append(
                {
                    "question": question,
                    "display": display_answer(question, answers),
                }
            )
        if rows:
            groups.append({"section": section, "rows": rows})
    return {"groups": groups}


def display_answer(question: Any, answers: dict[str, Any]) -> str:
    """An answer as a reader would say it (labels, not codes)."""
    value = answers.get(question.name)
    if flow.is_empty(value):
        return ""
    other = answers.get(question.other_name)
    if isinstance(value, dict):
        rows = {r.value: r.label for r in (question.scale.rows if question.scale else ())}
        return " ; ".join(f"{rows.get(k, k)} : {v}" for k, v in value.items())
    if isinstance(value, list):
        labels = [question.choice_label(v) for v in value]
    elif question.choices or question.other:
        labels = [question.choice_label(str(value))]
    elif question.type == "departement":
        from vivier.territories import departement_name

        labels = [f"{value} – {departement_name(str(value))}"]
    else:
        labels = [str(value)]
    text = ", ".join(labels)
    if other:
        text += f" ({other})"
    return text


@public
@_guard
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    campaign, response = _response(request, slug, token)
    if response.is_submitted:
        return redirect("campaigns:thanks", slug, token)
    q = response.version.questionnaire()
    issues: dict = {}
    if request.method == "POST":
        result = services.submit(response)
        if result.submitted:
            return redirect("campaigns:thanks", slug, token)
        issues = result.issues
    error_links = []
    lang = _lang()
    for name, problems in issues.items():
        base = name.removesuffix("_other")
        try:
            section = q.section_of(base)
        except KeyError:
            continue
        question = q.question(base)
        anchor = html_id(name) if name != base else focus_id(question)
        for problem in problems:
            error_links.append(
                {
                    "url": _page_url(response, section.name) + f"#{anchor}",
                    "label": q.question(base).label,
                    "message": problem.message(lang),
                }
            )
    context = {
        "campaign": campaign,
        "response": response,
        "token": token,
        "error_links": error_links,
        **_review_context(response, q),
    }
    return render(request, "campaigns/review.html", context, status=400 if issues else 200)


@public
@_guard
@require_safe
def thanks(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    campaign, response = _response(request, slug, token)
    if not response.is_submitted:
        return redirect(_resume_url(response))
    q = response.version.questionnaire()
    return render(
        request,
        "campaigns/thanks.html",
        {"campaign": campaign, "response": response, "questionnaire": q},
    )
