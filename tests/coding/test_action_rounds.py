"""Each action of the rounds of double coding (/codage/<slug>/cycles/…): it works for the
right person, refuses the wrong method, sends anonymous visitors to sign in and refuses the
others (403 without the right, 404 where the campaign's coding or the round's texts are not
theirs). The blind rule: nothing of an open round's codings is shown.
"""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.coding.test_codings import make_source
from tests.coding.test_rounds import coded_round
from vivier.coding import rounds
from vivier.coding.models import (
    Adjudication,
    CodingRound,
    PiiFlag,
    RoundAssignment,
)

pytestmark = pytest.mark.django_db

#: Without coding.add_codinground: 403 on the managers' pages.
NOT_MANAGERS = others("analyste")
#: Without coding.add_coding either: 403 on the coders' pages too.
NOT_CODERS = others("analyste", "enqueteur")


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/cycles/"


@pytest.fixture
def closed(campaign, analyst_axel, analyst_bea):
    return coded_round(campaign, analyst_axel, analyst_bea)[0]


@pytest.fixture
def open_round(campaign, analyst_axel, analyst_bea):
    return coded_round(campaign, analyst_axel, analyst_bea, close=False)[0]


def round_url(one, tail: str = "") -> str:
    return f"{base(one.campaign)}{one.number}/{tail}"


# -- The list ----------------------------------------------------------------------------------


def test_the_hub_links_to_the_rounds(analyst_axel_client, campaign):
    page = analyst_axel_client.get(f"/codage/{campaign.slug}/")
    assert f'href="{base(campaign)}"' in page.content.decode()


def test_a_manager_lists_every_round(analyst_axel_client, open_round):
    page = analyst_axel_client.get(base(open_round.campaign))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="round-1"' in html
    assert "Nouveau cycle" in html


def test_a_coder_lists_the_rounds_they_were_given_texts_in(
    interviewer_ines_client, interviewer_ines, analyst_axel, campaign
):
    for _ in range(2):
        make_source(campaign)
    rounds.create_round(
        campaign,
        title="Avec Inès",
        questions=[],
        coders=[analyst_axel, interviewer_ines],
        sample_size=2,
        overlap=100,
        user=analyst_axel,
    )
    page = interviewer_ines_client.get(base(campaign))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="round-1"' in html
    assert "Nouveau cycle" not in html and "mes-textes" in html


def test_the_list_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign)).status_code == 405


def test_the_list_shows_a_coder_no_round_they_were_not_given(interviewer_ines_client, open_round):
    # An enquêteur opens every campaign's coding (to type notes), not others' rounds.
    page = interviewer_ines_client.get(base(open_round.campaign))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="round-1"' not in html
    assert "Aucun cycle pour l’instant." in html


@pytest.mark.parametrize("persona", NOT_CODERS)
def test_the_list_is_refused_without_the_right_to_code(request, persona, campaign):
    assert client_of(request, persona).get(base(campaign)).status_code == 403


def test_the_list_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign)))


# -- A new round -------------------------------------------------------------------------------


