"""People and their roles, for administrators: the list (/comptes/personnes/), one person's
roles (/comptes/personnes/<pk>/), deactivating and reactivating an account."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import Group
from django.test import Client

from tests.audit.conftest import ADDRESS, assert_line, written
from tests.conftest import make_persona, signed_in
from vivier.accounts import sign_in_codes
from vivier.accounts.roles import ADMINISTRATEUR, ANALYSTE, ENQUETEUR

pytestmark = pytest.mark.django_db

LIST = "/comptes/personnes/"
#: Every persona but the administrator's, each holding one role: 403 everywhere here.
OTHERS = (
    "analyst_axel",
    "privacy_paul",
    "interviewer_ines",
    "group_gael",
    "holder_hugo",
    "committee_cleo",
    "person_pia",
)


def person_url(person) -> str:
    return f"/comptes/personnes/{person.pk}/"


def deactivate_url(person) -> str:
    return f"/comptes/personnes/{person.pk}/desactiver/"


def reactivate_url(person) -> str:
    return f"/comptes/personnes/{person.pk}/reactiver/"


def pks(*slugs: str) -> list[int]:
    return [Group.objects.get(name=slug).pk for slug in slugs]


def roles_of(person) -> list[str]:
    return sorted(person.groups.values_list("name", flat=True))


def row_of(html: str, username: str) -> str:
    return html.split(username, 1)[1].split("</tr>", 1)[0]


# The list.


def test_it_lists_people_with_their_roles_last_sign_in_and_state(
    admin_ana_client, analyst_axel, group_gael
):
    analyst_axel.first_name, analyst_axel.last_name = "Axel", "Martin"
    analyst_axel.last_login = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    analyst_axel.save()
    group_gael.is_active = False
    group_gael.save()
    response = admin_ana_client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    axel = row_of(html, "Axel Martin")
    assert "analyst_axel" in axel and "Analyste" in axel and "02/03/2026" in axel
    assert "actif" in axel and "désactivé" not in axel
    assert person_url(analyst_axel) in axel
    gael = row_of(html, "group_gael")
    assert "Membre du groupe de travail" in gael and "jamais" in gael and "désactivé" in gael


def test_it_filters_by_role(admin_ana_client, analyst_axel, group_gael, carol):
    html = admin_ana_client.get(LIST, {"role": ANALYSTE}).content.decode()
    assert "analyst_axel" in html and "group_gael" not in html and "carol" not in html
    assert "1 personne" in html
    html = admin_ana_client.get(LIST, {"role": "aucun"}).content.decode()
    assert "carol" in html and "analyst_axel" not in html and "admin_ana" not in html


def test_it_filters_by_state(admin_ana_client, analyst_axel, group_gael):
    group_gael.is_active = False
    group_gael.save()
    html = admin_ana_client.get(LIST, {"etat": "desactive"}).content.decode()
    assert "group_gael" in html and "analyst_axel" not in html
    html = admin_ana_client.get(LIST, {"etat": "actif", "role": ANALYSTE}).content.decode()
    assert "analyst_axel" in html and "group_gael" not in html


def test_an_unknown_filter_value_says_which_filter(admin_ana_client):
    response = admin_ana_client.get(LIST, {"role": "pilote"})
    assert response.status_code == 400
    assert "Rôle : Sélectionnez un choix valide. pilote" in response.content.decode()


def test_the_list_rejects_the_wrong_method(admin_ana_client):
    assert admin_ana_client.post(LIST).status_code == 405
    assert admin_ana_client.delete(LIST).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_the_list_requires_the_role(request, persona):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(LIST).status_code == 403


def test_the_list_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/staff/connexion/")


# One person's roles.


def test_it_shows_the_person_s_roles_checked(admin_ana_client, analyst_axel):
    html = admin_ana_client.get(person_url(analyst_axel)).content.decode()
    analyst_pk, interviewer_pk = pks(ANALYSTE, ENQUETEUR)
    assert _checked(html, analyst_pk) and not _checked(html, interviewer_pk)
    assert "Enquêteur" in html and "Désactiver le compte" in html


def _checked(html: str, pk: int) -> bool:
    tag = html.split(f'name="roles" value="{pk}"', 1)[1].split(">", 1)[0]
    return "checked" in tag


def test_it_changes_the_roles(admin_ana_client, analyst_axel):
    response = admin_ana_client.post(
        person_url(analyst_axel), {"roles": pks(ANALYSTE, ENQUETEUR)}, follow=True
    )
    assert response.redirect_chain == [(LIST, 302)]
    assert roles_of(analyst_axel) == [ANALYSTE, ENQUETEUR]
    assert "Rôles de analyst_axel enregistrés : Analyste, Enquêteur." in response.content.decode()


def test_every_role_may_be_taken_away(admin_ana_client, analyst_axel):
    response = admin_ana_client.post(person_url(analyst_axel), {}, follow=True)
    assert roles_of(analyst_axel) == []
    assert "analyst_axel n’a plus aucun rôle." in response.content.decode()


def test_giving_a_role_leaves_one_audit_line_naming_the_administrator(
    admin_ana_client, analyst_axel
):
    with written() as new:
        admin_ana_client.post(
            person_url(analyst_axel), {"roles": pks(ANALYSTE, ENQUETEUR)}, REMOTE_ADDR=ADDRESS
        )
    line = new.one()
    assert_line(line, "account.roles", "admin_ana", analyst_axel, ADDRESS)
    assert line.changes == {"groups": {"type": "m2m", "operation": "add", "objects": [ENQUETEUR]}}


def test_swapping_roles_leaves_a_line_for_each_direction(admin_ana_client, analyst_axel):
    """Django's ``set`` takes away, then gives: the trail says both, each naming who."""
    with written() as new:
        admin_ana_client.post(person_url(analyst_axel), {"roles": pks(ENQUETEUR)})
    assert [line.changes["groups"]["operation"] for line in new.lines] == ["delete", "add"]
    assert {line.actor.username for line in new.lines} == {"admin_ana"}


