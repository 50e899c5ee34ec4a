"""Cross-evaluation committees: the parity rule's messages, sessions, contributions and their
withdrawal, opinions per group then joint, the minutes, decisions, and who sees what.

The builders at the top are shared with ``test_action_committees`` and
``test_committees_participer``.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from vivier.evaluation import committees, plans
from vivier.evaluation.models import (
    Committee,
    CommitteeMember,
    CommitteeSession,
    Contribution,
    Decision,
    Opinion,
    Seat,
)
from vivier.plans import parity
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db

PRO = committees.PROFESSIONAL
PERSON = committees.PERSON_CONCERNED


def practice_with_plan(title: str = "Cafés des parents"):
    practice = registry.save_sheet(Sheet(title=title))
    plans.start(practice)
    return practice


def make_committee(practice=None, *, k: int = 2, rule: str = "k_plus_k", users=()) -> Committee:
    """A committee of ``k`` professionals and ``k`` persons concerned, one of each per
    organisation; ``users`` are given, in order, to the persons concerned then the others."""
    committee = Committee.objects.create(
        name="Comité du Gers", practice=practice, departement="32", rule=rule, k=k
    )
    accounts = list(users)
    for index in range(k):
        for group, first in ((PERSON, "Sam"), (PRO, "Léa")):
            CommitteeMember.objects.create(
                committee=committee,
                name=f"{first} {index + 1}",
                organisation=f"Association {index + 1}",
                usual_group=group,
                user=accounts.pop(0) if accounts else None,
            )
    return committee


def planned_session(committee: Committee, practice=None, *, seated: bool = True):
    session = CommitteeSession.objects.create(
        committee=committee,
        practice=practice or committee.practice,
        date=datetime.date(2026, 3, 14),
        agenda="Le bilan de l’année.",
    )
    if seated:
        committees.set_seats(session, {m.pk: m.usual_group for m in committee.members.all()})
    return session


def opened_session(committee: Committee, practice=None) -> CommitteeSession:
    session = planned_session(committee, practice)
    assert committees.open_session(session) == []
    session.refresh_from_db()
    return session


def seat_of(session: CommitteeSession, group: str) -> Seat:
    return session.seats.filter(group=group).order_by("member__name").first()


# -- The parity rule ------------------------------------------------------------------------


def seats(professionals: int, persons: int, organisation: str = "") -> list[parity.Seat]:
    return [
        parity.Seat(f"p{i}", parity.SeatGroup.PROFESSIONAL, organisation)
        for i in range(professionals)
    ] + [
        parity.Seat(f"c{i}", parity.SeatGroup.PERSON_CONCERNED, organisation)
        for i in range(persons)
    ]


def test_a_stored_rule_is_read_as_the_rule_it_names():
    """The committee's rule comes from the database as a string: it must not be taken for
    the per-organisation rule (it was, before ``check`` read it as a ``Rule``)."""
    assert parity.check("k_plus_k", seats(5, 5), 5) == []
    found = parity.check("k_plus_k", seats(3, 5), 5)
    assert [b.code for b in found] == ["too_few", "unbalanced"]


def test_nobody_seated_never_opens_even_with_k_zero():
    assert [b.code for b in parity.check(parity.Rule.K_PLUS_K, [], 0)] == ["too_few"]


def test_too_few_names_the_counts_in_one_message():
    found = parity.check(parity.Rule.K_PLUS_K, seats(3, 5), 5)
    assert committees.breach_messages(found) == [
        "3 professionnels et 5 personnes concernées : il en faut 5 de chaque groupe."
    ]


def test_one_and_none_are_singular():
    found = parity.check(parity.Rule.K_PLUS_K, seats(1, 0), 5)
    assert committees.breach_messages(found) == [
        "1 professionnel et 0 personne concernée : il en faut 5 de chaque groupe."
    ]


def test_enough_but_unbalanced_asks_for_as_many_of_each():
    found = parity.check(parity.Rule.K_PLUS_K, seats(6, 5), 5)
    assert committees.breach_messages(found) == [
        "6 professionnels et 5 personnes concernées : il en faut autant dans chaque groupe."
    ]


def test_the_unbalanced_organisation_is_named():
    found = parity.check(
        parity.Rule.PER_ORGANISATION,
        seats(1, 1, "Secours populaire") + seats(2, 0, "La Croix-Rouge"),
    )
    assert committees.breach_messages(found) == [
        "« La Croix-Rouge » : 2 professionnels et 0 personne concernée. Il faut un "
        "professionnel et une personne concernée par organisation."
    ]


def test_members_without_an_organisation_are_counted():
    found = parity.check(parity.Rule.PER_ORGANISATION, seats(1, 1, "A") + seats(0, 1))
    assert committees.breach_messages(found) == [
        "0 professionnel et 1 personne concernée sans organisation : chaque membre présent "
        "doit avoir son organisation."
    ]


def test_the_messages_are_translated():
    found = parity.check(parity.Rule.K_PLUS_K, seats(3, 5), 5)
    with translation.override("en"):
        assert committees.breach_messages(found) == [
            "3 professionals and 5 persons concerned: 5 of each group are needed."
        ]


# -- Sessions -------------------------------------------------------------------------------


def test_opening_checks_the_committees_own_rule():
    committee = make_committee(k=2, rule="par_organisation")
    session = planned_session(committee)
    member = committee.members.get(name="Sam 1")
    committees.set_seats(
        session,
        {m.pk: (PRO if m == member else m.usual_group) for m in committee.members.all()},
    )
    assert committees.open_session(session) == [
        "« Association 1 » : 2 professionnels et 0 personne concernée. Il faut un "
        "professionnel et une personne concernée par organisation."
    ]
    session.refresh_from_db()
    assert session.state == "planned" and session.opened_at is None


def test_seats_are_fixed_once_the_session_opens():
    committee = make_committee()
    session = opened_session(committee)
    with pytest.raises(committees.CommitteeError):
        committees.set_seats(session, {})
    assert session.seats.count() == 4


def test_a_member_sits_in_one_group_at_a_time():
    committee = make_committee()
    session = planned_session(committee)
    member = committee.members.get(name="Sam 1")
    committees.set_seats(session, {member.pk: PRO})
    committees.set_seats(session, {member.pk: PERSON})
    assert list(session.seats.values_list("member__name", "group")) == [("Sam 1", PERSON)]


def test_a_closed_session_takes_no_contribution_nor_opinion():
    committee = make_committee()
    session = opened_session(committee)
    committees.close_session(session)
    with pytest.raises(committees.CommitteeError):
        committees.contribute(seat_of(session, PRO), "Encore un mot.")
    with pytest.raises(committees.CommitteeError):
        committees.record_opinion(session, PRO, "Favorable.", False, None)
    with pytest.raises(committees.CommitteeError):
        committees.close_session(session)


def test_the_joint_opinion_comes_after_both_groups():
    committee = make_committee()
    session = opened_session(committee)
    with pytest.raises(committees.CommitteeError):
        committees.record_opinion(session, committees.JOINT, "Ensemble.", False, None)
    committees.record_opinion(session, PRO, "Favorable.", False, None)
    with pytest.raises(committees.CommitteeError):
        committees.record_opinion(session, committees.JOINT, "Ensemble.", False, None)
    committees.record_opinion(session, PERSON, "Plutôt favorable.", False, None)
    committees.record_opinion(session, committees.JOINT, "Ensemble.", True, None)
    assert set(session.opinions.values_list("group", flat=True)) == {PRO, PERSON, "commun"}


def test_published_opinions_need_the_plan_the_flag_and_a_closed_session():
    practice = practice_with_plan()
    committee = make_committee(practice)
    session = opened_session(committee)
    committees.record_opinion(session, PRO, "Favorable.", True, None)
    committees.record_opinion(session, PERSON, "Réservé.", False, None)
    plan = practice.evaluation_plan
    plan.publish_opinions = True
    plan.save()
    assert list(committees.published_opinions(plan)) == []
    committees.close_session(session)
    assert [o.text for o in committees.published_opinions(plan)] == ["Favorable."]
    plan.publish_opinions = False
    plan.save()
    assert list(committees.published_opinions(plan)) == []


# -- Pages ----------------------------------------------------------------------------------


def test_a_withdrawn_contribution_is_shown_nowhere(group_gael_client):
    committee = make_committee()
    session = opened_session(committee)
    kept = committees.contribute(seat_of(session, PERSON), "Les horaires conviennent.")
    gone = committees.contribute(seat_of(session, PRO), "Une phrase regrettée.")
    assert committees.withdraw(gone) and not committees.withdraw(gone)
    for url in (
        f"/evaluation/comites/seances/{session.pk}/",
        f"/evaluation/comites/seances/{session.pk}/compte-rendu/",
    ):
        html = group_gael_client.get(url).content.decode()
        assert kept.text in html
        assert "Une phrase regrettée." not in html
    assert Contribution.objects.get(pk=gone.pk).withdrawn_at is not None


def test_an_assisted_contribution_says_who_helped(group_gael, group_gael_client):
    group_gael.first_name, group_gael.last_name = "Gaël", "Martin"
    group_gael.save()
    committee = make_committee()
    session = opened_session(committee)
    answer = group_gael_client.post(
        f"/evaluation/comites/seances/{session.pk}/contributions/nouvelle/",
        {"seat": seat_of(session, PERSON).pk, "text": "Je me sens écoutée."},
    )
    assert answer.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.assisted_by == group_gael
    for url in (
        f"/evaluation/comites/seances/{session.pk}/",
        f"/evaluation/comites/seances/{session.pk}/compte-rendu/",
    ):
        assert "saisi avec l’aide de Gaël Martin" in group_gael_client.get(url).content.decode()


def test_a_refused_opening_names_the_counts_and_keeps_the_session_planned(group_gael_client):
    committee = make_committee(k=2)
    session = planned_session(committee)
    committee.k = 5
    committee.save()
    answer = group_gael_client.post(f"/evaluation/comites/seances/{session.pk}/ouvrir/")
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'role="alert"' in html
    assert "2 professionnels et 2 personnes concernées : il en faut 5 de chaque groupe." in html
    session.refresh_from_db()
    assert session.state == "planned"
    committee.k = 2
    committee.save()
    assert (
        group_gael_client.post(f"/evaluation/comites/seances/{session.pk}/ouvrir/").status_code
        == 302
    )
    session.refresh_from_db()
    assert session.state == "open" and session.opened_at is not None


def test_the_seats_page_defaults_to_the_usual_group_and_allows_absence(group_gael_client):
    committee = make_committee()
    session = planned_session(committee, seated=False)
    url = f"/evaluation/comites/seances/{session.pk}/presents/"
    html = group_gael_client.get(url).content.decode()
    sam = committee.members.get(name="Sam 1")
    assert f'name="member_{sam.pk}" value="{PERSON}"' in html
    data = {f"member_{m.pk}": m.usual_group for m in committee.members.all()}
    data[f"member_{sam.pk}"] = "absent"
    assert group_gael_client.post(url, data).status_code == 302
    assert not session.seats.filter(member=sam).exists()
    assert session.seats.count() == 3
    answer = group_gael_client.post(f"/evaluation/comites/seances/{session.pk}/ouvrir/")
    assert answer.status_code == 400
    assert (
        "2 professionnels et 1 personne concernée : il en faut 2 de chaque groupe."
        in answer.content.decode()
    )


def test_a_seat_choice_outside_the_two_groups_is_refused(group_gael_client):
    committee = make_committee()
    session = planned_session(committee, seated=False)
    data = {f"member_{m.pk}": m.usual_group for m in committee.members.all()}
    sam = committee.members.get(name="Sam 1")
    data[f"member_{sam.pk}"] = "les_deux"
    answer = group_gael_client.post(f"/evaluation/comites/seances/{session.pk}/presents/", data)
    assert answer.status_code == 400
    assert not session.seats.exists()


def test_a_territory_is_checked_and_what_was_typed_comes_back(group_gael_client):
    data = {"name": "Comité de Narnia", "departement": "Narnia", "rule": "k_plus_k", "k": "5"}
    answer = group_gael_client.post("/evaluation/comites/nouveau/", data)
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "« Narnia » n’est pas un département." in html
    assert 'value="Comité de Narnia"' in html
    assert not Committee.objects.exists()
    data["departement"] = "Gers"
    assert group_gael_client.post("/evaluation/comites/nouveau/", data).status_code == 302
    assert Committee.objects.get().departement == "32"


def test_a_committee_is_for_a_practice_or_a_territory(group_gael_client):
    data = {"name": "Comité sans objet", "rule": "k_plus_k", "k": "5"}
    answer = group_gael_client.post("/evaluation/comites/nouveau/", data)
    assert answer.status_code == 400
    assert "Choisissez la pratique évaluée, ou indiquez le département" in answer.content.decode()
    practice = practice_with_plan()
    data["practice"] = practice.pk
    data["k"] = "0"
    answer = group_gael_client.post("/evaluation/comites/nouveau/", data)
    assert answer.status_code == 400
    data["k"] = "3"
    assert group_gael_client.post("/evaluation/comites/nouveau/", data).status_code == 302
    committee = Committee.objects.get()
    assert (committee.practice, committee.k, committee.departement) == (practice, 3, "")


def test_a_practice_without_a_plan_is_not_offered(group_gael_client):
    registry.save_sheet(Sheet(title="Fiche sans plan"))
    practice_with_plan("Fiche avec plan")
    html = group_gael_client.get("/evaluation/comites/nouveau/").content.decode()
    assert "Fiche avec plan" in html and "Fiche sans plan" not in html


def test_a_member_unknown_account_is_said(group_gael_client):
    committee = make_committee()
    url = f"/evaluation/comites/{committee.pk}/membres/nouveau/"
    data = {"name": "Nour", "organisation": "", "usual_group": PERSON, "username": "personne-x"}
    answer = group_gael_client.post(url, data)
    assert answer.status_code == 400
    assert "Aucun compte ne porte l’identifiant « personne-x »." in answer.content.decode()
    assert 'value="Nour"' in answer.content.decode()


def test_members_see_their_committee_and_no_other(committee_cleo, committee_cleo_client):
    mine = make_committee(users=[committee_cleo])
    other = make_committee()
    other.name = "Comité des Landes"
    other.save()
    html = committee_cleo_client.get("/evaluation/comites/").content.decode()
    assert f"/evaluation/comites/{mine.pk}/" in html
    assert f"/evaluation/comites/{other.pk}/" not in html
    assert committee_cleo_client.get(f"/evaluation/comites/{mine.pk}/").status_code == 200
    assert committee_cleo_client.get(f"/evaluation/comites/{other.pk}/").status_code == 404
    page = committee_cleo_client.get(f"/evaluation/comites/{mine.pk}/").content.decode()
    assert "Ajouter un membre" not in page
    member = CommitteeMember.objects.get(user=committee_cleo)
    member.active = False
    member.save()
    assert committee_cleo_client.get(f"/evaluation/comites/{mine.pk}/").status_code == 404


def test_the_hub_shows_the_committees_of_the_practice(group_gael_client):
    practice = practice_with_plan()
    committee = make_committee(practice)
    session = opened_session(committee)
    committees.record_opinion(session, PRO, "Favorable.", True, None)
    html = group_gael_client.get(f"/evaluation/{practice.slug}/").content.decode()
    assert f'href="/evaluation/comites/{committee.pk}/"' in html
    assert "avis des professionnels (publié)" in html


def test_decisions_are_followed_until_done(group_gael_client):
    committee = make_committee()
    session = opened_session(committee)
    answer = group_gael_client.post(
        f"/evaluation/comites/seances/{session.pk}/decisions/nouvelle/",
        {"text": "Ouvrir le samedi.", "follow_up": "Léa", "due": "2026-06-30"},
    )
    assert answer.status_code == 302
    decision = Decision.objects.get()
    assert decision.due == datetime.date(2026, 6, 30) and decision.done_at is None
    group_gael_client.post(f"/evaluation/comites/decisions/{decision.pk}/suivi/", {"done": "True"})
    decision.refresh_from_db()
    assert decision.done_at is not None
    group_gael_client.post(f"/evaluation/comites/decisions/{decision.pk}/suivi/", {"done": "False"})
    decision.refresh_from_db()
    assert decision.done_at is None


def test_the_joint_opinion_page_waits_for_both_groups(group_gael_client):
    committee = make_committee()
    session = opened_session(committee)
    url = f"/evaluation/comites/seances/{session.pk}/avis/commun/"
    answer = group_gael_client.post(url, {"text": "Ensemble."}, follow=True)
    assert "L’avis commun vient après l’avis de chaque groupe" in answer.content.decode()
    assert not Opinion.objects.exists()
    committees.record_opinion(session, PRO, "Favorable.", False, None)
    committees.record_opinion(session, PERSON, "Favorable aussi.", False, None)
    assert group_gael_client.post(url, {"text": "Ensemble.", "publish": "on"}).status_code == 302
    assert Opinion.objects.get(group="commun").publish is True
    assert (
        group_gael_client.get(f"/evaluation/comites/seances/{session.pk}/avis/autre/").status_code
        == 404
    )


def test_a_withdrawal_is_in_the_audit_trail_without_the_text():
    from auditlog.models import LogEntry

    committee = make_committee()
    session = opened_session(committee)
    said = committees.contribute(seat_of(session, PERSON), "Une phrase regrettée.")
    committees.withdraw(said)
    entry = LogEntry.objects.get_for_object(said).get(action=LogEntry.Action.UPDATE)
    assert "withdrawn_at" in entry.changes_dict
    assert "Une phrase regrettée." not in str(
        list(LogEntry.objects.get_for_object(said).values_list("changes", flat=True))
    )
