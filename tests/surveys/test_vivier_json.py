"""Vivier JSON: the round trip, the stable layout, and errors that say where the problem is."""

import copy
import json

import pytest

from vivier.surveys.codecs import CodecError
from vivier.surveys.codecs.vivier_json import FORMAT, FORMAT_VERSION, dump, dumps, load, loads
from vivier.surveys.questionnaires.hcts_2020 import build
from vivier.surveys.schema import (
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
    SheetField,
)


def small() -> Questionnaire:
    return Questionnaire(
        slug="demo",
        title="Démo",
        sections=(
            Section(
                name="s1",
                title="Première page",
                questions=(
                    Question(
                        name="q1",
                        type=QuestionType.SINGLE_CHOICE,
                        label="Profil",
                        choices=(Choice("a", "A"), Choice("b", "B")),
                        other=True,
                        required=True,
                        number=1,
                        meta={"basis": "stated", "report_lines": [1, 2]},
                    ),
                    Question(name="q2", type=QuestionType.YES_NO, label="Oui ?"),
                    Question(
                        name="q3",
                        type=QuestionType.RATING,
                        label="Note",
                        scale=RatingScale(
                            points=4,
                            minimum=0,
                            labels={0: "nul", 3: "top"},
                            rows=(Choice("r1", "Ligne 1"),),
                        ),
                        relevant="${q2} = 'yes'",
                    ),
                    Question(name="q4", type=QuestionType.EMAIL, label="Courriel"),
                ),
                meta={"axis": 1},
            ),
            Section(name="s2", title="Vide", questions=()),
        ),
        meta={"source": "test"},
    )


def good() -> dict:
    return dump(small())


# -- round trip ------------------------------------------------------------------------------


def test_it_round_trips_a_small_questionnaire():
    q = small()
    assert load(dump(q)) == q
    assert loads(dumps(q)) == q


def test_it_round_trips_the_hcts_questionnaire():
    q = build()
    assert load(dump(q)) == q
    assert loads(dumps(q)) == q
    assert loads(dumps(q, indent=None)) == q


def test_the_document_is_plain_json_with_format_and_version_first():
    data = json.loads(dumps(small()))
    assert list(data)[:2] == ["format", "format_version"]
    assert data["format"] == FORMAT == "vivier-questionnaire"
    # Written with the lowest version that holds it: no field of version 2 here.
    assert data["format_version"] == 1
    assert FORMAT_VERSION == 2


def test_dumps_is_stable_and_keeps_accents():
    text = dumps(small())
    assert text == dumps(small())
    assert "Démo" in text
    assert text.endswith("\n")


def test_default_values_are_left_out():
    data = dump(small())
    q2 = data["sections"][0]["questions"][1]
    # yes_no choices, empty hint, required=false... are implied, so not written.
    assert q2 == {"name": "q2", "type": "yes_no", "label": "Oui ?"}
    q4 = data["sections"][0]["questions"][3]
    assert "personal_data" not in q4  # implied by the email type
    assert load(data).question("q4").personal_data is True
    assert "description" not in data["sections"][1]


def test_scale_labels_are_written_with_string_keys_and_read_back_as_points():
    data = dump(small())
    scale = data["sections"][0]["questions"][2]["scale"]
    assert scale["labels"] == {"0": "nul", "3": "top"}
    assert load(data).question("q3").scale == small().question("q3").scale


def test_a_yes_no_question_with_other_choices_keeps_them():
    q = Question(
        name="q",
        type=QuestionType.YES_NO,
        label="?",
        choices=(Choice("yes", "Oui"), Choice("no", "Non")),
    )
    doc = Questionnaire(slug="x", title="x", sections=(Section("s", "s", (q,)),))
    assert "choices" in dump(doc)["sections"][0]["questions"][0]
    assert load(dump(doc)) == doc


def test_load_does_not_share_meta_with_its_input():
    data = good()
    q = load(data)
    data["sections"][0]["questions"][0]["meta"]["report_lines"].append(99)
    assert q.question("q1").meta["report_lines"] == [1, 2]


def test_dump_refuses_meta_that_json_cannot_hold():
    q = Questionnaire(slug="x", title="x", sections=(), meta={"when": object()})
    with pytest.raises(CodecError, match=r"^meta\.when: "):
        dump(q)


# -- errors --------------------------------------------------------------------------------


def broken(path: str, value: object) -> dict:
    """A copy of the good document with one field replaced (path like 'sections.0.title')."""
    data = copy.deepcopy(good())
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is KeyError:
        del target[int(last) if last.isdigit() else last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("sections.0.questions.1.type", "foo", "sections[0].questions[1].type: unknown type 'foo'"),
        ("sections.0.questions.1.type", "yesno", "did you mean 'yes_no'?"),
        ("sections.0.questions.1.type", 3, "sections[0].questions[1].type: expected a string"),
        ("sections.0.questions.0.label", KeyError, "sections[0].questions[0].label: missing"),
        ("sections.0.questions.0.name", "", "sections[0].questions[0].name: must not be empty"),
        ("sections.0.questions.0.required", "yes", "questions[0].required: expected true or false"),
        ("sections.0.questions.0.number", "1", "sections[0].questions[0].number: expected an int"),
        ("sections.0.questions.0.number", True, "questions[0].number: expected an integer or null"),
        ("sections.0.questions.0.choices.1", "B", "questions[0].choices[1]: expected an object"),
        ("sections.0.questions.0.choices", {}, "sections[0].questions[0].choices: expected a list"),
        ("sections.0.questions.2.scale.points", 0, "questions[2].scale.points: a scale needs"),
        ("sections.0.questions.2.scale.labels", {"x": "?"}, "scale.labels: key 'x' is not"),
        ("sections.0.questions.0.meta", [], "sections[0].questions[0].meta: expected an object"),
        ("sections.0.questions", None, "sections[0].questions: expected a list, got null"),
        ("sections.1", "s2", "sections[1]: expected an object, got a string"),
        ("sections.0.title", KeyError, "sections[0].title: missing required field"),
        ("slug", " ", "slug: must not be empty"),
        ("sections", {}, "sections: expected a list, got an object"),
        ("format", "xlsform", "format: expected 'vivier-questionnaire'"),
        ("format", KeyError, "format: missing required field"),
        ("format_version", 3, "format_version: version 3 is newer"),
        ("format_version", "1", "format_version: expected an integer"),
    ],
)
def test_load_names_the_path_of_the_bad_field(path, value, expected):
    with pytest.raises(CodecError) as error:
        load(broken(path, value))
    assert expected in str(error.value)


