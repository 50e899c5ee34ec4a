"""The respondent's path: relevance in order, cascading pruning, navigation and progress."""

from __future__ import annotations

import pytest

from tests.surveys.builders import question_maker
from vivier.surveys.errors import EngineError, ErrorCode, Field
from vivier.surveys.expressions import ExpressionError
from vivier.surveys.flow import (
    compile_questionnaire,
    next_section,
    path,
    previous_section,
    progress,
    prune,
    relevant_names,
    visible_sections,
)
from vivier.surveys.schema import Choice, Questionnaire, QuestionType, Section

T = QuestionType
CHOICES = (Choice("pro", "Professionnel"), Choice("conc", "Personne concernée"))


q = question_maker(CHOICES, label=str)


SURVEY = Questionnaire(
    "parcours",
    "Parcours",
    (
        Section(
            "profil",
            "Profil",
            (
                q("role", T.SINGLE_CHOICE, other=True),
                q("structure", relevant="${role} = 'pro'"),
                q("anciennete", T.INTEGER, relevant="${structure} != ''"),
            ),
        ),
        Section(
            "pratique",
            "Pratique",
            (
                q("intro", T.DISPLAY),
                q("pratique", T.YES_NO),
                q("detail", T.LONG_TEXT, relevant="${pratique} = 'yes'"),
            ),
            relevant="${role} = 'pro'",
        ),
        Section("vecu", "Vécu", (q("vecu", T.LONG_TEXT, relevant="${role} = 'conc'"),)),
        Section("fin", "Fin", (q("contact", T.EMAIL),)),
    ),
)


def names(sections: list[Section]) -> list[str]:
    return [section.name for section in sections]


def test_questions_without_condition_are_always_relevant():
    assert relevant_names(SURVEY, {}) == {"role", "contact"}


def test_a_condition_opens_its_question():
    assert "structure" in relevant_names(SURVEY, {"role": "pro"})
    assert "structure" not in relevant_names(SURVEY, {"role": "conc"})


def test_pruning_cascades_through_a_chain_of_conditions():
    answers = {"role": "conc", "structure": "CCAS", "anciennete": 4}
    relevant = relevant_names(SURVEY, answers)
    assert "structure" not in relevant
    # ``anciennete`` only depends on ``structure``, whose answer no longer counts.
    assert "anciennete" not in relevant


def test_a_section_condition_hides_all_its_questions():
    relevant = relevant_names(SURVEY, {"role": "conc", "pratique": "yes"})
    assert {"intro", "pratique", "detail"}.isdisjoint(relevant)


def test_prune_drops_answers_that_no_longer_apply_and_keeps_order():
    answers = {
        "contact": "a@b.fr",
        "role": "conc",
        "structure": "CCAS",
        "anciennete": 4,
        "vecu": "texte",
        "inconnue": 1,
    }
    assert list(prune(SURVEY, answers).items()) == [
        ("role", "conc"),
        ("vecu", "texte"),
        ("contact", "a@b.fr"),
    ]


def test_prune_drops_an_other_text_whose_option_is_not_ticked():
    assert prune(SURVEY, {"role": "pro", "role_other": "éducatrice"}) == {"role": "pro"}
    kept = prune(SURVEY, {"role": "other", "role_other": "éducatrice"})
    assert kept == {"role": "other", "role_other": "éducatrice"}


def test_prune_drops_empty_answers():
    assert prune(SURVEY, {"role": "", "contact": None}) == {}


def test_an_other_text_is_seen_by_later_expressions_only_when_other_is_ticked():
    survey = Questionnaire(
        "autre",
        "Autre",
        (
            Section(
                "s",
                "S",
                (q("role", T.SINGLE_CHOICE, other=True), q("b", relevant="${role_other} != ''")),
            ),
        ),
    )
    assert "b" in relevant_names(survey, {"role": "other", "role_other": "x"})
    assert "b" not in relevant_names(survey, {"role": "pro", "role_other": "x"})


def test_visible_sections_skip_sections_whose_questions_all_drop_out():
    assert names(visible_sections(SURVEY, {"role": "pro"})) == ["profil", "pratique", "fin"]
    assert names(visible_sections(SURVEY, {"role": "conc"})) == ["profil", "vecu", "fin"]
    assert names(visible_sections(SURVEY, {})) == ["profil", "fin"]


