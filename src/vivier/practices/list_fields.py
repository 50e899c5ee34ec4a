"""The structured lists of a sheet (actors, timeline, funding, key figures, conditions,
indicators, publics, media), edited in the browser as one item per line.

Why lines and not a grid of inputs: a sheet holds from zero to dozens of items of each list;
a textarea with one item per line and cells separated by "|" works without JavaScript, with
a keyboard and a screen reader, pastes from a spreadsheet or a document, and shows the whole
list at once. Each list says its columns in the field's help text; an error names the line
and the cell, and what was typed stays in the form.

Enumerated cells (roles, funding types, categories) take the code, the French label or the
label in the page's language, in any case and with or without accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django import forms
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from vivier.sheets import schema

from . import labels

SEPARATOR = "|"


class CellError(ValueError):
    """A cell that cannot be read; ``message`` says what is expected, in the page's language."""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s_’'-]+", " ", text)


def enum_value[E: StrEnum](enum: type[E], text: str) -> E:
    """The member of ``enum`` that ``text`` names by its code, its French label or its label
    in the page's language (what :func:`enum_label` wrote in the form)."""
    wanted = _fold(text)
    for member in enum:
        if wanted in (
            _fold(member.value),
            _fold(labels.french(member)),
            _fold(labels.label(member)),
        ):
            return member
    known = ", ".join(labels.label(m) for m in enum)
    raise CellError(
        gettext("« %(text)s » n’est pas reconnu ; valeurs possibles : %(known)s.")
        % {"text": text.strip(), "known": known}
    )


def enum_label(member: StrEnum) -> str:
    return labels.label(member)