def test_a_manager_makes_a_round(analyst_axel_client, analyst_axel, analyst_bea, campaign):
    for _ in range(5):
        make_source(campaign)
    form = analyst_axel_client.get(base(campaign) + "nouveau/")
    html = form.content.decode()
    assert form.status_code == 200 and "q15 (5 textes)" in html and "analyst_bea" in html
    answer = analyst_axel_client.post(
        base(campaign) + "nouveau/",
        {
            "title": "Premier cycle",
            "questions": ["q15"],
            "coders": [str(analyst_axel.pk), str(analyst_bea.pk)],
            "sample_size": "4",
            "overlap": "50",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == base(campaign) + "1/"
    made = CodingRound.objects.get()
    assert (made.title, made.sample_size, made.overlap) == ("Premier cycle", 4, 50)
    assert RoundAssignment.objects.filter(round=made).count() == 6


def test_a_refused_round_names_each_field(analyst_axel_client, analyst_axel, campaign):
    make_source(campaign)
    answer = analyst_axel_client.post(
        base(campaign) + "nouveau/",
        {
            "title": "Trop",
            "questions": ["q15"],
            "coders": [str(analyst_axel.pk)],
            "sample_size": "3",
            "overlap": "100",
        },
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "un cycle de double codage demande au moins deux codeurs (1 choisi)" in html
    assert "dépasse les textes à coder de ces questions (1)" in html
    assert 'href="#f-sample_size"' in html
    assert not CodingRound.objects.exists()


def test_a_huge_sample_is_refused_beside_the_field(analyst_axel_client, campaign):
    answer = analyst_axel_client.post(
        base(campaign) + "nouveau/", {"title": "x", "sample_size": "9" * 30, "overlap": "100"}
    )
    assert answer.status_code == 400 and 'href="#f-sample_size"' in answer.content.decode()


def test_the_new_round_form_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.put(base(campaign) + "nouveau/").status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_making_a_round_is_refused_to_others(request, persona, campaign):
    client = client_of(request, persona)
    assert client.get(base(campaign) + "nouveau/").status_code == 403
    assert client.post(base(campaign) + "nouveau/", {"title": "x"}).status_code == 403


def test_making_a_round_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.post(base(campaign) + "nouveau/", {"title": "x"}))


def test_a_round_of_an_unknown_campaign_is_a_404(analyst_axel_client, db):
    assert analyst_axel_client.get("/codage/inconnue/cycles/nouveau/").status_code == 404


# -- A round's page and closing it ------------------------------------------------------------


def test_the_round_page_shows_progress_and_no_code(analyst_axel_client, open_round):
    page = analyst_axel_client.get(round_url(open_round))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="progress"' in html
    assert "<td>analyst_bea</td><td>4</td><td>3</td><td>75 %</td>" in html
    # Blind: not one code's name, nor a link to the agreement.
    assert "Aller vers" not in html and "Partenariat" not in html
    assert "accord/" not in html


def test_an_unknown_round_is_a_404(analyst_axel_client, campaign):
    assert analyst_axel_client.get(base(campaign) + "9/").status_code == 404


def test_the_round_page_rejects_the_wrong_method(analyst_axel_client, open_round):
    assert analyst_axel_client.post(round_url(open_round)).status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_the_round_page_is_refused_to_others(request, persona, open_round):
    assert client_of(request, persona).get(round_url(open_round)).status_code == 403


def test_the_round_page_sends_anonymous_visitors_to_sign_in(client, open_round):
    assert sent_to_sign_in(client.get(round_url(open_round)))


def test_a_manager_closes_the_round(analyst_axel_client, open_round):
    answer = analyst_axel_client.post(round_url(open_round, "clore/"), follow=True)
    assert "Le cycle 1 est clos" in answer.content.decode()
    assert CodingRound.objects.get(pk=open_round.pk).status == "closed"
    again = analyst_axel_client.post(round_url(open_round, "clore/"), follow=True)
    assert "le cycle 1 est déjà clos" in again.content.decode()


def test_closing_rejects_the_wrong_method(analyst_axel_client, open_round):
    assert analyst_axel_client.get(round_url(open_round, "clore/")).status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_closing_is_refused_to_others(request, persona, open_round):
    assert client_of(request, persona).post(round_url(open_round, "clore/")).status_code == 403
    assert CodingRound.objects.get(pk=open_round.pk).status == "open"


def test_closing_sends_anonymous_visitors_to_sign_in(client, open_round):
    assert sent_to_sign_in(client.post(round_url(open_round, "clore/")))


# -- A coder's texts ---------------------------------------------------------------------------


def test_a_coder_sees_their_texts_and_where_to_code_them(analyst_bea_client, open_round):
    page = analyst_bea_client.get(round_url(open_round, "mes-textes/"))
    html = page.content.decode()
    assert page.status_code == 200 and "3 textes codés sur 4." in html
    assert f"/codage/{open_round.campaign.slug}/coder/?mine=1&amp;cycle=1" in html
    assert "Aller vers" not in html  # their texts, not anyone's codes


def test_a_coder_marks_a_text_done(analyst_bea_client, analyst_bea, open_round):
    row = RoundAssignment.objects.get(round=open_round, coder=analyst_bea, source__name="t4")
    url = round_url(open_round, f"mes-textes/{row.source_id}/fait/")
    answer = analyst_bea_client.post(url)
    assert answer.status_code == 302 and answer["Location"] == round_url(open_round, "mes-textes/")
    assert RoundAssignment.objects.get(pk=row.pk).done_at is not None


def test_marking_another_s_text_or_none_is_a_404(analyst_bea_client, open_round, campaign):
    outside = make_source(campaign, "Hors cycle.")
    url = round_url(open_round, f"mes-textes/{outside.pk}/fait/")
    assert analyst_bea_client.post(url).status_code == 404


def test_the_texts_of_a_round_one_was_not_given_are_a_404(
    interviewer_ines_client, analyst_axel, interviewer_ines, open_round, campaign
):
    # Inès is given texts in round 2, none in round 1.
    for _ in range(2):
        make_source(campaign, question="q16")
    rounds.create_round(
        campaign,
        title="Autre",
        questions=["q16"],
        coders=[analyst_axel, interviewer_ines],
        sample_size=2,
        overlap=100,
        user=analyst_axel,
    )
    assert interviewer_ines_client.get(round_url(open_round, "mes-textes/")).status_code == 404
    assert interviewer_ines_client.get(base(campaign) + "2/mes-textes/").status_code == 200


def test_a_coder_s_pages_reject_the_wrong_method(analyst_bea_client, open_round):
    assert analyst_bea_client.post(round_url(open_round, "mes-textes/")).status_code == 405
    row = RoundAssignment.objects.filter(round=open_round).first()
    url = round_url(open_round, f"mes-textes/{row.source_id}/fait/")
    assert analyst_bea_client.get(url).status_code == 405


@pytest.mark.parametrize("persona", NOT_CODERS)
def test_a_coder_s_pages_are_refused_to_others(request, persona, open_round):
    client = client_of(request, persona)
    assert client.get(round_url(open_round, "mes-textes/")).status_code == 403
    row = RoundAssignment.objects.filter(round=open_round).first()
    url = round_url(open_round, f"mes-textes/{row.source_id}/fait/")
    assert client.post(url).status_code == 403


def test_a_coder_s_pages_send_anonymous_visitors_to_sign_in(client, open_round):
    assert sent_to_sign_in(client.get(round_url(open_round, "mes-textes/")))
    row = RoundAssignment.objects.filter(round=open_round).first()
    assert sent_to_sign_in(client.post(round_url(open_round, f"mes-textes/{row.source_id}/fait/")))


# -- The agreement report and its files -------------------------------------------------------


def test_the_report_shows_every_measure_with_its_n(analyst_axel_client, closed):
    page = analyst_axel_client.get(round_url(closed, "accord/"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "κ analyst_axel – analyst_bea" in html
    assert '<th scope="row">Partenariat</th>\n  <td>3 / 4</td>' in html
    assert "revoir le livre de codes" in html and "fiable" in html
    assert "à partir de 0,8, le codage est fiable" in html
    assert "aucun texte codé par deux codeurs" in html  # t4, per text


@pytest.mark.parametrize("tail", ["accord/", "accord.csv", "accord.json", "arbitrage/"])
def test_an_open_round_s_agreement_stays_closed(analyst_axel_client, open_round, tail):
    answer = analyst_axel_client.get(round_url(open_round, tail), follow=True)
    html = answer.content.decode()
    assert answer.redirect_chain == [(round_url(open_round), 302)]
    assert "l’accord et l’arbitrage s’ouvrent à sa clôture" in html
    assert "Partenariat" not in html


def test_the_report_downloads_as_csv_and_json(analyst_axel_client, closed):
    found = analyst_axel_client.get(round_url(closed, "accord.csv"))
    assert found.status_code == 200 and found["Content-Type"].startswith("text/csv")
    assert found.content.decode().startswith("scope,key,label,measure,coders,value")
    assert 'filename="accord-' in found["Content-Disposition"]
    data = json.loads(analyst_axel_client.get(round_url(closed, "accord.json")).content)
    assert data["overall"]["n_used"] == 6
    assert LogEntry.objects.filter(additional_data__event="coding.agreement-export").count() == 2


def test_the_report_rejects_the_wrong_method(analyst_axel_client, closed):
    assert analyst_axel_client.post(round_url(closed, "accord/")).status_code == 405
    assert analyst_axel_client.post(round_url(closed, "accord.csv")).status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_the_report_is_refused_to_others(request, persona, closed):
    client = client_of(request, persona)
    for tail in ("accord/", "accord.csv", "accord.json"):
        assert client.get(round_url(closed, tail)).status_code == 403


def test_the_report_sends_anonymous_visitors_to_sign_in(client, closed):
    assert sent_to_sign_in(client.get(round_url(closed, "accord/")))
    assert sent_to_sign_in(client.get(round_url(closed, "accord.json")))


# -- Adjudication ------------------------------------------------------------------------------


def test_the_adjudication_shows_the_disagreement_side_by_side(analyst_axel_client, closed):
    page = analyst_axel_client.get(round_url(closed, "arbitrage/"))
    html = page.content.decode()
    assert page.status_code == 200 and "0 désaccord arbitré sur 1." in html
    assert "Texte 2." in html
    assert '<th scope="row">Partenariat</th>\n  <td>présent</td><td>absent</td>' in html


def test_a_name_in_a_disputed_text_is_masked(analyst_axel_client, closed):
    disputed = closed.assignments.get(source__name="t2", coder__username="analyst_axel").source
    disputed.text = "Avec Marie Dupont."
    disputed.personal_data = True
    disputed.pii_checked_at = timezone.now()  # read by the personal-data pass, flag found
    disputed.save()
    PiiFlag.objects.create(source=disputed, kind=PiiFlag.Kind.PERSON, start=5, end=17)
    html = analyst_axel_client.get(round_url(closed, "arbitrage/")).content.decode()
    assert "Avec [nom]." in html and "Marie" not in html


def test_a_manager_records_the_agreed_answer(analyst_axel_client, closed):
    item = rounds.disagreements(closed)[0]
    answer = analyst_axel_client.post(
        round_url(closed, "arbitrage/"),
        {"source": item.source.pk, "code": item.code.pk, "present": "1", "note": "Nommé."},
    )
    assert answer.status_code == 302
    assert answer["Location"] == round_url(closed, f"arbitrage/#source-{item.source.pk}")
    decided = Adjudication.objects.get()
    assert (decided.present, decided.note, decided.source) == (True, "Nommé.", item.source)
    page = analyst_axel_client.get(round_url(closed, "arbitrage/")).content.decode()
    assert "1 désaccord arbitré sur 1." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"present": "1"}, "Ce champ est obligatoire."),
        ({"present": "peut-être"}, "Sélectionnez un choix valide."),
        ({"source": "999999", "present": "1"}, "Ce texte n’est pas dans cette campagne."),
        ({"code": "999999", "present": "1"}, "Ce code n’est pas dans le livre de codes"),
    ],
)
def test_a_bad_decision_is_refused_and_named(analyst_axel_client, closed, data, message):
    item = rounds.disagreements(closed)[0]
    posted = {"source": item.source.pk, "code": item.code.pk} | data
    if "source" not in data and "code" not in data and data == {"present": "1"}:
        posted.pop("code")
    answer = analyst_axel_client.post(round_url(closed, "arbitrage/"), posted)
    assert answer.status_code == 400 and message in answer.content.decode()
    assert not Adjudication.objects.exists()


def test_a_text_outside_the_round_is_refused(analyst_axel_client, closed, campaign):
    outside = make_source(campaign, "Hors cycle.")
    item = rounds.disagreements(closed)[0]
    answer = analyst_axel_client.post(
        round_url(closed, "arbitrage/"),
        {"source": outside.pk, "code": item.code.pk, "present": "0"},
    )
    assert answer.status_code == 400
    assert "ce texte ne fait pas partie du cycle 1" in answer.content.decode()


def test_adjudication_rejects_the_wrong_method(analyst_axel_client, closed):
    assert analyst_axel_client.put(round_url(closed, "arbitrage/")).status_code == 405


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_adjudication_is_refused_to_others(request, persona, closed):
    client = client_of(request, persona)
    assert client.get(round_url(closed, "arbitrage/")).status_code == 403
    item = rounds.disagreements(closed)[0]
    posted = {"source": item.source.pk, "code": item.code.pk, "present": "1"}
    assert client.post(round_url(closed, "arbitrage/"), posted).status_code == 403
    assert not Adjudication.objects.exists()


def test_adjudication_sends_anonymous_visitors_to_sign_in(client, closed):
    assert sent_to_sign_in(client.get(round_url(closed, "arbitrage/")))
