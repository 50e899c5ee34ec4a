"""The staff dashboard of a campaign: figures, filters, charts with their tables, remarks."""

from datetime import UTC, datetime

import pytest

from vivier.campaigns import services
from vivier.reports.models import Remark

pytestmark = pytest.mark.django_db

BASE = "/staff/campagnes/hcts-2020/analyse/"


def test_it_requires_staff(client, carol, demo):
    client.force_login(carol)
    assert client.get(BASE).status_code == 403


def test_the_overview_shows_the_totals_the_timeline_and_the_map(alice_client, demo):
    html = alice_client.get(BASE).content.decode()
    assert 'id="responses">1771<' in html
    assert 'id="peak">362<' in html
    assert html.count('role="img"') >= 2  # the timeline and the map
    assert "24 août 2020</td><td>362<" in html


def test_a_filter_narrows_every_figure(alice_client, demo):
    html = alice_client.get(BASE + "?f.q23=demande_hierarchie").content.decode()
    assert 'id="responses">42<' in html
    assert "Retirer le filtre" in html


def test_an_unknown_filter_is_ignored(alice_client, demo):
    html = alice_client.get(BASE + "?f.q999=x&f.q14=pirate").content.decode()
    assert 'id="responses">1771<' in html


def test_a_question_page_has_its_chart_table_and_base(alice_client, demo):
    html = alice_client.get(BASE + "q/q14/").content.decode()
    assert "N = 1301 répondants" in html
    assert "<td>Oui</td><td>768</td>" in html
    assert 'role="img"' in html


def test_a_question_csv_gives_counts_and_percents(alice_client, demo):
    body = alice_client.get(BASE + "q/q14.csv").content.decode().lstrip("\ufeff")
    lines = body.splitlines()
    assert lines[0] == "option,label,count,percent,answered,shown"
    assert lines[1].startswith("yes,Oui,768,59.0,1301,")


def test_personal_data_has_no_analysis_page(alice_client, demo):
    assert alice_client.get(BASE + "q/q74/").status_code == 404


def test_a_crosstab_counts_responses_by_two_questions(alice_client, demo):
    html = alice_client.get(BASE + "croise/?lignes=q23&colonnes=q26").content.decode()
    assert 'id="crosstab"' in html
    assert "Un besoin identifié sur le terrain" in html


def test_a_crosstab_of_a_question_with_itself_is_explained(alice_client, demo):
    answer = alice_client.get(BASE + "croise/?lignes=q23&colonnes=q23")
    assert answer.status_code == 400
    assert "deux questions différentes" in answer.content.decode()


def test_an_analyst_adds_and_deletes_a_remark(alice_client, demo):
    answer = alice_client.post(
        BASE + "remarques/", {"question": "q14", "kind": "ATTENTION", "text": "Base de 1301."}
    )
    assert answer.status_code == 302
    remark = Remark.objects.get()
    assert (remark.question, remark.kind) == ("q14", "ATTENTION")
    assert "Base de 1301." in alice_client.get(BASE + "q/q14/").content.decode()
    alice_client.post(BASE + f"remarques/{remark.pk}/supprimer/")
    assert not Remark.objects.exists()


def test_an_incomplete_remark_is_refused_with_a_message(alice_client, demo):
    # The overview comes back (400) naming the field to fill: see test_action_remarks.py.
    answer = alice_client.post(BASE + "remarques/", {"kind": "ANALYSE", "text": " "})
    assert answer.status_code == 400
    assert "Texte : Écrivez le texte de la remarque." in answer.content.decode()
    assert not Remark.objects.exists()


def test_remarks_reject_get(alice_client, demo):
    assert alice_client.get(BASE + "remarques/").status_code == 405


def test_one_more_response_shows_at_once(alice_client, demo):
    alice_client.get(BASE)
    services.create_submitted(
        demo,
        key="late",
        answers={"q1": "travailleur_social", "q14": "no"},
        submitted_at=datetime(2020, 9, 30, 10, tzinfo=UTC),
    )
    html = alice_client.get(BASE).content.decode()
    assert 'id="responses">1772<' in html


def test_a_response_dated_in_the_past_is_counted_too(alice_client, demo):
    alice_client.get(BASE)
    services.create_submitted(
        demo,
        key="paper",
        answers={"q1": "travailleur_social"},
        submitted_at=datetime(2020, 8, 1, 10, tzinfo=UTC),
    )
    assert 'id="responses">1772<' in alice_client.get(BASE).content.decode()


def test_a_new_process_starts_from_the_saved_snapshot_and_catches_up(demo, monkeypatch):
    from vivier.reports import snapshots

    assert len(snapshots.campaign_table(demo)) == 1771
    assert snapshots.snapshot_path(demo).exists()
    snapshots.forget(demo)  # what a freshly started worker knows
    services.create_submitted(
        demo,
        key="new",
        answers={"q1": "travailleur_social"},
        submitted_at=datetime(2020, 10, 1, 10, tzinfo=UTC),
    )

    def rebuild(*args, **kwargs):
        raise AssertionError("the snapshot file should have been enough")

    monkeypatch.setattr(snapshots, "build_table", rebuild)
    assert len(snapshots.campaign_table(demo)) == 1772


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK"), ("html", b"<!DOCTYPE html")],
)
def test_the_report_downloads_in_every_format(alice_client, demo, fmt, start):
    answer = alice_client.get(f"/staff/campagnes/hcts-2020/rapport.{fmt}")
    assert answer.status_code == 200
    assert answer.content.lstrip().startswith(start)
    assert f"hcts-2020-rapport.{fmt}" in answer["Content-Disposition"]


def test_an_unknown_report_format_is_a_404(alice_client, demo):
    assert alice_client.get("/staff/campagnes/hcts-2020/rapport.exe").status_code == 404
