"""System checks of Vivier's own settings (``vivier manage check --deploy``).

Django's own deploy checks accept any key of 50 characters or more; Vivier's development
default is that long, and it is public (it is in this repository), so it is checked here by
name. Every resume link is an HMAC with this key: whoever knows it can open any draft.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Django's own threshold (security.W009): shorter keys are guessable.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5

HOW_TO_SET = (
    "set VIVIER_SECRET_KEY to a random value of at least 50 characters, kept secret and the "
    "same for every server process, for example the output of: "
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
)


def secret_key_problem() -> str | None:
    """Why the configured secret key must not be used in production, or None."""
    key = settings.SECRET_KEY
    if key == getattr(settings, "INSECURE_DEFAULT_SECRET_KEY", None):
        return f"VIVIER_SECRET_KEY is not set (the built-in key is public): {HOW_TO_SET}"
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
        return f"VIVIER_SECRET_KEY is too short or too simple to be secret: {HOW_TO_SET}"
    return None


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    problem = secret_key_problem()
    if problem is None:
        return []
    return [Error(problem, id="vivier.E001")]
