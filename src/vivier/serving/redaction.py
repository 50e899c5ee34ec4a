"""Respondents' secrets kept out of logs.

A respondent's private link carries its secret in the path: ``/q/<campaign>/r/<token>/...``.
Whoever reads a log line holding it can open that draft, read its contact details and change
its answers, so every log line replaces the token with ``[…]``. ``access_log`` applies this
to gunicorn's access lines; ``RedactTokensFilter`` to Python log records (Django logs the
path of every 4xx and 5xx response).

An invitation's link carries its secret the same way (``/comptes/invitation/<token>/``):
whoever reads it first can create the invited account, with its roles.
"""

from __future__ import annotations

import logging
import re
from typing import Any

#: What stands in for a token.
REDACTED = "[…]"
# The token segment of a respondent's link, written plainly or percent-encoded (a Referer or
# a logged URL may carry either). It ends at the next "/", "?", "#", quote or white space.
_TOKEN = re.compile(r"(/q/[^/?#\s\"']+/r/)[^/?#\s\"']+", re.IGNORECASE)
_ENCODED_TOKEN = re.compile(
    r"(%2Fq%2F(?:(?!%2F)[^/?#\s\"'&])+%2Fr%2F)(?:(?!%2F)[^/?#\s\"'&])+", re.IGNORECASE
)

_INVITATION = re.compile(r"(/comptes/invitation/)[^/?#\s\"']+", re.IGNORECASE)
_ENCODED_INVITATION = re.compile(
    r"(%2Fcomptes%2Finvitation%2F)(?:(?!%2F)[^/?#\s\"'&])+", re.IGNORECASE
)


def redact(text: str) -> str:
    """``text`` with the token of every respondent or invitation link in it replaced."""
    lowered = text.lower()
    if "/r/" not in lowered and "/invitation/" not in lowered and "%2f" not in lowered:
        return text
    text = _TOKEN.sub(rf"\g<1>{REDACTED}", text)
    text = _INVITATION.sub(rf"\g<1>{REDACTED}", text)
    text = _ENCODED_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    return _ENCODED_INVITATION.sub(rf"\g<1>{REDACTED}", text)


def redact_value(value: Any) -> Any:
    """``redact`` for text, whether str or bytes; any other value unchanged."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bytes):
        return redact(value.decode("latin-1")).encode("latin-1")
    return value


class RedactTokensFilter(logging.Filter):
    """Replaces respondents' tokens in a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact_value(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact_value(value) for key, value in record.args.items()}
        return True
