"""A version's page names each changed field and writes its values in words, in the page's
language: no code of a closed list, no True/False, no list as Python writes it."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import replace

import pytest
from django.conf import settings
from django.utils import translation

from vivier.practices import registry
from vivier.practices.list_fields import LISTS, parse_lines
from vivier.practices.version_diff import FIELD_NAMES, diff, field_label
from vivier.sheets import schema

pytestmark = pytest.mark.django_db

BEFORE = schema.Sheet(
    title="Cafés des parents",
    themes=(schema.Theme.OUTREACH,),
    stage_history=(schema.StageChange(schema.Stage.EXPERIMENTATION),),
    media=(schema.MediaLink("https://example.org/film", schema.MediaKind.VIDEO),),
    timeline=(schema.TimelineEvent(schema.PartialDate(2016, 3), "Premier café."),),
    funding=(schema.Funding(funder="CAF", amount=12500.0),),
)
AFTER = replace(
    BEFORE,
    themes=(schema.Theme.OUTREACH, schema.Theme.PEER_SUPPORT),
    stage_history=(
        schema.StageChange(schema.Stage.EXPERIMENTATION),
        schema.StageChange(schema.Stage.IMPLEMENTATION),
    ),
    media=(
        schema.MediaLink("https://example.org/film", schema.MediaKind.VIDEO, consent_recorded=True),
    ),
    timeline=(schema.TimelineEvent(schema.PartialDate(2016, 9, 12), "Premier café."),),
    funding=(schema.Funding(funder="CAF", amount=15000.5),),
)


def _changes(language: str) -> dict[str, tuple[str, str, str]]:
    with translation.override(language):
        changes = diff(schema.to_dict(BEFORE), schema.to_dict(AFTER))
    return {c.field: (c.label, c.before, c.after) for c in changes}


def test_values_are_words_in_french():
    changes = _changes("fr")
    assert changes["themes"] == ("Thèmes", "Aller-vers", "Aller-vers, Pair-aidance")
    assert changes["stage_history[1].stage"] == (
        "Historique des étapes 2 › Étape",
        "",
        "Mise en œuvre",
    )
    assert changes["media[0].consent_recorded"] == (
        "Films, podcasts et autres médias 1 › Consentement enregistré",
        "non",
        "oui",
    )
    assert changes["timeline[0].date"][1:] == ("mars 2016", "12 septembre 2016")
    sep = "\u00a0"  # Django's French thousands separator
    assert changes["funding[0].amount"][1:] == (f"12{sep}500", f"15{sep}000,5")


def test_values_are_words_in_english():
    changes = _changes("en")
    assert changes["themes"] == ("Themes", "Outreach", "Outreach, Peer support")
    assert changes["stage_history[1].stage"][0] == "Stage history 2 › Stage"
    assert changes["media[0].consent_recorded"][1:] == ("no", "yes")
    assert changes["timeline[0].date"][1:] == ("March 2016", "Sept. 12, 2016")
    assert changes["funding[0].amount"][1:] == ("12,500", "15,000.5")


def test_a_value_or_field_an_older_version_stored_stays_as_written():
    before = {"title": "A", "stage_history": [{"stage": "ancienne_etape"}], "old_field": True}
    after = {"title": "A", "stage_history": [{"stage": "emergence"}], "old_field": False}
    with translation.override("fr"):
        changes = {c.field: c for c in diff(before, after)}
    assert changes["stage_history[0].stage"].before == "ancienne_etape"
    assert changes["stage_history[0].stage"].after == "Émergence"
    assert changes["old_field"].label == "old_field"
    assert (changes["old_field"].before, changes["old_field"].after) == ("oui", "non")


def _paths(cls: type, prefix: str = "") -> list[str]:
    paths = []
    for f in dataclasses.fields(cls):
        path = f"{prefix}.{f.name}" if prefix else f.name
        paths.append(path)
        tp = typing.get_type_hints(cls, vars(schema))[f.name]
        for inner in (tp, *typing.get_args(tp)):
            dataclass = isinstance(inner, type) and dataclasses.is_dataclass(inner)
            if dataclass and inner is not schema.PartialDate:
                paths += _paths(inner, path)
    return paths


def test_every_field_of_the_sheet_has_a_name():
    paths = _paths(schema.Sheet)
    assert "key_figures.value" in paths and "territory.communes.insee" in paths
    assert [p for p in paths if p not in FIELD_NAMES] == []
    with translation.override("en"):
        assert field_label("key_figures[0].value") == "Key figures 1 › Value"
        assert all(str(FIELD_NAMES[p]) != "" for p in paths)


@pytest.fixture
def practice(db):
    practice = registry.save_sheet(BEFORE)
    registry.save_sheet(AFTER, practice=practice)
    return practice


def test_the_version_page_in_english(group_gael_client, practice):
    group_gael_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = group_gael_client.get(f"/staff/pratiques/{practice.slug}/versions/2/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<th scope="row">Stage history 2 › Stage</th>' in html
    assert "Implementation" in html and "Outreach, Peer support" in html
    for raw in ("mise_en_oeuvre", "pair_aidance", "True", "False", "['", "stage_history"):
        assert raw not in html, raw


def test_the_version_page_requires_the_registry(client, person_pia_client, practice):
    url = f"/staff/pratiques/{practice.slug}/versions/2/"
    assert client.get(url).status_code == 302
    assert person_pia_client.get(url).status_code == 403


def test_the_version_page_is_read_only(group_gael_client, practice):
    url = f"/staff/pratiques/{practice.slug}/versions/2/"
    assert group_gael_client.post(url).status_code == 405


def test_list_errors_in_each_language():
    actors = next(f for f in LISTS if f.attribute == "actors")
    with translation.override("fr"):
        _, french = parse_lines("\nConseil | maire", actors)
    with translation.override("en"):
        _, english = parse_lines("\nConseil | maire\n | porteur", actors)
    assert french[0].startswith("Ligne 2 : « maire » n’est pas reconnu ; valeurs possibles : ")
    assert english[0].startswith("Line 2: “maire” is not recognised; possible values: ")
    assert "project holder" in english[0]  # the roles in English
    assert english[1] == "Line 3: the actor’s name is missing (first cell)."
