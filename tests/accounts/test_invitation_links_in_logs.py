"""An invitation's secret never reaches a log line (vivier.serving.redaction)."""

from __future__ import annotations

import logging

from vivier.serving.redaction import REDACTED, RedactTokensFilter, redact

TOKEN = "YFYrEoCEGHhRWaogEnCcM1MEmkwzBrcQoJsB2XjpCV8"


def test_the_token_of_an_invitation_link_is_replaced():
    line = f'"GET /comptes/invitation/{TOKEN}/ HTTP/1.1" 410'
    assert redact(line) == f'"GET /comptes/invitation/{REDACTED}/ HTTP/1.1" 410'
    encoded = f"next=%2Fcomptes%2Finvitation%2F{TOKEN}%2F"
    assert TOKEN not in redact(encoded)
    assert TOKEN not in redact(f"/COMPTES/INVITATION/{TOKEN}/")


def test_other_paths_are_left_alone():
    assert redact("/comptes/invitations/12/revoquer/") == "/comptes/invitations/12/revoquer/"
    assert redact("/comptes/code/") == "/comptes/code/"


def test_djangos_log_of_a_refused_link_is_redacted():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Gone: %s",
        (f"/comptes/invitation/{TOKEN}/",),
        None,
    )
    RedactTokensFilter().filter(record)
    assert TOKEN not in record.getMessage()
