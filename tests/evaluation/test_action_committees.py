"""Every action on the cross-evaluation committees (/evaluation/comites/ and
/participer/comites/): it works for the right role or person, it rejects the wrong method,
it sends anonymous visitors to sign in, and refuses everyone else (403 for a role, 404 for
a committee one does not sit on)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.evaluation.test_committees import (
    PERSON,
    PRO,
    make_committee,
    opened_session,
    planned_session,
    practice_with_plan,
    seat_of,
)
from vivier.evaluation import committees
from vivier.evaluation.models import (
    Committee,
    CommitteeMember,
    CommitteeSession,
    Contribution,
    Decision,
    Opinion,
)

pytestmark = pytest.mark.django_db

STAFF = "/evaluation/comites"
MEMBER_PAGES = "/participer/comites"


@dataclass
class World:
    committee: Committee
    planned: CommitteeSession
    opened: CommitteeSession
    contribution: Contribution
    decision: Decision


@pytest.fixture
def world(db) -> World:
    committee = make_committee()
    planned = planned_session(committee)
    opened = opened_session(committee)
    contribution = committees.contribute(seat_of(opened, PERSON), "Les horaires conviennent.")
    committees.record_opinion(opened, PRO, "Favorable.", False, None)
    decision = Decision.objects.create(session=opened, text="Ouvrir le samedi.")
    return World(committee, planned, opened, contribution, decision)


def snapshot() -> tuple:
    """Everything an action may change, to check a refused one changed nothing."""
    return (
        list(Committee.objects.values_list("name", "k", "departement")),
        list(CommitteeMember.objects.values_list("name", "active")),
        list(CommitteeSession.objects.values_list("state", "minutes", "agenda")),
        list(Contribution.objects.values_list("text", "withdrawn_at")),
        list(Opinion.objects.values_list("group", "text", "publish")),
        list(Decision.objects.values_list("text", "done_at")),
        list(CommitteeSession.objects.values_list("seats__member_id", "seats__group")),
    )


def seats_data(session: CommitteeSession) -> dict[str, str]:
    return {f"member_{m.pk}": m.usual_group for m in session.committee.members.all()}


#: name → (methods allowed, url, data posted); the working group's actions.
CHANGE_ACTIONS = {
    "edit": (
        "GET POST",
        lambda w: f"{STAFF}/{w.committee.pk}/modifier/",
        lambda w: {"name": "Comité renommé", "departement": "32", "rule": "k_plus_k", "k": "2"},
    ),
    "member_new": (
        "GET POST",
        lambda w: f"{STAFF}/{w.committee.pk}/membres/nouveau/",
        lambda w: {"name": "Nour", "organisation": "A", "usual_group": PERSON},
    ),
    "member_remove": (
        "POST",
        lambda w: f"{STAFF}/membres/{w.committee.members.first().pk}/retirer/",
        lambda w: {},
    ),
    "session_new": (
        "GET POST",
        lambda w: f"{STAFF}/{w.committee.pk}/seances/nouvelle/",
        lambda w: {"date": "2026-05-02", "practice": practice_with_plan().pk, "agenda": "Bilan"},
    ),
    "seats": (
        "GET POST",
        lambda w: f"{STAFF}/seances/{w.planned.pk}/presents/",
        lambda w: {
            **seats_data(w.planned),
            **{f"member_{w.committee.members.first().pk}": "absent"},
        },
    ),
    "open": ("POST", lambda w: f"{STAFF}/seances/{w.planned.pk}/ouvrir/", lambda w: {}),
    "close": ("POST", lambda w: f"{STAFF}/seances/{w.opened.pk}/clore/", lambda w: {}),
    "contribute": (
        "GET POST",
        lambda w: f"{STAFF}/seances/{w.opened.pk}/contributions/nouvelle/",
        lambda w: {"seat": seat_of(w.opened, PRO).pk, "text": "Un point de vue."},
    ),
    "withdraw": (
        "POST",
        lambda w: f"{STAFF}/contributions/{w.contribution.pk}/retirer/",
        lambda w: {},
    ),
    "opinion": (
        "GET POST",
        lambda w: f"{STAFF}/seances/{w.opened.pk}/avis/{PERSON}/",
        lambda w: {"text": "Réservé.", "publish": "on"},
    ),
    "opinion_publish": (
        "POST",
        lambda w: f"{STAFF}/seances/{w.opened.pk}/avis/{PRO}/publication/",
        lambda w: {"publish": "True"},
    ),
    "minutes": (
        "GET POST",
        lambda w: f"{STAFF}/seances/{w.opened.pk}/compte-rendu/modifier/",
        lambda w: {"minutes": "Tout le monde a parlé."},
    ),
    "decision_new": (
        "GET POST",
        lambda w: f"{STAFF}/seances/{w.opened.pk}/decisions/nouvelle/",
        lambda w: {"text": "Écrire aux familles.", "follow_up": "", "due": ""},
    ),
    "decision_done": (
        "POST",
        lambda w: f"{STAFF}/decisions/{w.decision.pk}/suivi/",
        lambda w: {"done": "True"},
    ),
}

#: What each action changes, seen from the database.
EFFECTS = {
    "edit": lambda w: Committee.objects.get().name == "Comité renommé",
    "member_new": lambda w: CommitteeMember.objects.filter(name="Nour", active=True).exists(),
    "member_remove": lambda w: CommitteeMember.objects.filter(active=False).count() == 1,
    "session_new": lambda w: CommitteeSession.objects.filter(agenda="Bilan").exists(),
    "seats": lambda w: w.planned.seats.count() == 3,
    "open": lambda w: CommitteeSession.objects.get(pk=w.planned.pk).state == "open",
    "close": lambda w: CommitteeSession.objects.get(pk=w.opened.pk).state == "closed",
    "contribute": lambda w: Contribution.objects.filter(
        text="Un point de vue.", assisted_by__username="group_gael"
    ).exists(),
    "withdraw": lambda w: Contribution.objects.get(pk=w.contribution.pk).withdrawn_at is not None,
    "opinion": lambda w: Opinion.objects.filter(
        group=PERSON, text="Réservé.", publish=True
    ).exists(),
    "opinion_publish": lambda w: Opinion.objects.get(group=PRO).publish,
    "minutes": lambda w: (
        CommitteeSession.objects.get(pk=w.opened.pk).minutes == "Tout le monde a parlé."
    ),
    "decision_new": lambda w: Decision.objects.filter(text="Écrire aux familles.").exists(),
    "decision_done": lambda w: Decision.objects.get(pk=w.decision.pk).done_at is not None,
}

#: Pages any member of the committee reads, and the working group.
READ_PAGES = {
    "detail": lambda w: f"{STAFF}/{w.committee.pk}/",
    "session": lambda w: f"{STAFF}/seances/{w.opened.pk}/",
    "minutes_read": lambda w: f"{STAFF}/seances/{w.opened.pk}/compte-rendu/",
}


def wrong_method(methods: str) -> str:
    return "DELETE" if "GET" in methods.split() else "GET"


def send(client, method: str, url: str, data: dict):
    return client.get(url) if method == "GET" else client.post(url, data)


# -- The working group's actions ------------------------------------------------------------


@pytest.mark.parametrize("name", CHANGE_ACTIONS)
def test_the_working_group_acts(name, world, group_gael_client):
    methods, url, data = CHANGE_ACTIONS[name]
    if "GET" in methods.split():
        assert group_gael_client.get(url(world)).status_code == 200
    assert not EFFECTS[name](world)
    answer = group_gael_client.post(url(world), data(world))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert EFFECTS[name](world)


@pytest.mark.parametrize("name", CHANGE_ACTIONS)
def test_it_rejects_the_wrong_method(name, world, group_gael_client):
    methods, url, _data = CHANGE_ACTIONS[name]
    method = wrong_method(methods)
    answer = group_gael_client.generic(method, url(world))
    assert answer.status_code == 405


@pytest.mark.parametrize("persona", others("groupe_de_travail"))
def test_it_requires_the_role(request, persona, world):
    """Each action, in turn, for each persona (one world per persona: nothing is changed)."""
    client = client_of(request, persona)
    for name, (_methods, url, data) in CHANGE_ACTIONS.items():
        before = snapshot()
        assert client.post(url(world), data(world)).status_code == 403, name
        assert snapshot() == before, name


def test_a_member_does_not_manage_the_committee(world, committee_cleo, committee_cleo_client):
    """Sitting on the committee opens its pages, not its management."""
    CommitteeMember.objects.filter(pk=world.committee.members.first().pk).update(
        user=committee_cleo
    )
    for name, (_methods, url, data) in CHANGE_ACTIONS.items():
        before = snapshot()
        assert committee_cleo_client.post(url(world), data(world)).status_code == 403, name
        assert snapshot() == before


@pytest.mark.parametrize("name", CHANGE_ACTIONS)
def test_it_sends_anonymous_visitors_to_sign_in(name, world, client):
    _methods, url, data = CHANGE_ACTIONS[name]
    before = snapshot()
    assert sent_to_sign_in(client.post(url(world), data(world)))
    assert snapshot() == before


# -- Creating a committee -------------------------------------------------------------------

NEW = f"{STAFF}/nouveau/"
NEW_DATA = {"name": "Comité du Gers", "departement": "32", "rule": "k_plus_k", "k": "5"}


def test_the_working_group_creates_a_committee(group_gael_client):
    assert group_gael_client.get(NEW).status_code == 200
    answer = group_gael_client.post(NEW, NEW_DATA)
    committee = Committee.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"{STAFF}/{committee.pk}/"
    assert (committee.k, committee.rule, committee.departement) == (5, "k_plus_k", "32")


def test_creating_rejects_the_wrong_method(group_gael_client):
    assert group_gael_client.delete(NEW).status_code == 405


@pytest.mark.parametrize("persona", [*others("groupe_de_travail"), "committee_cleo"])
def test_creating_requires_the_role(request, persona):
    assert client_of(request, persona).post(NEW, NEW_DATA).status_code == 403
    assert not Committee.objects.exists()


def test_creating_sends_anonymous_visitors_to_sign_in(client):
    assert sent_to_sign_in(client.post(NEW, NEW_DATA))
    assert not Committee.objects.exists()


# -- Reading: the list, a committee, a session, the minutes ---------------------------------


def test_the_list_shows_each_person_their_committees(world, group_gael_client, carol):
    assert f"{STAFF}/{world.committee.pk}/" in group_gael_client.get(f"{STAFF}/").content.decode()
    from tests.conftest import signed_in

    answer = signed_in(carol).get(f"{STAFF}/")
    assert answer.status_code == 200
    assert f"{STAFF}/{world.committee.pk}/" not in answer.content.decode()


def test_the_list_rejects_the_wrong_method_and_anonymous_visitors(group_gael_client, client):
    assert group_gael_client.post(f"{STAFF}/").status_code == 405
    assert sent_to_sign_in(client.get(f"{STAFF}/"))


@pytest.mark.parametrize("page", READ_PAGES)
def test_the_working_group_and_members_read(page, world, group_gael_client, committee_cleo):
    url = READ_PAGES[page](world)
    assert group_gael_client.get(url).status_code == 200
    CommitteeMember.objects.filter(pk=world.committee.members.first().pk).update(
        user=committee_cleo
    )
    from tests.conftest import signed_in

    html = signed_in(committee_cleo).get(url).content.decode()
    assert "Comité du Gers" in html


@pytest.mark.parametrize("page", READ_PAGES)
def test_reading_rejects_the_wrong_method(page, world, group_gael_client):
    assert group_gael_client.post(READ_PAGES[page](world)).status_code == 405


@pytest.mark.parametrize("persona", [*others("groupe_de_travail"), "committee_cleo"])
def test_reading_is_for_members_only(request, persona, world):
    client = client_of(request, persona)
    for page, url in READ_PAGES.items():
        assert client.get(url(world)).status_code == 404, page


@pytest.mark.parametrize("page", READ_PAGES)
def test_reading_sends_anonymous_visitors_to_sign_in(page, world, client):
    assert sent_to_sign_in(client.get(READ_PAGES[page](world)))


# -- The members' own pages (/participer/comites/) ------------------------------------------


@pytest.fixture
def pia_sits(world, person_pia) -> CommitteeMember:
    """Pia is a person concerned, seated as one at both sessions."""
    member = seat_of(world.opened, PERSON).member
    member.user = person_pia
    member.save()
    return member


MEMBER_READS = {
    "list": lambda w: f"{MEMBER_PAGES}/",
    "committee": lambda w: f"{MEMBER_PAGES}/{w.committee.pk}/",
    "session": lambda w: f"{MEMBER_PAGES}/seances/{w.opened.pk}/",
    "withdraw": lambda w: f"{MEMBER_PAGES}/contributions/{w.contribution.pk}/retirer/",
}


@pytest.mark.parametrize("page", MEMBER_READS)
def test_a_member_reads_their_pages(page, world, pia_sits, person_pia_client):
    answer = person_pia_client.get(MEMBER_READS[page](world))
    assert answer.status_code == 200
    assert "Comité du Gers" in answer.content.decode() or page == "withdraw"


@pytest.mark.parametrize("page", MEMBER_READS)
def test_member_pages_reject_the_wrong_method(page, world, pia_sits, person_pia_client):
    method = "DELETE" if page == "withdraw" else "POST"
    assert person_pia_client.generic(method, MEMBER_READS[page](world)).status_code == 405


@pytest.mark.parametrize("page", MEMBER_READS)
def test_member_pages_send_anonymous_visitors_to_sign_in(page, world, client):
    assert sent_to_sign_in(client.get(MEMBER_READS[page](world)))


@pytest.mark.parametrize("persona", ["group_gael", "committee_cleo", "carol"])
@pytest.mark.parametrize("page", ["committee", "session", "withdraw"])
def test_member_pages_are_for_members_only(request, page, persona, world, pia_sits):
    assert client_of(request, persona).get(MEMBER_READS[page](world)).status_code == 404


def test_a_member_says_what_they_want(world, pia_sits, person_pia_client):
    url = f"{MEMBER_PAGES}/seances/{world.opened.pk}/dire/"
    answer = person_pia_client.post(url, {"text": "On m’écoute ici."})
    assert answer.status_code == 302
    said = Contribution.objects.get(text="On m’écoute ici.")
    assert said.seat.member == pia_sits and said.assisted_by is None


def test_saying_rejects_the_wrong_method(world, pia_sits, person_pia_client):
    url = f"{MEMBER_PAGES}/seances/{world.opened.pk}/dire/"
    assert person_pia_client.get(url).status_code == 405


def test_saying_sends_anonymous_visitors_to_sign_in(world, client):
    url = f"{MEMBER_PAGES}/seances/{world.opened.pk}/dire/"
    assert sent_to_sign_in(client.post(url, {"text": "Bonjour."}))
    assert not Contribution.objects.filter(text="Bonjour.").exists()


@pytest.mark.parametrize("persona", ["group_gael", "committee_cleo", "carol"])
def test_saying_is_for_members_only(request, persona, world, pia_sits):
    url = f"{MEMBER_PAGES}/seances/{world.opened.pk}/dire/"
    assert client_of(request, persona).post(url, {"text": "Bonjour."}).status_code == 404
    assert not Contribution.objects.filter(text="Bonjour.").exists()


def test_a_member_withdraws_what_they_said(world, pia_sits, person_pia_client):
    url = MEMBER_READS["withdraw"](world)
    answer = person_pia_client.post(url)
    assert answer.status_code == 302
    assert Contribution.objects.get(pk=world.contribution.pk).withdrawn_at is not None
    assert person_pia_client.post(url).status_code == 404


@pytest.mark.parametrize("persona", ["group_gael", "committee_cleo", "carol"])
def test_withdrawing_is_for_the_member_who_said_it(request, persona, world, pia_sits):
    assert client_of(request, persona).post(MEMBER_READS["withdraw"](world)).status_code == 404
    assert Contribution.objects.get(pk=world.contribution.pk).withdrawn_at is None


def test_withdrawing_sends_anonymous_visitors_to_sign_in(world, client):
    assert sent_to_sign_in(client.post(MEMBER_READS["withdraw"](world)))
    assert Contribution.objects.get(pk=world.contribution.pk).withdrawn_at is None
