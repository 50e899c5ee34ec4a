"""Dates and figures found in the prose of a sheet.

Both are raw material for a reviewer: every event keeps its sentence and the words of its
date, every figure its sentence and its qualifier ("plus de", "environ"), because the
sheets round, approximate and sometimes contradict themselves, and the importer must not
make a figure look more exact than the text is.
"""

from __future__ import annotations

import re

from vivier.sheets.schema import (
    Condition,
    ConditionCategory,
    ConditionKind,
    KeyFigure,
    PartialDate,
    TimelineEvent,
)

_MONTHS = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_QUALIFIER = r"(?:(?:à la |à partir de |dès |depuis |fin |début |mi-|courant |en )\s*)?"
_FULL_DATE_RE = re.compile(
    rf"(?i)\b{_QUALIFIER}(?:le\s+)?(\d{{1,2}})(?:er)?\s+({_MONTH})\s+({_YEAR})\b"
)
_MONTH_DATE_RE = re.compile(rf"(?i)\b{_QUALIFIER}({_MONTH})\s+({_YEAR})\b")


def find_date(text: str) -> tuple[PartialDate, str] | None:
    """The first date of ``text``, in its most precise form, and its words."""
    candidates: list[tuple[int, int, PartialDate]] = []
    for match in _FULL_DATE_RE.finditer(text):
        day, month, year = match.groups()
        try:
            date = PartialDate(int(year), _MONTHS[month.lower()], int(day))
        except ValueError:
            continue  # "31 février": keep looking, a coarser form may still be right
        candidates.append((match.start(), match.end(), date))
    for match in _MONTH_DATE_RE.finditer(text):
        month, year = match.groups()
        candidates.append(
            (match.start(), match.end(), PartialDate(int(year), _MONTHS[month.lower()]))
        )
    for match in _YEAR_RE.finditer(text):
        candidates.append((match.start(), match.end(), PartialDate(int(match.group(1)))))
    if not candidates:
        return None
    # The earliest date; where forms overlap ("le 25 septembre 2018" and "2018") the
    # longest starts first, so it wins.
    start, end, date = min(candidates, key=lambda c: (c[0], -(c[1] - c[0])))
    return date, text[start:end].strip()


