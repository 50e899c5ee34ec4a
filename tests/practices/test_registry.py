"""Saving sheets, their versions and their workflow."""

from dataclasses import replace

import pytest

from vivier.practices import registry
from vivier.practices.models import Practice, PracticePlace, PracticeTheme
from vivier.sheets.schema import Sheet, Territory, Theme

pytestmark = pytest.mark.django_db

SHEET = Sheet(
    title="Conférences familiales",
    code="1A",
    themes=(Theme.FAMILY_CONFERENCES, Theme.EMPOWERMENT),
    territory=Territory(departements=("33", "2A")),
    start_year=2013,
    summary="La famille élargie se réunit pour construire son propre plan.",
)


def test_saving_a_sheet_derives_its_facets_and_keeps_a_version():
    practice = registry.save_sheet(SHEET)
    assert practice.state == Practice.State.DRAFT
    assert practice.slug == "1a-conferences-familiales"
    assert set(PracticeTheme.objects.values_list("theme", flat=True)) == {
        "conferences_familiales",
        "pouvoir_d_agir",
    }
    assert set(PracticePlace.objects.values_list("departement", "region")) == {
        ("33", "75"),
        ("2A", "94"),
    }
    assert practice.versions.count() == 1
    assert practice.sheet() == SHEET


def test_the_address_stays_when_the_title_changes():
    practice = registry.save_sheet(SHEET)
    renamed = registry.save_sheet(replace(SHEET, title="Autre titre"), practice=practice)
    assert renamed.slug == "1a-conferences-familiales"
    assert renamed.versions.count() == 2


def test_two_sheets_with_one_title_get_two_addresses():
    first = registry.save_sheet(replace(SHEET, code=None))
    second = registry.save_sheet(replace(SHEET, code=None))
    assert first.slug != second.slug


def test_a_sheet_goes_from_draft_to_published_and_back():
    practice = registry.save_sheet(SHEET)
    for target in ("submitted", "validated", "published", "unpublished"):
        registry.move(practice, target)
    assert practice.state == "unpublished"
    assert practice.published_at is not None
    assert [v.state for v in practice.versions.all()] == [
        "draft",
        "submitted",
        "validated",
        "published",
        "unpublished",
    ]


def test_a_draft_cannot_be_published_directly():
    practice = registry.save_sheet(SHEET)
    with pytest.raises(registry.WorkflowError):
        registry.move(practice, "published")
    assert Practice.objects.get(pk=practice.pk).state == "draft"
