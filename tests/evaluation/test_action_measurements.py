"""Each action of the measurements (/evaluation/<slug>/mesures/…): it works for the right
person, refuses the wrong method, sends anonymous visitors to sign in and refuses the
others (404 where the plan is not theirs, 403 where the role is missing).

The evaluator's queue spans every plan and has no plan in its path
(``/evaluation/mesures-a-approuver/``).
"""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.evaluation.test_measurements import make_plan, record
from vivier.evaluation import measurements
from vivier.evaluation.models import LockedPeriod, Measurement

pytestmark = pytest.mark.django_db

QUEUE = "/evaluation/mesures-a-approuver/"

#: Who may change the plan: its sheet's holder and the working group.
CHANGERS = ["holder_hugo", "group_gael"]
NOT_CHANGERS = others("groupe_de_travail", "porteur_de_projet")
#: Who may approve: the evaluators; anyone else gets 403.
NOT_APPROVERS = others("evaluateur")


@pytest.fixture
def plan(holder_hugo):
    return make_plan(holder_hugo)


def base(plan) -> str:
    return f"/evaluation/{plan.practice.slug}/mesures/"


def state_of(row) -> str:
    return Measurement.objects.get(pk=row.pk).state


# -- The values of a plan ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", [*CHANGERS, "evaluator_eva", "analyst_axel"])
def test_the_list_shows_the_values_to_whoever_may_view_the_plan(request, persona, plan):
    record(plan, value="110")
    answer = client_of(request, persona).get(base(plan))
    assert answer.status_code == 200
    assert 'id="measurements"' in answer.content.decode()


def test_the_list_rejects_the_wrong_method(holder_hugo_client, plan):
    assert holder_hugo_client.post(base(plan)).status_code == 405


@pytest.mark.parametrize("persona", ["committee_cleo", "person_pia", "carol"])
def test_the_list_is_a_404_to_others(request, persona, plan):
    assert client_of(request, persona).get(base(plan)).status_code == 404


def test_the_list_sends_anonymous_visitors_to_sign_in(client, plan):
    assert sent_to_sign_in(client.get(base(plan)))


# -- Recording a value -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", CHANGERS)
def test_the_holder_and_the_working_group_record_a_value(request, persona, plan):
    client = client_of(request, persona)
    assert client.get(base(plan) + "saisir/").status_code == 200
    form = client.get(base(plan) + "saisir/accompagnes/")
    assert form.status_code == 200 and 'list="period-suggestions"' in form.content.decode()
    answer = client.post(
        base(plan) + "saisir/accompagnes/", {"period": "2024", "value": "1 250 personnes"}
    )
    assert answer.status_code == 302 and answer["Location"] == base(plan)
    row = Measurement.objects.get(plan=plan)
    assert (row.value, row.state, row.definition) == (1250, "draft", 1)


def test_a_value_may_be_submitted_at_once(holder_hugo_client, plan):
    holder_hugo_client.post(
        base(plan) + "saisir/relogement/",
        {"period": "2024", "numerator": "45", "denominator": "90", "submit": "on"},
    )
    row = Measurement.objects.get(plan=plan)
    assert (row.numerator, row.denominator, row.state) == (45, 90, "submitted")


