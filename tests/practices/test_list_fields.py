"""The structured lists of a sheet, edited one item per line in the browser."""

import pytest

from vivier.demo.practices import practices
from vivier.practices import registry
from vivier.practices.forms import SheetForm
from vivier.practices.list_fields import LISTS
from vivier.practices.models import Practice
from vivier.sheets.schema import ActorRole, ConditionKind, Sheet

LIST_ATTRIBUTES = [f.attribute for f in LISTS]


@pytest.mark.parametrize("sheet", practices(), ids=lambda s: s.code)
def test_every_demo_sheet_goes_through_the_form_unchanged(sheet):
    form = SheetForm(data=SheetForm.initial_from(sheet))
    assert form.is_valid(), form.errors
    again = form.apply(sheet)
    for attribute in LIST_ATTRIBUTES:
        assert getattr(again, attribute) == getattr(sheet, attribute), attribute


def _post(**lists):
    sheet = Sheet(title="Cafés des parents")
    initial = {k: v for k, v in SheetForm.initial_from(sheet).items() if v is not None}
    return {**initial, **lists}


def test_lines_become_items_with_labels_or_codes_in_any_case():
    form = SheetForm(
        data=_post(
            actors="CCAS de Lorient | Porteur, financeur | CCAS\nFAS | partenaire",
            timeline="2016 | Premières rencontres\nprintemps 2018 | Essaimage\n03/2019 | Bilan",
            key_figures="Familles accompagnées | plus de 300 | familles | 2019 | rapport annuel",
            conditions="obstacle | temps | Le temps manque\nFacteur de réussite | | Le soutien",
            funding="CAF | appel à projets | 12 500,50 | 2019-2021",
            media="https://exemple.fr/film | film | Le film | oui",
        )
    )
    assert form.is_valid(), form.errors
    sheet = form.apply(Sheet(title="x"))
    assert sheet.actors[0].roles == (ActorRole.CARRIER, ActorRole.FUNDER)
    assert [str(e.date) for e in sheet.timeline] == ["2016", "2018", "2019-03"]
    assert sheet.timeline[1].date_text == "printemps 2018"
    figure = sheet.key_figures[0]
    assert (figure.qualifier, figure.value, figure.year) == ("plus de", 300.0, 2019)
    kinds = [c.kind for c in sheet.conditions]
    assert kinds == [ConditionKind.OBSTACLE, ConditionKind.SUCCESS_FACTOR]
    assert sheet.funding[0].amount == 12500.5
    assert sheet.media[0].consent_recorded


def test_each_bad_line_is_named_and_the_others_are_kept(alice_client, db):
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    data = _post(
        actors="CCAS | maire",
        key_figures="Familles | trois cents",
        timeline="2016 | Début\nun jour | Suite",
        summary="Mon résumé",
    )
    answer = alice_client.post(f"/staff/pratiques/{practice.slug}/modifier/", data)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "Ligne 1 : « maire » n’est pas reconnu ; valeurs possibles : " in html
    assert "« trois cents » n’est pas un nombre" in html
    assert "Ligne 2 : « un jour » n’est pas une date" in html
    assert 'href="#id_actors"' in html and 'href="#id_timeline"' in html
    assert "Mon résumé" in html and "2016 | Début" in html  # nothing typed is lost
    assert Practice.objects.get(pk=practice.pk).versions.count() == 1


def test_staff_add_key_figures_in_the_browser(alice_client, db):
    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    page = alice_client.get(f"/staff/pratiques/{practice.slug}/modifier/").content.decode()
    assert "Un chiffre par ligne : libellé | valeur | unité | année | source." in page
    data = _post(key_figures="Familles accompagnées | 120 | familles | 2020")
    answer = alice_client.post(f"/staff/pratiques/{practice.slug}/modifier/", data)
    assert answer.status_code == 302
    [figure] = Practice.objects.get(pk=practice.pk).sheet().key_figures
    assert (figure.label, figure.value, figure.unit, figure.year) == (
        "Familles accompagnées",
        120.0,
        "familles",
        2020,
    )
