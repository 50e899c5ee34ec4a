"""The plan's editing pages: each save a new version, keys made from words, bad values
coming back on the same page with a message naming the field, definitions numbered."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_persona, signed_in
from vivier.evaluation import plans
from vivier.evaluation.models import Plan, PlanVersion
from vivier.plans import schema
from vivier.plans.periods import Frequency
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


def make_plan(holder: Any = None, title: str = "Cafés des parents") -> Plan:
    practice = registry.save_sheet(Sheet(title=title))
    if holder is not None:
        practice.holder = holder
        practice.save(update_fields=["holder"])
    return plans.start(practice)


@pytest.fixture
def plan(holder_hugo) -> Plan:
    return make_plan(holder_hugo)


def url(plan: Plan, tail: str = "") -> str:
    return f"/evaluation/{plan.practice.slug}/plan/{tail}"


def content(plan: Plan) -> schema.Plan:
    return plans.current(Plan.objects.get(pk=plan.pk))


def formset(prefix: str, rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


INDICATOR = {
    "title": "Taux de retour des familles",
    "description": "Familles revenues au moins deux fois",
    "kind": "quantitatif",
    "unit": "%",
    "decimals": "1",
    "baseline_value": "42,5",
    "baseline_year": "2023",
    "direction": "hausse",
    "targets": "2025 : 50\n2026-T2 : 55,5 %",
    "numerator": "familles revenues",
    "denominator": "familles venues",
    "frequency": "annuel",
    "disaggregations": "Public, Territoire",
    "proposed_by": "personnes_concernees",
    "note": "premier indicateur",
}


# --------------------------------------------------------------------------------------------
# Keys and pure edits


def test_keys_are_made_from_words_and_never_taken_twice():
    assert plans.new_key("Les familles reviennent-elles ?", ()) == "les_familles_reviennent_elles"
    assert plans.new_key("Écoute", {"ecoute"}) == "ecoute_2"
    assert plans.new_key("Écoute", {"ecoute", "ecoute_2"}) == "ecoute_3"
    assert plans.new_key("2025 !", ()) == "element"
    assert len(plans.new_key("mot " * 40, ())) <= 40


def test_removing_a_question_unlinks_it_from_indicators():
    question = schema.EvaluativeQuestion("q", "Pourquoi ?")
    before = schema.Plan(
        questions=(question,),
        indicators=(schema.Indicator("i", "Indicateur", questions=("q",)),),
    )
    after = plans.with_items(before, "questions", [])
    assert after.questions == ()
    assert after.indicators[0].questions == ()


def test_a_forged_duplicate_key_makes_a_new_item_rather_than_an_error():
    before = schema.Plan(questions=(schema.EvaluativeQuestion("q", "Un"),))
    after = plans.with_items(
        before, "questions", [plans.ItemRow("q", "Un"), plans.ItemRow("q", "Deux")]
    )
    assert [item.key for item in after.questions] == ["q", "deux"]


def test_milestones_presets_and_custom_ones_in_time_order():
    after = plans.with_milestones(
        schema.Plan(),
        ["annuel", "demarrage"],
        [plans.MilestoneRow("", "Bilan à 9 mois", 9), plans.MilestoneRow("", "Démarrage", 1)],
    )
    assert [(m.key, m.months) for m in after.milestones] == [
        ("demarrage", 0),
        ("demarrage_2", 1),
        ("bilan_a_9_mois", 9),
        ("annuel", 12),
    ]


# --------------------------------------------------------------------------------------------
# Pages


def test_the_holder_writes_the_frame_and_a_version_is_kept(plan, holder_hugo):
    client = signed_in(holder_hugo)
    answer = client.post(
        url(plan, "cadre/"),
        {
            "purpose": "Savoir si les parents se sentent soutenus",
            "start": "2025-09-15",
            "note": "n",
        },
        follow=True,
    )
    assert answer.redirect_chain[-1][0] == url(plan)
    assert content(plan).purpose == "Savoir si les parents se sentent soutenus"
    assert content(plan).start == "2025-09-15"
    version = PlanVersion.objects.get(plan=plan, number=2)
    assert version.author == holder_hugo and version.note == "n"
    assert "Le plan est enregistré : version 2." in answer.content.decode()


def test_a_bad_start_date_comes_back_with_the_text_typed(plan, holder_hugo):
    answer = signed_in(holder_hugo).post(
        url(plan, "cadre/"), {"purpose": "Mon but", "start": "2025-13-45"}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Écrivez une date, par exemple 15/09/2025." in html
    assert "Mon but" in html and 'value="2025-13-45"' in html
    assert Plan.objects.get(pk=plan.pk).version == 1


def test_questions_are_added_edited_and_removed_with_keys_from_their_words(plan, group_gael):
    client = signed_in(group_gael)
    rows = [
        {
            "key": "",
            "text": "Les parents se sentent-ils écoutés ?",
            "proposed_by": "personnes_concernees",
        },
        {"key": "", "text": "Qui vient ?", "proposed_by": "professionnels"},
    ]
    assert client.post(url(plan, "questions/"), formset("questions", rows)).status_code == 302
    saved = content(plan).questions
    assert [q.key for q in saved] == ["les_parents_se_sentent_ils", "qui_vient"]
    assert saved[0].proposed_by is schema.Group.PERSONS_CONCERNED
    rows = [
        {
            "key": saved[0].key,
            "text": "Les parents se sentent-ils entendus ?",
            "proposed_by": "personnes_concernees",
        },
        {
            "key": saved[1].key,
            "text": "Qui vient ?",
            "proposed_by": "professionnels",
            "DELETE": "on",
        },
        {"key": "", "text": "", "proposed_by": "professionnels"},
    ]
    answer = client.post(url(plan, "questions/"), formset("questions", rows, initial=2))
    assert answer.status_code == 302
    assert [(q.key, q.text) for q in content(plan).questions] == [
        ("les_parents_se_sentent_ils", "Les parents se sentent-ils entendus ?")
    ]
    assert Plan.objects.get(pk=plan.pk).version == 3


def test_a_question_emptied_without_removing_it_is_said(plan, holder_hugo):
    client = signed_in(holder_hugo)
    client.post(
        url(plan, "questions/"),
        formset("questions", [{"text": "Une", "proposed_by": "professionnels"}]),
    )
    key = content(plan).questions[0].key
    rows = [
        {"key": key, "text": "", "proposed_by": "professionnels"},
        {"text": "Nouvelle", "proposed_by": "financeurs"},
    ]
    answer = client.post(url(plan, "questions/"), formset("questions", rows, initial=1))
    assert answer.status_code == 400
    html = answer.content.decode()
    assert (
        'href="#f-questions-0-text">Question : Écrivez le texte, ou cochez la case pour le retirer.'
        in html
    )
    assert 'value="Nouvelle"' in html
    assert [q.text for q in content(plan).questions] == ["Une"]


def test_results_and_criteria(plan, holder_hugo):
    client = signed_in(holder_hugo)
    client.post(
        url(plan, "resultats/"),
        formset("results", [{"text": "Des parents moins seuls", "proposed_by": "partenaires"}]),
    )
    client.post(
        url(plan, "criteres/"),
        formset(
            "criteria",
            [{"text": "Être accueilli"}, {"text": "Être accueilli"}, {"text": "Revenir"}],
        ),
    )
    saved = content(plan)
    assert [(r.text, r.proposed_by) for r in saved.results] == [
        ("Des parents moins seuls", schema.Group.PARTNERS)
    ]
    assert saved.criteria == ("Être accueilli", "Revenir")


def test_an_indicator_with_its_whole_definition(plan, holder_hugo):
    client = signed_in(holder_hugo)
    client.post(
        url(plan, "questions/"),
        formset(
            "questions",
            [{"text": "Les familles reviennent-elles ?", "proposed_by": "professionnels"}],
        ),
    )
    question = content(plan).questions[0].key
    answer = client.post(url(plan, "indicateurs/ajouter/"), {**INDICATOR, "questions": [question]})
    assert answer.status_code == 302
    (indicator,) = content(plan).indicators
    assert indicator.key == "taux_de_retour_des_familles"
    assert indicator.unit == "%" and indicator.decimals == 1
    assert indicator.baseline == schema.Baseline(42.5, 2023)
    assert indicator.targets == (schema.Target("2025", 50.0), schema.Target("2026-T2", 55.5))
    assert (indicator.numerator, indicator.denominator) == ("familles revenues", "familles venues")
    assert indicator.disaggregations == ("public", "territoire")
    assert indicator.questions == (question,)
    assert indicator.proposed_by is schema.Group.PERSONS_CONCERNED
    assert indicator.definition == 1
    page = client.get(url(plan)).content.decode()
    assert "Taux de retour des familles" in page and "définition 1" in page
    assert "42,5 en 2023" in page and "2026-T2 : 55,5" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"targets": "2024-13 : 50"},
            "targets",
            "Ligne 1 : « 2024-13 » n’est pas une période. Écrivez une année (2024), "
            "un trimestre (2024-T2) ou un mois (2024-03).",
        ),
        (
            {"denominator": ""},
            "denominator",
            "Un taux demande un numérateur et un dénominateur : remplissez les deux.",
        ),
        (
            {"disaggregations": "public, territoire, Public"},
            "disaggregations",
            "« Public » est écrit deux fois : gardez-le une seule fois.",
        ),
        (
            {"targets": "2025 : 50\n2025 : 60"},
            "targets",
            "Ligne 2 : la période 2025 a déjà un objectif.",
        ),
        (
            {"baseline_value": "42,55"},
            "baseline_value",
            "« 42,55 » a trop de chiffres après la virgule : écrivez par exemple 12,5 %.",
        ),
        (
            {"kind": "qualitatif"},
            "unit",
            "Un indicateur qualitatif se raconte avec des mots : videz ce champ, "
            "ou choisissez « quantitatif ».",
        ),
        ({"baseline_year": ""}, "baseline_year", "Écrivez l’année de la valeur de départ."),
    ],
)
def test_a_bad_indicator_value_comes_back_naming_the_field(
    plan, holder_hugo, changes, field, message
):
    answer = signed_in(holder_hugo).post(
        url(plan, "indicateurs/ajouter/"), {**INDICATOR, **changes}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert f'href="#f-{field}">' in html
    assert message.replace("’", "’") in html.replace("&#x27;", "'")
    assert "Taux de retour des familles" in html  # what was typed comes back
    assert content(plan).indicators == ()


def test_changing_a_definition_numbers_it_and_says_so(plan, holder_hugo):
    client = signed_in(holder_hugo)
    client.post(url(plan, "indicateurs/ajouter/"), INDICATOR)
    key = content(plan).indicators[0].key
    form = client.get(url(plan, f"indicateurs/{key}/")).content.decode()
    assert "C’est la définition 1 de cet indicateur." in form
    answer = client.post(
        url(plan, f"indicateurs/{key}/"), {**INDICATOR, "frequency": "trimestriel"}, follow=True
    )
    assert content(plan).indicators[0].definition == 2
    assert content(plan).indicators[0].frequency is Frequency.QUARTERLY
    html = answer.content.decode()
    assert (
        "Les mesures antérieures restent attachées à la définition 1 et ne sont pas comparées."
        in html
    )
    # A change of title keeps the definition.
    client.post(
        url(plan, f"indicateurs/{key}/"),
        {**INDICATOR, "frequency": "trimestriel", "title": "Retours"},
    )
    assert content(plan).indicators[0].definition == 2


def test_a_removed_indicator_key_is_never_reused(plan, holder_hugo):
    client = signed_in(holder_hugo)
    client.post(url(plan, "indicateurs/ajouter/"), INDICATOR)
    key = content(plan).indicators[0].key
    assert client.post(url(plan, f"indicateurs/{key}/retirer/")).status_code == 302
    assert content(plan).indicators == ()
    client.post(url(plan, "indicateurs/ajouter/"), INDICATOR)
    (again,) = content(plan).indicators
    assert again.key == f"{key}_2" and again.definition == 1


def test_milestones_page(plan, holder_hugo):
    client = signed_in(holder_hugo)
    data = {
        "presets": ["demarrage", "plus_6_mois"],
        **formset("jalons", [{"label": "Bilan", "months": "9"}]),
    }
    assert client.post(url(plan, "jalons/"), data).status_code == 302
    assert [(m.label, m.months) for m in content(plan).milestones] == [
        ("démarrage", 0),
        ("+6 mois", 6),
        ("Bilan", 9),
    ]
    bad = {"presets": ["demarrage"], **formset("jalons", [{"label": "Bilan", "months": "-1"}])}
    answer = client.post(url(plan, "jalons/"), bad)
    assert answer.status_code == 400
    assert "Un jalon vient au début (0) ou après." in answer.content.decode()
    page = client.get(url(plan, "jalons/")).content.decode()
    assert 'value="Bilan"' in page


def test_the_participation_matrix_is_one_form_of_labelled_selects(plan, holder_hugo):
    client = signed_in(holder_hugo)
    page = client.get(url(plan, "participation/")).content.decode()
    assert page.count("<select") == 28
    assert (
        '<label class="fr-label fr-sr-only" for="f-questions__personnes_concernees">'
        "Choisir les questions — personnes concernées</label>" in page
    )
    data = {
        f"{step.value}__{group.value}": "absent" for step in schema.Step for group in schema.Group
    }
    data["questions__personnes_concernees"] = "codecide"
    data["analyse__financeurs"] = "informe"
    assert client.post(url(plan, "participation/"), data).status_code == 302
    saved = content(plan)
    assert (
        saved.mode(schema.Step.QUESTIONS, schema.Group.PERSONS_CONCERNED) is schema.Mode.CO_DECIDING
    )
    assert len(saved.participation) == 2
    assert Plan.objects.get(pk=plan.pk).persons_concerned_co_decide
    data["analyse__financeurs"] = "beaucoup"
    answer = client.post(url(plan, "participation/"), data)
    assert answer.status_code == 400
    assert (
        "Analyser — financeurs : Choisissez une façon de participer dans la liste."
        in answer.content.decode()
    )


def test_the_hub_shows_the_matrix_and_breadth_and_depth(plan, holder_hugo):
    plans.save(
        plan,
        schema.Plan(
            participation=(
                schema.ParticipationCell(
                    schema.Step.QUESTIONS, schema.Group.PERSONS_CONCERNED, schema.Mode.CO_DECIDING
                ),
                schema.ParticipationCell(
                    schema.Step.JUDGING, schema.Group.FUNDERS, schema.Mode.INFORMED
                ),
            )
        ),
    )
    html = signed_in(holder_hugo).get(f"/evaluation/{plan.practice.slug}/").content.decode()
    assert "Groupes qui participent : personnes concernées, financeurs (2 sur 4)." in html
    assert (
        "Les personnes concernées sont au moins consultées à 1 étape sur 7 : "
        "Choisir les questions." in html
    )
    assert "Elles codécident à ces étapes : Choisir les questions." in html
    assert "<td>codécide</td>" in html


def test_versions_and_a_readable_diff(plan, holder_hugo):
    client = signed_in(holder_hugo)
    client.post(
        url(plan, "questions/"),
        formset(
            "questions",
            [{"text": "Les familles reviennent-elles ?", "proposed_by": "professionnels"}],
        ),
    )
    question = content(plan).questions[0].key
    client.post(url(plan, "indicateurs/ajouter/"), {**INDICATOR, "questions": [question]})
    key = content(plan).indicators[0].key
    client.post(
        url(plan, f"indicateurs/{key}/"),
        {
            **INDICATOR,
            "unit": "personnes",
            "numerator": "",
            "denominator": "",
            "baseline_value": "42,5 personnes",
            "targets": "",
            "note": "en personnes",
        },
    )
    listing = client.get(url(plan, "versions/")).content.decode()
    assert "en personnes" in listing and "holder_hugo" in listing
    answer = client.get(url(plan, "versions/comparer/"), {"de": "3", "a": "4"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Indicateurs</strong> — modifié : « Taux de retour des familles »" in html
    assert "définition 1, puis définition 2" in html
    assert (
        "Les mesures antérieures restent attachées à la définition 1 et ne sont pas comparées."
        in html
    )
    assert '<th scope="row">Unité</th><td>%</td><td>personnes</td>' in html
    assert "taux_de_retour" not in html  # words, not keys
    added = client.get(url(plan, "versions/comparer/"), {"de": "2", "a": "3"}).content.decode()
    assert "Indicateurs</strong> — ajouté : « Taux de retour des familles »" in added
    assert "Définition 1." in added
    wrong = client.get(url(plan, "versions/comparer/"), {"de": "1", "a": "99"})
    assert wrong.status_code == 400
    assert "Choisissez une version de la liste." in wrong.content.decode()
    latest = client.get(url(plan, "versions/comparer/"))
    assert (
        latest.status_code == 200 and "De la version 3 à la version 4." in latest.content.decode()
    )


def test_adding_a_contributor_who_then_sees_the_plan(plan, holder_hugo):
    person = make_persona("sam", "personne_concernee")
    client = signed_in(holder_hugo)
    assert not person.has_perm("evaluation.view_plan", plan)
    answer = client.post(
        url(plan, "contributeurs/"),
        {"username": "sam", "group": "personnes_concernees"},
        follow=True,
    )
    assert "sam participe désormais à ce plan." in answer.content.decode()
    assert plan.contributors.get(user=person).added_by == holder_hugo
    person = type(person).objects.get(pk=person.pk)  # a fresh permission cache
    assert person.has_perm("evaluation.view_plan", plan)
    again = client.post(
        url(plan, "contributeurs/"), {"username": "sam", "group": "personnes_concernees"}
    )
    assert (
        again.status_code == 400 and "« sam » participe déjà à ce plan." in again.content.decode()
    )
    unknown = client.post(
        url(plan, "contributeurs/"), {"username": "nobody", "group": "financeurs"}
    )
    assert unknown.status_code == 400
    assert "Aucun compte ne porte l’identifiant « nobody »." in unknown.content.decode()
    assert 'value="nobody"' in unknown.content.decode()


def test_a_forged_form_count_builds_no_more_rows_than_a_page_holds(plan, holder_hugo):
    """TOTAL_FORMS is the client's word: a huge one must not make the server build, check
    and draw a thousand rows (Django's default cap) on the refused page."""
    client = signed_in(holder_hugo)
    data = formset("questions", [])
    data["questions-TOTAL_FORMS"] = "9" * 40
    answer = client.post(url(plan, "questions/"), data)
    assert answer.status_code == 400
    drawn = answer.content.decode().count('name="questions-')
    # Each row has a handful of fields: 100 rows at most, not 1,100.
    assert 0 < drawn <= 100 * 5
