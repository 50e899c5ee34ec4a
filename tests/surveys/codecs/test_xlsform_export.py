"""XLSForm export: pyxform accepts what we write, and the vivier_* columns restore what it loses."""

from __future__ import annotations

import dataclasses
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from pyxform.xls2xform import convert

from vivier.surveys.codecs.xlsform import export as xlsform
from vivier.surveys.codecs.xlsform.vivier_columns import restore
from vivier.surveys.questionnaires import hcts_2020
from vivier.surveys.schema import (
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
    SheetField,
)
from vivier.territories import DEPARTEMENTS, departement_label

T = QuestionType
NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "x": "http://www.w3.org/2002/xforms",
    "jr": "http://openrosa.org/javarosa",
    "odk": "http://www.opendatakit.org/xforms",
}
SCALE = RatingScale(points=5, minimum=1, labels={1: "Faible", 5: "Fort"})
#: "très-bien" is no XML name: its row question is named "grid_tres_bien".
GRID = dataclasses.replace(SCALE, rows=(Choice("r1", "Ligne 1"), Choice("très-bien", "Ligne 2")))


def every_type() -> Questionnaire:
    q = Question
    first = Section(
        "s1",
        "Profil",
        (
            q(
                "choice",
                T.SINGLE_CHOICE,
                "Choix",
                choices=(Choice("a", "A"), Choice("b", "B")),
                other=True,
                other_label="Autre, précisez :",
                required=True,
                required_message="Obligatoire",
            ),
            q(
                "multi",
                T.MULTIPLE_CHOICE,
                "Plusieurs",
                choices=(Choice("m1", "M1"), Choice("m2", "M2")),
                relevant="selected(${choice}, 'a')",
            ),
            q("short", T.SHORT_TEXT, "Court", hint="Un mot", sheet_field=SheetField.TITLE),
            q("long", T.LONG_TEXT, "Long"),
            q("n", T.INTEGER, "Nombre", constraint=". >= 0", constraint_message="Positif"),
            q("x", T.DECIMAL, "Décimal"),
            q("d", T.DATE, "Date"),
            q("late", T.SHORT_TEXT, "Pourquoi si tard ?", relevant="${d} > '2020-06-01'"),
            q("yn", T.YES_NO, "Oui ou non"),
            q("r", T.RATING, "Note", scale=SCALE),
            q("grid", T.RATING, "Grille", hint="Une note par ligne", required=True, scale=GRID),
            q("rk", T.RANKING, "Classez", choices=(Choice("k1", "K1"), Choice("k2", "K2"))),
            q("dep", T.DEPARTEMENT, "Département", sheet_field=SheetField.DEPARTEMENT),
            q("mail", T.EMAIL, "Courriel"),
            q("tel", T.PHONE, "Téléphone"),
            q("info", T.DISPLAY, "À savoir"),
        ),
        description="Quelques questions sur vous.",
    )
    second = Section(
        "s2",
        "Suite",
        (
            q(
                "later",
                T.SHORT_TEXT,
                "Plus tard",
                soft_required=True,
                default="rien",
                number=12,
                personal_data=True,
                meta={"basis": "stated", "report_lines": [3, 4]},
            ),
        ),
        relevant="${yn} = 'yes'",
        meta={"axis": 2},
    )
    return Questionnaire(
        "tous-types",
        "Tous les types",
        (first, second),
        description="Un essai.",
        thanks="Merci.",
        meta={"source": "test"},
    )


def xlsx(questionnaire: Questionnaire) -> bytes:
    buffer = io.BytesIO()
    xlsform.write(questionnaire, buffer)
    return buffer.getvalue()


def xform(data: bytes) -> tuple[ET.Element, list[str]]:
    result = convert(xlsform=data, validate=False)
    return ET.fromstring(result.xform), result.warnings


def binds(root: ET.Element) -> dict[str, dict[str, str]]:
    found = root.findall(".//x:bind", NS)
    return {b.attrib["nodeset"].rsplit("/", 1)[-1]: b.attrib for b in found}


def items(root: ET.Element, list_name: str) -> list[str]:
    instance = root.find(f".//x:instance[@id='{list_name}']", NS)
    assert instance is not None, list_name
    return [
        item.findtext("x:name", namespaces=NS) or "" for item in instance.iter(f"{{{NS['x']}}}item")
    ]


