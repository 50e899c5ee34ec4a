"""LimeSurvey's CSV export of responses mapped onto the questionnaire imported from its .lss."""

from tests.support import shared_path
from vivier.surveys.codecs.limesurvey.reader import read_lss
from vivier.surveys.codecs.responses.limesurvey import read_limesurvey_csv


def questionnaire(stem: str):
    path = next(shared_path("corpora", "limesurvey").glob(f"*{stem}*.lss"))
    imported = read_lss(path.read_bytes(), path.name)
    assert imported.questionnaire is not None
    return imported.questionnaire


def test_codes_headings_ranks_and_incomplete_responses():
    q = questionnaire("836215")
    text = (
        '"id","submitdate","lastpage","startlanguage","seed","Q01","Q00[1]","Q00[2]"\n'
        '"1","2024-05-02 10:31:00","1","fr","123","A2","SQ002","SQ001"\n'
        '"2","2024-05-02 11:00:00","1","fr","456","A1","",""\n'
        '"3","","0","fr","789","A2","",""\n'
    )
    found = read_limesurvey_csv(text.encode(), q, "results.csv")
    assert not found.errors
    assert [row for row, _r in found.records] == [2, 3]
    first = found.records[0][1]
    assert first["id"] == "limesurvey-1"
    assert first["submitted_at"] == "2024-05-02T10:31:00"
    assert first["answers"] == {"Q01": "A2", "Q00": ["SQ002", "SQ001"]}
    assert found.records[1][1]["answers"] == {"Q01": "A1"}
    [incomplete] = found.warnings
    assert incomplete.code == "LIMESURVEY_INCOMPLETE" and "1 incomplete" in incomplete.message("en")


def test_multiple_choice_columns_in_every_heading_style():
    q = questionnaire("425647")
    details = q.question("Q01").meta["limesurvey"]
    sgqa = details["sgqa"]
    for first, second in (
        ("Q01[SQ001]", "Q01[SQ002]"),
        ("Q01_SQ001", "Q01_SQ002"),
        (f"{sgqa}SQ001", f"{sgqa}SQ002"),
    ):
        text = f"id;submitdate;{first};{second};Q99\n7;2024-01-01 09:00:00;Y;;x\n"
        found = read_limesurvey_csv(text.encode(), q, "r.csv")
        assert found.records[0][1]["answers"] == {"Q01": ["SQ001"]}, first
        assert [d.location.column for d in found.warnings] == ["Q99"]


def test_yes_no_codes_and_full_answer_labels_are_translated():
    q = questionnaire("MandatorySoft")
    text = "id,submitdate,G01Q01,G02Q02\n5,2024-01-01 09:00:00,bonjour,Y\n"
    found = read_limesurvey_csv(text.encode(), q, "r.csv")
    assert found.records[0][1]["answers"] == {"G01Q01": "bonjour", "G02Q02": "yes"}


def test_an_export_with_question_texts_as_headings_is_refused_with_the_fix():
    q = questionnaire("425647")
    text = "id,submitdate,What do you like?\n1,2024-01-01,Y\n"
    found = read_limesurvey_csv(text.encode(), q, "r.csv")
    assert [d.code for d in found.errors] == ["LIMESURVEY_NOTHING_MAPPED"]
    assert "code de la question" in found.errors[0].message("fr")
    missing = read_limesurvey_csv(b"a,b\n1,2\n", q, "r.csv")
    assert [d.code for d in missing.errors] == ["LIMESURVEY_NO_SUBMITDATE"]
