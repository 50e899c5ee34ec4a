"""What the per-action tests (``test_action_*``) share: who is refused, how an anonymous
visitor is sent to sign in."""

from __future__ import annotations

from tests.conftest import PERSONAS, signed_in

SIGN_IN = "/staff/connexion/"


def others(*roles: str) -> list[str]:
    """Every persona but those holding ``roles``, and carol, an account with no role."""
    return [name for role, name in PERSONAS.items() if role not in roles] + ["carol"]


def client_of(request, persona: str):
    """A client signed in as ``persona`` (a fixture name of tests/conftest.py)."""
    return signed_in(request.getfixturevalue(persona))


def sent_to_sign_in(answer) -> bool:
    return answer.status_code == 302 and answer["Location"].startswith(SIGN_IN)
