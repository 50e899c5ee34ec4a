"""Vivier JSON: the native, lossless file format of a questionnaire definition.

Why a format of our own next to XLSForm and LimeSurvey: those lose things Vivier needs (the
provenance in ``meta``, rating grids, personal-data flags, source numbers). This one maps the
dataclasses of :mod:`vivier.surveys.schema` one to one, so ``load(dump(q)) == q``.

Format, version 2
=================

A document is one JSON object::

    {
      "format": "vivier-questionnaire",      # required, always this string
      "format_version": 2,                    # required; readers refuse newer versions
      "slug": "hcts-2020",                    # required, non-empty
      "title": "...",                         # required
      "description": "", "language": "fr", "thanks": "", "meta": {},
      "translations": {"en": {"title": "...", "description": "...", "thanks": "..."}},
      "sections": [                           # required, list (may be empty)
        {
          "name": "profil", "title": "...",   # required
          "description": "", "relevant": "", "meta": {},
          "translations": {"en": {"title": "...", "description": "..."}},
          "questions": [                      # required, list
            {
              "name": "q1", "type": "single_choice", "label": "...",   # required
              "hint": "", "required": false, "required_message": "",
              "relevant": "", "constraint": "", "constraint_message": "",
              "choices": [{"value": "a", "label": "A", "translations": {"en": "A"}}],
              "other": false, "other_label": "Autre (précisez)",
              "scale": {"points": 5, "minimum": 1,
                        "labels": {"1": "...", "5": "..."},           # keys are the points
                        "rows": [{"value": "r", "label": "R"}]},
              "personal_data": false, "number": 1, "meta": {},
              "default": "", "soft_required": false,
              "translations": {"en": {"label": "...", "hint": "..."}},
              "sheet_field": "title"                # since version 2
            }
          ]
        }
      ]
    }

Writing rules, so that files stay small, stable and pleasant to review in a diff:

- keys always come in the order above;
- an optional field is left out when it holds the value that reading would give it anyway
  (``hint`` when empty, ``required`` when false, the Oui/Non/Je ne sais pas choices of a
  ``yes_no`` question, the default 5-point scale of a ``rating`` question, ``personal_data``
  when the type already implies it...);
- ``meta`` must hold JSON values only (objects with string keys, lists, strings, numbers,
  booleans, null). Tuples are written as lists, so keep lists in ``meta`` if you want the
  round trip to be exact.

Versions: version 2 added ``sheet_field`` (the practice-sheet field an answer fills, see
:class:`~vivier.surveys.schema.SheetField`). A document is written with the lowest version
that can hold it, so a questionnaire that fills no sheet field stays readable by a Vivier
that only knows version 1; a version 1 document that holds ``sheet_field`` is refused.

Reading is strict: an unknown key, a wrong type or an unknown question type is refused with
a :class:`~vivier.surveys.codecs.CodecError` naming the path of the field. Checks that need
the whole questionnaire (duplicate names, relevance expressions that point to nothing) are
the job of ``vivier.surveys.validation``, not of this codec.
"""

from __future__ import annotations

from vivier.surveys.codecs import CodecError
from vivier.surveys.codecs.vivier_json.reader import load, loads
from vivier.surveys.codecs.vivier_json.spec import FORMAT, FORMAT_VERSION
from vivier.surveys.codecs.vivier_json.writer import dump, dumps

__all__ = ["FORMAT", "FORMAT_VERSION", "CodecError", "dump", "dumps", "load", "loads"]