def items(text: str) -> list[str]:
    """List items and sentences: the units an event or a figure is read from."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        # A sentence ends at ".", "!" or "?" followed by a capital; "M. Dupont" is rare
        # enough in the sheets not to need an abbreviation list.
        out.extend(
            s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«(-])", paragraph) if s.strip()
        )
    return out


def timeline(text: str) -> tuple[TimelineEvent, ...]:
    """One event per dated item, in the order of the text."""
    events: list[TimelineEvent] = []
    for item in items(text):
        found = find_date(item)
        if found:
            date, words = found
            events.append(TimelineEvent(date, item.lstrip("-–•o ").strip(), words))
    return tuple(events)


_UNITS = (
    "travailleurs sociaux|travailleuses sociales|conférences familiales|jeunes adultes|"
    "personnes|professionnel(?:le)?s|familles|jeunes|coordinateurs|coordinatrices|"
    "conférences|situations|salariés|bénévoles|départements|communes|structures|"
    "entreprises|élèves|lycées|collèges|établissements|participants|participantes|enfants|"
    "femmes|hommes|ménages|places|logements|formations|sessions|jours|mois|ans|années|"
    "heures|semaines|postes|ETP|agents|partenaires|associations|adhérents|orientations|"
    "accompagnements|entretiens|bénéficiaires|usagers|habitants|résidents|membres|"
    "demandes|ateliers|actions|initiations|formateurs|formatrices|équipes|sites|"
    "territoires|villes|pays|volontaires|ambassadeurs|interventions|rencontres|dossiers|"
    "foyers|allocataires|appels|visites|permanences|groupes|réunions|séances|modules|j"
)
# A year is not followed by a unit: "plus de 2000 professionnels" is a count.
_YEAR_RE = re.compile(
    rf"(?i)(?<![\d,.])\b{_QUALIFIER}({_YEAR})\b(?![,.]?\d)"
    rf"(?!\s+(?:d['’]|de\s+)?(?:{_UNITS})\b)"
)
_NUMBER = r"(?<![\w.,/-])(\d{1,3}(?:[  .]\d{3})+|\d+(?:,\d+)?)"
_FIGURE_RE = re.compile(
    rf"{_NUMBER}(?:\s?(?P<symbol>%|€|k€|M€)|\s+(?:d['’]|de\s+)?(?P<word>euros?|{_UNITS})\b)"
)
_APPROX_RE = re.compile(
    r"(plus de|près de|environ|autour de|moins de|au moins|jusqu['’]à|presque|"
    r"quasiment|en moyenne)\s*$",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    digits = re.sub(r"[  .]", "", text).replace(",", ".")
    return float(digits)


def key_figures(text: str, source: str) -> list[KeyFigure]:
    """Numbers followed by a unit, each with its sentence as source."""
    figures: list[KeyFigure] = []
    for item in items(text):
        found_year = _YEAR_RE.search(item)
        year = int(found_year.group(1)) if found_year else None
        for match in _FIGURE_RE.finditer(item):
            raw = match.group(1)
            value = _number(raw)
            unit = match.group("symbol") or match.group("word")
            if unit in {"euro", "euros"}:
                unit = "€"
            if unit in {"ans", "années"} and 1900 <= value <= 2100:
                continue  # "2016 ans" does not happen; "en 2016, ans" is a misread
            before = item[: match.start()]
            approx = _APPROX_RE.search(before)
            if unit in {"%", "€", "k€", "M€"}:
                # A share or an amount is named by what precedes it.
                words = re.findall(r"[\w’'-]+", before)[-5:]
            else:
                after = item[match.end() :]
                words = [unit, *re.findall(r"^[^.;:,()]*", after)[0].split()[:4]]
            label = " ".join(words).strip() or unit
            figures.append(
                KeyFigure(
                    label=label,
                    value=int(value) if value.is_integer() else value,
                    unit=unit,
                    year=year,
                    source=f"{source}: {item}",
                    qualifier=approx.group(1).lower() if approx else "",
                )
            )
    return figures


# Words that mark a sentence of the "Conditions de mise en œuvre" section as an obstacle or a
# success factor. Sentences with neither stay in the section's text only: a reviewer decides.
_OBSTACLE_RE = re.compile(
    r"(?i)\b(?:freins?|obstacles?|difficult[ée]s?|limites?|[ée]cueils?|risques?|manque|"
    r"essoufflement|r[ée]ticences?|r[ée]sistances?|points? de vigilance)\b"
)
_SUCCESS_RE = re.compile(
    r"(?i)\b(?:cl[ée]s? de (?:la )?r[ée]ussite|facteurs?(?:[- ]cl[ée]s?)?|leviers?|"
    r"repose sur|n[ée]cessaires?|indispensables?|favoris\w*|facilit\w*|primordiale?|"
    r"conditions? de r[ée]ussite|essentiel(?:le)?s?)\b"
)
#: Category of the report's taxonomy (survey Q50-Q53) by the words that name it.
_CATEGORY_WORDS: tuple[tuple[ConditionCategory, str], ...] = (
    (ConditionCategory.POLITICAL_SUPPORT, r"\b[ée]lus?\b|politique"),
    (ConditionCategory.HIERARCHY_SUPPORT, r"hi[ée]rarchi|direction|portage"),
    (ConditionCategory.TRAINING, r"\bformation|form[ée]s\b"),
    (ConditionCategory.TIME, r"\btemps\b|disponibilit"),
    (ConditionCategory.PARTNER_HELP, r"partenai"),
    (ConditionCategory.FINANCIAL_MEANS, r"financ|budg|moyens"),
    (ConditionCategory.MOBILISATION, r"mobilis|int[ée]ress[ée]e?s"),
    (ConditionCategory.COMMUNICATION, r"communic|information"),
    (ConditionCategory.TERRITORY_KNOWLEDGE, r"territoire"),
    (ConditionCategory.RESISTANCE_TO_CHANGE, r"r[ée]sistance|r[ée]ticence"),
)


def conditions(text: str) -> tuple[Condition, ...]:
    """Success factors and obstacles read from the sentences of the conditions section."""
    found: list[Condition] = []
    for sentence in items(text):
        obstacle = _OBSTACLE_RE.search(sentence)
        success = _SUCCESS_RE.search(sentence)
        if obstacle and success:
            # "lever les freins", "facteur de difficulté": the word that comes first leads.
            kind = (
                ConditionKind.OBSTACLE
                if obstacle.start() < success.start()
                else ConditionKind.SUCCESS_FACTOR
            )
        elif obstacle:
            kind = ConditionKind.OBSTACLE
        elif success:
            kind = ConditionKind.SUCCESS_FACTOR
        else:
            continue
        category = next(
            (c for c, words in _CATEGORY_WORDS if re.search(words, sentence, re.IGNORECASE)),
            None,
        )
        found.append(Condition(kind=kind, category=category, text=sentence))
    return tuple(found)
