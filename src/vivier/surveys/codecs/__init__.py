"""Readers and writers of questionnaire definitions (Vivier JSON; later XLSForm, LimeSurvey).

Every codec reports bad input with :class:`CodecError`, whose message starts with the path
of the offending field (``sections[2].questions[4].type: unknown type 'foo'``) so that a
person editing the file by hand can find it without reading a traceback.
"""

from __future__ import annotations

from vivier.problems import Localized


class CodecError(ValueError):
    """A questionnaire file that cannot be read (or a questionnaire that cannot be written).

    ``path`` locates the field in the document (``"sections[0].questions[3].choices[1].value"``;
    empty for the document as a whole), ``message`` says what is wrong and, where we can tell,
    how to fix it; ``reason`` is the same in French and English when the codec gives both
    (the import page shows the French one, under ``VIVIER_JSON_INVALID``).
    ``str(error)`` is ``"<path>: <message>"``.

    It subclasses :class:`ValueError` so callers that only know "bad value" still catch it.
    """

    def __init__(self, path: str, message: str | Localized) -> None:
        self.path = path
        self.reason = message if isinstance(message, Localized) else Localized(message, message)
        self.message = self.reason.en
        super().__init__(f"{path or '(document)'}: {self.message}")


__all__ = ["CodecError"]
