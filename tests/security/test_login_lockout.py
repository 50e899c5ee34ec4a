"""Login throttling: five failures for one username from one address lock that pair out."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/staff/connexion/"


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def _fail(client: Client, username: str, times: int) -> list[int]:
    """Logs in ``times`` times with a wrong password; the status of each answer."""
    return [_login(client, username, "not-the-password").status_code for _ in range(times)]


def _logged_in(answer) -> bool:
    return answer.status_code == 302 and answer["Location"] == settings.LOGIN_REDIRECT_URL


def test_the_limit_is_five_failures():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_the_right_password_works_after_four_failures(client, alice):
    assert _fail(client, "alice", 4) == [200] * 4  # the form again, with its error
    assert _logged_in(_login(client, "alice", "alice-pass"))
    assert client.get("/staff/").status_code == 200


def test_after_five_failures_even_the_right_password_is_refused(client, alice):
    # The fifth failure locks the pair out: its answer is already the lockout page.
    assert _fail(client, "alice", 5) == [200, 200, 200, 200, 429]
    answer = _login(client, "alice", "alice-pass")
    assert answer.status_code == 429
    page = answer.content.decode()
    assert "Connexion temporairement bloquée" in page
    assert "Réessayez dans 15 minutes" in page
    assert '<html lang="fr"' in page  # the site's page, not a bare message
    # Not logged in: the staff area still asks to log in.
    assert client.get("/staff/")["Location"].startswith(LOGIN)


def test_the_lockout_holds_for_the_pair_only(client, alice, bob):
    _fail(client, "alice", 5)
    assert _login(client, "alice", "alice-pass").status_code == 429
    # Another username from the same address, the same username from another address.
    assert _logged_in(_login(Client(), "bob", "bob-pass"))
    assert _logged_in(_login(Client(REMOTE_ADDR="192.0.2.7"), "alice", "alice-pass"))


def test_a_successful_login_starts_the_count_again(client, alice):
    _fail(client, "alice", 4)
    assert _logged_in(_login(client, "alice", "alice-pass"))
    client.logout()
    _fail(client, "alice", 4)
    assert _logged_in(_login(client, "alice", "alice-pass"))


def test_the_login_page_still_opens_for_a_locked_out_pair(client, alice):
    _fail(client, "alice", 5)
    assert client.get(LOGIN).status_code == 200


def test_logins_without_a_request_still_work(client, alice):
    # The test client's login() and force_login() do not go through the login page.
    assert client.login(username="alice", password="alice-pass")
    assert client.get("/staff/").status_code == 200
    other = Client()
    other.force_login(alice)
    assert other.get("/staff/").status_code == 200
    assert not Client().login(username="alice", password="wrong")


def test_the_demo_login_still_works(client):
    from vivier.demo.builder import STAFF_PASSWORD, STAFF_USERNAME, _staff_user

    _staff_user()
    assert _logged_in(_login(client, STAFF_USERNAME, STAFF_PASSWORD))


def test_behind_a_proxy_failures_count_against_the_address_it_names(client, alice, settings):
    settings.VIVIER_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    assert _fail(attacker, "alice", 5)[-1] == 429
    # The colleague comes through the same proxy from another address: not locked out.
    colleague = Client(HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert _logged_in(_login(colleague, "alice", "alice-pass"))
    # What the client itself claims (the left of the list) does not get it out of the lockout.
    claims = Client(HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.1")
    assert _login(claims, "alice", "x").status_code == 429


def test_the_lockout_page_speaks_english_to_who_chose_it(client, alice):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    answer = _fail(client, "alice", 5)
    assert answer[-1] == 429
    page = _login(client, "alice", "alice-pass").content.decode()
    assert "Login temporarily blocked" in page
    assert "Try again in 15 minutes." in page


def test_a_proxy_header_holding_no_address_falls_back_to_the_connection(client, alice, settings):
    """A misconfigured proxy (or a client writing the header itself) sends words, not an
    address: the login still answers, counted against the connection's address."""
    settings.VIVIER_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    visitor = Client(HTTP_X_REAL_IP="not-an-address")
    assert _login(visitor, "alice", "x").status_code == 200
    assert _logged_in(_login(visitor, "alice", "alice-pass"))
