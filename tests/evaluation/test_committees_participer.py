"""The members' own committee pages (/participer/comites/): what they read, what they say,
what they withdraw, in easy-to-read French."""

from __future__ import annotations

import pytest

from tests.evaluation.test_committees import (
    PERSON,
    PRO,
    make_committee,
    opened_session,
    planned_session,
    seat_of,
)
from vivier.evaluation import committees
from vivier.evaluation.models import Contribution

pytestmark = pytest.mark.django_db

PAGES = "/participer/comites"


@pytest.fixture
def pia_session(person_pia):
    """An open session where Pia sits as a person concerned."""
    committee = make_committee(users=[person_pia])
    return opened_session(committee)


def page(client, url: str) -> str:
    answer = client.get(url)
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_session_page_says_the_agenda_the_group_and_offers_to_speak(
    pia_session, person_pia_client
):
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "Le bilan de l’année." in html
    assert "La séance a lieu maintenant." in html
    assert "À cette séance, vous êtes dans le groupe : personne concernée." in html
    assert f'action="{PAGES}/seances/{pia_session.pk}/dire/"' in html
    assert "Ce que je veux dire" in html


def test_an_empty_message_is_refused_beside_the_field(pia_session, person_pia_client):
    answer = person_pia_client.post(f"{PAGES}/seances/{pia_session.pk}/dire/", {"text": "  "})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert '<a href="#c-text">Ce que je veux dire : Écrivez ce que vous voulez dire.</a>' in html
    assert not Contribution.objects.exists()


def test_a_long_message_keeps_what_was_typed(pia_session, person_pia_client):
    text = "Mot " * 1300
    answer = person_pia_client.post(f"{PAGES}/seances/{pia_session.pk}/dire/", {"text": text})
    assert answer.status_code == 400
    assert text.strip() in answer.content.decode()


def test_what_i_said_is_mine_and_i_may_withdraw_it(pia_session, person_pia_client):
    mine = committees.contribute(seat_of(pia_session, PERSON), "Je me sens écoutée.")
    other = committees.contribute(seat_of(pia_session, PRO), "Le point de vue de Léa.")
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "Je me sens écoutée." in html and "Le point de vue de Léa." not in html
    assert f"{PAGES}/contributions/{mine.pk}/retirer/" in html
    confirm = page(person_pia_client, f"{PAGES}/contributions/{mine.pk}/retirer/")
    assert "Si vous le retirez, personne ne le verra plus." in confirm
    assert person_pia_client.post(f"{PAGES}/contributions/{other.pk}/retirer/").status_code == 404
    person_pia_client.post(f"{PAGES}/contributions/{mine.pk}/retirer/")
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "Je me sens écoutée." not in html
    assert "Vous n’avez rien dit pour l’instant." in html
    assert Contribution.objects.get(pk=other.pk).withdrawn_at is None


def test_a_message_typed_with_help_says_so(pia_session, person_pia_client, group_gael):
    committees.contribute(seat_of(pia_session, PERSON), "Dit à l’oral.", assisted_by=group_gael)
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "Saisi avec l’aide de group_gael." in html


def test_my_group_opinion_and_the_joint_one_not_the_other_group(pia_session, person_pia_client):
    committees.record_opinion(pia_session, PRO, "Avis des pros.", False, None)
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "Votre groupe n’a pas encore donné son avis." in html
    committees.record_opinion(pia_session, PERSON, "Notre avis à nous.", False, None)
    committees.record_opinion(pia_session, committees.JOINT, "Notre avis commun.", False, None)
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "Notre avis à nous." in html and "Notre avis commun." in html
    assert "Avis des pros." not in html


def test_no_message_before_the_session_opens_nor_after_it_closes(person_pia, person_pia_client):
    committee = make_committee(users=[person_pia])
    session = planned_session(committee)
    html = page(person_pia_client, f"{PAGES}/seances/{session.pk}/")
    assert "La séance n’a pas encore commencé." in html and "/dire/" not in html
    answer = person_pia_client.post(f"{PAGES}/seances/{session.pk}/dire/", {"text": "Tôt."})
    assert answer.status_code == 302 and not Contribution.objects.exists()
    committees.open_session(session)
    committees.close_session(session)
    html = page(person_pia_client, f"{PAGES}/seances/{session.pk}/")
    assert "La séance est finie." in html and "/dire/" not in html


def test_a_member_absent_from_the_session_reads_but_does_not_speak(person_pia, person_pia_client):
    committee = make_committee(users=[person_pia])
    session = planned_session(committee)
    pia = committee.members.get(user=person_pia)
    committees.set_seats(
        session, {m.pk: m.usual_group for m in committee.members.exclude(pk=pia.pk)}
    )
    committee.rule = "par_organisation"
    committee.save()
    html = page(person_pia_client, f"{PAGES}/seances/{session.pk}/")
    assert "Vous n’êtes pas inscrit à cette séance." in html
    assert "/dire/" not in html


def test_the_committee_page_explains_it_simply(pia_session, person_pia_client):
    html = page(person_pia_client, f"{PAGES}/{pia_session.committee_id}/")
    assert "Il y a autant de professionnels que de personnes concernées." in html
    assert "D’habitude, vous êtes dans le groupe : personne concernée." in html
    assert f"{PAGES}/seances/{pia_session.pk}/" in html
    assert "elle a lieu maintenant" in html


def test_the_pages_speak_english(pia_session, person_pia_client):
    person_pia_client.cookies["django_language"] = "en"
    html = page(person_pia_client, f"{PAGES}/seances/{pia_session.pk}/")
    assert "What I want to say" in html
    assert "At this session, you are in the group: person concerned." in html
