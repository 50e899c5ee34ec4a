"""XLSForm XPath → engine expressions: what translates, what is refused, what is dropped."""

from __future__ import annotations

import pytest

from vivier.surveys.codecs.xlsform.xpath import (
    XPathSyntaxError,
    check_syntax,
    references,
    translate,
)
from vivier.surveys.expressions import Node, Ref


def resolve(name: str) -> Node | tuple[str, str]:
    if name == "gone":
        return ("non importée", "not imported")
    return Ref(name.replace("-", "_"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${a} = 'yes'", "${a} = 'yes'"),
        ("${a}='yes'", "${a} = 'yes'"),
        ("selected(${a}, 'x') and not(${b} != '')", "selected(${a}, 'x') and not(${b} != '')"),
        ("not(selected (., 'no'))", "not(selected(., 'no'))"),
        (". > 10.51 and . < 18.39", ". > 10.51 and . < 18.39"),
        ("count-selected(${m}) >= 2", "count-selected(${m}) >= 2"),
        ("string-length(.) > 3", "string-length(.) > 3"),
        ("if(${a} > ${b}, 15, 6)", "if(${a} > ${b}, 15, 6)"),
        ("coalesce(${a}, 'x') = 'x'", "coalesce(${a}, 'x') = 'x'"),
        ("(${a} + 2) * 3 div 4 mod 5", "(${a} + 2) * 3 div 4 mod 5"),
        ("-${a} < 0", "-${a} < 0"),
        ("true()", "true()"),
        ("${x} or false()", "${x} or false()"),
    ],
)
def test_supported_expressions_become_engine_expressions(source: str, expected: str) -> None:
    translation = translate(source, resolve)
    assert translation.ok
    assert translation.expression == expected


def test_typographic_quotes_from_spreadsheets_become_straight_quotes() -> None:
    assert translate("${tree}=‘dead’", resolve).expression == "${tree} = 'dead'"


def test_references_follow_renaming() -> None:
    translation = translate("${q-1} = 1 and ${q-2} != ''", resolve)
    assert translation.expression == "${q_1} = 1 and ${q_2} != ''"
    assert translation.references == frozenset({"q-1", "q-2"})


@pytest.mark.parametrize(
    ("source", "feature"),
    [
        (". >= today()", "today()"),
        ("regex(., '^a')", "regex()"),
        ("pulldata('fruits', 'name', 'key', ${x})", "pulldata()"),
        ("jr:choice-name(${a}, '${a}')", "jr:choice-name()"),
        ("position(..) = 1", "position()"),
        ("/data/age > 18", "/data/age"),
        ("../zone = '1_NW'", "../zone"),
        ("instance('list')/root/item[name = ${a}]/label = 'x'", "instance('list')/root/item"),
        ("${a} | ${b}", "${a} | ${b}"),
        ("$var = 1", "$var"),
        ("round(${a}, 2) > 1", "round()"),
    ],
)
def test_valid_xpath_the_engine_cannot_run_is_reported_not_refused(
    source: str, feature: str
) -> None:
    translation = translate(source, resolve)
    assert not translation.ok
    assert translation.expression == ""
    assert any(feature in u.what for u in translation.unsupported)


def test_a_reference_the_resolver_refuses_carries_its_reason() -> None:
    translation = translate("${gone} = 1", resolve)
    assert not translation.ok
    (missing,) = translation.unsupported
    assert missing.what == "${gone}"
    assert "not imported" in missing.describe("en")


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("because pyxform doesn't know what to do", 8),
        ("(${a} + 2", 9),
        ("${a} == 1", 6),
        ("${a} = 'yes", 7),
        ("${a", 0),
        ("${a} = ", 7),
        ("", 0),
        ("${a} = 1 )", 9),
    ],
)
def test_text_that_is_not_xpath_is_a_syntax_error_with_its_position(
    source: str, position: int
) -> None:
    with pytest.raises(XPathSyntaxError) as caught:
        translate(source, resolve)
    assert caught.value.position == position
    assert caught.value.message_fr and caught.value.message_en


def test_check_syntax_and_references_without_translating() -> None:
    check_syntax("pulldata('a', 'b', 'c', ${d}) > 1")
    with pytest.raises(XPathSyntaxError):
        check_syntax("a b")
    assert references("${a} + ${b} > count(/x)") == frozenset({"a", "b"})
    assert references("not xpath (") == frozenset()