def test_saving_the_same_roles_changes_nothing_and_writes_nothing(admin_ana_client, analyst_axel):
    with written() as new:
        response = admin_ana_client.post(
            person_url(analyst_axel), {"roles": pks(ANALYSTE)}, follow=True
        )
    assert new.lines == []
    assert "Rien n’a changé pour analyst_axel." in response.content.decode()


def test_an_administrator_cannot_take_their_own_role_away(admin_ana_client, admin_ana):
    response = admin_ana_client.post(person_url(admin_ana), {"roles": pks(ANALYSTE)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vous ne pouvez pas retirer votre propre rôle « Administrateur »" in html
    assert roles_of(admin_ana) == [ADMINISTRATEUR]
    # What was typed comes back: the analyst's box ticked, the administrator's not.
    admin_pk, analyst_pk = pks(ADMINISTRATEUR, ANALYSTE)
    assert _checked(html, analyst_pk) and not _checked(html, admin_pk)


def test_an_administrator_may_add_roles_to_themselves(admin_ana_client, admin_ana):
    response = admin_ana_client.post(
        person_url(admin_ana), {"roles": pks(ADMINISTRATEUR, ANALYSTE)}
    )
    assert response.status_code == 302
    assert roles_of(admin_ana) == [ADMINISTRATEUR, ANALYSTE]


def test_an_administrator_may_take_the_role_from_another(admin_ana_client):
    other = make_persona("admin_olga", ADMINISTRATEUR)
    assert admin_ana_client.post(person_url(other), {}).status_code == 302
    assert roles_of(other) == []


def test_a_wrong_choice_keeps_what_was_typed(admin_ana_client, analyst_axel):
    (interviewer_pk,) = pks(ENQUETEUR)
    response = admin_ana_client.post(
        person_url(analyst_axel), {"roles": [str(interviewer_pk), "99999999999999999999999"]}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rôles : Sélectionnez un choix valide." in html
    assert _checked(html, interviewer_pk)
    assert roles_of(analyst_axel) == [ANALYSTE]


def test_an_unknown_person_is_not_found(admin_ana_client):
    assert admin_ana_client.get("/comptes/personnes/999999/").status_code == 404


def test_the_roles_page_rejects_the_wrong_method(admin_ana_client, analyst_axel):
    assert admin_ana_client.put(person_url(analyst_axel)).status_code == 405
    assert admin_ana_client.delete(person_url(analyst_axel)).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_the_roles_page_requires_the_role(request, persona, admin_ana):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(person_url(admin_ana)).status_code == 403
    assert client.post(person_url(admin_ana), {"roles": pks(ANALYSTE)}).status_code == 403
    assert roles_of(admin_ana) == [ADMINISTRATEUR]


def test_the_roles_page_sends_anonymous_visitors_to_sign_in(client, analyst_axel):
    response = client.post(person_url(analyst_axel), {})
    assert response.status_code == 302 and response["Location"].startswith("/staff/connexion/")
    assert roles_of(analyst_axel) == [ANALYSTE]


# Deactivating and reactivating.


def test_it_asks_before_deactivating(admin_ana_client, analyst_axel):
    response = admin_ana_client.get(deactivate_url(analyst_axel))
    assert response.status_code == 200
    html = response.content.decode()
    assert "analyst_axel ne pourra plus se connecter" in html
    assert "Oui, désactiver ce compte." in html
    analyst_axel.refresh_from_db()
    assert analyst_axel.is_active


def test_without_the_box_ticked_nothing_changes(admin_ana_client, analyst_axel):
    response = admin_ana_client.post(deactivate_url(analyst_axel), {})
    assert response.status_code == 400
    assert "Cochez la case pour confirmer." in response.content.decode()
    analyst_axel.refresh_from_db()
    assert analyst_axel.is_active


def test_it_deactivates_and_the_trail_names_who(admin_ana_client, analyst_axel):
    with written() as new:
        response = admin_ana_client.post(
            deactivate_url(analyst_axel), {"confirm": "on"}, REMOTE_ADDR=ADDRESS, follow=True
        )
    assert response.redirect_chain == [(LIST, 302)]
    assert "Le compte de analyst_axel est désactivé" in response.content.decode()
    analyst_axel.refresh_from_db()
    assert not analyst_axel.is_active
    assert roles_of(analyst_axel) == [ANALYSTE]  # kept for a reactivation
    line = new.one()
    assert_line(line, "account.roles", "admin_ana", analyst_axel, ADDRESS)
    assert line.changes == {"is_active": ["True", "False"]}


def test_a_deactivated_person_is_signed_out_and_cannot_sign_in(admin_ana_client, analyst_axel):
    analyst_axel.set_password("axel-pass")
    analyst_axel.save()
    # Signed in after the password is set: setting it ends the sessions opened before.
    axel = signed_in(analyst_axel)
    assert axel.get("/staff/").status_code == 200
    admin_ana_client.post(deactivate_url(analyst_axel), {"confirm": "on"})
    assert axel.get("/staff/").status_code == 302
    assert not Client().login(username="analyst_axel", password="axel-pass")


def test_a_deactivated_person_s_code_is_refused_then_works_once_reactivated(
    admin_ana_client, person_pia
):
    made = sign_in_codes.create(account=person_pia)
    admin_ana_client.post(deactivate_url(person_pia), {"confirm": "on"})
    client = Client()
    refused = client.post("/comptes/code/", {"code": made.code})
    assert refused.status_code == 400
    assert "Votre compte a été désactivé" in refused.content.decode()
    assert not get_user(client).is_authenticated
    admin_ana_client.post(reactivate_url(person_pia), {"confirm": "on"})
    assert client.post("/comptes/code/", {"code": made.code}).status_code == 302
    assert get_user(client) == person_pia


def test_an_administrator_cannot_deactivate_themselves(admin_ana_client, admin_ana):
    assert (
        "Désactiver le compte" not in admin_ana_client.get(person_url(admin_ana)).content.decode()
    )
    for method in ("get", "post"):
        response = getattr(admin_ana_client, method)(deactivate_url(admin_ana), {"confirm": "on"})
        assert response.status_code == 403
        assert "Vous ne pouvez pas désactiver votre propre compte" in response.content.decode()
    admin_ana.refresh_from_db()
    assert admin_ana.is_active


def test_only_a_superuser_may_deactivate_a_superuser(admin_ana_client, alice, bob):
    response = admin_ana_client.post(deactivate_url(alice), {"confirm": "on"})
    assert response.status_code == 403
    assert "seul un autre superutilisateur" in response.content.decode()
    alice.refresh_from_db()
    assert alice.is_active
    bob.is_superuser = True
    bob.save()
    superuser = Client()
    superuser.force_login(alice)
    assert superuser.post(deactivate_url(bob), {"confirm": "on"}).status_code == 302


def test_it_reactivates(admin_ana_client, analyst_axel):
    analyst_axel.is_active = False
    analyst_axel.save()
    page = admin_ana_client.get(person_url(analyst_axel)).content.decode()
    assert reactivate_url(analyst_axel) in page and deactivate_url(analyst_axel) not in page
    with written() as new:
        response = admin_ana_client.post(reactivate_url(analyst_axel), {"confirm": "on"})
    assert response.status_code == 302
    analyst_axel.refresh_from_db()
    assert analyst_axel.is_active
    assert_line(new.one(), "account.roles", "admin_ana", analyst_axel, "127.0.0.1")


def test_an_account_already_in_that_state_is_left_as_it_is(admin_ana_client, analyst_axel):
    with written() as new:
        response = admin_ana_client.post(reactivate_url(analyst_axel), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == person_url(analyst_axel)
    assert new.lines == []


def test_the_account_pages_reject_the_wrong_method(admin_ana_client, analyst_axel):
    for url in (deactivate_url(analyst_axel), reactivate_url(analyst_axel)):
        assert admin_ana_client.put(url).status_code == 405
        assert admin_ana_client.delete(url).status_code == 405


@pytest.mark.parametrize("persona", OTHERS)
def test_deactivating_requires_the_role(request, persona, admin_ana):
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(deactivate_url(admin_ana)).status_code == 403
    assert client.post(deactivate_url(admin_ana), {"confirm": "on"}).status_code == 403
    admin_ana.refresh_from_db()
    assert admin_ana.is_active


def test_deactivating_sends_anonymous_visitors_to_sign_in(client, analyst_axel):
    response = client.post(deactivate_url(analyst_axel), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"].startswith("/staff/connexion/")
    analyst_axel.refresh_from_db()
    assert analyst_axel.is_active


def test_the_pages_read_in_english(admin_ana_client, analyst_axel):
    from django.conf import settings

    admin_ana_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = admin_ana_client.get(LIST).content.decode()
    assert "People and roles" in html and "Last sign-in" in html and "never" in html
    html = admin_ana_client.get(person_url(analyst_axel)).content.decode()
    assert "Save the roles" in html and "Deactivate the account" in html
    html = admin_ana_client.get(deactivate_url(analyst_axel)).content.decode()
    assert "Yes, deactivate this account." in html
