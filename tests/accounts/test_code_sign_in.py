"""A person concerned signs in with their code: /comptes/code/ (public)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from vivier.accounts import sign_in_codes
from vivier.accounts.models import SignInCode
from vivier.accounts.roles import PERSONNE_CONCERNEE

URL = "/comptes/code/"
WRONG = "Ce code ne marche pas. Vérifiez chaque lettre et chaque chiffre"


@pytest.fixture
def made(db):
    return sign_in_codes.create(label="Sam")


def _signed_in_as(client):
    from django.contrib.auth import get_user

    return get_user(client)


def test_the_page_is_public_and_labelled(client, db):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_code" class="fr-label">' in html
    assert "8 lettres et chiffres, écrits sur votre papier" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_right_code_creates_the_account_and_signs_in(client, made):
    response = client.post(URL, {"code": made.code})
    assert response.status_code == 302 and response["Location"] == "/comptes/mon-compte/"
    user = _signed_in_as(client)
    assert user.is_authenticated and user.first_name == "Sam"
    assert list(user.groups.values_list("name", flat=True)) == [PERSONNE_CONCERNEE]
    assert not user.has_usable_password() and not user.is_staff
    made.sign_in_code.refresh_from_db()
    assert made.sign_in_code.account == user and made.sign_in_code.last_used_at is not None
    assert "Bonjour Sam" in client.get("/comptes/mon-compte/").content.decode()


def test_the_code_opens_the_same_account_again_while_valid(client, made):
    client.post(URL, {"code": made.code})
    first = _signed_in_as(client)
    client.post("/staff/deconnexion/")
    assert not _signed_in_as(client).is_authenticated
    # Typed as people type it: lower case, spaces instead of the dash.
    response = client.post(URL, {"code": " " + made.code.lower().replace("-", " ") + " "})
    assert response.status_code == 302
    assert _signed_in_as(client) == first


def test_a_wrong_code_is_refused_in_plain_french(client, made):
    wrong = "ABCD-EFGH" if made.code != "ABCD-EFGH" else "HGFE-DCBA"
    response = client.post(URL, {"code": wrong})
    assert response.status_code == 400
    html = response.content.decode()
    assert WRONG in html
    assert 'aria-invalid="true"' in html and 'href="#id_code"' in html
    assert not _signed_in_as(client).is_authenticated


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Tapez votre code."),
        ("ABC-DEF", "Un code a 8 lettres et chiffres. Vous en avez tapé 6."),
        ("ABCD-EFG0", "Ces lettres ou chiffres ne sont jamais dans un code : 0."),
    ],
)
def test_a_malformed_code_says_what_is_wrong(client, made, typed, message):
    response = client.post(URL, {"code": typed})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_expired_code_is_refused(client, made):
    now = timezone.now()
    SignInCode.objects.update(
        created_at=now - timedelta(days=40), expires_at=now - timedelta(days=1)
    )
    response = client.post(URL, {"code": made.code})
    assert response.status_code == 400
    assert "Ce code ne marche plus : sa date est passée." in response.content.decode()
    assert not _signed_in_as(client).is_authenticated


def test_the_validity_comes_from_the_settings(settings, db):
    settings.VIVIER_SIGN_IN_CODE_DAYS = 3
    code = sign_in_codes.create().sign_in_code
    assert code.expires_at - code.created_at == timedelta(days=3)


def test_a_revoked_code_is_refused(client, made):
    sign_in_codes.revoke(made.sign_in_code)
    response = client.post(URL, {"code": made.code})
    assert response.status_code == 400
    assert "Ce code a été arrêté." in response.content.decode()


def test_wrong_codes_are_limited_per_client_address(client, made, settings):
    settings.VIVIER_SIGN_IN_CODE_RATE = "3/m"
    wrong = "ABCD-EFGH" if made.code != "ABCD-EFGH" else "HGFE-DCBA"
    for _ in range(3):
        assert client.post(URL, {"code": wrong}).status_code == 400
    # Past the limit, even the right code waits.
    locked = client.post(URL, {"code": made.code})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Trop de codes faux ont été tapés depuis cette connexion." in html
    assert "Attendez 1 minute, puis réessayez." in html
    assert not _signed_in_as(client).is_authenticated
    # Another address is not affected; malformed codes and successes do not count.
    other = Client(REMOTE_ADDR="192.0.2.7")
    for _ in range(5):
        assert other.post(URL, {"code": "trop court"}).status_code == 400
    assert other.post(URL, {"code": made.code}).status_code == 302


def test_it_rejects_other_methods(client, db):
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


def test_the_sign_in_page_leads_to_the_code_page(client, db):
    page = client.get("/staff/connexion/").content.decode()
    assert f'href="{URL}">Me connecter avec mon code</a>' in page