def test_unknown_fields_are_refused_with_a_suggestion():
    data = good()
    data["sections"][0]["questions"][0]["lable"] = "typo"
    with pytest.raises(CodecError) as error:
        load(data)
    assert error.value.path == "sections[0].questions[0].lable"
    assert "did you mean 'label'?" in error.value.message


def test_codec_error_carries_path_and_message():
    error = CodecError("sections[2].questions[4].type", "unknown type 'foo'")
    assert str(error) == "sections[2].questions[4].type: unknown type 'foo'"
    assert isinstance(error, ValueError)
    assert str(CodecError("", "oops")) == "(document): oops"


def test_load_refuses_a_non_object():
    with pytest.raises(CodecError, match=r"^\(document\): expected an object, got a list"):
        load([])


def test_loads_reports_bad_json_with_line_and_column():
    with pytest.raises(CodecError, match=r"not valid JSON \(line 2, column"):
        loads('{\n  "format": }')


def test_translations_defaults_and_soft_required_round_trip():
    questionnaire = Questionnaire(
        slug="bilingue",
        title="Enquête",
        translations={"en": {"title": "Survey"}},
        sections=(
            Section(
                name="s1",
                title="Page",
                translations={"en": {"title": "Page (en)"}},
                questions=(
                    Question(
                        name="q1",
                        type=QuestionType.SINGLE_CHOICE,
                        label="Couleur",
                        default="bleu",
                        soft_required=True,
                        translations={"en": {"label": "Colour", "hint": "Pick one"}},
                        choices=(Choice("bleu", "Bleu", {"en": "Blue"}), Choice("vert", "Vert")),
                    ),
                ),
            ),
        ),
    )
    data = dump(questionnaire)
    question = data["sections"][0]["questions"][0]
    assert question["soft_required"] is True and question["default"] == "bleu"
    assert question["choices"][0]["translations"] == {"en": "Blue"}
    assert "translations" not in question["choices"][1]
    again = loads(dumps(questionnaire))
    assert again == questionnaire
    assert again.languages() == ("fr", "en")
    assert again.question("q1").choices[0].label_in("en") == "Blue"
    assert again.question("q1").choices[1].label_in("en") == "Vert"


def test_unknown_translated_field_is_refused_with_its_path():
    data = dump(small())
    data["sections"][0]["questions"][0]["translations"] = {"en": {"lable": "x"}}
    with pytest.raises(CodecError) as caught:
        load(data)
    assert caught.value.path == "sections[0].questions[0].translations.en.lable"
    assert "'label'" in caught.value.message


# -- version 2: the sheet field a question fills ------------------------------------------------


def mapped() -> Questionnaire:
    questions = (
        Question(name="nom", type=QuestionType.SHORT_TEXT, label="Nom", sheet_field="title"),
        Question(name="dep", type=QuestionType.DEPARTEMENT, label="Département"),
    )
    return Questionnaire(slug="m", title="M", sections=(Section("s", "S", questions),))


def test_a_sheet_field_round_trips_and_needs_version_2():
    q = mapped()
    assert q.question("nom").sheet_field is SheetField.TITLE
    data = dump(q)
    assert data["format_version"] == 2
    assert data["sections"][0]["questions"][0]["sheet_field"] == "title"
    assert "sheet_field" not in data["sections"][0]["questions"][1]
    assert load(data) == q
    assert loads(dumps(q)) == q


def test_a_version_1_document_with_a_sheet_field_is_refused():
    data = dump(mapped())
    data["format_version"] = 1
    with pytest.raises(CodecError) as caught:
        load(data)
    assert caught.value.path == "sections[0].questions[0].sheet_field"
    assert "needs format_version 2" in caught.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [("titel", "unknown sheet field 'titel'; did you mean 'title'?"), (3, "expected a string")],
)
def test_a_bad_sheet_field_is_refused_with_its_path(value, expected):
    data = dump(mapped())
    data["sections"][0]["questions"][0]["sheet_field"] = value
    with pytest.raises(CodecError) as caught:
        load(data)
    assert caught.value.path == "sections[0].questions[0].sheet_field"
    assert expected in caught.value.message


def test_the_schema_refuses_an_unknown_sheet_field():
    with pytest.raises(ValueError, match="'titel' is not a valid SheetField"):
        Question(name="q", type=QuestionType.SHORT_TEXT, label="?", sheet_field="titel")
