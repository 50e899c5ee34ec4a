"""E-mail addresses and telephone numbers: read them as people write them, find them in free
text, and mask them.

Pure core (no Django). Used by the personal-data tools (vivier.campaigns.privacy) to find one
person's data whatever the way a number was typed ("06 12 34 56 78", "+33 6 12 34 56 78",
"0033612345678" are one number), and to flag free-text answers that hold a contact.

Telephone numbers are read by ``phonenumbers`` (Google's libphonenumber), in France first and
then in the overseas departments and collectivities, whose numbers are written nationally with
a leading 0 ("0692 12 34 56" is +262 692 12 34 56 in La Réunion). Only numbers that are valid
in one of these plans, or written in international form, count: dates, SIRET numbers and
amounts are not telephone numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import phonenumbers

Kind = Literal["email", "phone"]

#: Metropolitan France first: "06…" is read as a French mobile before anything else.
FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF", "NC", "PF", "WF")

#: What replaces a contact when a text is redacted (stored in the answer: French, the data's
#: language) and what staff without the personal-data right see in its place.
REDACTED = {"email": "[adresse électronique effacée]", "phone": "[numéro de téléphone effacé]"}
MASKED = {"email": "[adresse électronique]", "phone": "[numéro de téléphone]"}

# "marie.dupont@exemple.fr", and the usual ways of hiding one from robots ("marie [at]
# exemple.fr", "marie arobase exemple.fr"). Letters are Unicode letters: "élodie@…".
_AT = r"(?:\s*@\s*|\s*[\[(]\s*(?:at|arobase)\s*[\])]\s*|\s+arobase\s+)"
_EMAIL = re.compile(
    r"(?<![\w.+-])([\w+-]+(?:\.[\w+-]+)*)" + _AT + r"((?:[\w-]+\.)+[^\W\d_]{2,})(?![\w-])",
    re.IGNORECASE,
)
# A number has at least 8 digits, whatever separates them: texts without that many skip the
# (slower) telephone matcher entirely.
_DIGITS = re.compile(r"\d")
_MIN_DIGITS = 8


@dataclass(frozen=True, slots=True)
class Found:
    """A contact found in a text: where it is, as written, and normalised."""

    kind: Kind
    start: int
    end: int
    raw: str
    #: Lower-case e-mail address, or the number in E.164 form (+33612345678).
    value: str


def normalize_email(text: str) -> str | None:
    """The address in one canonical form (lower case, compatibility-normalised), or None."""
    text = unicodedata.normalize("NFKC", text).strip()
    match = _EMAIL.fullmatch(text)
    if match is None:
        return None
    return f"{match.group(1)}@{match.group(2)}".lower()


def normalize_phone(text: str) -> str | None:
    """The number in E.164 form if it is valid in France (or overseas) or written as
    international, else None."""
    text = unicodedata.normalize("NFKC", text).strip()
    if len(_DIGITS.findall(text)) < _MIN_DIGITS or len(text) > 40:
        return None
    for region in FRENCH_REGIONS:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if text.startswith(("+", "00")):
            break  # international form: the region does not change how it reads
    return None


def normalize(text: str) -> tuple[Kind, str] | None:
    """What someone typed to name a person: ``("email", …)``, ``("phone", …)`` or None."""
    email = normalize_email(text)
    if email is not None:
        return "email", email
    phone = normalize_phone(text)
    if phone is not None:
        return "phone", phone
    return None


def find_contacts(text: str) -> list[Found]:
    """Every e-mail address and valid telephone number in ``text``, in order."""
    if not text:
        return []
    found: list[Found] = []
    for match in _EMAIL.finditer(text):
        value = f"{match.group(1)}@{match.group(2)}".lower()
        found.append(Found("email", match.start(), match.end(), match.group(0), value))
    if len(_DIGITS.findall(text)) >= _MIN_DIGITS:
        # The French plan's "possible" numbers locate the candidates (an overseas number
        # written "0692…" is possible but not valid in metropolitan France); each is then
        # read against every French plan and kept only if valid in one.
        matcher = phonenumbers.PhoneNumberMatcher(
            text, "FR", leniency=phonenumbers.Leniency.POSSIBLE
        )
        for number in matcher:
            start, end, raw = number.start, number.end, number.raw_string
            if any(f.start < end and start < f.end for f in found):
                continue  # digits inside an e-mail address
            # "(06 12 34 56 78)": the matcher may take the opening bracket and not the
            # closing one; a redaction must not leave half a pair behind.
            if raw.startswith("(") and raw.count("(") > raw.count(")"):
                start, raw = start + 1, raw[1:]
            phone = normalize_phone(raw)
            if phone is not None:
                found.append(Found("phone", start, end, raw, phone))
    found.sort(key=lambda f: f.start)
    return found


def replace_contacts(
    text: str,
    replacement: dict[str, str],
    *,
    only: frozenset[str] | None = None,
) -> tuple[str, int]:
    """``text`` with its contacts replaced (``only``: just those normalised values), and how
    many were replaced."""
    pieces: list[str] = []
    position = 0
    count = 0
    for item in find_contacts(text):
        if only is not None and item.value not in only:
            continue
        pieces.append(text[position : item.start])
        pieces.append(replacement[item.kind])
        position = item.end
        count += 1
    pieces.append(text[position:])
    return "".join(pieces), count


def redact(text: str, *, only: frozenset[str] | None = None) -> tuple[str, int]:
    """The text as stored after erasure: each contact replaced by a note saying it was."""
    return replace_contacts(text, REDACTED, only=only)


def mask(text: str) -> str:
    """The text as shown to staff who may not see personal data."""
    return replace_contacts(text, MASKED)[0]


def kinds(text: str) -> list[Kind]:
    """The kinds of contact a text holds, e-mail first: ``[]``, ``["phone"]``…"""
    present = {f.kind for f in find_contacts(text)}
    order: tuple[Kind, ...] = ("email", "phone")
    return [k for k in order if k in present]
