"""Answers refused at import say what to fix, never that they "will be ignored" (pure part).

An import is all or nothing: an answer to a question that does not apply, or to no
question at all, refuses the whole file, so its message cannot promise to ignore it.
"""

from __future__ import annotations

import pytest

from tests.support import small_questionnaire
from vivier.surveys.answers import validate_answers
from vivier.surveys.errors import ErrorCode


@pytest.mark.parametrize(
    ("answers", "key", "code"),
    [
        ({"role": "pc", "nom": "Café"}, "nom", ErrorCode.ANSWER_NOT_RELEVANT),
        (
            {"role": "pro", "colonne_inconnue": "x"},
            "colonne_inconnue",
            ErrorCode.UNKNOWN_ANSWER_KEY,
        ),
    ],
)
def test_a_refused_answer_says_what_to_fix_in_both_languages(answers, key, code):
    [issue] = validate_answers(small_questionnaire(), answers)[key]
    assert issue.code is code and issue.is_error
    french, english = issue.message("fr"), issue.message("en")
    assert "ignor" not in french and "ignor" not in english
    assert "retirez cette réponse" in french
    assert "remove this answer" in english
