"""The personal-data pass and the pseudonymisation open no network connection: the model is
loaded from the installed package, and nothing is downloaded at run time (the reason
Presidio was left aside: its e-mail and URL recognisers fetch the public suffix list)."""

from __future__ import annotations

import socket

import pytest

from tests.coding.test_pii import TEXT, make_coding, make_source
from vivier.coding import pii, quotes
from vivier.qualitative import pii as finder
from vivier.qualitative.pseudonymise import pseudonymise


@pytest.fixture
def no_network(monkeypatch):
    """Every way out through Python's sockets fails, and is recorded."""
    attempts: list[str] = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network disabled in this test ({name})")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_loading_the_model_and_finding_opens_no_socket(no_network):
    # Loaded again from scratch, so that loading is checked too, not only reading.
    for cached in (finder.pipeline, finder._lexicon, finder._lemmas):
        cached.cache_clear()
    found = finder.find_many([TEXT, "Écrire à marie@exemple.fr, 06 12 34 56 78."])
    assert found[0] and found[1]
    assert "Benali" not in pseudonymise(TEXT).text
    assert no_network == []


@pytest.mark.django_db
def test_the_pass_and_a_quote_open_no_socket(campaign, analyst_axel, no_network):
    source = make_source(campaign)
    assert pii.scan(campaign).flagged == 1
    quote = quotes.create(make_coding(source), user=analyst_axel, consent="interview")
    assert "Benali" not in quote.text
    assert no_network == []
