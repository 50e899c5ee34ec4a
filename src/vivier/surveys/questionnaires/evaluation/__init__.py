"""Questionnaires of evaluation a practice attaches to its plan, shipped as Vivier JSON.

- ``satisfaction_falc``: the persons supported give their opinion on the support, in
  easy-to-read French (FALC: short sentences, one idea per sentence, no double negative);
- ``professionnels``: professionals, volunteers and partners on how the practice works;
- ``suivi``: a follow-up in easy-to-read French sent again at each milestone of the plan to
  the same respondents (a panel), with the same questions at every wave so answers compare.

Like the HCTS questionnaire they are data (``<file>.json`` next to this module, read by the
same loader), and a plan's questionnaire becomes an ordinary questionnaire version and
campaign. The satisfaction questions of all three keep the values ``tres_satisfait`` and
``satisfait``, so one figure reads alike whichever questionnaire fed it.

Pure core: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass

from vivier.surveys.questionnaires import load
from vivier.surveys.schema import Questionnaire


@dataclass(frozen=True)
class Template:
    #: Stored in ``EvaluationSurvey.template``; never renamed.
    key: str
    #: The file's name in this folder, without ``.json``.
    file: str
    #: Sent again at each milestone to the same panel of respondents.
    follow_up: bool = False


SATISFACTION_FALC = Template("satisfaction_falc", "satisfaction-falc")
PROFESSIONALS = Template("professionnels", "professionnels")
FOLLOW_UP = Template("suivi", "suivi", follow_up=True)

TEMPLATES: tuple[Template, ...] = (SATISFACTION_FALC, PROFESSIONALS, FOLLOW_UP)
BY_KEY = {template.key: template for template in TEMPLATES}


def build(key: str) -> Questionnaire:
    """The shipped questionnaire of the template ``key`` (read once, shared: immutable)."""
    try:
        template = BY_KEY[key]
    except KeyError:
        raise KeyError(f"no evaluation template {key!r}; templates: {', '.join(BY_KEY)}") from None
    return load(f"evaluation/{template.file}")


__all__ = [
    "BY_KEY",
    "FOLLOW_UP",
    "PROFESSIONALS",
    "SATISFACTION_FALC",
    "TEMPLATES",
    "Template",
    "build",
]
