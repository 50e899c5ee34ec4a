"""Each action of the coding screen (/codage/<slug>/coder/…): it works for the people who
code, refuses the wrong method, sends anonymous visitors to sign in, and refuses the others
(403 without a coding role; 404 where the campaign or the text is not theirs).

Actions answer with a redirect to the same text (PRG), or with the changed parts when htmx
asks; a refused span or code is a 400 naming the field.
"""

from __future__ import annotations

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.coding.test_codings import TEXT, make_codebook, make_round, make_source
from vivier.coding import codings
from vivier.coding.models import Coding, Memo, PiiFlag

pytestmark = pytest.mark.django_db

#: Who codes: the analysts and the enquêteurs (these on their own texts only).
NOT_CODERS = others("analyste", "enqueteur")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def codes(campaign):
    return make_codebook(campaign)


@pytest.fixture
def source(campaign):
    return make_source(campaign)


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/coder/"


def at(source) -> str:
    return f"{base(source.campaign)}{source.pk}/"


def live(source) -> list[str]:
    return sorted(
        c.code.name for c in Coding.objects.filter(source=source, removed_at__isnull=True)
    )


def actions(source, codes, coder) -> dict[str, tuple[str, dict[str, str]]]:
    """Every POST route of the screen on ``source``, with a valid body."""
    found = codings.apply(source, codes["partenariat"], user=coder)
    return {
        "apply": (at(source) + "appliquer/", {"code": str(codes["aller_vers"].pk)}),
        "remove": (at(source) + f"retirer/{found.pk}/", {}),
        "undo": (at(source) + "annuler/", {}),
        "memo": (at(source) + "memo/", {"text": "À relire."}),
    }


# -- The entry and the page of one text --------------------------------------------------------


def test_the_entry_opens_the_first_text_not_coded_yet(
    analyst_axel_client, campaign, codes, analyst_axel
):
    first = make_source(campaign, "Premier.")
    second = make_source(campaign, "Deuxième.", question="q24")
    codings.apply(first, codes["aller_vers"], user=analyst_axel)
    answer = analyst_axel_client.get(base(campaign))
    assert answer.status_code == 302 and answer["Location"] == at(second)
    filtered = analyst_axel_client.get(base(campaign) + "?question=q15&uncoded=1")
    assert filtered.status_code == 200
    assert 'id="screen-empty"' in filtered.content.decode()


def test_the_page_shows_the_text_its_codes_with_shortcuts_and_the_progress(
    analyst_axel_client, source, codes, analyst_axel
):
    codings.apply(source, codes["aller_vers"], user=analyst_axel, start=5, end=29)
    make_source(source.campaign, "Un autre.")
    answer = analyst_axel_client.get(at(source))
    html = answer.content.decode()
    assert answer.status_code == 200
    assert f'aria-labelledby="screen-text-title">{TEXT}</div>' in html
    assert 'data-shortcut="1"' in html and 'data-shortcut="2"' in html
    # The q24 code, the grouping one and the inactive one are not offered on a q15 answer.
    assert "Déclencheur" not in html and "Ancien" not in html
    assert "« allons vers les familles »" in html
    assert "Textes codés : 1 sur 2 dans cette file." in html
    assert 'id="screen-next"' in html and 'id="screen-previous"' not in html
    assert "coding/screen.js" in html


def test_the_page_shows_masked_words_to_those_without_the_personal_data_right(
    analyst_axel_client, campaign, codes
):
    found = make_source(campaign, "Vu Marie Dupont hier.", personal_data=True)
    PiiFlag.objects.create(source=found, kind="person", start=3, end=15)
    html = analyst_axel_client.get(at(found)).content.decode()
    assert "Vu [nom] hier." in html and "Dupont" not in html


@pytest.mark.parametrize("persona", ["analyst_axel", "analyst_bea"])
def test_every_analyst_opens_the_screen(request, persona, source, codes):
    client = client_of(request, persona)
    assert client.get(base(source.campaign)).status_code == 302
    assert client.get(at(source)).status_code == 200


def test_an_enqueteur_opens_their_own_notes_and_assigned_texts_only(
    interviewer_ines_client, interviewer_ines, campaign, codes
):
    note = make_source(
        campaign, "Entretien.", question="", kind="note", created_by=interviewer_ines
    )
    given = make_source(campaign, "Réponse donnée.")
    other = make_source(campaign, "Réponse d’un autre.")
    make_round(campaign, [given], [interviewer_ines])
    assert interviewer_ines_client.get(base(campaign))["Location"] == at(note)
    assert interviewer_ines_client.get(at(note)).status_code == 200
    assert interviewer_ines_client.get(at(given)).status_code == 200
    assert interviewer_ines_client.get(at(other)).status_code == 404
    answer = interviewer_ines_client.post(
        at(other) + "appliquer/", {"code": str(codes["aller_vers"].pk)}
    )
    assert answer.status_code == 404 and live(other) == []


