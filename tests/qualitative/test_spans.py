"""Spans of a text: what is a valid span, its text-quote selector, and finding it again after
the text was edited (``vivier.qualitative.spans``)."""

from __future__ import annotations

from hypothesis import assume, example, given
from hypothesis import strategies as st

from vivier.qualitative import spans

TEXT = (
    "J’ai rencontré Mme Durand le 3 mars. Elle anime un groupe de parole pour les aidants. "
    "Le groupe de parole se réunit chaque mardi au centre social."
)


def span_of(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(words, at + 1)
    return at, at + len(words)


def again(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    return spans.reanchor(old, new, start, end, *spans.selector(old, start, end))


# -- validate and selector ---------------------------------------------------------------------


def test_a_span_inside_the_text_is_valid():
    assert spans.validate("abcdef", 0, 6) is None
    assert spans.validate("abcdef", 2, 3) is None


def test_invalid_spans_say_what_is_wrong():
    assert spans.validate("abc", -1, 2) == "start -1 is negative"
    assert spans.validate("abc", 2, 2) == "end 2 is not after start 2"
    assert spans.validate("abc", 1, 4) == "end 4 is past the end of the text (3 characters)"
    assert spans.validate("abc", True, 2) == "offsets must be whole numbers"


def test_offsets_count_characters_not_bytes():
    text = "Œuvre d’élan 🙂 ici"
    start, end = span_of(text, "ici")
    assert (start, end) == (15, 18)  # UTF-16 would say 16: the emoji is two units there
    assert spans.validate(text, start, end) is None


def test_the_selector_quotes_the_span_and_32_characters_around():
    start, end = span_of(TEXT, "groupe de parole")
    exact, prefix, suffix = spans.selector(TEXT, start, end)
    assert exact == "groupe de parole"
    assert prefix == TEXT[start - 32 : start] and len(prefix) == 32
    assert suffix == TEXT[end : end + 32]
    assert spans.selector("abc", 0, 1) == ("a", "", "bc")


# -- reanchor ----------------------------------------------------------------------------------


def test_an_unchanged_text_keeps_the_span():
    assert again(TEXT, TEXT, 10, 20) == (10, 20)


def test_an_insertion_before_the_span_moves_it():
    start, end = span_of(TEXT, "groupe de parole", 1)
    new = TEXT.replace("J’ai rencontré", "Hier, j’ai rencontré longuement")
    found = again(TEXT, new, start, end)
    assert found is not None
    assert new[found[0] : found[1]] == "groupe de parole"
    assert found[0] == start + len(new) - len(TEXT)


def test_a_redaction_before_the_span_moves_it():
    text = "Appelez-moi au 06 12 34 56 78. Le groupe de parole aide vraiment les aidants."
    new = text.replace("06 12 34 56 78", "[numéro effacé]")
    start, end = span_of(text, "groupe de parole")
    found = again(text, new, start, end)
    assert found is not None and new[found[0] : found[1]] == "groupe de parole"


def test_a_repeated_phrase_is_found_by_its_context():
    """The second "groupe de parole" is coded; the text before both changes, and the span's
    own words are rewritten around it: the quote's context picks the right one."""
    start, end = span_of(TEXT, "groupe de parole", 1)
    new = TEXT.replace("Le groupe de parole se réunit", "Ce groupe de parole se réunit")
    found = again(TEXT, new, start, end)
    assert found is not None
    assert found == span_of(new, "groupe de parole", 1)


def test_words_moved_elsewhere_are_found_where_they_went():
    text = "Premier point. Les visites à domicile rassurent. Dernier point."
    start, end = span_of(text, "Les visites à domicile rassurent.")
    new = "Les visites à domicile rassurent. Premier point. Dernier point."
    found = again(text, new, start, end)
    assert found == (0, len("Les visites à domicile rassurent."))


def test_an_edit_inside_a_long_span_keeps_it_on_its_ends():
    text = "Début. Elle dit : appelez le 06 12 34 56 78 pour tout renseignement utile. Fin."
    start, end = span_of(text, "Elle dit : appelez le 06 12 34 56 78 pour tout renseignement")
    new = text.replace("06 12 34 56 78", "[numéro]")
    found = again(text, new, start, end)
    assert found == span_of(new, "Elle dit : appelez le [numéro] pour tout renseignement")


def test_a_span_whose_words_are_gone_is_lost():
    start, end = span_of(TEXT, "Mme Durand")
    new = TEXT.replace("Mme Durand", "[nom]")
    assert again(TEXT, new, start, end) is None


def test_a_span_rewritten_whole_is_lost():
    text = "Avant. Le groupe de parole aide. Après."
    start, end = span_of(text, "Le groupe de parole aide.")
    new = "Avant. Tout autre chose, vraiment différente. Après."
    assert again(text, new, start, end) is None


def test_carry_moves_a_span_the_edit_left_alone_and_drops_one_it_touched():
    start, end = span_of(TEXT, "Mme Durand")
    new = "Bonjour. " + TEXT
    assert spans.carry(TEXT, new, start, end) == (start + 9, end + 9)
    assert spans.carry(TEXT, TEXT.replace("Durand", "D."), start, end) is None


def test_many_edits_far_apart_in_a_long_text():
    paragraphs = [f"Paragraphe {i} : le groupe numéro {i} se réunit le mardi." for i in range(400)]
    old = "\n".join(paragraphs)
    start, end = span_of(old, "le groupe numéro 200 se réunit")
    edited = list(paragraphs)
    edited[3] = "Paragraphe corrigé au début."
    edited[399] = "Paragraphe corrigé à la fin."
    edited.insert(100, "Un paragraphe ajouté au milieu.")
    new = "\n".join(edited)
    found = again(old, new, start, end)
    assert found == span_of(new, "le groupe numéro 200 se réunit")


# -- Property: an edit outside the span keeps it on the same words -----------------------------

WORDS = st.text(alphabet="abcdé .,\n’🙂", min_size=0, max_size=40)


@st.composite
def text_span_and_edit(draw):
    text = draw(st.text(alphabet="abcdéf .,\n’🙂", min_size=2, max_size=120))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    # An edit (replace [a, b) by new words) entirely before or entirely after the span.
    if draw(st.booleans()):
        a = draw(st.integers(0, start))
        b = draw(st.integers(a, start))
    else:
        a = draw(st.integers(end, len(text)))
        b = draw(st.integers(a, len(text)))
    inserted = draw(WORDS)
    return text, start, end, text[:a] + inserted + text[b:]


@given(text_span_and_edit())
def test_an_edit_outside_the_span_keeps_it_on_the_same_words(case):
    old, start, end, new = case
    found = again(old, new, start, end)
    assert found is not None
    assert new[found[0] : found[1]] == old[start:end]
    assert spans.validate(new, *found) is None


@example(("aaadd", 3, 5, "ddd"))
@given(text_span_and_edit())
def test_a_span_whose_words_are_unique_stays_exactly_in_place(case):
    old, start, end, new = case
    words = old[start:end]
    # Occurrences that may overlap ("dd" is twice in "ddd"): str.count would say once.
    assume(sum(new.startswith(words, at) for at in range(len(new))) == 1)
    found = again(old, new, start, end)
    assert found == (new.index(words), new.index(words) + len(words))


@given(st.text(max_size=60), st.integers(-3, 70), st.integers(-3, 70))
def test_validate_accepts_exactly_the_spans_python_can_slice_non_empty(text, start, end):
    ok = spans.validate(text, start, end) is None
    assert ok == (0 <= start < end <= len(text))
