"""The results of a campaign's coding: code frequencies per question, typology tables,
codes given together, and codes crossed with a closed question.

Only counts and code names: no text of a source is shown here, so nothing to mask. The
page reads every coded text of the campaign, so it is for those who read the whole coding
(the analysts, the personal-data role, the working group), not for an enquêteur who codes
their own notes (403), and a 404 for whoever the campaign's coding is not open to.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from vivier import charts
from vivier.accounts.access import signed_in
from vivier.reports import chart_words, service

from . import access, results


class CrossForm(forms.Form):
    """The closed question to cross the codes with (a GET form: the page is a link)."""

    croiser = forms.ChoiceField(
        label=gettext_lazy("Croiser les codes avec la question"), required=False
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["croiser"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        field.error_messages["invalid_choice"] = _(
            "Choisissez une question fermée de la liste (« %(value)s » n’en est pas une)."
        )
        field.widget.attrs["class"] = "fr-select"


def _chart(table: dict[str, Any], title: str, words: Any) -> str:
    return charts.bar_chart(
        [(row["name"], row["percent"], row["count"]) for row in table["codes"]],
        title=title,
        words=words,
        threshold=None,
    )


def _named(res: results.Results, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "name": res.name(row["code"])} for row in rows]


# Any account: campaign_of gives a 404 to those the coding is not open to, then the page
# needs one of the rights that read every campaign's coding (access.READERS).
@signed_in
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.campaign_of(request, slug)
    if not access.reads_every_campaign(request.user):
        raise PermissionDenied
    res = results.gather(campaign)
    words = chart_words.wording()
    frequencies = []
    for table in results.frequency_tables(res):
        group = table["group"]
        named = {**table, "codes": _named(res, table["codes"]), "ref": results.group_ref(group)}
        title = _("%(ref)s – codes donnés aux textes codés") % {"ref": named["ref"]}
        named["chart"] = _chart(named, title, words) if named["codes"] else ""
        named["title"] = title
        frequencies.append(named)
    questions = res.questionnaire.question_map()
    typologies = [
        {
            **table,
            "rows": _named(res, table["rows"]),
            "refs": [results.key_ref(key, questions) for key in table["category"].questions or []],
        }
        for table in results.typology_tables(res)
    ]
    together = results.cooccurrence_table(res)
    pairs = [
        {**pair, "names": [res.name(code) for code in pair["codes"]]} for pair in together["pairs"]
    ]
    q = res.questionnaire
    closed = [question for question in q.questions() if service.filterable(question)]
    choices = [
        (
            question.name,
            f"Q{question.number}. {question.label}" if question.number else question.label,
        )
        for question in closed
    ]
    form = CrossForm(
        request.GET if "croiser" in request.GET else None, choices=[("", "—"), *choices]
    )
    crossed: list[dict[str, Any]] = []
    chosen = None
    status = 200
    if form.is_bound:
        if form.is_valid() and form.cleaned_data["croiser"]:
            chosen = q.question(form.cleaned_data["croiser"])
            for table in results.crosstab_tables(res, chosen, service.option_choices(chosen)):
                crossed.append(
                    {
                        **table,
                        "ref": results.group_ref(table["group"]),
                        "codes": _named(res, table["codes"]),
                    }
                )
        elif form.errors:
            form.fields["croiser"].widget.attrs["aria-describedby"] = "croiser-error"
            status = 400
    return render(
        request,
        "coding/results_index.html",
        {
            "campaign": campaign,
            "frequencies": frequencies,
            "typologies": typologies,
            "together": together,
            "pairs": pairs,
            "form": form,
            "chosen": chosen,
            "crossed": crossed,
            "coded": res.coded,
            "sources": sum(len(group.sources) for group in res.groups),
            "page_title": _("Résultats du codage — %(title)s") % {"title": campaign.title},
        },
        status=status,
    )
