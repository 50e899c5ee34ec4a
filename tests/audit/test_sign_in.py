"""Sign-in and refused sign-in: one line each, with the account and the client's address."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from .conftest import ADDRESS, assert_line, written

pytestmark = pytest.mark.django_db

LOGIN = "/staff/connexion/"


def test_a_sign_in_leaves_one_line(client, alice):
    with written() as new:
        answer = client.post(
            LOGIN, {"username": "alice", "password": "alice-pass"}, REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 302
    assert_line(new.one(), "auth.login", "alice", alice, ADDRESS)


def test_a_refused_sign_in_names_the_account_tried_but_no_one_as_actor(client, alice):
    with written() as new:
        answer = client.post(
            LOGIN, {"username": "alice", "password": "not-her-password"}, REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 200
    line = new.one()
    assert_line(line, "auth.login-failed", None, alice, ADDRESS)
    assert line.additional_data["known_account"] is True
    assert line.additional_data["actor_name"] == ""


def test_a_refused_sign_in_on_an_unknown_account_keeps_nothing_typed(client):
    typed = "my-password-in-the-wrong-field"
    with written() as new:
        client.post(LOGIN, {"username": typed, "password": "x"}, REMOTE_ADDR=ADDRESS)
    line = new.one()
    assert_line(line, "auth.login-failed", None, "auth.user", ADDRESS)
    assert line.object_pk == "" and line.object_repr == ""
    assert line.additional_data["known_account"] is False
    assert typed not in str(LogEntry.objects.values_list())


def test_a_locked_out_attempt_is_a_refused_sign_in_saying_so(client, alice, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(LOGIN, {"username": "alice", "password": "wrong"}, REMOTE_ADDR=ADDRESS)
    with written() as new:
        answer = client.post(
            LOGIN, {"username": "alice", "password": "alice-pass"}, REMOTE_ADDR=ADDRESS
        )
    assert answer.status_code == 429
    line = new.one()
    assert_line(line, "auth.login-failed", None, alice, ADDRESS)
    assert line.additional_data["locked_out"] is True


def test_the_address_comes_from_the_proxy_header_only_when_configured(client, alice, settings):
    # Any client can write X-Forwarded-For: it is not taken for the address.
    with written() as new:
        client.post(
            LOGIN,
            {"username": "alice", "password": "alice-pass"},
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_FORWARDED_FOR="192.0.2.66",
        )
    assert new.one().remote_addr == "198.51.100.1"
    client.logout()
    # Behind a proxy that names the client in its own header, that header is.
    settings.VIVIER_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    with written() as new:
        client.post(
            LOGIN,
            {"username": "alice", "password": "alice-pass"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP=ADDRESS,
        )
    assert new.one().remote_addr == ADDRESS


def test_a_proxy_header_that_is_no_address_gives_the_connection_s_address(settings):
    """As the lockout counts it (``campaigns.lockout.client_address``): the words are never
    stored; the connection's own address (the proxy's) is."""
    from django.test import RequestFactory

    from vivier.audit.trail import client_ip

    settings.VIVIER_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get("/", HTTP_X_REAL_IP="unknown; DROP TABLE")
    assert client_ip(request) == "127.0.0.1"
    request = RequestFactory().get("/", HTTP_X_REAL_IP="unknown", REMOTE_ADDR="not-one")
    assert client_ip(request) is None
    request = RequestFactory().get("/", HTTP_X_REAL_IP=" 2001:db8::1 ")
    assert client_ip(request) == "2001:db8::1"


CODE_PAGE = "/comptes/code/"


def test_a_sign_out_leaves_one_line(client, alice):
    client.post(LOGIN, {"username": "alice", "password": "alice-pass"}, REMOTE_ADDR=ADDRESS)
    with written() as new:
        answer = client.post("/staff/deconnexion/", REMOTE_ADDR=ADDRESS)
    assert answer.status_code == 302
    assert_line(new.one(), "auth.logout", "alice", alice, ADDRESS)


def test_a_wrong_sign_in_code_leaves_a_line_without_the_code(client, db):
    with written() as new:
        answer = client.post(CODE_PAGE, {"code": "ABCD2345"}, REMOTE_ADDR=ADDRESS)
    assert answer.status_code == 400
    line = new.one()
    assert_line(line, "auth.code-failed", None, "auth.user", ADDRESS)
    assert line.additional_data["known_account"] is False
    assert line.additional_data["state"] == "unknown"
    assert "ABCD2345" not in str(LogEntry.objects.values_list())


def test_a_revoked_sign_in_code_names_its_account(client, db):
    from vivier.accounts import sign_in_codes

    made = sign_in_codes.create(label="Sam")
    client.post(CODE_PAGE, {"code": made.code})  # the first use makes the account
    client.logout()
    code = made.sign_in_code
    code.refresh_from_db()
    sign_in_codes.revoke(code)
    with written() as new:
        client.post(CODE_PAGE, {"code": made.code}, REMOTE_ADDR=ADDRESS)
    line = new.one()
    assert_line(line, "auth.code-failed", None, code.account, ADDRESS)
    assert line.additional_data == {**line.additional_data, "state": "revoked"}
    assert made.code not in str(LogEntry.objects.values_list())
