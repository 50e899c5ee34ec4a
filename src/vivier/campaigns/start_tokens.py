"""The token a start form carries, so a replayed form reaches the same draft and nothing else.

A draft's key is made by the server, never taken from the client. The landing page signs a
fresh random key and puts it in the form; posting that form twice (double click, a retry
after a lost answer) presents the same signature and reaches the same draft. A client cannot
name someone else's draft: it would need the signature of that key, which only the server
can make, and it never signs a key it did not just draw. A token that is missing, forged or
older than ``MAX_AGE_SECONDS`` starts a new draft under a new random key.
"""

from __future__ import annotations

from django.core import signing

from .models import new_response_key

_SALT = "vivier.campaigns.start-draft"

#: How long a landing page's start button stays idempotent. A page left open longer still
#: works; its replay just makes a new draft instead of reaching the first one.
MAX_AGE_SECONDS = 24 * 3600


def new_start_token() -> str:
    return signing.TimestampSigner(salt=_SALT).sign(new_response_key())


def key_from_start_token(token: str) -> str:
    """The draft key a start token stands for, or a new random key when it is not genuine."""
    if token and len(token) <= 200:
        try:
            return signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_AGE_SECONDS)
        except signing.BadSignature:
            pass
    return new_response_key()
