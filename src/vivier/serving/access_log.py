"""gunicorn access lines without respondents' tokens.

The token of a respondent's private link (see ``redaction``) can appear in several fields
of an access line: the request line, the path, the Referer header (each page of the
questionnaire is requested from the previous one, so the browser sends the link there too)
and any other header or environment value a custom log format may print. Every one of them
is redacted, whatever ``--access-logformat`` says.

Served with ``logger_class = "vivier.serving.access_log.TokenRedactingLogger"``. It keeps
what ``VivierLogger`` does (one line for a stalled client instead of a stack trace).
"""

from __future__ import annotations

from typing import Any

from vivier.serving.log import VivierLogger
from vivier.serving.redaction import redact_value


class TokenRedactingLogger(VivierLogger):
    """gunicorn's logger whose access lines never carry a respondent's token."""

    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact_value(value) for name, value in atoms.items()}
