"""The practice sheet: JSON round trip and errors that name the bad field."""

from __future__ import annotations

import json

import pytest

from vivier.sheets.schema import (
    Actor,
    ActorRole,
    Commune,
    Condition,
    ConditionCategory,
    ConditionKind,
    Funding,
    FundingType,
    Indicator,
    IndicatorKind,
    KeyFigure,
    MediaKind,
    MediaLink,
    Movement,
    Origin,
    PartialDate,
    Participation,
    ParticipationMode,
    ParticipationRole,
    Rupture,
    Section,
    Sheet,
    SheetFormatError,
    Stage,
    StageChange,
    Status,
    SubPractice,
    Territory,
    TerritoryScope,
    Theme,
    TimelineEvent,
    from_dict,
    to_dict,
)


def full_sheet() -> Sheet:
    """An invented sheet that fills every field once."""
    return Sheet(
        code="9Z",
        title="Jardins partagés de quartier",
        summary="Des habitants et une équipe de prévention cultivent ensemble.",
        themes=(Theme.EMPOWERMENT, Theme.OUTREACH),
        tags=("jardin", "prévention"),
        territory=Territory(
            scope=TerritoryScope.COMMUNAL,
            departements=("2A", "974"),
            communes=(Commune("Ajaccio", "2A004"), Commune("Saint-Denis")),
            label="Ajaccio et Saint-Denis de La Réunion",
        ),
        start_year=2019,
        year_text="Depuis 2019",
        actors=(
            Actor(
                "Centre social des Lilas", (ActorRole.INITIATOR, ActorRole.CARRIER), "association"
            ),
            Actor("Ville", (ActorRole.FUNDER,)),
        ),
        publics=("habitants", "jeunes"),
        definition="Un jardin tenu en commun.",
        description="Chaque semaine, un atelier.",
        objectives="Créer du lien.",
        genesis="En 2018, des habitants demandent un terrain.",
        timeline=(
            TimelineEvent(PartialDate(2018), "demande des habitants"),
            TimelineEvent(PartialDate(2019, 3, 21), "première plantation", "le 21 mars 2019"),
            TimelineEvent(None, "extension prévue", "bientôt"),
        ),
        funding_text="La ville prête le terrain.",
        funding=(
            Funding("Ville", FundingType.LOCAL_AUTHORITY, 12500.5, "EUR", "2019-2021", "prêt"),
            Funding(type=FundingType.NO_COST),
        ),
        references="Aucun.",
        governance="Un comité d'habitants.",
        participation_text="Les habitants décident des cultures.",
        participation=(
            Participation(
                ParticipationMode.WORKING_GROUP,
                ParticipationRole.CO_DECIDES,
                Stage.EMERGENCE,
                "réunion mensuelle",
            ),
        ),
        progress="En cours.",
        deployment="3 jardins.",
        conditions_text="Un terrain.",
        conditions=(
            Condition(ConditionKind.SUCCESS_FACTOR, ConditionCategory.POLITICAL_SUPPORT, "élus"),
            Condition(ConditionKind.OBSTACLE, None, "l'hiver"),
        ),
        perspectives="Un quatrième jardin.",
        implementation_review="Bien.",
        results="Plus de rencontres.",
        evaluation="Questionnaire annuel.",
        indicators=(
            Indicator("nombre de jardiniers", IndicatorKind.QUANTITATIVE),
            Indicator("satisfaction"),
        ),
        key_figures=(KeyFigure("jardiniers", 40, "personnes", 2020, "bilan 2020", "plus de"),),
        status=Status.NASCENT,
        stage_history=(
            StageChange(Stage.EXPERIMENTATION, PartialDate(2019), "premier jardin"),
            StageChange(Stage.SPREADING, PartialDate(2021, 6), "deux autres quartiers"),
        ),
        movement=Movement.BOTTOM_UP,
        origin=Origin.FIELD_NEED,
        ruptures=(Rupture.ORGANISATIONAL,),
        practices=(SubPractice("jardin", "cultiver"), SubPractice("repas")),
        other_sections=(Section("Historique du projet", "2018: idée."),),
        media=(MediaLink("https://example.org/film", MediaKind.FILM, "Le film", True),),
        sources=("invented for the tests",),
    )


