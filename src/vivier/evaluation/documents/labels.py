"""The words and number formats of the evaluation documents, in the active language.

French source texts with their English translation in the catalogue, under the context
"evaluation report" so that a document's words are translated apart from a page's same
words. Numbers and dates are written by ``vivier.reports.localized``, like the campaign
report's, so a figure reads the same in every document of Vivier.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import dateformat, translation
from django.utils.functional import Promise
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from vivier.plans.periods import Frequency, PeriodError, parse_period
from vivier.reports import localized

CONTEXT = "evaluation report"


def _(text: str) -> str:
    return pgettext(CONTEXT, text)


def _lazy(text: str) -> Promise:
    return pgettext_lazy(CONTEXT, text)


def words() -> dict[str, str]:
    """Every fixed word of the documents, in the active language."""
    return {
        "funder_report": _("Rapport aux financeurs"),
        "qualitative_report": _("Rapport qualitatif"),
        "practice": _("Pratique"),
        "code": _("Code"),
        "plan_version": _("Version du plan"),
        "start": _("Début"),
        "generated_on": _("Document établi le"),
        "page": _("Page"),
        "purpose": _("Pourquoi et pour qui la pratique s’évalue"),
        "the_plan": _("Le plan d’évaluation"),
        "questions": _("Questions évaluatives"),
        "results": _("Résultats attendus"),
        "criteria": _("Critères de valeur"),
        "milestones": _("Étapes du calendrier"),
        "months_after_start": _("mois après le début"),
        "proposed_by": _("proposé par"),
        "indicators": _("Indicateurs"),
        "indicator": _("Indicateur"),
        "definition_number": _("Définition n°"),
        "unit": _("Unité"),
        "frequency": _("Fréquence"),
        "direction": _("Sens souhaité"),
        "baseline": _("Situation de départ"),
        "rate_of": _("Taux : %(numerator)s sur %(denominator)s"),
        "period": _("Période"),
        "year": _("Année"),
        "value": _("Valeur"),
        "target": _("Cible"),
        "gap": _("Écart à la cible"),
        "on_track": _("Cible atteinte"),
        "yes": _("oui"),
        "no": _("non"),
        "numerator": _("Numérateur"),
        "denominator": _("Dénominateur"),
        "periods_reported": _("Périodes renseignées"),
        "per_year": _("Par année"),
        "per_period": _("Par période"),
        "not_additive": _("non additionnable"),
        "no_value": _("Aucune valeur approuvée pour l’instant."),
        "only_approved": _(
            "Seules les valeurs approuvées de la définition en cours de chaque indicateur "
            "sont comptées."
        ),
        "year_rollup_note": _(
            "L’année additionne ses périodes ; un taux additionne ses numérateurs et ses "
            "dénominateurs ; une moyenne ou un score ne s’additionne pas."
        ),
        "no_indicators": _("Le plan n’a pas encore d’indicateur chiffré."),
        "breakdowns": _("Ventilations"),
        "breakdown": _("Ventilation"),
        "category": _("Catégorie"),
        "funding": _("Budget et financements"),
        "funder": _("Financeur"),
        "budget_line": _("Ligne budgétaire"),
        "budgeted": _("Prévu"),
        "received": _("Reçu"),
        "spent": _("Dépensé"),
        "spent_share": _("Part dépensée"),
        "total": _("Total"),
        "total_year": _("Total %(year)s"),
        "per_funder": _("Par financeur, toutes années"),
        "no_funding": _("Aucune ligne de financement n’est enregistrée."),
        "amounts_in_euros": _("Montants en euros."),
        "participation": _("Qui participe à l’évaluation"),
        "participation_caption": _("Comment chaque groupe participe, à chaque étape"),
        "step": _("Étape"),
        "co_decide_steps": _("Les personnes concernées codécident à ces étapes : %(steps)s."),
        "no_co_decide": _("Les personnes concernées ne codécident à aucune étape."),
        "stories": _("Récits de changement"),
        "stories_note": _(
            "Seuls les récits dont les conteurs ont accepté d’être cités, et n’ont pas retiré "
            "leur accord, figurent ici, sous un pseudonyme."
        ),
        "no_stories": _("Aucun récit ne peut être cité."),
        "told_by": _("Raconté par"),
        "someone": _("une personne"),
        "domain": _("Domaine du changement"),
        "what_changed": _("Ce qui a changé"),
        "why_it_matters": _("Pourquoi c’est important pour la personne"),
        "tags": _("Thèmes"),
        "assisted": _("recueilli avec l’aide d’un professionnel"),
        "selected_at": _("Retenu aux niveaux"),
        "outcomes": _("Changements observés et sources"),
        "no_outcomes": _("Aucun changement observé n’est enregistré."),
        "social_actor": _("Acteur social"),
        "change": _("Changement observé"),
        "when": _("Quand"),
        "where": _("Où"),
        "significance": _("Portée"),
        "contribution": _("Contribution de la pratique"),
        "sources": _("Sources"),
        "substantiated": _("confirmé"),
        "not_substantiated": _("pas encore confirmé"),
        "opinions": _("Avis du comité d’évaluation croisée"),
        "no_opinions": _("Aucun avis n’est enregistré."),
        "session_of": _("Séance du %(date)s — %(committee)s"),
        "narratives": _("Ce que disent les indicateurs qualitatifs"),
        "no_narratives": _("Aucun récit de période approuvé."),
        "none": _("–"),
        "sheet_summary": _("Synthèse"),
        "sheet_indicators": _("Indicateurs"),
        "sheet_years": _("Années"),
        "sheet_breakdowns": _("Ventilations"),
        "sheet_funding": _("Financements"),
    }


GROUPS: dict[str, Promise] = {
    "professionnels": _lazy("professionnels"),
    "personnes_concernees": _lazy("personnes concernées"),
    "financeurs": _lazy("financeurs"),
    "partenaires": _lazy("partenaires"),
}
STEPS: dict[str, Promise] = {
    "questions": _lazy("Questions"),
    "criteres": _lazy("Critères"),
    "indicateurs": _lazy("Indicateurs"),
    "collecte": _lazy("Collecte"),
    "analyse": _lazy("Analyse"),
    "jugement": _lazy("Jugement"),
    "publication": _lazy("Publication"),
}
MODES: dict[str, Promise] = {
    "absent": _lazy("absent"),
    "informe": _lazy("informé"),
    "consulte": _lazy("consulté"),
    "codecide": _lazy("codécide"),
}
DIRECTIONS: dict[str, Promise] = {
    "hausse": _lazy("à la hausse"),
    "baisse": _lazy("à la baisse"),
    "maintien": _lazy("à maintenir"),
}
FREQUENCIES: dict[str, Promise] = {
    "mensuel": _lazy("mensuelle"),
    "trimestriel": _lazy("trimestrielle"),
    "annuel": _lazy("annuelle"),
}
OPINIONS: dict[str, Promise] = {
    "professionnel": _lazy("Avis des professionnels"),
    "personne_concernee": _lazy("Avis des personnes concernées"),
    "commun": _lazy("Avis commun"),
}


def group(slug: str) -> str:
    return str(GROUPS[slug]) if slug in GROUPS else slug


def step(slug: str) -> str:
    return str(STEPS[slug]) if slug in STEPS else slug


def mode(slug: str) -> str:
    return str(MODES[slug]) if slug in MODES else slug


def direction(slug: str) -> str:
    return str(DIRECTIONS[slug]) if slug in DIRECTIONS else slug


def frequency(slug: str) -> str:
    return str(FREQUENCIES[slug]) if slug in FREQUENCIES else slug


def opinion(slug: str) -> str:
    return str(OPINIONS[slug]) if slug in OPINIONS else slug


def pending(count: int) -> str:
    return npgettext(
        CONTEXT,
        "%(count)s valeur en attente d’approbation n’est pas comptée.",
        "%(count)s valeurs en attente d’approbation ne sont pas comptées.",
        count,
    ) % {"count": count}


def other_definitions(count: int) -> str:
    return npgettext(
        CONTEXT,
        "%(count)s valeur d’une définition antérieure n’est pas comparée.",
        "%(count)s valeurs d’une définition antérieure ne sont pas comparées.",
        count,
    ) % {"count": count}


def lang() -> str:
    """The active language, when the documents speak it; French otherwise."""
    return localized.page_lang()


def period(key: str) -> str:
    """A period as people read it: "2024", "T2 2024" / "Q2 2024", "mars 2024"."""
    try:
        found = parse_period(key)
    except PeriodError:
        return key
    if found.frequency is Frequency.YEARLY:
        return key
    if found.frequency is Frequency.QUARTERLY:
        return _("T%(quarter)s %(year)s") % {
            "quarter": (found.month - 1) // 3 + 1,
            "year": found.year,
        }
    return dateformat.format(found.first_day, "F Y")


def month_short(month: int) -> str:
    """The column title of a month in a year's grid ("janv.", "Jan.")."""
    return dateformat.format(date(2000, month, 1), "N")


