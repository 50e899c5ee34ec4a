"""Readers and writers of questionnaire definitions (Vivier JSON; later XLSForm, LimeSurvey).

Every codec reports bad input with :class:`CodecError`, whose message starts with the path
of the offending field (``sections[2].questions[4].type: unknown type 'foo'``) so that a
person editing the file by hand can find it without reading a traceback.
"""

from __future__ import annotations


class CodecError(ValueError):
    """A questionnaire file that cannot be read (or a questionnaire that cannot be written).

    ``path`` locates the field in the document (``"sections[0].questions[3].choices[1].value"``;
    empty for the document as a whole), ``message`` says what is wrong and, where we can tell,
    how to fix it. ``str(error)`` is ``"<path>: <message>"``.

    It subclasses :class:`ValueError` so callers that only know "bad value" still catch it.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path or '(document)'}: {message}")


__all__ = ["CodecError"]
