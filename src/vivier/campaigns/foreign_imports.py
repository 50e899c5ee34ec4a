"""Responses exported from KoboToolbox/ODK or LimeSurvey, loaded into a campaign.

The pure readers (``vivier.surveys.codecs.responses_*``) map the other tool's columns to the
campaign's questions; here every record goes through the checks of a web submission and the
whole file is stored in one transaction, or nothing is (``imports.import_records``).
"""

from __future__ import annotations

from pathlib import Path

from vivier.surveys.codecs.responses.foreign import ForeignResponses, read_csv_rows

from .imports import ImportFailedError, ImportReport, import_records
from .models import Campaign

FORMATS = ("kobo", "limesurvey")
#: Columns every LimeSurvey response export starts with.
LIMESURVEY_COLUMNS = frozenset({"submitdate", "lastpage", "startlanguage"})


def detect_format(data: bytes, filename: str) -> str:
    if Path(filename).suffix.lower() == ".json":
        return "kobo"
    header, _rows, _problems = read_csv_rows(data[:20000], filename)
    names = {h.strip().lower() for h in header}
    return "limesurvey" if LIMESURVEY_COLUMNS & names else "kobo"


def read(campaign: Campaign, data: bytes, filename: str, fmt: str = "auto") -> ForeignResponses:
    questionnaire = campaign.questionnaire.questionnaire()
    if fmt == "auto":
        fmt = detect_format(data, filename)
    if fmt == "limesurvey":
        from vivier.surveys.codecs.responses.limesurvey import read_limesurvey_csv

        return read_limesurvey_csv(data, questionnaire, filename)
    from vivier.surveys.codecs.responses.kobo import read_kobo_csv, read_kobo_json

    if Path(filename).suffix.lower() == ".json":
        return read_kobo_json(data, questionnaire, filename)
    return read_kobo_csv(data, questionnaire, filename)


def import_foreign(
    campaign: Campaign, data: bytes, filename: str, fmt: str = "auto"
) -> ImportReport:
    """All rows or none; raises ``ImportFailedError`` listing every problem with its row."""
    found = read(campaign, data, filename, fmt)
    if found.errors:
        raise ImportFailedError(filename, found.errors)
    report = import_records(campaign, found.records, source=filename, unit="row")
    report.notes = list(found.warnings)
    return report
