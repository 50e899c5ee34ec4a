"""LimeSurvey ExpressionScript conditions, translated to the engine's language (pure)."""

from __future__ import annotations

import pytest

from vivier.surveys.codecs.limesurvey.expressions import (
    NeverTrue,
    Target,
    Unsupported,
    translate,
    variables,
)
from vivier.surveys.expressions import evaluate, parse

TARGETS = {
    "Q1": Target("Q1"),
    "Q01": Target("Q01"),
    "AGE": Target("AGE", shown_is_value=True),
    "Q2_SQ001": Target("Q2", option="SQ001"),
    "Q2_SQ002": Target("Q2", option="SQ002"),
    "YN": Target("YN", values={"Y": "yes", "N": "no"}),
    "LIST": Target("LIST", values={"-oth-": "other"}),
    "EQ1": Target(unsupported_fr="équation", unsupported_en="an equation, not imported"),
}


def tr(source: str) -> str:
    return translate(source, TARGETS.get)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('Q1 == "A1"', "${Q1} = 'A1'"),
        ('Q1.NAOK == "A2"', "${Q1} = 'A2'"),
        ('((Q01.NAOK == "A2"))', "${Q01} = 'A2'"),
        ("Q1.code != 'A1'", "${Q1} != 'A1'"),
        ("!is_empty(Q1)", "${Q1} != ''"),
        ("is_empty(Q1.NAOK)", "${Q1} = ''"),
        ('Q2_SQ001 == "Y"', "selected(${Q2}, 'SQ001')"),
        ("Q2_SQ001.NAOK == 'Y'", "selected(${Q2}, 'SQ001')"),
        ('Q2_SQ001 != "Y"', "not(selected(${Q2}, 'SQ001'))"),
        ("!is_empty(Q2_SQ002)", "selected(${Q2}, 'SQ002')"),
        ("AGE > 5", "${AGE} > 5"),
        ("5 < AGE", "${AGE} > 5"),
        ("AGE.shown >= 18", "${AGE} >= 18"),
        ("AGE ge 18 and AGE lt 65", "${AGE} >= 18 and ${AGE} < 65"),
        ("AGE > 1 && (Q1 == 'a' || Q1 == 'b')", "${AGE} > 1 and (${Q1} = 'a' or ${Q1} = 'b')"),
        ("!(Q1 == 'a')", "${Q1} != 'a'"),
        ("not (Q1 eq 'a')", "${Q1} != 'a'"),
        # As in PHP, ``!`` binds tighter than a comparison.
        ("!Q1 == 'a'", "not(${Q1}) = 'a'"),
        ('YN == "Y"', "${YN} = 'yes'"),
        ('"N" == YN', "${YN} = 'no'"),
        ('LIST == "-oth-"', "${LIST} = 'other'"),
        ("AGE / 2 > 10", "${AGE} div 2 > 10"),
        ("strlen(Q1) > 3", "string-length(${Q1}) > 3"),
        ("if(AGE > 17, 1, 0) == 1", "if(${AGE} > 17, 1, 0) = 1"),
        ("1", ""),
        ("", ""),
        ("  ", ""),
        ("{1}", ""),
    ],
)
def test_conditions_that_map(source: str, expected: str) -> None:
    assert tr(source) == expected


def test_count_and_sum_behave_like_limesurvey() -> None:
    counted = tr("count(Q1, Q2_SQ001, Q2_SQ002) >= 2")
    assert evaluate(counted, {"Q1": "x", "Q2": ["SQ002"]}) is True
    assert evaluate(counted, {"Q1": "", "Q2": ["SQ002"]}) is False
    summed = tr("sum(AGE, Q1) > 10")
    # LimeSurvey counts an empty answer as 0 in sum().
    assert evaluate(summed, {"AGE": 11}) is True
    assert evaluate(summed, {"AGE": 4, "Q1": 7}) is True
    assert evaluate(summed, {"AGE": 4}) is False


def test_a_ticked_option_used_as_a_value_is_y_or_empty() -> None:
    translated = tr("Q2_SQ001 + 0 == 0 or Q2_SQ001 == Q1")
    parse(translated)
    assert evaluate(tr("is_empty(Q2_SQ001)"), {"Q2": ["SQ002"]}) is True
    assert evaluate(tr("is_empty(Q2_SQ001)"), {"Q2": ["SQ001"]}) is False


@pytest.mark.parametrize("source", ["0", "'0'", '""', "(0)"])
def test_constant_false_conditions_are_reported(source: str) -> None:
    with pytest.raises(NeverTrue):
        tr(source)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("Q1.relevanceStatus == 1", "relevanceStatus"),
        ("count(self.NAOK) > 1", "'self'"),
        ("that.Q1.NAOK == 1", "'that'"),
        ('123456X12X34 == "A1"', "SGQA"),
        ('{INSERTANS:123456X12X34} == "A1"', "INSERTANS"),
        ('regexMatch("/^a/", Q1)', "regexMatch()"),
        ("QX == 1", "'QX'"),
        ("EQ1 > 2", "an equation"),
        ("Q1 = 2", "assignment"),
        ("(Q1 == 2", "ends too early"),
        ("Q1 == 2)", "')'"),
        ("Q1 @ 2", "'@'"),
        ("Q1 == 'it\\'s \"x\"'", "both single and double quotes"),
    ],
)
def test_conditions_that_do_not_map_say_why(source: str, reason: str) -> None:
    with pytest.raises(Unsupported) as caught:
        tr(source)
    assert reason in caught.value.en
    assert caught.value.fr


def test_deep_nesting_is_refused_not_crashing() -> None:
    with pytest.raises(Unsupported):
        tr("(" * 500 + "1" + ")" * 500)
    with pytest.raises(Unsupported):
        tr("!" * 500 + "Q1")
    with pytest.raises(Unsupported):
        tr(" + ".join(["Q1"] * 5000) + " > 1")


def test_every_translation_parses_in_the_engine() -> None:
    for source in ["Q1 == 'a' and !is_empty(Q2_SQ001) or AGE > 3", "-AGE < -3", "+AGE > 1"]:
        parse(tr(source))


def test_variables_lists_the_names_a_condition_uses() -> None:
    assert variables('Q1.NAOK == "a" && count(Q2_SQ001) > 0') == {"Q1", "Q2_SQ001"}
    assert variables("Q1 @ 2") == set()
