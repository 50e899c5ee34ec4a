"""No stored code reaches a page: the 21 demo sheets, public and staff, in both languages.

A sheet stores codes ("mise_en_oeuvre", "co_forme", "soutien_hierarchie"); a page shows
their words. The scan renders every demo sheet's public page, the catalogue and the staff
registry in French and in English, removes what the sheets' authors wrote (titles, texts,
names: they may use any word), and looks in what is left for every code of every closed
list, as stored or with its underscores read as spaces (what the pages once showed: "co
forme"). A code that is also a word of the interface in that language (of a label or of a
translated text: "expert", "document", "national") cannot be told apart from it and is not
looked for as it is; with its underscores, as spaces, it always is.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from django.template.defaultfilters import truncatewords
from django.utils import translation

from tests.practices.test_catalogue import publish
from tests.practices.test_labels import CLOSED_LISTS, PO
from vivier.demo.practices import practices
from vivier.practices import labels
from vivier.sheets import schema

pytestmark = pytest.mark.django_db

CODES = {member.value for enum in CLOSED_LISTS for member in enum}


def _texts(value: Any) -> Iterator[str]:
    """The free texts of a sheet's value: its strings that are not codes of a list."""
    if isinstance(value, StrEnum):
        return
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _written(sheets: list[schema.Sheet]) -> list[re.Pattern[str]]:
    """The lines people wrote in the sheets, as whole words, longest first."""
    lines: set[str] = set()
    for sheet in sheets:
        for text in _texts(sheet):
            lines.update(line.strip() for line in text.splitlines() if line.strip())
        if sheet.summary:  # a card shows the summary cut at 40 words
            lines.add(truncatewords(sheet.summary, 40))
    return [_whole(line) for line in sorted(lines, key=len, reverse=True)]


def _whole(text: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])", flags)


@cache
def _interface(language: str) -> str:
    """Every text of the interface in ``language``: the catalogue's French texts or their
    English, and the labels of the closed lists."""
    entries = re.findall(
        r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', PO.read_text(encoding="utf-8"), re.M
    )
    column = 0 if language == "fr" else 1
    texts = ["".join(re.findall(r'"(.*)"', entry[column])) for entry in entries]
    with translation.override(language):
        texts += [labels.label(m) for enum in CLOSED_LISTS for m in enum]
    return "\n".join(texts)


def _visible_text(page: str) -> str:
    main = page.split('<main id="content"', 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<(script|style)\b.*?</\1>", "\n", main, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


@cache
def _looked_for(language: str) -> list[tuple[str, re.Pattern[str]]]:
    interface = _interface(language)
    patterns = []
    for code in sorted(CODES):
        # In any case: a code may be shown capitalised ("Soutien_hierarchie").
        for shown in dict.fromkeys((code, code.replace("_", " "))):
            if not _whole(shown, re.IGNORECASE).search(interface):
                patterns.append((shown, _whole(shown, re.IGNORECASE)))
    return patterns


def _codes_shown(page: str, written: list[re.Pattern[str]], language: str) -> list[str]:
    text = _visible_text(page)
    for line in written:
        text = line.sub("\n", text)
    return [code for code, pattern in _looked_for(language) if pattern.search(text)]


def test_no_code_of_a_closed_list_is_shown_on_the_demo_pages(client, group_gael_client):
    sheets = list(practices())
    assert len(sheets) == 21
    published = [publish(sheet) for sheet in sheets]
    written = _written(sheets)
    # The scan has something to find: the demo uses the lists that once showed codes.
    used = {m.value for s in sheets for m in _members(s)}
    assert {"co_forme", "soutien_hierarchie", "mise_en_oeuvre"} <= used

    shown: dict[str, list[str]] = {}
    for language in ("fr", "en"):
        for c in (client, group_gael_client):
            c.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        pages = {f"/pratiques/{p.slug}/": client for p in published}
        pages["/pratiques/"] = client
        pages["/staff/pratiques/"] = group_gael_client
        for url, c in pages.items():
            answer = c.get(url)
            assert answer.status_code == 200, url
            assert f'lang="{language}"' in answer.content.decode()[:400]
            codes = _codes_shown(answer.content.decode(), written, language)
            if codes:
                shown[f"{language} {url}"] = codes
    assert shown == {}


def _members(sheet: schema.Sheet) -> Iterator[schema.StrEnum]:
    yield from sheet.themes
    yield from (c.category for c in sheet.conditions if c.category)
    yield from (p.role for p in sheet.participation if p.role)
    yield from (s.stage for s in sheet.stage_history)


def test_the_scan_finds_a_code_shown_as_is():
    """The scan itself: a code, or a code with spaces, left in a page is found."""
    page = (
        '<main id="content"><p>Étape : mise_en_oeuvre</p><p>Co forme</p>'
        "<p>Le soutien de la hiérarchie, la mise en œuvre</p></main>"
    )
    assert _codes_shown(page, [], "fr") == ["co forme", "mise_en_oeuvre"]
    # What an author wrote may hold any word: it is not a code shown.
    written = [_whole("Étape : mise_en_oeuvre"), _whole("Co forme")]
    assert _codes_shown(page, written, "fr") == []
    # Codes that are words of the interface are not looked for as they are.
    looked_for = {code for code, _ in _looked_for("fr")}
    assert {"document", "national", "expert", "naissante"}.isdisjoint(looked_for)
    assert {"co_forme", "co forme", "emergence", "abandonnee", "referent"} <= looked_for
    assert _codes_shown('<main id="content">Soutien_hierarchie</main>', [], "fr")
