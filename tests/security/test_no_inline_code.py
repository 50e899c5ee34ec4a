"""No template holds inline script, style or event handler: the CSP would refuse them.

Every template of Vivier is read as text, so a page nobody visits in the browser tests is
covered too, and so is any template added later. The documents made to be opened on their
own, outside the site and its policy (PDF sources), keep their stylesheet inline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vivier

ROOT = Path(vivier.__file__).parent
#: Downloads and PDF sources, never served as a page of the site (see SECURE_CSP).
STANDALONE_DOCUMENTS = {
    "reports/templates/reports/annex.html",
    "practices/templates/practices/detail_pdf.html",
    # The evaluation's funder and qualitative reports, rendered to PDF by WeasyPrint.
    "evaluation/templates/evaluation/documents/report.html",
}
INLINE_CODE = {
    "a <style> element": re.compile(r"<style\b", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "an inline <script>": re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "a javascript: link": re.compile(r"javascript:", re.IGNORECASE),
}


def _templates() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("templates/**/*.html")
        if path.relative_to(ROOT).as_posix() not in STANDALONE_DOCUMENTS
    )


def test_there_are_templates_to_check():
    names = {path.relative_to(ROOT).as_posix() for path in _templates()}
    assert "templates/base.html" in names
    assert "practices/templates/practices/catalogue.html" in names
    assert len(names) > 40


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_template_has_no_inline_code(path):
    text = path.read_text(encoding="utf-8")
    found = [
        f"line {text.count(chr(10), 0, match.start()) + 1}: {what}"
        for what, pattern in INLINE_CODE.items()
        for match in pattern.finditer(text)
    ]
    assert not found, f"{path.relative_to(ROOT)}: move it to a static file: {found}"