def test_an_enqueteur_without_texts_in_a_campaign_finds_nothing_to_code(
    interviewer_ines_client, source, codes
):
    # An enquêteur opens every campaign's coding (to type notes there), but no text of
    # others: the queue is empty and another's text is a 404.
    queue = interviewer_ines_client.get(base(source.campaign))
    assert queue.status_code == 200
    assert source.text not in queue.content.decode()
    assert interviewer_ines_client.get(at(source)).status_code == 404


def test_the_pages_reject_the_wrong_method(analyst_axel_client, source, codes):
    assert analyst_axel_client.post(base(source.campaign)).status_code == 405
    assert analyst_axel_client.post(at(source)).status_code == 405


@pytest.mark.parametrize("persona", NOT_CODERS)
def test_the_pages_are_refused_without_a_coding_role(request, persona, source, codes):
    client = client_of(request, persona)
    assert client.get(base(source.campaign)).status_code == 403
    assert client.get(at(source)).status_code == 403


def test_the_pages_send_anonymous_visitors_to_sign_in(client, source, codes):
    assert sent_to_sign_in(client.get(base(source.campaign)))
    assert sent_to_sign_in(client.get(at(source)))


def test_a_text_of_another_campaign_or_missing_is_a_404(analyst_axel_client, source, hcts_campaign):
    elsewhere = make_source(hcts_campaign, "Ailleurs.")
    assert analyst_axel_client.get(f"{base(source.campaign)}{elsewhere.pk}/").status_code == 404
    assert analyst_axel_client.get(f"{base(source.campaign)}999999/").status_code == 404
    assert analyst_axel_client.get("/codage/inconnue/coder/").status_code == 404


# -- Applying a code ---------------------------------------------------------------------------


