"""The reports' plan: headings, paragraphs, tables and boxed texts, as words of one language.

``funder`` and ``qualitative`` turn the data dict (``data.build``) into a :class:`Document`
of plain strings, in the active language; the PDF (through HTML) and the DOCX draw the same
blocks in the same order, so the two formats say the same thing. The spreadsheet reads the
data dict itself: it wants numbers, not their text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vivier.plans.periods import Frequency, parse_period

from . import labels


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    kind: str = "heading"


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: "", "lead" (the practice's own words), "note" (how to read what follows).
    style: str = ""
    kind: str = "paragraph"


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    kind: str = "items"


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Per column: right-aligned figures.
    numeric: tuple[bool, ...]
    #: The last row is a total (bold).
    total: bool = False
    kind: str = "table"

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        return list(zip(self.header, self.numeric, strict=False))

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """Rows with each cell's alignment, for templates that cannot index."""
        return [list(zip(row, self.numeric, strict=False)) for row in self.rows]


@dataclass(frozen=True)
class Box:
    """A story, an outcome or an opinion: a title, a line of facts, labelled paragraphs."""

    title: str
    meta: str
    parts: tuple[tuple[str, str], ...]
    footer: str = ""
    kind: str = "box"


Block = Heading | Paragraph | Items | Table | Box


@dataclass
class Document:
    kicker: str
    title: str
    lang: str
    facts: list[tuple[str, str]]
    blocks: list[Block] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def _cover(data: dict[str, Any], kicker: str) -> Document:
    t = labels.words()
    practice = data["practice"]
    facts = []
    if practice["code"]:
        facts.append((t["code"], practice["code"]))
    facts.append((t["plan_version"], str(data["plan"]["version"])))
    if data["plan"]["start"]:
        facts.append((t["start"], labels.day(_date(data["plan"]["start"]))))
    facts.append((t["generated_on"], labels.day(data["generated"])))
    return Document(
        kicker=kicker, title=practice["title"], lang=labels.lang(), facts=facts, words=t
    )


