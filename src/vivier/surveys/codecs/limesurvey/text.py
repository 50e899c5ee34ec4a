"""LimeSurvey texts (HTML from its editor) as the plain text Vivier stores.

Vivier renders every text escaped, so markup would show as tags; worse, a ``<script>`` kept
as text could end up unescaped in some export. Scripts and styles are therefore dropped
with their content (the caller warns), other tags are removed, entities are decoded and
line breaks are kept: block ends and ``<br>`` become new lines.

Expressions in braces (``{Q1}``, ``{if(Q2 == "Y", "…", "…")}``) are LimeSurvey's piping:
Vivier does not compute them, so they stay as written and :func:`has_piping` lets the
caller say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_DROPPED = frozenset({"script", "style", "template"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
#: LimeSurvey only treats ``{…}`` as an expression when no space follows ``{`` nor precedes
#: ``}`` (so that CSS and prose braces are left alone).
_PIPING = re.compile(r"\{(?!\s)[^{}]*(?<!\s)\}")


@dataclass(frozen=True, slots=True)
class PlainText:
    text: str
    #: A ``<script>`` (or style) was removed.
    had_script: bool = False


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.had_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping += 1
            self.had_script = True
        elif tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_to_text(html: str) -> PlainText:
    if not html:
        return PlainText("")
    if "<" not in html and "&" not in html:
        return PlainText(_tidy(html))
    extractor = _Extractor()
    extractor.feed(html)
    extractor.close()
    return PlainText(_tidy("".join(extractor.parts)), extractor.had_script)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def has_piping(text: str) -> bool:
    return bool(_PIPING.search(text))
