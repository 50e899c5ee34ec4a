"""The annex as one standalone HTML page: inline CSS and SVG, nothing fetched.

Rendered with Django's template language through an ``Engine`` of our own pointed at this
app's templates, so the documents work from the command line, in tests and in the web app
alike, whether or not ``vivier.reports`` is in ``INSTALLED_APPS``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.template import Context, Engine

from vivier.reports.documents.common import REMARK_SYMBOLS, Document, Remark, Table

_APP_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = _APP_DIR / "templates"
TEMPLATE_NAME = "reports/annex.html"
CSS_PATH = _APP_DIR / "static" / "reports" / "annex.css"


@functools.cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES_DIR)], autoescape=True)


@functools.cache
def stylesheet() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def _remark(remark: Remark, doc: Document, *, about: str = "") -> dict[str, Any]:
    return {
        "css": remark.kind.lower(),
        "label": doc.labels[f"remark_{remark.kind}"],
        "symbol": REMARK_SYMBOLS[remark.kind],
        "paragraphs": remark.paragraphs,
        "about": about,
    }


def _table(table: Table) -> dict[str, Any]:
    # Cells travel with their alignment so the template stays free of index arithmetic.
    return {
        "caption": table.caption,
        "header": table.header,
        "rows": [list(zip(row, table.numeric, strict=False)) for row in table.rows],
    }


def _remarks(remarks: Sequence[Remark], doc: Document) -> list[dict[str, Any]]:
    return [_remark(r, doc, about=r.question or r.section or "") for r in remarks]


def _coding(doc: Document) -> dict[str, Any] | None:
    """The coding part's plan, its tables made ready for the template."""
    from vivier.reports.documents.coding import part_of, quotes_by_code

    part = part_of(doc)
    if part is None:
        return None
    blocks = {
        key: [
            {"heading": b.heading, "n_line": b.n_line, "table": _table(b.table)}
            for b in getattr(part, key)
        ]
        for key in ("questions", "typologies", "crosstabs")
    }
    together = part.cooccurrence
    cooccurrence = (
        None
        if together is None
        else {
            "heading": together.heading,
            "n_line": together.n_line,
            "table": _table(together.table),
        }
    )
    return {
        "part": part,
        "t": part.labels,
        "quotes": quotes_by_code(part),
        "cooccurrence": cooccurrence,
        **blocks,
    }


def context(doc: Document) -> dict[str, Any]:
    parts = [
        {
            "anchor": part.anchor,
            "title": part.title,
            "sections": [
                {
                    "name": section.name,
                    "title": section.title,
                    "remarks": _remarks(section.remarks, doc),
                    "questions": [
                        {
                            "name": block.name,
                            "type": block.type,
                            "heading": block.heading,
                            "n_line": block.n_line,
                            "notes": block.notes,
                            "chart": block.chart,
                            "tables": [_table(t) for t in block.tables],
                            "texts_title": block.texts_title,
                            "texts": block.texts,
                            "remarks": _remarks(block.remarks, doc),
                        }
                        for block in section.questions
                    ],
                }
                for section in part.sections
            ],
        }
        for part in doc.parts
    ]
    return {
        "doc": doc,
        "t": doc.labels,
        "css": stylesheet(),
        "remarks": _remarks(doc.remarks, doc),
        "overview_tables": [_table(t) for t in doc.overview_tables],
        "parts": parts,
        "coding": _coding(doc),
    }


def render_html(doc: Document) -> str:
    template = _engine().get_template(TEMPLATE_NAME)
    return template.render(Context(context(doc)))