def test_round_trip_through_json_text() -> None:
    sheet = full_sheet()
    data = json.loads(json.dumps(to_dict(sheet)))
    assert from_dict(data) == sheet


def test_to_dict_is_json_native_with_slugs() -> None:
    data = to_dict(full_sheet())
    assert data["themes"] == ["pouvoir_d_agir", "aller_vers"]
    assert data["timeline"][1]["date"] == "2019-03-21"
    assert data["timeline"][2]["date"] is None
    assert data["stage_history"][1] == {
        "stage": "essaimage",
        "date": "2021-06",
        "evidence": "deux autres quartiers",
    }
    assert data["territory"]["departements"] == ["2A", "974"]
    # Every field is written, so the open-data schema is the same for every sheet.
    assert set(data) == set(to_dict(Sheet(title="x")))


def test_minimal_sheet_takes_defaults() -> None:
    sheet = from_dict({"title": "Une pratique"})
    assert sheet == Sheet(title="Une pratique")
    assert sheet.stage is None
    assert full_sheet().stage is Stage.SPREADING


def test_bad_enum_names_the_field_and_the_allowed_values() -> None:
    data = to_dict(full_sheet())
    data["actors"][1]["roles"] = ["financeur", "banquier"]
    with pytest.raises(SheetFormatError) as caught:
        from_dict(data)
    assert caught.value.path == "actors[1].roles[1]"
    message = str(caught.value)
    assert message.startswith("actors[1].roles[1]: 'banquier' is not one of:")
    assert "financeur" in message and "porteur" in message


@pytest.mark.parametrize(
    ("change", "path", "fragment"),
    [
        (lambda d: d.update(status="oubliee"), "status", "naissante"),
        (lambda d: d.update(themes="aller_vers"), "themes", "expected a list"),
        (
            lambda d: d["territory"].update(departements=["33", "99"]),
            "territory.departements[1]",
            "not a département code",
        ),
        (
            lambda d: d["territory"]["communes"][0].update(insee="123"),
            "territory.communes[0].insee",
            "commune code",
        ),
        (lambda d: d["timeline"][0].update(date="2019-13"), "timeline[0].date", "not a month"),
        (lambda d: d["timeline"][0].update(date="mars 2019"), "timeline[0].date", "YYYY-MM"),
        (
            lambda d: d["key_figures"][0].update(value="quarante"),
            "key_figures[0].value",
            "expected a number",
        ),
        (lambda d: d["key_figures"][0].update(year=20), "key_figures[0].year", "plausible"),
        (lambda d: d.update(start_year=True), "start_year", "whole number"),
        (
            lambda d: d["media"][0].update(consent_recorded="oui"),
            "media[0].consent_recorded",
            "true or false",
        ),
        (lambda d: d["media"][0].update(url="ftp://x"), "media[0].url", "http"),
        (lambda d: d.update(code="1a"), "code", "sheet code"),
        (lambda d: d["territory"].update(region="75"), "territory.region", "unknown field"),
        (lambda d: d["actors"][0].pop("name"), "actors[0].name", "required"),
        (lambda d: d.update(territory=["33"]), "territory", "expected an object"),
        (lambda d: d.update(title="  "), "title", "needs a title"),
    ],
)
def test_errors_name_the_path(change, path: str, fragment: str) -> None:
    data = to_dict(full_sheet())
    change(data)
    with pytest.raises(SheetFormatError) as caught:
        from_dict(data)
    assert caught.value.path == path
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


def test_partial_dates_sort_and_print() -> None:
    assert str(PartialDate(2016, 10)) == "2016-10"
    assert PartialDate.parse("2018-09-25") == PartialDate(2018, 9, 25)
    assert PartialDate(2016) < PartialDate(2016, 1) < PartialDate(2017)
    with pytest.raises(SheetFormatError):
        PartialDate(2019, 2, 30)


def test_direct_construction_is_checked_too() -> None:
    with pytest.raises(SheetFormatError, match=r"departements\[0\]"):
        Territory(departements=("20",))