def sheet_rows(data: bytes, title: str) -> list[dict[str, str]]:
    """A sheet as an importer sees it: lower-cased headers, empty cells as ''."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    values = list(workbook[title].iter_rows(values_only=True))
    headers = [str(h).lower() for h in values[0]]
    return [
        {h: "" if v is None else str(v) for h, v in zip(headers, row, strict=True)}
        for row in values[1:]
    ]


# --------------------------------------------------------------------------- export


def test_hcts_export_converts_with_pyxform_without_warnings() -> None:
    questionnaire = hcts_2020.build()
    root, warnings = xform(xlsx(questionnaire))

    assert warnings == []
    found = binds(root)
    assert found["q1"]["required"] == "true()"
    assert "Dites-nous" in found["q1"][f"{{{NS['jr']}}}requiredMsg"]
    assert "q5" in found["q6"]["relevant"] and "= 'yes'" in found["q6"]["relevant"]
    assert found["q74"]["constraint"].startswith("regex(.")
    q1 = questionnaire.question("q1")
    assert items(root, "q1") == [c.value for c in q1.choices] + ["other"]
    assert set(items(root, "departements")) == {d.code for d in DEPARTEMENTS}
    title = root.find("h:head/h:title", NS)
    assert title is not None and title.text == questionnaire.title


def test_hcts_export_has_every_question_and_its_section_relevance() -> None:
    questionnaire = hcts_2020.build()
    root, _ = xform(xlsx(questionnaire))
    found = binds(root)

    grid = questionnaire.question("q71")
    assert grid.scale is not None
    grid_rows = {f"q71_{row.value}" for row in grid.scale.rows}
    answered = {q.name for q in questionnaire.questions() if q.name != "q71"}
    assert answered | grid_rows <= set(found)
    contacts = found["contacts"]
    assert contacts["relevant"] == "${q14} = 'yes'".replace(
        "${q14}", " /data/connaissance_pratiques/q14 "
    )


def test_every_type_maps_to_its_xlsform_type() -> None:
    root, warnings = xform(xlsx(every_type()))
    found = binds(root)
    body = root.find("h:body", NS)
    assert body is not None

    assert warnings == []
    assert found["d"]["type"] == "date"
    assert found["n"]["type"] == "int" and found["n"]["constraint"] == ". >= 0"
    assert found["x"]["type"] == "decimal"
    assert found["rk"]["type"] == "odk:rank"
    assert found["info"]["readonly"] == "true()"
    assert found["choice_other"]["relevant"] == "selected( /data/s1/choice , 'other')"
    assert found["grid_r1"]["required"] == "true()"
    assert "regex(" in found["mail"]["constraint"]
    assert items(root, "yes_no") == ["yes", "no", "dont_know"]
    assert items(root, "scale_1_5") == ["1", "2", "3", "4", "5"]
    assert len(items(root, "departements")) == 101
    appearances = {
        el.attrib["ref"].rsplit("/", 1)[-1]: el.attrib.get("appearance")
        for el in body.iter()
        if "ref" in el.attrib
    }
    assert appearances["long"] == "multiline"
    assert appearances["r"] == "likert"
    assert appearances["dep"] == "minimal"
    assert appearances["tel"] == "numbers"
    assert appearances["s1"] == "field-list"


def test_other_option_and_text_carry_the_vivier_labels() -> None:
    sheets = xlsform.to_sheets(every_type())
    other = next(
        r for r in sheets["choices"] if r["list_name"] == "choice" and r["name"] == "other"
    )
    text = next(r for r in sheets["survey"] if r.get("name") == "choice_other")

    assert other["label"] == "Autre, précisez :"
    assert text["label"] == "Autre, précisez :" and text["required"] == "yes"


def test_departement_labels_show_code_and_name() -> None:
    sheets = xlsform.to_sheets(every_type())
    labels = {r["name"]: r["label"] for r in sheets["choices"] if r["list_name"] == "departements"}
    assert labels["2A"] == departement_label("2A") == "2A - Corse-du-Sud"


def test_date_comparison_becomes_odk_date_and_keeps_the_vivier_text() -> None:
    row = next(r for r in xlsform.to_sheets(every_type())["survey"] if r.get("name") == "late")
    assert row["relevant"] == "${d} > date('2020-06-01')"
    assert row["vivier_relevant"] == "${d} > '2020-06-01'"


def test_to_xpath_passes_engine_expressions_through_and_fixes_odk_differences() -> None:
    types = {"a": T.SINGLE_CHOICE, "d": T.DATE}
    same = "coalesce(${a}, 'x') = 'x' and if(count-selected(${a}) > 1, 1, 0) = 1"
    assert xlsform.to_xpath(same, types) == same
    assert xlsform.to_xpath("string-length() < 5", types, T.SHORT_TEXT) == "string-length(.) < 5"
    assert xlsform.to_xpath(". <= '2021-01-01'", types, T.DATE) == ". <= date('2021-01-01')"
    # Equality on a date is a string comparison in ODK too: left alone.
    assert xlsform.to_xpath("${d} = '2021-01-01'", types) == "${d} = '2021-01-01'"


def test_vivier_columns_say_what_xlsform_cannot() -> None:
    rows = {r.get("name"): r for r in xlsform.to_sheets(every_type())["survey"]}
    assert rows["yn"]["vivier_type"] == "yes_no"
    assert rows["dep"]["vivier_type"] == "departement"
    assert rows["grid"]["vivier_type"] == "rating_grid"
    assert rows["grid_tres_bien"]["vivier_row"] == "très-bien"
    assert rows["mail"]["vivier_personal_data"] == "yes"
    assert rows["later"]["vivier_number"] == "12"
    assert rows["later"]["vivier_soft_required"] == "yes"
    assert "vivier_type" not in rows["choice"]
    assert rows["short"]["vivier_sheet_field"] == "title"
    assert rows["dep"]["vivier_sheet_field"] == "departement"
    assert not rows["long"].get("vivier_sheet_field")


def test_restore_ignores_a_sheet_field_cell_that_names_no_field() -> None:
    survey = sheet_rows(xlsx(every_type()), "survey")
    for row in survey:
        if row.get("name") == "short":
            row["vivier_sheet_field"] = "titre"
    restored = restore(plain_import(), survey)
    assert restored.question("short").sheet_field is None
    assert restored.question("dep").sheet_field is SheetField.DEPARTEMENT


def translated() -> Questionnaire:
    """``every_type()`` with some English: questions, options, grid rows, a page, the title."""
    base = every_type()
    short = dataclasses.replace(
        base.question("short"), translations={"en": {"label": "Short", "hint": "One word"}}
    )
    choice = dataclasses.replace(
        base.question("choice"),
        choices=(Choice("a", "A", {"en": "A (en)"}), Choice("b", "B")),
        translations={"en": {"other_label": "Other (specify)"}},
    )
    rows = (Choice("r1", "Ligne 1", {"en": "Row 1"}), GRID.rows[1])
    grid = dataclasses.replace(
        base.question("grid"),
        translations={"en": {"label": "Grid"}},
        scale=dataclasses.replace(GRID, rows=rows),
    )
    first = base.sections[0]
    changed = {"short": short, "choice": choice, "grid": grid}
    first = dataclasses.replace(
        first,
        questions=tuple(changed.get(q.name, q) for q in first.questions),
        translations={"en": {"title": "Profile", "description": "A few questions"}},
    )
    return dataclasses.replace(
        base, sections=(first, *base.sections[1:]), translations={"en": {"title": "All types"}}
    )


def test_translations_get_one_column_per_language() -> None:
    questionnaire = translated()
    data = xlsx(questionnaire)
    survey = sheet_rows(data, "survey")
    choices = sheet_rows(data, "choices")
    root, warnings = xform(data)

    assert {"label::english (en)", "label::français (fr)", "hint::english (en)"} <= set(survey[0])
    assert "label" not in survey[0]
    assert "label::english (en)" in choices[0]
    assert sheet_rows(data, "settings")[0]["default_language"] == "Français (fr)"
    assert warnings == []
    english = root.find(".//x:translation[@lang='English (en)']", NS)
    assert english is not None
    texts = {t.attrib["id"]: t.findtext("x:value", namespaces=NS) for t in english}
    assert texts["/data/s1/short:label"] == "Short"
    # Untranslated texts fall back to French rather than ODK's "-".
    assert texts["/data/s1/long:label"] == "Long"
    assert "Other (specify)" in texts.values()


def test_write_to_a_path_gives_a_workbook_with_the_three_sheets(tmp_path: Path) -> None:
    target = tmp_path / "hcts.xlsx"
    xlsform.write(hcts_2020.build(), str(target))
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    settings = sheet_rows(target.read_bytes(), "settings")[0]
    assert settings["form_id"] == "hcts-2020"
    assert settings["version"]


def test_questionnaire_without_options_converts() -> None:
    page = Section("page", "Page", (Question("name", T.SHORT_TEXT, "Nom"),))
    data = xlsx(Questionnaire("simple", "Simple", (page,)))
    root, warnings = xform(data)
    assert warnings == [] and "name" in binds(root)


def test_version_changes_with_the_content_only() -> None:
    base = every_type()
    version = xlsform.to_sheets(base)["settings"][0]["version"]
    assert xlsform.to_sheets(every_type())["settings"][0]["version"] == version
    changed = dataclasses.replace(base, title="Autre titre")
    assert xlsform.to_sheets(changed)["settings"][0]["version"] != version


def test_label_starting_with_equals_is_written_as_text() -> None:
    base = every_type()
    section = dataclasses.replace(
        base.sections[1], questions=(Question("eq", T.SHORT_TEXT, "=1+1 ?"),)
    )
    data = xlsx(dataclasses.replace(base, sections=(base.sections[0], section)))
    assert any(r["label"] == "=1+1 ?" for r in sheet_rows(data, "survey"))


# --------------------------------------------------------------------------- restore


def plain_import(*, grid_as_section: bool = False) -> Questionnaire:
    """What an XLSForm importer that knows nothing of Vivier builds from ``every_type()``."""
    q = Question
    one = T.SINGLE_CHOICE
    points = tuple(Choice(str(p), SCALE.labels.get(p, str(p))) for p in SCALE.values)
    grid_rows = (
        q("grid_r1", one, "Ligne 1", required=True, choices=points),
        q("grid_tres_bien", one, "Ligne 2", required=True, choices=points),
    )
    before = (
        q("s1_description", T.DISPLAY, "Quelques questions sur vous."),
        q(
            "choice",
            one,
            "Choix",
            choices=(Choice("a", "A"), Choice("b", "B"), Choice("other", "Autre, précisez :")),
            required=True,
            required_message="Obligatoire",
        ),
        q("choice_other", T.SHORT_TEXT, "Autre, précisez :", required=True),
        q(
            "multi",
            T.MULTIPLE_CHOICE,
            "Plusieurs",
            choices=(Choice("m1", "M1"), Choice("m2", "M2")),
            relevant="selected(${choice}, 'a')",
        ),
        q("short", T.SHORT_TEXT, "Court", hint="Un mot"),
        q("long", T.SHORT_TEXT, "Long"),
        q("n", T.INTEGER, "Nombre", constraint=". >= 0", constraint_message="Positif"),
        q("x", T.DECIMAL, "Décimal"),
        q("d", T.DATE, "Date"),
        # ``date()`` is no engine function: the importer dropped the condition.
        q("late", T.SHORT_TEXT, "Pourquoi si tard ?"),
        q(
            "yn",
            one,
            "Oui ou non",
            choices=(
                Choice("yes", "Oui"),
                Choice("no", "Non"),
                Choice("dont_know", "Je ne sais pas"),
            ),
        ),
        q("r", one, "Note", choices=points),
    )
    after = (
        q("rk", T.RANKING, "Classez", choices=(Choice("k1", "K1"), Choice("k2", "K2"))),
        q(
            "dep",
            one,
            "Département",
            choices=tuple(Choice(d.code, departement_label(d.code)) for d in DEPARTEMENTS),
        ),
        q("mail", T.SHORT_TEXT, "Courriel"),
        q("tel", T.SHORT_TEXT, "Téléphone"),
        q("info", T.DISPLAY, "À savoir"),
    )
    if grid_as_section:
        # One page per group, as the XLSForm reader does: the grid's group is a page and
        # splits the page that holds it in two.
        sections: tuple[Section, ...] = (
            Section("s1", "Profil", before),
            Section("grid", "Grille", grid_rows, meta={"source_name": "grid"}),
            Section("s1_2", "Profil", after, meta={"source_name": "s1"}),
        )
    else:
        sections = (Section("s1", "Profil", before + grid_rows + after),)
    second = Section(
        "s2",
        "Suite",
        (q("later", T.SHORT_TEXT, "Plus tard", default="rien"),),
        relevant="${yn} = 'yes'",
    )
    return Questionnaire("tous-types", "Tous les types", (*sections, second))


def test_restore_gives_back_the_exported_questionnaire() -> None:
    original = every_type()
    data = xlsx(original)
    restored = restore(plain_import(), sheet_rows(data, "survey"), sheet_rows(data, "settings")[0])

    for before, after in zip(original.questions(), restored.questions(), strict=True):
        assert after == before
    assert restored == original


def test_restore_puts_a_grid_made_into_a_page_back_into_its_page() -> None:
    data = xlsx(every_type())
    restored = restore(plain_import(grid_as_section=True), sheet_rows(data, "survey"))

    assert [s.name for s in restored.sections] == ["s1", "s2"]
    assert restored.sections == every_type().sections


def test_restore_rebuilds_the_page_of_a_grid_that_was_alone_on_it() -> None:
    grid = Question("grid", T.RATING, "Grille", scale=GRID)
    original = Questionnaire("g", "G", (Section("page", "Page", (grid,), relevant="${a} = 'x'"),))
    points = tuple(Choice(str(p), SCALE.labels.get(p, str(p))) for p in SCALE.values)
    names = ("grid_r1", "grid_tres_bien")
    rows = tuple(
        Question(name, T.SINGLE_CHOICE, r.label, choices=points)
        for name, r in zip(names, GRID.rows, strict=True)
    )
    # No question before the grid in its group: the importer only made the grid's page.
    imported = Questionnaire(
        "g",
        "G",
        (Section("grid", "Grille", rows, relevant="${a} = 'x'", meta={"source_name": "grid"}),),
    )
    assert restore(imported, sheet_rows(xlsx(original), "survey")) == original


def test_restore_leaves_a_foreign_xlsform_alone() -> None:
    imported = plain_import()
    rows = [{"type": "select_one yn", "name": "yn", "label": "Oui ou non"}]
    assert restore(imported, rows) is imported


def test_restore_turns_types_back() -> None:
    data = xlsx(every_type())
    restored = restore(plain_import(), sheet_rows(data, "survey"))
    types = {q.name: q.type for q in restored.questions()}

    assert types["yn"] is T.YES_NO and types["dep"] is T.DEPARTEMENT
    assert types["mail"] is T.EMAIL and types["tel"] is T.PHONE and types["long"] is T.LONG_TEXT
    assert restored.question("r").scale == SCALE and restored.question("r").choices == ()
    assert restored.question("choice").option_values() == ("a", "b", "other")
    assert "choice_other" not in restored.question_map()
    assert restored.question("late").relevant == "${d} > '2020-06-01'"
    assert restored.sections[0].description == "Quelques questions sur vous."


def test_restore_drops_translations_that_only_repeat_the_own_text() -> None:
    base = every_type()
    short = dataclasses.replace(base.question("short"), translations={"en": {"label": "Short"}})
    first = base.sections[0]
    questions = tuple(short if q.name == "short" else q for q in first.questions)
    original = dataclasses.replace(
        base, sections=(dataclasses.replace(first, questions=questions), *base.sections[1:])
    )
    survey = sheet_rows(xlsx(original), "survey")
    imported = plain_import()
    # The importer reads every language column: the French fallbacks come back as English.
    echoed = [
        dataclasses.replace(
            q, translations={"en": {"label": "Short" if q.name == "short" else q.label}}
        )
        for q in imported.sections[0].questions
    ]
    imported = dataclasses.replace(
        imported,
        sections=(
            dataclasses.replace(imported.sections[0], questions=tuple(echoed)),
            *imported.sections[1:],
        ),
    )
    restored = restore(imported, survey)

    assert restored.question("short").translations == {"en": {"label": "Short"}}
    assert restored.question("long").translations == {}


# --------------------------------------------------------------------------- real round trip


@pytest.mark.parametrize(
    "build", [hcts_2020.build, every_type, translated], ids=["hcts", "every-type", "translated"]
)
def test_export_then_import_gives_an_equivalent_questionnaire(
    build: Callable[[], Questionnaire],
) -> None:
    from vivier.surveys.codecs.xlsform.reader import read_xlsform

    original = build()
    data = xlsx(original)
    result = read_xlsform(data, "export.xlsx")
    assert result.questionnaire is not None, [d.describe("en") for d in result.errors]
    # The importer restores the Vivier columns itself, and nothing was lost on the way.
    assert result.warnings == ()
    back = result.questionnaire
    # Restoring again changes nothing.
    assert restore(back, sheet_rows(data, "survey"), sheet_rows(data, "settings")[0]) == back

    # The importer adds its own provenance (source row, name) to ``meta``: all else is equal.
    def without_meta(questionnaire: Questionnaire) -> Questionnaire:
        return dataclasses.replace(
            questionnaire,
            meta={},
            sections=tuple(
                dataclasses.replace(
                    section,
                    meta={},
                    questions=tuple(dataclasses.replace(q, meta={}) for q in section.questions),
                )
                for section in questionnaire.sections
            ),
        )

    assert [q.name for q in back.questions()] == [q.name for q in original.questions()]
    assert without_meta(back) == without_meta(original)
    for before, after in zip(original.questions(), back.questions(), strict=True):
        assert after.meta.items() >= before.meta.items()
