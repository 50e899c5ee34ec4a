"""The Atom feed says its summaries are plain text, and copes with any stored text."""

import xml.etree.ElementTree as ET

import pytest

from vivier.practices import registry
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet, Territory, Theme

pytestmark = pytest.mark.django_db

FEED = "/pratiques/flux.atom"
ATOM = "{http://www.w3.org/2005/Atom}"
SUMMARY = "Ateliers <b>parents</b> & enfants : « 1 < 2 »"


def _published(summary: str = SUMMARY) -> Practice:
    sheet = Sheet(
        title="Ateliers parents-enfants",
        summary=summary,
        themes=(Theme.EMPOWERMENT,),
        territory=Territory(departements=("33",)),
    )
    practice = registry.save_sheet(sheet)
    registry.move(practice, "validated")
    return registry.move(practice, "published")


def _entries(client) -> list[ET.Element]:
    answer = client.get(FEED)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(answer.content).findall(f"{ATOM}entry")


def test_a_summary_is_declared_text_and_reads_back_as_written(client):
    _published()
    (entry,) = _entries(client)
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "text"
    assert summary.text == SUMMARY
    assert entry.findtext(f"{ATOM}title") == "Ateliers parents-enfants"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["pouvoir_d_agir"]


def test_a_sheet_without_summary_has_no_summary_element(client):
    _published(summary="")
    (entry,) = _entries(client)
    assert entry.find(f"{ATOM}summary") is None


def test_control_characters_stored_before_do_not_break_the_feed(client):
    practice = _published()
    data = dict(practice.data, summary="Ateliers\x01 parents\x0b\x7f")
    Practice.objects.filter(pk=practice.pk).update(data=data, title="Ateliers\x1f parents")
    (entry,) = _entries(client)
    assert entry.findtext(f"{ATOM}summary") == "Ateliers parents"
    assert entry.findtext(f"{ATOM}title") == "Ateliers parents"


def test_the_feed_rejects_post(client):
    assert client.post(FEED).status_code == 405
