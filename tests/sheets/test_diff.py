"""A readable difference between two versions of a sheet."""

from dataclasses import replace

from vivier.sheets.diff import diff
from vivier.sheets.schema import Sheet, Territory, Theme, to_dict

SHEET = Sheet(
    title="Conférences familiales",
    code="1A",
    themes=(Theme.FAMILY_CONFERENCES, Theme.EMPOWERMENT),
    territory=Territory(departements=("33", "2A")),
    start_year=2013,
    summary="La famille élargie se réunit pour construire son propre plan.",
)


def test_a_diff_names_each_changed_field_and_marks_changed_words():
    before = to_dict(SHEET)
    long_before = replace(SHEET, description="Les professionnels préparent la réunion " * 5)
    long_after = replace(
        long_before,
        start_year=2014,
        description=long_before.description + "avec un coordinateur indépendant.",
    )
    changes = {c.field: c for c in diff(to_dict(long_before), to_dict(long_after))}
    assert set(changes) == {"start_year", "description"}
    assert changes["start_year"].before == "2013" and changes["start_year"].after == "2014"
    assert "{+avec un coordinateur indépendant.+}" in changes["description"].words
    assert diff(before, before) == []


def test_a_change_inside_a_list_is_named_by_its_path():
    before = to_dict(SHEET)
    after = to_dict(replace(SHEET, territory=Territory(departements=("33", "2B"))))
    [change] = diff(before, after)
    assert change.field == "territory.departements"
    assert (change.before, change.after, change.words) == ("33, 2A", "33, 2B", "")