def test_a_refused_value_keeps_what_was_typed_and_says_why(holder_hugo_client, plan):
    answer = holder_hugo_client.post(
        base(plan) + "saisir/accompagnes/",
        {"period": "2024", "value": "douze", "dimension": "public", "category": "jeunes"},
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    message = "un nombre en personnes est attendu, par exemple 12 personnes (lu : « douze »)"
    assert f'<a href="#f-value">Valeur (en personnes) : {message}</a>' in html
    assert 'value="douze"' in html and 'value="jeunes"' in html
    assert not Measurement.objects.exists()


def test_a_value_of_a_locked_period_is_refused_beside_the_period(
    holder_hugo_client, plan, evaluator_eva
):
    measurements.lock(plan, "2024", evaluator_eva)
    answer = holder_hugo_client.post(
        base(plan) + "saisir/accompagnes/", {"period": "2024", "value": "3"}
    )
    assert answer.status_code == 400
    assert "la période 2024 est close" in answer.content.decode()
    assert not Measurement.objects.exists()


def test_recording_rejects_the_wrong_method(holder_hugo_client, plan):
    assert holder_hugo_client.put(base(plan) + "saisir/accompagnes/").status_code == 405
    assert holder_hugo_client.post(base(plan) + "saisir/").status_code == 405


@pytest.mark.parametrize("persona", NOT_CHANGERS)
def test_recording_is_a_404_to_others(request, persona, plan):
    client = client_of(request, persona)
    assert client.get(base(plan) + "saisir/").status_code == 404
    answer = client.post(base(plan) + "saisir/accompagnes/", {"period": "2024", "value": "3"})
    assert answer.status_code == 404
    assert not Measurement.objects.exists()


def test_recording_sends_anonymous_visitors_to_sign_in(client, plan):
    assert sent_to_sign_in(client.post(base(plan) + "saisir/accompagnes/", {"period": "2024"}))


def test_an_unknown_indicator_is_a_404(holder_hugo_client, plan):
    assert holder_hugo_client.get(base(plan) + "saisir/inconnu/").status_code == 404


# -- Correcting and submitting -----------------------------------------------------------------


def test_the_holder_corrects_a_returned_value(holder_hugo_client, plan, evaluator_eva):
    row = measurements.submit(record(plan, value="110"), None)
    measurements.send_back(row, evaluator_eva, "Mars est compté deux fois.")
    page = holder_hugo_client.get(base(plan) + f"{row.pk}/modifier/")
    html = page.content.decode()
    assert page.status_code == 200 and "Mars est compté deux fois." in html
    assert 'value="110"' in html
    answer = holder_hugo_client.post(base(plan) + f"{row.pk}/modifier/", {"value": "105"})
    assert answer.status_code == 302
    assert Measurement.objects.get(pk=row.pk).value == 105


def test_editing_rejects_the_wrong_method(holder_hugo_client, plan):
    row = record(plan, value="110")
    assert holder_hugo_client.put(base(plan) + f"{row.pk}/modifier/").status_code == 405


@pytest.mark.parametrize("persona", NOT_CHANGERS)
def test_editing_is_a_404_to_others(request, persona, plan):
    row = record(plan, value="110")
    answer = client_of(request, persona).post(base(plan) + f"{row.pk}/modifier/", {"value": "1"})
    assert answer.status_code == 404
    assert Measurement.objects.get(pk=row.pk).value == 110


def test_editing_sends_anonymous_visitors_to_sign_in(client, plan):
    row = record(plan, value="110")
    assert sent_to_sign_in(client.get(base(plan) + f"{row.pk}/modifier/"))


@pytest.mark.parametrize("persona", CHANGERS)
def test_the_holder_submits_a_draft(request, persona, plan):
    row = record(plan, value="110")
    answer = client_of(request, persona).post(base(plan) + f"{row.pk}/soumettre/", follow=True)
    assert "La valeur est soumise à l’évaluateur." in answer.content.decode()
    assert state_of(row) == "submitted"


def test_submitting_twice_is_said(holder_hugo_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    answer = holder_hugo_client.post(base(plan) + f"{row.pk}/soumettre/", follow=True)
    assert "Seule une valeur en brouillon ou renvoyée peut être soumise." in (
        answer.content.decode()
    )


def test_submitting_rejects_the_wrong_method(holder_hugo_client, plan):
    row = record(plan, value="110")
    assert holder_hugo_client.get(base(plan) + f"{row.pk}/soumettre/").status_code == 405


@pytest.mark.parametrize("persona", NOT_CHANGERS)
def test_submitting_is_a_404_to_others(request, persona, plan):
    row = record(plan, value="110")
    assert client_of(request, persona).post(base(plan) + f"{row.pk}/soumettre/").status_code == 404
    assert state_of(row) == "draft"


def test_submitting_sends_anonymous_visitors_to_sign_in(client, plan):
    row = record(plan, value="110")
    assert sent_to_sign_in(client.post(base(plan) + f"{row.pk}/soumettre/"))


# -- The evaluator's decisions -----------------------------------------------------------------


def test_the_evaluator_approves_a_submitted_value(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    answer = evaluator_eva_client.post(base(plan) + f"{row.pk}/approuver/")
    assert answer.status_code == 302 and answer["Location"] == base(plan)
    assert state_of(row) == "approved"


def test_approving_rejects_the_wrong_method(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    assert evaluator_eva_client.get(base(plan) + f"{row.pk}/approuver/").status_code == 405


@pytest.mark.parametrize("persona", NOT_APPROVERS)
def test_approving_requires_the_role(request, persona, plan):
    row = measurements.submit(record(plan, value="110"), None)
    assert client_of(request, persona).post(base(plan) + f"{row.pk}/approuver/").status_code == 403
    assert state_of(row) == "submitted"


def test_approving_sends_anonymous_visitors_to_sign_in(client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    assert sent_to_sign_in(client.post(base(plan) + f"{row.pk}/approuver/"))


def test_the_evaluator_returns_a_value_with_a_comment(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    url = base(plan) + f"{row.pk}/renvoyer/"
    assert evaluator_eva_client.get(url).status_code == 200
    refused = evaluator_eva_client.post(url, {"comment": "  "})
    assert refused.status_code == 400
    assert "Dites ce qui est à corriger." in refused.content.decode()
    assert state_of(row) == "submitted"
    answer = evaluator_eva_client.post(url, {"comment": "Mars est compté deux fois."})
    assert answer.status_code == 302
    assert Measurement.objects.get(pk=row.pk).comment == "Mars est compté deux fois."
    assert state_of(row) == "returned"


def test_returning_rejects_the_wrong_method(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    assert evaluator_eva_client.put(base(plan) + f"{row.pk}/renvoyer/").status_code == 405


@pytest.mark.parametrize("persona", NOT_APPROVERS)
def test_returning_requires_the_role(request, persona, plan):
    row = measurements.submit(record(plan, value="110"), None)
    answer = client_of(request, persona).post(
        base(plan) + f"{row.pk}/renvoyer/", {"comment": "non"}
    )
    assert answer.status_code == 403 and state_of(row) == "submitted"


def test_returning_sends_anonymous_visitors_to_sign_in(client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    assert sent_to_sign_in(client.get(base(plan) + f"{row.pk}/renvoyer/"))


def test_the_evaluator_locks_and_reopens_a_period(evaluator_eva_client, plan):
    answer = evaluator_eva_client.post(base(plan) + "periodes/clore/", {"period": " 2024-T2 "})
    assert answer.status_code == 302
    assert list(LockedPeriod.objects.values_list("period", flat=True)) == ["2024-T2"]
    refused = evaluator_eva_client.post(base(plan) + "periodes/clore/", {"period": "demain"})
    assert refused.status_code == 400 and "« demain » n’est pas une période" in (
        refused.content.decode()
    )
    assert evaluator_eva_client.post(base(plan) + "periodes/2024-T2/rouvrir/").status_code == 302
    assert not LockedPeriod.objects.exists()


def test_locking_rejects_the_wrong_method(evaluator_eva_client, plan):
    assert evaluator_eva_client.get(base(plan) + "periodes/clore/").status_code == 405
    assert evaluator_eva_client.get(base(plan) + "periodes/2024/rouvrir/").status_code == 405


@pytest.mark.parametrize("persona", NOT_APPROVERS)
def test_locking_requires_the_role(request, persona, plan, evaluator_eva):
    client = client_of(request, persona)
    assert client.post(base(plan) + "periodes/clore/", {"period": "2024"}).status_code == 403
    measurements.lock(plan, "2023", evaluator_eva)
    assert client.post(base(plan) + "periodes/2023/rouvrir/").status_code == 403
    assert list(LockedPeriod.objects.values_list("period", flat=True)) == ["2023"]


def test_locking_sends_anonymous_visitors_to_sign_in(client, plan):
    assert sent_to_sign_in(client.post(base(plan) + "periodes/clore/", {"period": "2024"}))
    assert sent_to_sign_in(client.post(base(plan) + "periodes/2024/rouvrir/"))


def test_an_evaluator_cannot_act_on_a_plan_hidden_from_them(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    assert (
        evaluator_eva_client.post(f"/evaluation/inconnue/mesures/{row.pk}/approuver/").status_code
        == 404
    )
    other = make_plan(title="Jardins partagés")
    assert evaluator_eva_client.post(base(other) + f"{row.pk}/approuver/").status_code == 404
    assert state_of(row) == "submitted"


# -- Importing ---------------------------------------------------------------------------------


def upload(content: bytes, name: str = "valeurs.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.parametrize("persona", CHANGERS)
def test_the_holder_imports_a_csv_file(request, persona, plan):
    client = client_of(request, persona)
    assert client.get(base(plan) + "importer/").status_code == 200
    data = b"indicator;period;value\naccompagnes;2024;110\naccompagnes;2025;140\n"
    answer = client.post(base(plan) + "importer/", {"document": upload(data)})
    assert answer.status_code == 302
    assert sorted(Measurement.objects.values_list("period", "state")) == [
        ("2024", "draft"),
        ("2025", "draft"),
    ]


def test_a_refused_file_says_each_problem_with_its_place(holder_hugo_client, plan):
    data = b"indicator,period,value\naccompagnes,2024,110\naccompagnes,2024-T9,douze\n"
    answer = holder_hugo_client.post(base(plan) + "importer/", {"document": upload(data)})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "fichier « valeurs.csv », ligne 3, colonne « period » : « 2024-T9 »" in html
    assert "ligne 3, colonne « value » : un nombre en personnes est attendu" in html
    assert not Measurement.objects.exists()


def test_importing_rejects_the_wrong_method(holder_hugo_client, plan):
    assert holder_hugo_client.put(base(plan) + "importer/").status_code == 405


@pytest.mark.parametrize("persona", NOT_CHANGERS)
def test_importing_is_a_404_to_others(request, persona, plan):
    data = b"indicator,period,value\naccompagnes,2024,110\n"
    answer = client_of(request, persona).post(base(plan) + "importer/", {"document": upload(data)})
    assert answer.status_code == 404 and not Measurement.objects.exists()


def test_importing_sends_anonymous_visitors_to_sign_in(client, plan):
    assert sent_to_sign_in(client.get(base(plan) + "importer/"))


# -- The evaluator's queue ---------------------------------------------------------------------


def test_the_queue_lists_the_submitted_values(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    record(plan, period="2025", value="5")
    page = evaluator_eva_client.get(QUEUE)
    html = page.content.decode()
    assert page.status_code == 200
    assert f'id="queued-{row.pk}"' in html and html.count('id="queued-') == 1
    # Approving from the queue comes back to it.
    answer = evaluator_eva_client.post(base(plan) + f"{row.pk}/approuver/", {"next": QUEUE})
    assert answer["Location"] == QUEUE
    assert (
        "Aucune valeur n’attend votre décision." in evaluator_eva_client.get(QUEUE).content.decode()
    )


def test_the_queue_never_sends_the_evaluator_to_another_site(evaluator_eva_client, plan):
    row = measurements.submit(record(plan, value="110"), None)
    answer = evaluator_eva_client.post(
        base(plan) + f"{row.pk}/approuver/", {"next": "//ailleurs.example/"}
    )
    assert answer["Location"] == base(plan)


def test_the_queue_rejects_the_wrong_method(evaluator_eva_client):
    assert evaluator_eva_client.post(QUEUE).status_code == 405


@pytest.mark.parametrize("persona", NOT_APPROVERS)
def test_the_queue_requires_the_role(request, persona):
    assert client_of(request, persona).get(QUEUE).status_code == 403


def test_the_queue_sends_anonymous_visitors_to_sign_in(client):
    assert sent_to_sign_in(client.get(QUEUE))
