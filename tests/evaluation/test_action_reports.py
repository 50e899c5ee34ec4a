"""The reports' actions, under /evaluation/<slug>/rapports/: each report's download (whoever
reads the plan) and the funding records (whoever changes it)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from tests.campaigns.actions import client_of, sent_to_sign_in
from tests.evaluation.test_documents import sample_plan
from vivier.evaluation.models import FundingRecord

pytestmark = pytest.mark.django_db

#: Personas who read every plan (a role), and those who change every plan.
READERS = ["evaluator_eva", "analyst_axel", "group_gael"]
#: Personas (and carol, no role) to whom the plan does not exist.
STRANGERS = [
    "admin_ana",
    "privacy_paul",
    "interviewer_ines",
    "committee_cleo",
    "person_pia",
    "carol",
]
DOWNLOADS = [("funder", "pdf"), ("funder", "xlsx"), ("qualitative", "pdf"), ("qualitative", "docx")]
GOOD = {
    "year": "2025",
    "funder": "Fondation de France",
    "budget_line": "Formation",
    "budgeted": "12 500,50 €",
    "received": "6000",
    "spent": "",
}


@pytest.fixture
def plan(holder_hugo):
    plan = sample_plan()
    plan.practice.holder = holder_hugo
    plan.practice.save(update_fields=["holder"])
    return plan


def download_url(plan, track: str, fmt: str) -> str:
    return f"/evaluation/{plan.practice.slug}/rapports/{track}.{fmt}"


def funding_url(plan, suffix: str = "") -> str:
    return f"/evaluation/{plan.practice.slug}/rapports/financements/{suffix}"


def download_lines():
    return LogEntry.objects.filter(additional_data__event="report.export")


# --------------------------------------------------------------------------- downloads


@pytest.mark.parametrize(("track", "fmt"), DOWNLOADS)
def test_a_reader_of_the_plan_downloads_each_report_and_it_is_audited(
    evaluator_eva_client, evaluator_eva, plan, track, fmt
):
    answer = evaluator_eva_client.get(download_url(plan, track, fmt))
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith(f'.{fmt}"')
    assert len(answer.content) > 1000
    (line,) = download_lines()
    assert line.actor == evaluator_eva
    assert line.additional_data["report"] == f"evaluation-{track}"
    assert line.additional_data["format"] == fmt
    assert line.object_pk == str(plan.pk)


@pytest.mark.parametrize("persona", [*READERS, "holder_hugo"])
def test_every_reader_and_the_holder_may_download(request, persona, plan):
    answer = client_of(request, persona).get(download_url(plan, "funder", "xlsx"))
    assert answer.status_code == 200


def test_the_report_speaks_the_language_of_the_page(evaluator_eva_client, plan):
    import io

    import docx
    from django.conf import settings

    evaluator_eva_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = evaluator_eva_client.get(download_url(plan, "qualitative", "docx"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs)
    assert "Stories of change" in text
    assert download_lines().get().additional_data["lang"] == "en"


def test_a_report_in_a_format_it_does_not_have_is_not_found(evaluator_eva_client, plan):
    assert evaluator_eva_client.get(download_url(plan, "funder", "docx")).status_code == 404
    assert evaluator_eva_client.get(download_url(plan, "budget", "pdf")).status_code == 404
    assert not download_lines().exists()


def test_a_download_rejects_the_wrong_method(evaluator_eva_client, plan):
    assert evaluator_eva_client.post(download_url(plan, "funder", "pdf")).status_code == 405


def test_a_download_sends_anonymous_visitors_to_sign_in(client, plan):
    assert sent_to_sign_in(client.get(download_url(plan, "funder", "pdf")))


@pytest.mark.parametrize("persona", STRANGERS)
def test_a_download_is_not_found_for_who_may_not_read_the_plan(request, persona, plan):
    answer = client_of(request, persona).get(download_url(plan, "qualitative", "pdf"))
    assert answer.status_code == 404
    assert not download_lines().exists()


def test_the_evaluation_page_offers_the_reports(group_gael_client, evaluator_eva_client, plan):
    html = group_gael_client.get(f"/evaluation/{plan.practice.slug}/").content.decode()
    for track, fmt in DOWNLOADS:
        assert download_url(plan, track, fmt) in html
    assert funding_url(plan) in html
    # A reader who may not change the plan is not offered the funding page.
    html = evaluator_eva_client.get(f"/evaluation/{plan.practice.slug}/").content.decode()
    assert download_url(plan, "funder", "pdf") in html
    assert funding_url(plan) not in html


# --------------------------------------------------------------------------- funding records


@pytest.mark.parametrize("persona", ["group_gael", "holder_hugo"])
def test_who_changes_the_plan_adds_a_funding_line(request, persona, plan):
    client = client_of(request, persona)
    answer = client.post(funding_url(plan), GOOD, follow=True)
    assert answer.redirect_chain == [(funding_url(plan), 302)]
    assert "La ligne de financement est ajoutée." in answer.content.decode()
    record = FundingRecord.objects.get(plan=plan, funder="Fondation de France")
    assert (record.year, record.budget_line) == (2025, "Formation")
    assert record.budgeted == Decimal("12500.50")
    assert record.received == Decimal("6000") and record.spent is None


def test_the_funding_page_lists_the_lines(group_gael_client, plan):
    answer = group_gael_client.get(funding_url(plan))
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'id="funding-records"' in html and "=Département" in html
    assert "12\u00a0000,00" in html


def test_a_refused_line_comes_back_with_what_was_typed(group_gael_client, plan):
    typed = {**GOOD, "budgeted": "douze mille", "received": "12,555", "funder": ""}
    answer = group_gael_client.post(funding_url(plan), typed)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'id="error-summary"' in html
    assert 'href="#f-budgeted"' in html and 'href="#f-funder"' in html
    assert "Écrivez un montant en chiffres, par exemple 12 500,50 €." in html
    assert "Deux chiffres après la virgule au plus" in html
    assert "Indiquez le financeur." in html
    assert 'value="douze mille"' in html and 'value="Formation"' in html
    assert not FundingRecord.objects.filter(budget_line="Formation").exists()


def test_a_year_out_of_range_is_refused(group_gael_client, plan):
    for typed in ("25", "deux mille"):
        answer = group_gael_client.post(funding_url(plan), {**GOOD, "year": typed})
        assert answer.status_code == 400
        html = answer.content.decode()
        assert "Écrivez une année en chiffres, par exemple 2025." in html
        assert f'name="year" value="{typed}"' in html


def test_the_funding_page_is_forbidden_to_who_only_reads_the_plan(evaluator_eva_client, plan):
    assert evaluator_eva_client.get(funding_url(plan)).status_code == 403
    assert evaluator_eva_client.post(funding_url(plan), GOOD).status_code == 403
    assert not FundingRecord.objects.filter(funder="Fondation de France").exists()


@pytest.mark.parametrize("persona", STRANGERS)
def test_the_funding_page_is_not_found_for_who_may_not_read_the_plan(request, persona, plan):
    client = client_of(request, persona)
    assert client.get(funding_url(plan)).status_code == 404
    assert client.post(funding_url(plan), GOOD).status_code == 404


def test_the_funding_page_sends_anonymous_visitors_to_sign_in(client, plan):
    assert sent_to_sign_in(client.post(funding_url(plan), GOOD))
    assert not FundingRecord.objects.filter(funder="Fondation de France").exists()


def test_the_funding_page_rejects_the_wrong_method(group_gael_client, plan):
    assert group_gael_client.put(funding_url(plan)).status_code == 405


def a_record(plan) -> FundingRecord:
    return FundingRecord.objects.get(plan=plan, funder="CAF", year=2024)


def test_a_line_is_changed_from_its_figures(group_gael_client, plan):
    record = a_record(plan)
    page = group_gael_client.get(funding_url(plan, f"{record.pk}/")).content.decode()
    assert 'value="9000,50"' in page and 'value="12000"' in page
    answer = group_gael_client.post(
        funding_url(plan, f"{record.pk}/"),
        {**GOOD, "funder": "CAF", "year": "2024", "spent": "9 500"},
    )
    assert answer.status_code == 302
    record.refresh_from_db()
    assert record.spent == Decimal("9500") and record.budget_line == "Formation"


def test_a_refused_change_keeps_the_line(group_gael_client, plan):
    record = a_record(plan)
    answer = group_gael_client.post(funding_url(plan, f"{record.pk}/"), {**GOOD, "spent": "-3"})
    assert answer.status_code == 400
    assert "Un montant ne peut pas être négatif." in answer.content.decode()
    record.refresh_from_db()
    assert record.spent == Decimal("9000.50")


def test_changing_a_line_is_forbidden_to_a_reader_and_rejects_the_wrong_method(
    evaluator_eva_client, group_gael_client, client, plan
):
    record = a_record(plan)
    url = funding_url(plan, f"{record.pk}/")
    assert evaluator_eva_client.post(url, GOOD).status_code == 403
    assert group_gael_client.delete(url).status_code == 405
    assert sent_to_sign_in(client.get(url))


def test_a_line_of_another_plan_is_not_found(group_gael_client, plan):
    other = sample_plan(code="2B", title="Autre pratique")
    record = FundingRecord.objects.filter(plan=other).first()
    assert group_gael_client.get(funding_url(plan, f"{record.pk}/")).status_code == 404
    url = funding_url(plan, f"{record.pk}/supprimer/")
    assert group_gael_client.post(url).status_code == 404
    assert FundingRecord.objects.filter(pk=record.pk).exists()


def test_a_line_is_deleted_once_confirmed(group_gael_client, plan):
    record = a_record(plan)
    url = funding_url(plan, f"{record.pk}/supprimer/")
    page = group_gael_client.get(url)
    assert page.status_code == 200 and "Animation" in page.content.decode()
    assert FundingRecord.objects.filter(pk=record.pk).exists()
    answer = group_gael_client.post(url, follow=True)
    assert answer.redirect_chain == [(funding_url(plan), 302)]
    assert not FundingRecord.objects.filter(pk=record.pk).exists()


def test_deleting_a_line_is_refused_to_others(request, evaluator_eva_client, client, plan):
    record = a_record(plan)
    url = funding_url(plan, f"{record.pk}/supprimer/")
    assert evaluator_eva_client.post(url).status_code == 403
    assert client_of(request, "carol").post(url).status_code == 404
    assert sent_to_sign_in(client.post(url))
    group = client_of(request, "group_gael")
    assert group.put(url).status_code == 405
    assert FundingRecord.objects.filter(pk=record.pk).exists()
