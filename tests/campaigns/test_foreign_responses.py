"""Responses exported from KoboToolbox / ODK loaded into a campaign, all or nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support import make_campaign
from vivier.__main__ import main
from vivier.campaigns.models import Response
from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

pytestmark = pytest.mark.django_db


def kobo_form() -> Questionnaire:
    return Questionnaire(
        slug="kobo",
        title="Inspection",
        sections=(
            Section(
                "site",
                "Le site",
                (
                    Question("inspector", QuestionType.SHORT_TEXT, "Inspecteur", required=True),
                    Question(
                        "found",
                        QuestionType.SINGLE_CHOICE,
                        "Site trouvé",
                        choices=(Choice("0", "Non"), Choice("1", "Oui")),
                        meta={"source_name": "did_you_find_the_site"},
                    ),
                    Question("ping", QuestionType.INTEGER, "Ping"),
                ),
            ),
        ),
    )


SUBMISSIONS = [
    {"inspector": "clouseau", "did_you_find_the_site": 0, "_uuid": "a1"},
    {"inspector": "burger", "did_you_find_the_site": 1, "ping": 34, "_uuid": "a2", "rssi": 98},
]


def test_command_line_imports_kobo_json_and_is_idempotent(tmp_path, capsys):
    campaign = make_campaign(kobo_form())
    path = tmp_path / "submissions.json"
    path.write_text(json.dumps(SUBMISSIONS))
    assert main(["import-responses", campaign.slug, str(path)]) == 0
    out = capsys.readouterr()
    assert "2 response(s) imported" in out.out
    assert "Column 'rssi' matches no question" in out.err
    stored = {r.key: r.answers for r in Response.objects.filter(campaign=campaign)}
    assert stored == {
        "a1": {"inspector": "clouseau", "found": "0"},
        "a2": {"inspector": "burger", "found": "1", "ping": 34},
    }
    assert main(["import-responses", campaign.slug, str(path), "--from", "kobo"]) == 0
    assert "2 already present" in capsys.readouterr().out
    assert Response.objects.filter(campaign=campaign).count() == 2


def test_one_bad_row_rejects_the_file_and_names_row_and_question(tmp_path, capsys):
    campaign = make_campaign(kobo_form())
    rows = [*SUBMISSIONS, {"did_you_find_the_site": 2, "ping": "douze", "_uuid": "a3"}]
    path = tmp_path / "submissions.json"
    path.write_text(json.dumps(rows))
    assert main(["import-responses", campaign.slug, str(path)]) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err
    assert "row 3, found" in err and "row 3, ping" in err and "row 3, inspector" in err
    assert not Response.objects.filter(campaign=campaign).exists()


def test_staff_upload_a_kobo_csv_and_read_the_report(bob_client):
    campaign = make_campaign(kobo_form())
    csv_text = "inspector;did_you_find_the_site;ping;_uuid;extra\nclouseau;1;12;z1;?\n"
    answer = bob_client.post(
        f"/staff/campagnes/{campaign.slug}/import/",
        {"fichier": SimpleUploadedFile("export.csv", csv_text.encode()), "source": "auto"},
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "1 réponse importée de export.csv" in html
    assert "« extra »" in html
    assert Response.objects.get(campaign=campaign, key="z1").answers["ping"] == 12


def test_staff_see_every_problem_in_french_and_nothing_is_stored(bob_client):
    campaign = make_campaign(kobo_form())
    csv_text = "inspector;did_you_find_the_site\n;7\n"
    answer = bob_client.post(
        f"/staff/campagnes/{campaign.slug}/import/",
        {"fichier": SimpleUploadedFile("export.csv", csv_text.encode())},
    )
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "Rien n’a été importé" in html
    assert "ligne 2, found" in html and "ligne 2, inspector" in html
    assert not Response.objects.exists()