def number(value: Decimal | None, places: int | None = None) -> str:
    """A number in the active language ("1 250,5"); "–" for no value."""
    return localized.number(value, lang(), places=places)


def amount(value: Decimal | None) -> str:
    """An amount in euros with its cents ("1 250,00 €")."""
    if value is None:
        return _("–")
    return _("%(amount)s\u00a0€") % {"amount": localized.number(value, lang(), places=2)}


def percent(value: Decimal | None) -> str:
    return localized.percent(value, lang(), places=1)


def measure(value: Decimal | None, indicator: dict[str, Any]) -> str:
    """A value in its indicator's unit ("42 personnes", "63,5 %")."""
    if value is None:
        return _("–")
    if indicator["is_rate"]:
        return percent(value)
    places = indicator["decimals"]
    text = localized.number(value, lang(), places=places)
    unit = indicator["unit"]
    if unit == "%":
        return localized.percent(value, lang(), places=places)
    return f"{text}\u00a0{unit}" if unit else text


def signed(value: Decimal | None, indicator: dict[str, Any]) -> str:
    """A gap with its sign ("+3", "−2,5 %")."""
    if value is None:
        return _("–")
    text = measure(abs(value), indicator)
    if value > 0:
        return "+" + text
    if value < 0:
        return "\u2212" + text
    return text


def day(value: date) -> str:
    return localized.date_text(value, "date", lang())


def yes_no(value: bool | None) -> str:
    if value is None:
        return _("–")
    return _("oui") if value else _("non")


def in_language(code: str) -> Any:
    """``translation.override`` for a document's language (French unless English)."""
    return translation.override("en" if code == "en" else "fr")


__all__ = [
    "CONTEXT",
    "amount",
    "day",
    "direction",
    "frequency",
    "group",
    "in_language",
    "lang",
    "measure",
    "mode",
    "month_short",
    "number",
    "opinion",
    "percent",
    "period",
    "signed",
    "step",
    "words",
    "yes_no",
]
