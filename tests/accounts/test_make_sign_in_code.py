"""A professional makes, renews and revokes sign-in codes: /comptes/codes/."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.accounts.ways_in_support import code_on_page, make_admin, make_professional
from vivier.accounts import sign_in_codes
from vivier.accounts.models import SignInCode

NEW = "/comptes/codes/nouveau/"
LIST = "/comptes/codes/"


@pytest.fixture
def professional(db):
    return make_professional()


def test_it_makes_a_code_and_shows_it_once_to_print(client, professional):
    client.force_login(professional)
    response = client.post(NEW, {"label": "Sam"})
    assert response.status_code == 200
    page = response.content.decode()
    code = code_on_page(page)
    assert "Sam, voici votre code pour Vivier" in page
    assert "http://testserver/comptes/code/" in page
    assert "Ce code ne sera plus affiché" in page
    stored = SignInCode.objects.get()
    assert stored.label == "Sam" and stored.created_by == professional and stored.account is None
    # Only a keyed hash is stored: neither the code nor its plain form is in the row.
    assert stored.code_hash == sign_in_codes.code_hash(code)
    assert code.replace("-", "") not in stored.code_hash
    # The list does not show it again.
    assert code not in client.get(LIST).content.decode()


def test_the_code_is_made_of_unambiguous_characters():
    for _ in range(200):
        code = sign_in_codes.new_code()
        assert len(code) == 9 and code[4] == "-"
        assert not set(code.replace("-", "")) & set("01OILUV")


def test_a_new_code_for_the_same_person_stops_the_old_one(client, professional):
    old = sign_in_codes.create(label="Sam", by=professional)
    person = sign_in_codes.account_for(old.code)
    client.force_login(professional)
    response = client.post(f"/comptes/codes/{old.sign_in_code.pk}/renouveler/")
    new_code = code_on_page(response.content.decode())
    old.sign_in_code.refresh_from_db()
    assert old.sign_in_code.state == SignInCode.State.REVOKED
    assert sign_in_codes.account_for(new_code) == person
    with pytest.raises(sign_in_codes.CodeRefused):
        sign_in_codes.account_for(old.code)


def test_it_revokes_a_code(client, professional):
    made = sign_in_codes.create(label="Sam")
    client.force_login(professional)
    response = client.post(f"/comptes/codes/{made.sign_in_code.pk}/revoquer/", follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "Le code est révoqué" in response.content.decode()
    with pytest.raises(sign_in_codes.CodeRefused) as refused:
        sign_in_codes.account_for(made.code)
    assert refused.value.state == SignInCode.State.REVOKED


def test_the_list_shows_the_codes_and_their_state(client, professional):
    sign_in_codes.create(label="Sam")
    revoked = sign_in_codes.create(label="Lou")
    sign_in_codes.revoke(revoked.sign_in_code)
    client.force_login(professional)
    page = client.get(LIST).content.decode()
    sam = page.split("Sam", 1)[1].split("</tr>", 1)[0]
    lou = page.split("Lou", 1)[1].split("</tr>", 1)[0]
    assert "Valable" in sam and "/revoquer/" in sam
    assert "Révoqué" in lou and "/revoquer/" not in lou


def test_an_administrator_may_make_codes(client, db):
    client.force_login(make_admin())
    assert client.post(NEW, {"label": ""}).status_code == 200


def test_it_requires_the_right_to_make_codes(client, bob, carol):
    made = sign_in_codes.create(label="Sam")
    for person in (bob, carol):
        client.force_login(person)
        assert client.get(LIST).status_code == 403
        assert client.post(NEW, {"label": "X"}).status_code == 403
        assert client.post(f"/comptes/codes/{made.sign_in_code.pk}/revoquer/").status_code == 403
        assert client.post(f"/comptes/codes/{made.sign_in_code.pk}/renouveler/").status_code == 403
    assert SignInCode.objects.count() == 1
    assert SignInCode.objects.get().state == SignInCode.State.VALID


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    for response in (client.get(LIST), client.get(NEW), client.post(NEW)):
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/connexion/?next=")
    assert not get_user_model().objects.exists()


def test_it_rejects_wrong_methods(client, professional):
    made = sign_in_codes.create(label="Sam")
    client.force_login(professional)
    assert client.get(f"/comptes/codes/{made.sign_in_code.pk}/revoquer/").status_code == 405
    assert client.get(f"/comptes/codes/{made.sign_in_code.pk}/renouveler/").status_code == 405
    assert client.put(NEW).status_code == 405
    assert client.post(LIST).status_code == 405
    assert SignInCode.objects.count() == 1