def _number(text: str) -> float | None:
    cleaned = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace("€", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise CellError(
            gettext("« %(text)s » n’est pas un nombre (exemple : 12 500,50).")
            % {"text": text.strip()}
        ) from None


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    if value == int(value):
        return str(int(value))
    return f"{value:f}".rstrip("0").replace(".", ",")


def _year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise CellError(
            gettext("« %(text)s » n’est pas une année sur quatre chiffres.") % {"text": text}
        )
    return int(text)


_FRENCH_DATE = re.compile(r"^(?:(\d{1,2})/)?(\d{1,2})/(\d{4})$")


def _date(text: str) -> schema.PartialDate | None:
    """ "2016", "2016-03", "2016-03-12", "03/2016" or "12/03/2016"."""
    text = text.strip()
    if not text:
        return None
    match = _FRENCH_DATE.match(text)
    if match:
        day, month, year = match.groups()
        text = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return schema.PartialDate.parse(text)


def _pad(cells: list[str], count: int) -> list[str]:
    """Exactly ``count`` cells: missing trailing cells are empty, extra ones are kept joined."""
    if len(cells) > count:
        cells = [*cells[: count - 1], f" {SEPARATOR} ".join(cells[count - 1 :])]
    return [*cells, *([""] * (count - len(cells)))]


def _yes(text: str) -> bool:
    return _fold(text) in {"oui", "yes", "o", "y", "1", "vrai", "true"}


@dataclass(frozen=True)
class ListFormat:
    """How one list of the sheet reads and writes its lines."""

    attribute: str
    label: Any
    columns: Any  # the help text: the cells of a line, in order
    parse: Callable[[list[str]], Any]
    format: Callable[[Any], list[str]]
    rows: int = 4


def _actor(cells: list[str]) -> schema.Actor:
    name, roles, kind, note = _pad(cells, 4)
    if not name:
        raise CellError(gettext("le nom de l’acteur manque (première case)."))
    parsed = tuple(
        enum_value(schema.ActorRole, role) for role in re.split(r"[,;]", roles) if role.strip()
    )
    return schema.Actor(name=name, roles=parsed, kind=kind, note=note)


def _actor_cells(actor: schema.Actor) -> list[str]:
    return [actor.name, ", ".join(enum_label(r) for r in actor.roles), actor.kind, actor.note]


def _event(cells: list[str]) -> schema.TimelineEvent:
    when, text = _pad(cells, 2)
    if not text:
        raise CellError(gettext("l’événement manque (deuxième case)."))
    try:
        return schema.TimelineEvent(date=_date(when), text=text)
    except schema.SheetFormatError:
        # "Printemps 2016", "fin 2019": kept as written, placed in its year.
        year = re.search(r"\b(1[89]\d\d|2[01]\d\d)\b", when)
        if year is None:
            raise CellError(
                gettext(
                    "« %(text)s » n’est pas une date : écrivez 2016, 03/2016, 12/03/2016 ou un "
                    "texte avec l’année (printemps 2016)."
                )
                % {"text": when}
            ) from None
        return schema.TimelineEvent(
            date=schema.PartialDate(int(year.group(1))), text=text, date_text=when
        )


def _event_cells(event: schema.TimelineEvent) -> list[str]:
    return [event.date_text or (str(event.date) if event.date else ""), event.text]


def _funding(cells: list[str]) -> schema.Funding:
    funder, kind, amount, period, text = _pad(cells, 5)
    if not (funder or text):
        raise CellError(gettext("indiquez au moins le financeur (première case)."))
    return schema.Funding(
        funder=funder,
        type=enum_value(schema.FundingType, kind) if kind else None,
        amount=_number(amount),
        period=period,
        text=text,
    )


def _funding_cells(funding: schema.Funding) -> list[str]:
    return [
        funding.funder,
        enum_label(funding.type) if funding.type else "",
        _number_text(funding.amount),
        funding.period,
        funding.text,
    ]


def _figure(cells: list[str]) -> schema.KeyFigure:
    label, value, unit, year, source = _pad(cells, 5)
    if not label:
        raise CellError(gettext("le libellé du chiffre manque (première case)."))
    # "plus de 300", "environ 1 200": the words before the number qualify it.
    qualified = re.match(r"^([^\d+-]*?)\s*([-+]?\d[\d\s.,\u202f\u00a0]*)$", value)
    qualifier = ""
    if qualified and qualified.group(1):
        qualifier, value = qualified.group(1).strip(), qualified.group(2)
    elif not qualified and re.search(r"\d", value):
        # A range or an approximation in words ("150 à 200"): kept as written, no value.
        qualifier, value = value.strip(), ""
    return schema.KeyFigure(
        label=label,
        value=_number(value),
        unit=unit,
        year=_year(year),
        source=source,
        qualifier=qualifier,
    )


def _figure_cells(figure: schema.KeyFigure) -> list[str]:
    value = f"{figure.qualifier} {_number_text(figure.value)}".strip()
    if figure.value is None:
        value = figure.qualifier
    return [
        figure.label,
        value if figure.qualifier else _number_text(figure.value),
        figure.unit,
        str(figure.year or ""),
        figure.source,
    ]


def _condition(cells: list[str]) -> schema.Condition:
    kind, category, text = _pad(cells, 3)
    if not kind:
        raise CellError(gettext("dites s’il s’agit d’un facteur de réussite ou d’un obstacle."))
    return schema.Condition(
        kind=enum_value(schema.ConditionKind, kind),
        category=enum_value(schema.ConditionCategory, category) if category else None,
        text=text,
    )


def _condition_cells(condition: schema.Condition) -> list[str]:
    category = enum_label(condition.category) if condition.category else ""
    return [enum_label(condition.kind), category, condition.text]


def _indicator(cells: list[str]) -> schema.Indicator:
    kind, label = _pad(cells, 2)
    if not label:
        raise CellError(gettext("le libellé de l’indicateur manque (deuxième case)."))
    kind_member = enum_value(schema.IndicatorKind, kind or "qualitatif")
    return schema.Indicator(label=label, kind=kind_member)


def _indicator_cells(indicator: schema.Indicator) -> list[str]:
    return [enum_label(indicator.kind), indicator.label]


def _media(cells: list[str]) -> schema.MediaLink:
    url, kind, title, consent = _pad(cells, 4)
    if not re.match(r"^https?://\S+$", url):
        raise CellError(
            gettext("« %(url)s » n’est pas une adresse web (https://…).") % {"url": url}
        )
    return schema.MediaLink(
        url=url,
        kind=enum_value(schema.MediaKind, kind) if kind else schema.MediaKind.OTHER,
        title=title,
        consent_recorded=_yes(consent),
    )


def _media_cells(media: schema.MediaLink) -> list[str]:
    # Read back by ``_yes``, which knows both languages' words.
    consent = (
        pgettext("yes or no", "oui") if media.consent_recorded else pgettext("yes or no", "non")
    )
    return [media.url, enum_label(media.kind), media.title, consent]


def _public(cells: list[str]) -> str:
    return SEPARATOR.join(cells)


LISTS: tuple[ListFormat, ...] = (
    ListFormat(
        "actors",
        _("Acteurs"),
        _("Un acteur par ligne : nom | rôles (initiateur, porteur, partenaire, financeur…) | "
          "type de structure | précision."),
        _actor, _actor_cells, 5,
    ),
    ListFormat("publics", _("Publics"), _("Un public par ligne."), _public, lambda p: [p], 3),
    ListFormat(
        "timeline",
        _("Chronologie"),
        _("Un événement par ligne : date (2016, 03/2016 ou 12/03/2016) | événement."),
        _event, _event_cells, 5,
    ),
    ListFormat(
        "funding",
        _("Financements"),
        _("Un financement par ligne : financeur | type (appel à projets, fonds propres…) | "
          "montant en euros | période | précision."),
        _funding, _funding_cells, 4,
    ),
    ListFormat(
        "key_figures",
        _("Chiffres clés"),
        _("Un chiffre par ligne : libellé | valeur | unité | année | source."),
        _figure, _figure_cells, 4,
    ),
    ListFormat(
        "conditions",
        _("Facteurs de réussite et obstacles"),
        _("Un par ligne : facteur de réussite ou obstacle | catégorie (optionnelle) | texte."),
        _condition, _condition_cells, 4,
    ),
    ListFormat(
        "indicators",
        _("Indicateurs d’évaluation"),
        _("Un indicateur par ligne : quantitatif ou qualitatif | libellé."),
        _indicator, _indicator_cells, 3,
    ),
    ListFormat(
        "media",
        _("Films, podcasts et autres médias"),
        _("Un lien par ligne : adresse | type (film, podcast…) | titre | consentement des "
          "personnes filmées ou enregistrées (oui ou non). Seuls les liens avec consentement "
          "sont publiés."),
        _media, _media_cells, 3,
    ),
)  # fmt: skip


def lines_of(items: Sequence[Any], list_format: ListFormat) -> str:
    rows = []
    for item in items:
        cells = list_format.format(item)
        while cells and not cells[-1]:
            cells.pop()
        rows.append(f" {SEPARATOR} ".join(cells))
    return "\n".join(rows)


def parse_lines(text: str, list_format: ListFormat) -> tuple[tuple[Any, ...], list[str]]:
    """The items of a textarea, and one message per line that could not be read."""
    items: list[Any] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.split(SEPARATOR)]
        try:
            items.append(list_format.parse(cells))
        except (CellError, schema.SheetFormatError) as error:
            message = error.args[0] if isinstance(error, CellError) else error.message
            problems.append(
                gettext("Ligne %(number)s : %(message)s") % {"number": number, "message": message}
            )
    return tuple(items), problems


class ListField(forms.CharField):
    """A textarea holding one list of the sheet; cleans to a tuple of sheet items."""

    def __init__(self, list_format: ListFormat, **kwargs: Any) -> None:
        self.list_format = list_format
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", list_format.label)
        kwargs.setdefault("help_text", list_format.columns)
        kwargs.setdefault(
            "widget", forms.Textarea(attrs={"rows": list_format.rows, "class": "fr-input"})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> tuple[Any, ...]:
        text = super().clean(value) or ""
        items, problems = parse_lines(text, self.list_format)
        if problems:
            raise forms.ValidationError(problems)
        return items
