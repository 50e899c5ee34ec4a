"""The questionnaires of evaluation shipped as data: they load, validate and round-trip like
the HCTS one; the two written for persons supported read easily (FALC); none asks who
answers; their satisfaction questions share their values, so one figure reads alike."""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

import pytest

from vivier.surveys.codecs.vivier_json import dumps
from vivier.surveys.questionnaires import evaluation
from vivier.surveys.schema import Questionnaire, QuestionType
from vivier.surveys.validation import errors_only, validate_questionnaire

KEYS = [template.key for template in evaluation.TEMPLATES]
FALC = ["satisfaction_falc", "suivi"]
#: Words that make a sentence negative; two in one sentence is a double negative.
NEGATIONS = {"pas", "jamais", "rien", "aucun", "aucune", "personne", "plus", "ni", "nul", "nulle"}
#: The longest sentence the easy-to-read texts allow, in words.
MAX_WORDS = 15


def texts(q: Questionnaire) -> list[str]:
    """Every text a respondent reads."""
    found = [q.title, q.description, q.thanks]
    for section in q.sections:
        found += [section.title, section.description]
        for question in section.questions:
            found += [question.label, question.hint, *(c.label for c in question.choices)]
            if question.scale is not None and question.type is QuestionType.RATING:
                found += list(question.scale.labels.values())
    return [text for text in found if text]


def sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.?!])\s+", text) if part.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w’']+", sentence.lower())


@pytest.mark.parametrize("key", KEYS)
def test_each_template_loads_validates_and_round_trips(key):
    template = evaluation.BY_KEY[key]
    q = evaluation.build(key)
    assert q is evaluation.build(key)  # read once, shared
    assert q.meta["template"] == key and q.slug == f"evaluation-{template.file}"
    assert errors_only(validate_questionnaire(q)) == []
    text = resources.files(evaluation).joinpath(f"{template.file}.json").read_text(encoding="utf-8")
    assert dumps(q).strip() == text.strip()


def test_only_the_follow_up_goes_to_a_panel():
    assert [t.key for t in evaluation.TEMPLATES if t.follow_up] == ["suivi"]
    with pytest.raises(KeyError, match="no evaluation template 'hcts'"):
        evaluation.build("hcts")


@pytest.mark.parametrize("key", KEYS)
def test_no_template_asks_who_answers(key):
    q = evaluation.build(key)
    assert q.personal_keys() == frozenset()
    assert not any(
        question.type in (QuestionType.SHORT_TEXT, QuestionType.EMAIL, QuestionType.PHONE)
        for question in q.questions()
    )


@pytest.mark.parametrize("key", KEYS)
def test_satisfaction_keeps_the_same_values_everywhere(key):
    question = evaluation.build(key).question("satisfaction")
    assert question.type is QuestionType.SINGLE_CHOICE
    assert [c.value for c in question.choices] == [
        "tres_satisfait",
        "satisfait",
        "peu_satisfait",
        "pas_satisfait",
        "ne_sait_pas",
    ]


@pytest.mark.parametrize("key", FALC)
def test_easy_to_read_sentences_are_short_and_say_one_thing(key):
    for text in texts(evaluation.build(key)):
        for sentence in sentences(text):
            assert len(words(sentence)) <= MAX_WORDS, sentence
            # One idea per sentence: no semicolon, no aside in brackets.
            assert not set(sentence) & set(";()[]"), sentence


@pytest.mark.parametrize("key", FALC)
def test_easy_to_read_sentences_have_no_double_negative(key):
    for text in texts(evaluation.build(key)):
        for sentence in sentences(text):
            negative = [w for w in words(sentence) if w in NEGATIONS]
            assert len(negative) <= 1, sentence


@pytest.mark.parametrize("key", KEYS)
def test_no_pictogram(key):
    for text in texts(evaluation.build(key)):
        for character in text:
            assert unicodedata.category(character)[0] in "LNPZ", (character, text)


@pytest.mark.parametrize("key", FALC)
def test_easy_to_read_questions_may_all_be_skipped(key):
    q = evaluation.build(key)
    assert not any(question.required for question in q.questions())
    assert "Vous pouvez passer une question." in q.description


def test_the_follow_up_asks_the_same_questions_at_every_wave():
    """The follow-up file has no branch: every wave shows every question, so the answers of
    one panel member compare from one wave to the next."""
    q = evaluation.build("suivi")
    assert all(not s.relevant for s in q.sections)
    assert all(not question.relevant for question in q.questions())
