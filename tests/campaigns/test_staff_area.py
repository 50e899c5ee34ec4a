import csv
import io
import json
from datetime import UTC, datetime

import pytest

from vivier.campaigns import services
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def _submitted(campaign, key, answers, day=24, channel_link=None):
    return services.create_submitted(
        campaign,
        key=key,
        answers=answers,
        submitted_at=datetime(2020, 8, day, 10, tzinfo=UTC),
        link=channel_link,
    )


def test_it_requires_a_login(client, campaign):
    answer = client.get("/staff/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/staff/connexion/")


def test_it_refuses_accounts_that_are_not_staff(client, carol, campaign):
    client.force_login(carol)
    assert client.get("/staff/").status_code == 403


def test_it_counts_responses_per_day_and_per_link(alice_client, campaign):
    unccas = campaign.links.get(code="unccas")
    _submitted(campaign, "a", {"role": "pc"}, day=24, channel_link=unccas)
    _submitted(campaign, "b", {"role": "pc"}, day=24, channel_link=unccas)
    _submitted(campaign, "c", {"role": "pc"}, day=25)
    services.start_response(campaign, key="draft")
    html = alice_client.get(f"/staff/campagnes/{campaign.slug}/").content.decode()
    assert 'id="count-total">4<' in html
    assert 'id="count-submitted">3<' in html
    per_link = html.split('id="per-link"')[1].split("</table>")[0]
    assert "<td>UNCCAS</td><td>2</td>" in per_link
    per_day = html.split('id="per-day"')[1].split("</table>")[0]
    assert "24 août 2020</td><td>2</td>" in per_day
    assert "lundi 24 août 2020" in html  # the peak day


def test_it_lists_responses_and_shows_one_with_labels(alice_client, campaign):
    _submitted(campaign, "r1", {"role": "pc", "courriel": "x@example.org"})
    listing = alice_client.get(f"/staff/campagnes/{campaign.slug}/reponses/").content.decode()
    assert "/reponses/r1/" in listing
    one = alice_client.get(f"/staff/campagnes/{campaign.slug}/reponses/r1/").content.decode()
    assert "Personne concernée" in one
    assert "x@example.org" in one


def test_personal_data_is_hidden_from_staff_without_the_right(bob_client, campaign):
    _submitted(campaign, "r1", {"role": "pc", "courriel": "x@example.org"})
    one = bob_client.get(f"/staff/campagnes/{campaign.slug}/reponses/r1/").content.decode()
    assert "x@example.org" not in one
    assert "masquées" in one
    assert (
        bob_client.get(
            f"/staff/campagnes/{campaign.slug}/export.csv?donnees_personnelles=1"
        ).status_code
        == 403
    )


def test_the_csv_export_neutralises_formulas(alice_client, campaign):
    _submitted(campaign, "r1", {"role": "other", "role_other": '=HYPERLINK("http://x")'})
    body = alice_client.get(f"/staff/campagnes/{campaign.slug}/export.csv").content.decode()
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    header, row = rows[0], rows[1]
    assert row[header.index("role_other")].startswith("'=")
    assert "courriel" not in header


def test_the_json_export_is_one_response_per_line(alice_client, campaign):
    _submitted(campaign, "r1", {"role": "pc"})
    _submitted(campaign, "r2", {"role": "pro", "connait": "no"})
    body = alice_client.get(f"/staff/campagnes/{campaign.slug}/export.jsonl").content.decode()
    lines = [json.loads(line) for line in body.splitlines()]
    assert [line["id"] for line in lines] == ["r1", "r2"]
    assert lines[1]["answers"] == {"role": "pro", "connait": "no"}


def test_an_interviewer_starts_an_assisted_entry(alice_client, alice, campaign):
    answer = alice_client.post(f"/staff/campagnes/{campaign.slug}/saisie/", {"mode": "assisted"})
    assert answer.status_code == 302
    response = Response.objects.get(campaign=campaign)
    assert response.mode == Response.Mode.ASSISTED
    assert response.entered_by == alice
    assert "/r/" in answer["Location"]


def test_assisted_entry_rejects_get(alice_client, campaign):
    assert alice_client.get(f"/staff/campagnes/{campaign.slug}/saisie/").status_code == 405
