"""Small questionnaires written in a line, for the engine's tests and the problem roll call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from vivier.surveys.schema import Choice, Question, Questionnaire, QuestionType, Section

T = QuestionType
#: The types whose question is invalid without choices: the maker gives them some.
NEEDS_CHOICES = frozenset({T.SINGLE_CHOICE, T.MULTIPLE_CHOICE, T.RANKING})
ROLE_CHOICES = (Choice("pro", "Professionnel"), Choice("conc", "Personne concernée"))


def question_maker(
    default_choices: Sequence[Choice] = ROLE_CHOICES,
    *,
    label: Callable[[str], str] = str.capitalize,
) -> Callable[..., Question]:
    """``q(name, type, **fields)``: a question labelled from its name, with
    ``default_choices`` when its type needs choices and none are given."""

    def q(name: str, type: QuestionType = T.SHORT_TEXT, **fields: Any) -> Question:
        if type in NEEDS_CHOICES and "choices" not in fields:
            fields["choices"] = tuple(default_choices)
        return Question(name, type, label(name), **fields)

    return q


def form(*sections: Section | list[Question], name: str = "test") -> Questionnaire:
    """A questionnaire of these pages; a list of questions makes page ``s<n>``."""
    built = tuple(
        s if isinstance(s, Section) else Section(f"s{i}", f"Page {i}", tuple(s))
        for i, s in enumerate(sections, 1)
    )
    return Questionnaire(name, name.capitalize(), built)
