from hypothesis import given
from hypothesis import strategies as st

from vivier.text import fold, search_terms, stems, words


def test_accents_case_and_ligatures_are_folded():
    assert fold("Conférence FAMILIALE, Œuvre") == "conference familiale, oeuvre"


def test_hyphens_and_apostrophes_separate_words():
    assert words("l'aller-vers et la pair-aidance") == ["aller", "vers", "pair", "aidance"]


def test_singular_and_plural_share_a_stem():
    assert stems("conférences familiales") == stems("conference familiale")


def test_a_query_gives_distinct_stems_in_order():
    assert search_terms("Conférence familiale conférences Gironde") == [
        "conferent",
        "familial",
        "girond",
    ]


@given(st.text())
def test_any_text_gives_ascii_lowercase_terms(text):
    for term in search_terms(text):
        assert term.isascii() and term == term.lower() and term.isalnum()
