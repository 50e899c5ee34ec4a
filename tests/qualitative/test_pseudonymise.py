"""Pseudonymisation: consistent placeholders in a text and across a project, and a mapping
that never holds the words replaced."""

from __future__ import annotations

from vivier.qualitative.pii import Found
from vivier.qualitative.pseudonymise import Pseudonymiser, pseudonymise


def spans(text: str, *items: tuple[str, str]) -> list[Found]:
    """Found spans of ``text`` for each (kind, words), first occurrence after the previous."""
    out, at = [], 0
    for kind, words in items:
        start = text.index(words, at)
        out.append(Found(kind, start, start + len(words)))  # type: ignore[arg-type]
        at = start + len(words)
    return out


def test_the_same_person_gets_the_same_placeholder_in_one_text():
    text = "Sophie Martin est venue. Mme Martin a parlé de Karim ; Sophie reviendra."
    found = spans(
        text,
        ("person", "Sophie Martin"),
        ("person", "Martin"),
        ("person", "Karim"),
        ("person", "Sophie"),
    )
    result = pseudonymise(text, found)
    assert result.text == (
        "[Personne 1] est venue. Mme [Personne 1] a parlé de [Personne 2] ; [Personne 1] reviendra."
    )
    assert result.placeholders == {"[Personne 1]": "person", "[Personne 2]": "person"}


def test_two_people_sharing_a_surname_stay_two():
    text = "Paul Martin et Sophie Martin"
    result = pseudonymise(text, spans(text, ("person", "Paul Martin"), ("person", "Sophie Martin")))
    assert result.text == "[Personne 1] et [Personne 2]"


def test_placeholders_hold_across_the_texts_of_one_project():
    project = Pseudonymiser()
    first = project.pseudonymise(
        "Karim vit à Lyon.", spans("Karim vit à Lyon.", ("person", "Karim"), ("place", "Lyon"))
    )
    second_text = "Nadia a croisé Karim à Lyon puis à Privas."
    second = project.pseudonymise(
        second_text,
        spans(
            second_text,
            ("person", "Nadia"),
            ("person", "Karim"),
            ("place", "Lyon"),
            ("place", "Privas"),
        ),
    )
    assert first.text == "[Personne 1] vit à [Lieu 1]."
    assert second.text == "[Personne 2] a croisé [Personne 1] à [Lieu 1] puis à [Lieu 2]."


def test_contacts_and_numbers_become_what_they_were_and_the_mapping_never_holds_them():
    text = "Écrire à marie@exemple.fr ou au 06 12 34 56 78, 12 rue des Lilas."
    result = pseudonymise(text)
    assert result.text == (
        "Écrire à [adresse électronique] ou au [numéro de téléphone], [adresse]."
    )
    held = " ".join([*result.placeholders, *result.placeholders.values()])
    for words in ("marie", "06 12", "Lilas"):
        assert words not in held


def test_without_spans_given_the_text_is_read_for_them():
    result = pseudonymise("Mme Benali a rencontré Karim à Villeurbanne.")
    assert "Benali" not in result.text and "Karim" not in result.text
    assert "Villeurbanne" not in result.text
    assert result.text.startswith("Mme [Personne 1]")