def _date(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def _plan(doc: Document, data: dict[str, Any], *, full: bool) -> None:
    t, plan = doc.words, data["plan"]
    doc.add(Heading(1, t["the_plan"]))
    if plan["purpose"]:
        doc.add(Heading(2, t["purpose"]), *_paragraphs(plan["purpose"], "lead"))
    if plan["questions"]:
        doc.add(
            Heading(2, t["questions"]), Items(tuple(_proposed(q, t) for q in plan["questions"]))
        )
    if plan["results"]:
        doc.add(Heading(2, t["results"]), Items(tuple(_proposed(r, t) for r in plan["results"])))
    if not full:
        return
    if plan["criteria"]:
        doc.add(Heading(2, t["criteria"]), Items(tuple(plan["criteria"])))
    if plan["milestones"]:
        doc.add(
            Heading(2, t["milestones"]),
            Items(
                tuple(
                    f"{m['label']} ({m['months']} {t['months_after_start']})"
                    for m in plan["milestones"]
                )
            ),
        )
    if data["indicators"]:
        doc.add(
            Heading(2, t["indicators"]),
            Items(
                tuple(
                    f"{i['title']} — {_definition(i, t)} ({t['proposed_by']} "
                    f"{labels.group(i['proposed_by'])})"
                    for i in data["indicators"]
                )
            ),
        )


def _proposed(item: dict[str, Any], t: dict[str, str]) -> str:
    return f"{item['text']} ({t['proposed_by']} {labels.group(item['proposed_by'])})"


def _paragraphs(text: str, style: str = "") -> list[Paragraph]:
    return [
        Paragraph(line.strip(), style)
        for line in text.replace("\r\n", "\n").split("\n")
        if line.strip()
    ]


def _definition(indicator: dict[str, Any], t: dict[str, str]) -> str:
    """What the indicator's values mean, in one line."""
    parts = []
    if indicator["is_rate"]:
        parts.append(
            t["rate_of"]
            % {"numerator": indicator["numerator"], "denominator": indicator["denominator"]}
        )
    elif indicator["unit"]:
        parts.append(f"{t['unit']} : {indicator['unit']}")
    parts.append(f"{t['frequency']} : {labels.frequency(indicator['frequency'])}")
    if indicator["quantitative"]:
        parts.append(f"{t['direction']} : {labels.direction(indicator['direction'])}")
    baseline = indicator["baseline"]
    if baseline is not None:
        parts.append(
            f"{t['baseline']} : {labels.measure(baseline['value'], indicator)} ({baseline['year']})"
        )
    parts.append(f"{t['definition_number']}\u00a0{indicator['definition']}")
    return _colons(" · ".join(parts))


# --------------------------------------------------------------------------- funder report


def funder(data: dict[str, Any]) -> Document:
    """Indicators per period against their targets, then the budget against the funding."""
    t = labels.words()
    doc = _cover(data, t["funder_report"])
    _plan(doc, data, full=False)
    doc.add(Heading(1, t["indicators"]), Paragraph(t["only_approved"], "note"))
    figures = [i for i in data["indicators"] if i["quantitative"]]
    if not figures:
        doc.add(Paragraph(t["no_indicators"]))
    for indicator in figures:
        _figures(doc, indicator)
    _funding(doc, data["funding"])
    return doc


def _figures(doc: Document, indicator: dict[str, Any]) -> None:
    t = doc.words
    doc.add(Heading(2, indicator["title"]))
    if indicator["description"]:
        doc.add(*_paragraphs(indicator["description"]))
    doc.add(Paragraph(_definition(indicator, t), "note"))
    points = [p for p in indicator["points"] if p["value"] is not None or p["target"] is not None]
    if not points:
        doc.add(Paragraph(t["no_value"]))
    elif indicator["years"]:
        doc.add(Paragraph(t["year_rollup_note"], "note"), _years_table(indicator, t))
        if not any(
            p["target"] is not None and parse_period(p["period"]).frequency is not Frequency.YEARLY
            for p in points
        ):
            doc.add(_grid(indicator, t))
        else:
            doc.add(_points_table(indicator, t, points))
    else:
        doc.add(_points_table(indicator, t, points))
    if indicator["pending"]:
        doc.add(Paragraph(labels.pending(indicator["pending"]), "note"))
    if indicator["other_definitions"]:
        doc.add(Paragraph(labels.other_definitions(indicator["other_definitions"]), "note"))
    for breakdown in indicator["breakdowns"]:
        doc.add(
            Table(
                caption=_colons(f"{t['breakdown']} : {breakdown['dimension']}"),
                header=(t["period"], t["category"], t["value"]),
                rows=tuple(
                    (
                        labels.period(row["period"]),
                        row["category"],
                        labels.measure(row["value"], indicator),
                    )
                    for row in breakdown["rows"]
                ),
                numeric=(False, False, True),
            )
        )


def _points_table(
    indicator: dict[str, Any], t: dict[str, str], points: Sequence[dict[str, Any]]
) -> Table:
    return Table(
        caption=f"{indicator['title']} — {t['per_period']}",
        header=(t["period"], t["value"], t["target"], t["gap"], t["on_track"]),
        rows=tuple(
            (
                labels.period(p["period"]),
                labels.measure(p["value"], indicator),
                labels.measure(p["target"], indicator),
                labels.signed(p["gap"], indicator),
                labels.yes_no(p["on_track"]),
            )
            for p in points
        ),
        numeric=(False, True, True, True, False),
    )


def _years_table(indicator: dict[str, Any], t: dict[str, str]) -> Table:
    rows = []
    for year in indicator["years"]:
        value = (
            t["not_additive"]
            if year["reason"] == "not additive"
            else labels.measure(year["value"], indicator)
        )
        rows.append(
            (
                str(year["year"]),
                value,
                labels.measure(year["target"], indicator),
                labels.signed(year["gap"], indicator),
                labels.yes_no(year["on_track"]),
                str(year["periods"]),
            )
        )
    return Table(
        caption=f"{indicator['title']} — {t['per_year']}",
        header=(t["year"], t["value"], t["target"], t["gap"], t["on_track"], t["periods_reported"]),
        rows=tuple(rows),
        numeric=(False, True, True, True, False, True),
    )


def _grid(indicator: dict[str, Any], t: dict[str, str]) -> Table:
    """A year per row, a month (or a quarter) per column: five years of months on a page."""
    monthly = indicator["frequency"] == Frequency.MONTHLY.value
    columns = range(1, 13) if monthly else range(1, 5)
    by_year: dict[int, dict[int, Decimal | None]] = {}
    for point in indicator["points"]:
        period = parse_period(point["period"])
        if period.frequency is Frequency.YEARLY or point["value"] is None:
            continue
        column = period.month if monthly else (period.month - 1) // 3 + 1
        by_year.setdefault(period.year, {})[column] = point["value"]
    header = (
        t["year"],
        *(labels.month_short(m) if monthly else f"T{m}" for m in columns),
    )
    if not monthly and labels.lang() == "en":
        header = (t["year"], *(f"Q{m}" for m in columns))
    unit = "%" if indicator["is_rate"] else indicator["unit"]
    caption = f"{indicator['title']} — {t['per_period']}"
    return Table(
        caption=f"{caption} ({unit})" if unit else caption,
        header=header,
        rows=tuple(
            (
                str(year),
                *(
                    labels.number(values.get(c), indicator["decimals"] or None)
                    if values.get(c) is not None
                    else labels.words()["none"]
                    for c in columns
                ),
            )
            for year, values in sorted(by_year.items())
        ),
        numeric=(False, *(True for _ in columns)),
    )


def _funding(doc: Document, funding: dict[str, Any]) -> None:
    t = doc.words
    doc.add(Heading(1, t["funding"]))
    if not funding["years"]:
        doc.add(Paragraph(t["no_funding"]))
        return
    doc.add(Paragraph(t["amounts_in_euros"], "note"))
    header = (t["funder"], t["budget_line"], t["budgeted"], t["received"], t["spent"])
    numeric = (False, False, True, True, True, True)
    for year in funding["years"]:
        rows = [
            (
                row["funder"],
                row["budget_line"],
                labels.amount(row["budgeted"]),
                labels.amount(row["received"]),
                labels.amount(row["spent"]),
                labels.percent(row["spent_share"]),
            )
            for row in year["rows"]
        ]
        totals = year["totals"]
        rows.append(
            (
                t["total_year"] % {"year": year["year"]},
                "",
                labels.amount(totals["budgeted"]),
                labels.amount(totals["received"]),
                labels.amount(totals["spent"]),
                labels.percent(totals["spent_share"]),
            )
        )
        doc.add(
            Heading(2, str(year["year"])),
            Table(
                caption=f"{t['funding']} — {year['year']}",
                header=(*header, t["spent_share"]),
                rows=tuple(rows),
                numeric=numeric,
                total=True,
            ),
        )
    summary: list[tuple[str, ...]] = [
        (
            entry["funder"],
            labels.amount(entry["budgeted"]),
            labels.amount(entry["received"]),
            labels.amount(entry["spent"]),
            labels.percent(entry["spent_share"]),
        )
        for entry in funding["funders"]
    ]
    totals = funding["totals"]
    summary.append(
        (
            t["total"],
            labels.amount(totals["budgeted"]),
            labels.amount(totals["received"]),
            labels.amount(totals["spent"]),
            labels.percent(totals["spent_share"]),
        )
    )
    doc.add(
        Heading(2, t["per_funder"]),
        Table(
            caption=t["per_funder"],
            header=(t["funder"], t["budgeted"], t["received"], t["spent"], t["spent_share"]),
            rows=tuple(summary),
            numeric=(False, True, True, True, True),
            total=True,
        ),
    )


# --------------------------------------------------------------------------- qualitative report


def qualitative(data: dict[str, Any]) -> Document:
    """The plan, who takes part, the narratives, stories, outcomes and the committee's
    opinions."""
    t = labels.words()
    doc = _cover(data, t["qualitative_report"])
    _plan(doc, data, full=True)
    _participation(doc, data["participation"])
    _narratives(doc, data["indicators"])
    _stories(doc, data["stories"])
    _outcomes(doc, data["outcomes"])
    _opinions(doc, data["opinions"])
    return doc


def _participation(doc: Document, found: dict[str, Any]) -> None:
    t = doc.words
    doc.add(Heading(1, t["participation"]))
    groups = [mode["group"] for mode in found["matrix"][0]["modes"]] if found["matrix"] else []
    doc.add(
        Table(
            caption=t["participation_caption"],
            header=(t["step"], *(labels.group(g) for g in groups)),
            rows=tuple(
                (labels.step(row["step"]), *(labels.mode(m["mode"]) for m in row["modes"]))
                for row in found["matrix"]
            ),
            numeric=(False, *(False for _ in groups)),
        )
    )
    if found["co_decide"]:
        steps = ", ".join(labels.step(s).lower() for s in found["co_decide"])
        doc.add(Paragraph(t["co_decide_steps"] % {"steps": steps}))
    else:
        doc.add(Paragraph(t["no_co_decide"]))


def _narratives(doc: Document, indicators: list[dict[str, Any]]) -> None:
    t = doc.words
    qualitative = [i for i in indicators if not i["quantitative"]]
    if not qualitative:
        return
    doc.add(Heading(1, t["narratives"]))
    for indicator in qualitative:
        doc.add(Heading(2, indicator["title"]))
        if indicator["description"]:
            doc.add(*_paragraphs(indicator["description"], "note"))
        told = [p for p in indicator["points"] if p["narrative"].strip()]
        if not told:
            doc.add(Paragraph(t["no_narratives"]))
        for point in told:
            doc.add(Heading(3, labels.period(point["period"])), *_paragraphs(point["narrative"]))


def _stories(doc: Document, stories: list[dict[str, Any]]) -> None:
    t = doc.words
    doc.add(Heading(1, t["stories"]), Paragraph(t["stories_note"], "note"))
    if not stories:
        doc.add(Paragraph(t["no_stories"]))
    for story in stories:
        teller = story["alias"] or t["someone"]
        meta = [f"{t['told_by']} {teller} ({labels.group(story['group'])})"]
        if story["assisted"]:
            meta.append(t["assisted"])
        if story["period"]:
            meta.append(story["period"])
        parts = [
            (t["domain"], story["domain"]),
            (t["what_changed"], story["what_changed"]),
            (t["why_it_matters"], story["why_it_matters"]),
        ]
        footer = []
        if story["tags"]:
            footer.append(f"{t['tags']} : {', '.join(story['tags'])}")
        if story["selected_at"]:
            footer.append(f"{t['selected_at']} : {', '.join(map(str, story['selected_at']))}")
        doc.add(
            Box(
                title=story["title"] or story["domain"],
                meta=" · ".join(meta),
                parts=tuple(parts),
                footer=_colons(" · ".join(footer)),
            )
        )


def _outcomes(doc: Document, outcomes: list[dict[str, Any]]) -> None:
    t = doc.words
    doc.add(Heading(1, t["outcomes"]))
    if not outcomes:
        doc.add(Paragraph(t["no_outcomes"]))
    for outcome in outcomes:
        sources = "; ".join(
            f"{s['source']} ({t['substantiated' if s['substantiated'] else 'not_substantiated']})"
            for s in outcome["sources"]
        )
        doc.add(
            Box(
                title=f"{outcome['social_actor']}",
                meta=" · ".join(part for part in (outcome["when"], outcome["where"]) if part),
                parts=(
                    (t["change"], outcome["change"]),
                    (t["significance"], outcome["significance"]),
                    (t["contribution"], outcome["contribution"]),
                ),
                footer=_colons(f"{t['sources']} : {sources}") if sources else "",
            )
        )


def _opinions(doc: Document, sessions: list[dict[str, Any]]) -> None:
    t = doc.words
    doc.add(Heading(1, t["opinions"]))
    if not sessions:
        doc.add(Paragraph(t["no_opinions"]))
    for session in sessions:
        doc.add(
            Heading(
                2,
                t["session_of"]
                % {"date": labels.day(session["date"]), "committee": session["committee"]},
            )
        )
        for found in session["opinions"]:
            doc.add(Heading(3, labels.opinion(found["group"])), *_paragraphs(found["text"]))


def _colons(text: str) -> str:
    """French puts a space before a colon, English does not."""
    return text if labels.lang() == "fr" else text.replace(" : ", ": ")


__all__ = ["Block", "Box", "Document", "Heading", "Items", "Paragraph", "Table", "funder"]
