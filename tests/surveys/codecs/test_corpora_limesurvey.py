"""LimeSurvey's own test surveys (../shared/corpora/limesurvey) import as expected.json says."""

from __future__ import annotations

import json
from functools import cache

import pytest

from tests.support import SHARED, shared_path
from vivier.surveys.codecs.importing import import_path
from vivier.surveys.codecs.limesurvey.reader import read_lss
from vivier.surveys.codecs.report import ImportResult
from vivier.surveys.schema import Questionnaire, QuestionType
from vivier.surveys.validation import errors_only, validate_questionnaire


def _entries() -> list:
    expected = SHARED / "corpora" / "expected.json"
    if not expected.exists():
        # Collected anyway, so that the test skips (or fails under VIVIER_REQUIRE_SHARED=1).
        return [pytest.param(None, id="corpora-absent")]
    return [
        pytest.param(entry, id=entry["relpath"].removeprefix("limesurvey/"))
        for entry in json.loads(expected.read_text(encoding="utf-8"))
        if entry["kind"] == "limesurvey"
    ]


@cache
def _import(relpath: str) -> ImportResult:
    return import_path(shared_path("corpora", relpath))


def _questionnaire(name: str) -> Questionnaire:
    result = _import(f"limesurvey/limesurvey_survey_{name}.lss")
    assert result.ok, [d.describe("en") for d in result.errors]
    assert result.questionnaire is not None
    return result.questionnaire


@pytest.mark.parametrize("entry", _entries())
def test_corpus_file_behaves_as_expected(entry: dict | None) -> None:
    if entry is None:
        shared_path("corpora", "expected.json")
        return
    result = _import(entry["relpath"])
    assert result.source_format == "limesurvey"
    if entry["expect"] == "ok":
        assert result.ok, [d.describe("en") for d in result.errors]
        assert result.questionnaire is not None
        assert not errors_only(validate_questionnaire(result.questionnaire))
        assert list(result.questionnaire.questions())
    else:
        assert result.questionnaire is None
        assert result.errors
    for diagnostic in result.diagnostics:
        assert diagnostic.message_fr.strip() and diagnostic.message_en.strip()
        assert diagnostic.location.file == entry["relpath"].split("/")[-1]


def test_the_corpus_is_all_there() -> None:
    entries = [e for e in _entries() if e.values[0] is not None]
    if not entries:
        shared_path("corpora", "expected.json")
    assert len(entries) == 8


def test_duplicate_codes_stay_distinct_questions() -> None:
    q = _questionnaire("17200_duplicate_codes")
    names = [question.name for question in q.questions()]
    assert len(names) == len(set(names)) == 12
    assert {"FixedQ03", "FixedQ03_2", "R2Q03", "R2Q03_2", "R2Q04", "R2Q04_2"} <= set(names)
    assert q.question("R2Q03_2").meta["source_name"] == "R2Q03"
    assert q.question("R2Q03_2").meta["limesurvey"]["qid"] == 1673


def test_ranking_with_a_french_condition() -> None:
    q = _questionnaire("836215_ranking_with_condition")
    assert q.language == "fr"
    ranking = q.question("Q00")
    assert ranking.type is QuestionType.RANKING
    assert ranking.relevant == "${Q01} = 'A2'"
    assert [c.label for c in q.question("Q01").choices] == ["Choice A", "Choice B"]


def test_soft_mandatory_is_a_warning_only_rule() -> None:
    q = _questionnaire("MandatorySoftCloseDialog")
    for name in ("G01Q01", "G02Q02"):
        assert q.question(name).soft_required is True
        assert q.question(name).required is False
    assert q.thanks == "This is the end message"


def test_old_codes_survey_in_two_languages() -> None:
    q = _questionnaire("OldCodes")
    assert q.language == "en"
    assert q.question("OLD_CODE1").type is QuestionType.RATING
    assert q.question("OLD_CODE2").relevant == "${OLD_CODE1} > 2"
    assert q.sections[1].relevant == "${OLD_CODE1} > 2"
    assert q.sections[0].translations["es"]["title"] == "Primer grupo"


def test_scripts_never_survive_the_import() -> None:
    result = _import("limesurvey/limesurvey_survey_XssAndScriptCheck.lss")
    q = _questionnaire("XssAndScriptCheck")
    question = q.question("Q00")
    texts = [
        question.label,
        question.hint,
        *(t for tr in question.translations.values() for t in tr.values()),
    ]
    assert question.label == "Question:" and question.hint == "Help:"
    assert not any("script" in text or "alert" in text for text in texts)
    assert "LIMESURVEY_SCRIPT_REMOVED" in {d.code for d in result.warnings}


def test_checkbox_array_of_numbers_and_its_condition() -> None:
    q = _questionnaire("ArrayNumberCheckbox")
    row = q.question("question_SY003")
    assert row.type is QuestionType.MULTIPLE_CHOICE
    assert [c.value for c in row.choices] == ["SX001", "SX002"]
    assert q.question("QHiddenJS").relevant == "selected(${question_SY003}, 'SX002')"
    assert q.question("QHiddenJS").required is True


def test_multiple_short_text_with_subquestion_condition() -> None:
    q = _questionnaire("15598_intval_floatval_jsphp_compare")
    assert q.question("MULTI_hidden").relevant == "${MULTI_float} = ''"
    assert q.question("checkJs").type is QuestionType.DISPLAY


def test_extra_unknown_fields_are_tolerated() -> None:
    q = _questionnaire("425647_subquestion_relevance_edit")
    assert [c.label for c in q.question("Q01").choices] == ["Subquestion 1", "Subquestion 2"]


def test_reading_the_bytes_directly_gives_the_same_result() -> None:
    path = shared_path("corpora", "limesurvey", "limesurvey_survey_OldCodes.lss")
    direct = read_lss(path.read_bytes(), path.name)
    assert (
        direct.questionnaire == _import("limesurvey/limesurvey_survey_OldCodes.lss").questionnaire
    )
