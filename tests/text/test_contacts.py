"""The contact detector: e-mails and French telephone numbers, as people write them."""

import pytest

from vivier.text import contacts


@pytest.mark.parametrize(
    "written",
    [
        "06 12 34 56 78",
        "0612345678",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "+33612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
    ],
)
def test_every_way_of_writing_a_french_mobile_is_one_number(written):
    assert contacts.normalize(written) == ("phone", "+33612345678")


def test_overseas_numbers_written_nationally_read_in_their_own_plan():
    assert contacts.normalize_phone("0692 12 34 56") == "+262692123456"
    assert contacts.normalize_phone("+262 692 12 34 56") == "+262692123456"
    assert contacts.normalize_phone("0590 12 34 56") == "+590590123456"


def test_e_mail_addresses_are_compared_without_case_and_spaces():
    assert contacts.normalize(" Marie.Dupont@Exemple.FR ") == ("email", "marie.dupont@exemple.fr")
    assert contacts.normalize_email("élodie [at] asso.org") == "élodie@asso.org"


@pytest.mark.parametrize("text", ["bonjour", "12/05/2020", "123", "marie@", "@exemple.fr", ""])
def test_what_is_neither_is_refused(text):
    assert contacts.normalize(text) is None


def test_contacts_are_found_in_free_text_and_nothing_else():
    text = (
        "Écrire à Marie.Dupont@exemple.fr ou au 06 12 34 56 78 (La Réunion : 0692 12 34 56). "
        "Créée le 12/05/2020, SIRET 123 456 789 00012, 12 000 personnes, 115 et 3975."
    )
    found = contacts.find_contacts(text)
    assert [(f.kind, f.value) for f in found] == [
        ("email", "marie.dupont@exemple.fr"),
        ("phone", "+33612345678"),
        ("phone", "+262692123456"),
    ]
    assert [text[f.start : f.end] for f in found] == [f.raw for f in found]
    assert contacts.kinds(text) == ["email", "phone"]
    assert contacts.kinds("Une pratique d'aller vers, 40 personnes en 2020.") == []


def test_redaction_replaces_each_contact_or_only_those_asked():
    text = "Marie : marie@exemple.fr, 06 12 34 56 78 ; le service : 01 23 45 67 89."
    redacted, count = contacts.redact(text)
    assert count == 3
    assert "marie@" not in redacted and "06 12" not in redacted and "01 23" not in redacted
    assert redacted.startswith("Marie : [adresse électronique effacée], [numéro")
    only, count = contacts.redact(text, only=frozenset({"+33612345678"}))
    assert count == 1
    assert "marie@exemple.fr" in only and "01 23 45 67 89" in only and "06 12" not in only


def test_masking_hides_the_contact_and_keeps_the_rest():
    masked = contacts.mask("Contact : marie@exemple.fr ou 06 12 34 56 78, merci.")
    assert masked == "Contact : [adresse électronique] ou [numéro de téléphone], merci."