def test_applying_a_code_to_the_whole_text_comes_back_to_the_same_text(
    analyst_axel_client, source, codes
):
    answer = analyst_axel_client.post(
        at(source) + "appliquer/",
        {"code": str(codes["aller_vers"].pk), "queue": "question=q15&uncoded=1"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == at(source) + "?question=q15&uncoded=1"
    assert live(source) == ["Aller vers"]
    page = analyst_axel_client.get(answer["Location"]).content.decode()
    assert "« Aller vers » appliqué à tout le texte." in page


def test_applying_a_code_to_a_span(analyst_axel_client, source, codes):
    answer = analyst_axel_client.post(
        at(source) + "appliquer/",
        {"code": str(codes["partenariat"].pk), "start": "5", "end": "29"},
    )
    assert answer.status_code == 302
    found = Coding.objects.get(source=source)
    assert (found.start, found.end, found.exact) == (5, 29, "allons vers les familles")


def test_a_span_selected_in_a_masked_text_is_stored_on_the_real_text(
    analyst_axel_client, campaign, codes
):
    text = "Vu Marie Dupont hier au centre."
    found = make_source(campaign, text, personal_data=True)
    PiiFlag.objects.create(source=found, kind="person", start=3, end=15)
    shown = "Vu [nom] hier au centre."
    start = shown.index("hier")
    analyst_axel_client.post(
        at(found) + "appliquer/",
        {"code": str(codes["aller_vers"].pk), "start": str(start), "end": str(start + 4)},
    )
    assert Coding.objects.get(source=found).exact == "hier"


def test_applying_with_htmx_answers_with_the_changed_parts(analyst_axel_client, source, codes):
    answer = analyst_axel_client.post(
        at(source) + "appliquer/", {"code": str(codes["aller_vers"].pk)}, **HTMX
    )
    html = answer.content.decode()
    assert answer.status_code == 200
    assert html.startswith('<div id="screen-panel"')
    assert 'id="screen-nav"' in html and 'hx-swap-oob="true"' in html
    assert "« Aller vers » appliqué à tout le texte." in html
    assert "<html" not in html


def test_a_span_outside_the_text_is_a_400_named_beside_its_field(
    analyst_axel_client, source, codes
):
    answer = analyst_axel_client.post(
        at(source) + "appliquer/", {"code": str(codes["aller_vers"].pk), "start": "3", "end": "900"}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    message = f"le passage 3–900 sort du texte, qui compte {len(TEXT)} caractères"
    assert f'<a href="#f-end">Fin du passage : {message}</a>' in html
    assert not Coding.objects.exists()
    half = analyst_axel_client.post(
        at(source) + "appliquer/", {"code": str(codes["aller_vers"].pk), "start": "3"}, **HTMX
    )
    assert half.status_code == 400 and "donnez les deux" in half.content.decode()


def test_a_refused_code_is_a_400(analyst_axel_client, source, codes, hcts_campaign):
    post = analyst_axel_client.post
    inactive = post(at(source) + "appliquer/", {"code": str(codes["ancien"].pk)})
    assert inactive.status_code == 400 and "n’est plus en usage" in inactive.content.decode()
    elsewhere = make_codebook(hcts_campaign)["aller_vers"]
    assert post(at(source) + "appliquer/", {"code": str(elsewhere.pk)}).status_code == 400
    assert post(at(source) + "appliquer/", {"code": "abc"}).status_code == 400
    assert post(at(source) + "appliquer/", {}).status_code == 400
    assert not Coding.objects.exists()


# -- Removing, undoing, memos ------------------------------------------------------------------


def test_removing_then_undoing(analyst_axel_client, analyst_axel, source, codes):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    answer = analyst_axel_client.post(at(source) + f"retirer/{found.pk}/")
    assert answer.status_code == 302 and answer["Location"] == at(source)
    assert live(source) == []
    undone = analyst_axel_client.post(at(source) + "annuler/", **HTMX)
    assert undone.status_code == 200
    assert "Annulé : « Aller vers » remis sur" in undone.content.decode()
    assert live(source) == ["Aller vers"]


def test_no_one_removes_another_persons_coding(analyst_bea_client, analyst_axel, source, codes):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    assert analyst_bea_client.post(at(source) + f"retirer/{found.pk}/").status_code == 404
    assert live(source) == ["Aller vers"]


def test_a_memo_on_a_coding(analyst_axel_client, analyst_axel, source, codes):
    found = codings.apply(source, codes["aller_vers"], user=analyst_axel)
    answer = analyst_axel_client.post(
        at(source) + "memo/", {"text": "Limite avec le partenariat.", "coding": str(found.pk)}
    )
    assert answer.status_code == 302
    memo = Memo.objects.get()
    assert (memo.coding, memo.source, memo.author) == (found, source, analyst_axel)
    assert "Limite avec le partenariat." in analyst_axel_client.get(at(source)).content.decode()


def test_an_empty_memo_is_a_400(analyst_axel_client, source, codes):
    answer = analyst_axel_client.post(at(source) + "memo/", {"text": "  "})
    assert answer.status_code == 400
    assert '<a href="#f-text">Mémo : Écrivez le mémo.</a>' in answer.content.decode()
    assert not Memo.objects.exists()


def test_a_blind_round_hides_the_other_coders_codings_on_the_page(
    analyst_bea_client, analyst_axel, analyst_bea, source, codes
):
    make_round(source.campaign, [source], [analyst_axel, analyst_bea])
    codings.apply(source, codes["partenariat"], user=analyst_axel)
    html = analyst_bea_client.get(at(source)).content.decode()
    assert 'id="screen-blind"' in html and "Partenariat</strong>" not in html


# -- Every action: method, anonymous, wrong role ----------------------------------------------


@pytest.mark.parametrize("action", ["apply", "remove", "undo", "memo"])
def test_each_action_works_for_a_coder(request, action, source, codes, analyst_axel):
    url, data = actions(source, codes, analyst_axel)[action]
    answer = client_of(request, "analyst_axel").post(url, data)
    assert answer.status_code == 302 and answer["Location"] == at(source)


@pytest.mark.parametrize("action", ["apply", "remove", "undo", "memo"])
def test_each_action_rejects_the_wrong_method(
    analyst_axel_client, action, source, codes, analyst_axel
):
    url, _data = actions(source, codes, analyst_axel)[action]
    assert analyst_axel_client.get(url).status_code == 405


@pytest.mark.parametrize("action", ["apply", "remove", "undo", "memo"])
def test_each_action_sends_anonymous_visitors_to_sign_in(
    client, action, source, codes, analyst_axel
):
    url, data = actions(source, codes, analyst_axel)[action]
    assert sent_to_sign_in(client.post(url, data))
    assert live(source) == ["Partenariat"]


@pytest.mark.parametrize("persona", NOT_CODERS)
@pytest.mark.parametrize("action", ["apply", "remove", "undo", "memo"])
def test_each_action_is_refused_without_a_coding_role(
    request, persona, action, source, codes, analyst_axel
):
    url, data = actions(source, codes, analyst_axel)[action]
    assert client_of(request, persona).post(url, data).status_code == 403
    assert live(source) == ["Partenariat"] and not Memo.objects.exists()


@pytest.mark.parametrize("action", ["apply", "remove", "undo", "memo"])
def test_each_action_is_a_404_to_an_enqueteur_on_a_text_not_theirs(
    interviewer_ines_client, interviewer_ines, action, source, codes, analyst_axel
):
    # Her own note opens the campaign to her; this answer is not hers.
    make_source(
        source.campaign, "Entretien.", question="", kind="note", created_by=interviewer_ines
    )
    url, data = actions(source, codes, analyst_axel)[action]
    assert interviewer_ines_client.post(url, data).status_code == 404
    assert live(source) == ["Partenariat"] and not Memo.objects.exists()