def test_next_section_skips_hidden_sections():
    next_one = next_section(SURVEY, {"role": "conc"}, "profil")
    assert next_one is not None and next_one.name == "vecu"
    after_practice = next_section(SURVEY, {"role": "pro"}, "pratique")
    assert after_practice is not None and after_practice.name == "fin"


def test_next_section_is_none_at_the_end():
    assert next_section(SURVEY, {}, "fin") is None


def test_previous_section_skips_hidden_sections():
    previous = previous_section(SURVEY, {"role": "pro"}, "fin")
    assert previous is not None and previous.name == "pratique"
    assert previous_section(SURVEY, {}, "profil") is None


def test_navigation_works_from_a_section_that_just_became_hidden():
    following = next_section(SURVEY, {"role": "conc"}, "pratique")
    assert following is not None and following.name == "vecu"


def test_progress_counts_only_the_sections_shown():
    assert progress(SURVEY, {"role": "conc"}, "vecu") == (2, 3)
    assert progress(SURVEY, {"role": "conc"}, "fin") == (3, 3)


def test_progress_of_a_hidden_section_is_the_rank_of_the_next_shown_one():
    assert progress(SURVEY, {"role": "conc"}, "pratique") == (2, 3)


def test_an_unknown_section_is_an_engine_error():
    with pytest.raises(EngineError) as caught:
        next_section(SURVEY, {}, "nulle_part")
    assert caught.value.code is ErrorCode.UNKNOWN_SECTION


def test_the_effective_answers_hold_only_what_later_expressions_may_see():
    seen = path(SURVEY, {"role": "conc", "structure": "CCAS", "vecu": ""}).effective
    assert seen == {"role": "conc"}


def test_a_questionnaire_is_compiled_once():
    assert compile_questionnaire(SURVEY) is compile_questionnaire(SURVEY)


def test_an_invalid_expression_is_reported_with_its_question_when_compiling():
    broken = Questionnaire("x", "X", (Section("s", "S", (q("a", relevant="${a} = ("),)),))
    with pytest.raises(ExpressionError) as caught:
        compile_questionnaire(broken)
    issue = caught.value.issue
    assert (issue.section, issue.question, issue.field) == ("s", "a", Field.RELEVANT)


def seventy_five_questions() -> Questionnaire:
    """Fifteen pages of five questions, each page gated by the previous one, each question by
    an earlier answer, like the HCTS questionnaire."""
    sections = []
    for page in range(15):
        questions = []
        for index in range(5):
            number = page * 5 + index
            if number == 0:
                relevant = ""
            elif index % 2:
                relevant = (
                    f"${{q{number - 1}}} = 'pro' or selected(${{q{max(0, number - 3)}}}, 'conc')"
                )
            else:
                relevant = (
                    f"${{q{number - 1}}} != '' and count-selected(${{q{max(0, number - 2)}}}) < 3"
                )
            questions.append(q(f"q{number}", T.SINGLE_CHOICE, relevant=relevant))
        gate = f"${{q{page * 5 - 1}}} != 'conc'" if page else ""
        sections.append(Section(f"p{page}", f"Page {page}", tuple(questions), relevant=gate))
    return Questionnaire("gros", "Gros", tuple(sections))


def test_closing_one_page_of_75_questions_prunes_every_question_that_depended_on_it():
    survey = seventy_five_questions()
    everyone = {f"q{n}": "pro" for n in range(75)}
    assert len(relevant_names(survey, everyone)) == 75
    # "conc" on q4 closes page 1; each later question reads an answer that is now dropped.
    closing = {**everyone, "q4": "conc"}
    assert relevant_names(survey, closing) == {f"q{n}" for n in range(5)}
    assert names(visible_sections(survey, closing)) == ["p0"]


def test_progress_counts_pages_that_may_still_come_before_the_branch_is_decided():
    # On the first page nothing is decided yet: both branch pages may follow.
    assert progress(SURVEY, {}, "profil") == (1, 4)


def test_progress_drops_the_pages_a_decided_branch_rules_out():
    assert progress(SURVEY, {"role": "pro"}, "profil") == (1, 3)
    assert progress(SURVEY, {"role": "pro"}, "pratique") == (2, 3)
