"""The machine-readable report of a campaign: one JSON-ready dict that feeds every format.

``build_report(q, table, campaign=slug)`` returns exactly these keys::

    {
      "campaign": "hcts-2020",
      "responses": 1771,                      # rows of the table (after any filter)
      "per_day": [{"date": "2020-08-24", "count": 356}, ...],
                                              # Europe/Paris days, first to last, zeros kept
      "peak": {"date": "2020-08-24", "count": 356} | null,   # earliest day on a tie
      "questions": [ ... one entry per question, questionnaire order ... ],
      "funnel": [{"section", "title", "reached", "stopped",
                  "questions": [{"name", "number", "reached", "answered", "stopped"}]}],
      "per_channel": [{"channel": "UNCCAS" | null, "count", "percent"}],   # most first
      "per_mode": [{"mode": "online" | "assisted" | "proxy" | ..., "count", "percent"}],
    }

Every question entry has ``name``, ``number`` (null if the source has none), ``type``,
``label``, ``shown`` (responses it was relevant for), ``answered`` (non-empty answers; null
for information texts and personal data, which the analysis never reads) and ``options``
(a list, empty for types without options). An option is ``{"value", "label", "count",
"percent"}`` with percent = 100 * count / answered to one decimal, rounded half away from
zero (``numbers.percent``; null when answered is 0). Every option is listed, unchosen ones
with 0, then any value met outside the options. By type:

* ``single_choice``, ``yes_no``: ``options``; with an "Autre" option, ``other_texts``:
  ``[{"text", "count"}]`` (distinct texts, most frequent first, then alphabetical).
* ``multiple_choice``: ``options`` whose percent is of the respondents who answered the
  question (shares may sum past 100); ``other_texts`` as above.
* ``ranking``: ``options`` where count = responses that ranked the option, plus
  ``mean_rank`` (1 = best, over those responses; null if never ranked) and ``first``
  (times ranked first).
* ``rating``: ``options`` per scale point (value is the integer point), ``mean`` and
  ``median``; a grid has ``options`` empty and ``rows``: ``[{"value", "label", "answered",
  "options", "mean", "median"}]`` (one rating column per row).
* ``integer``, ``decimal``: ``count``, ``mean`` (2 decimals, half away from zero),
  ``median`` (exact; the mean of the two middle values for an even count), ``min``, ``max``.
* ``date``: ``count``, ``min``, ``max`` (ISO dates).
* ``short_text``, ``long_text``: ``count`` and ``texts`` (``[{"text", "count"}]``).
* ``departement``: ``options`` for every official code in COG order (label: the name),
  then unknown codes; ``regions``: ``[{"code", "name", "count", "percent"}]`` for every
  région (base: answered).
* ``display``, ``email``, ``phone`` and personal-data questions: the common keys only.

For a published output, pass the report through ``suppression.suppress(report, k,
questionnaire=q)``: counts under k are hidden with the complements that keep them from being
recomputed (the questionnaire gives the relations its conditions create), and a hidden
figure becomes None with ``"suppressed": True`` and ``"suppressed_keys"`` on its dict.
"""

from __future__ import annotations

from typing import Any

from vivier.analysis import aggregates
from vivier.analysis.table import AnswerTable
from vivier.surveys.schema import Questionnaire

REPORT_KEYS = (
    "campaign",
    "responses",
    "per_day",
    "peak",
    "questions",
    "funnel",
    "per_channel",
    "per_mode",
)


def build_report(q: Questionnaire, table: AnswerTable, *, campaign: str) -> dict[str, Any]:
    if table.questionnaire is not q:
        raise ValueError("the table was built for another questionnaire version")
    summary = aggregates.summarise(table)
    return {
        "campaign": campaign,
        "responses": summary.responses,
        "per_day": aggregates.per_day(summary),
        "peak": aggregates.peak(summary),
        "questions": [aggregates.question_figures(question, summary) for question in q.questions()],
        "funnel": aggregates.funnel(q, summary),
        "per_channel": aggregates.per_channel(summary),
        "per_mode": aggregates.per_mode(summary),
    }
