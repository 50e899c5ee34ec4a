"""LimeSurvey quotas, which Vivier cannot run, are reported as dropped (pure importer)."""

from __future__ import annotations

from vivier.surveys.codecs.importing import import_bytes
from vivier.surveys.codecs.limesurvey.reader import read_lss

from .real_files import lss_with_quotas


def test_quotas_are_reported_with_their_number_names_and_limits():
    result = read_lss(lss_with_quotas(), "quotas.lss")
    assert result.ok, [d.describe("en") for d in result.errors]
    assert result.questionnaire is not None
    assert [q.name for q in result.questionnaire.questions()] == ["Q1"]
    [dropped] = [d for d in result.diagnostics if d.code == "LIMESURVEY_QUOTAS_DROPPED"]
    assert not dropped.is_error
    assert dropped.message_en.startswith("The survey has 2 LimeSurvey quotas: 'Femmes'")
    # The second quota has no name of its own: its language settings give it one.
    assert "'Hommes' (at most 40 responses)" in dropped.message_en
    assert "not imported" in dropped.message_en
    assert "2 quotas LimeSurvey : « Femmes » (50 réponses au plus)" in dropped.message_fr
    assert "ne sont pas importés" in dropped.message_fr
    assert dropped.location.element == "quota" and dropped.location.line is not None
    assert dropped.describe("fr").startswith("fichier « quotas.lss », élément <quota>, ligne ")


def test_one_quota_is_said_in_the_singular():
    data = lss_with_quotas().replace(
        b"<row><id><![CDATA[2]]></id><sid><![CDATA[555111]]></sid><name><![CDATA[]]></name>"
        b"<qlimit><![CDATA[40]]></qlimit><action><![CDATA[1]]></action></row>",
        b"",
    )
    result = import_bytes(data, "quota.lss")
    [dropped] = [d for d in result.diagnostics if d.code == "LIMESURVEY_QUOTAS_DROPPED"]
    assert "1 LimeSurvey quota: 'Femmes'" in dropped.message_en
    assert "il n'est pas importé" in dropped.message_fr


def test_a_survey_without_quotas_says_nothing_about_them():
    data = lss_with_quotas()
    start, end = data.index(b"<quota>"), data.index(b"<surveys>")
    result = import_bytes(data[:start] + data[end:], "plain.lss")
    assert result.ok
    assert "LIMESURVEY_QUOTAS_DROPPED" not in [d.code for d in result.diagnostics]
