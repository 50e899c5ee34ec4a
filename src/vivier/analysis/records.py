"""What the analysis reads of a response: no Django model, just the fields it needs.

The Django shell turns its submitted responses into these records; tests and benchmarks
build them directly. Personal data never reaches the analysis (it lives in
``ResponseContact``), so ``answers`` holds only answer keys of the questionnaire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class ResponseRecord:
    key: str
    #: Aware datetime (any time zone): days are counted in Europe/Paris.
    submitted_at: datetime
    #: Distribution link (relaying network); None when the response came without one.
    channel: str | None
    #: "online", "assisted" or "proxy".
    mode: str
    #: Stored answer values (see ``vivier.surveys.schema`` for the conventions).
    answers: Mapping[str, Any]
