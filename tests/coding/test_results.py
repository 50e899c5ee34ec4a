"""Which codes a text has for the results (vivier.coding.results.effective_codes), and the
tables and report part built from them, on the hand-made example of
tests/qualitative/test_tables.py.

``coded_campaign`` is shared with the results pages' and the report's tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.support import make_campaign, small_questionnaire
from vivier.campaigns import services
from vivier.coding import results
from vivier.coding.models import (
    Adjudication,
    Code,
    Codebook,
    Coding,
    CodingRound,
    Quote,
    Source,
    SuggestionModel,
)

pytestmark = pytest.mark.django_db

#: key: (role, themes, text, codes); the same six answers as the pure tests.
ANSWERS = {
    "s1": ("pro", ["a", "b"], "Nous allons vers les familles.", ["A", "B"]),
    "s2": ("pro", ["a"], "Des permanences au marché.", ["A"]),
    "s3": ("pc", ["b"], "Les pairs accompagnent.", ["B", "C"]),
    "s4": ("other", [], "Un café des parents.", ["A", "C"]),
    "s5": ("pro", [], "Rien de nouveau.", []),
    "s6": ("pc", [], "Je ne sais pas.", []),
}


@dataclass
class Coded:
    campaign: object
    codes: dict[str, Code]
    sources: dict[str, Source]


def make_codes(campaign) -> dict[str, Code]:
    """A category "Types de pratiques" (not codable) with A, B, C; D at the top level."""
    book = Codebook.objects.create(campaign=campaign, name="Livre")
    types = Code.objects.create(
        codebook=book, name="Types de pratiques", is_codable=False, questions=["nom"], position=0
    )
    codes = {"types": types}
    for position, (key, name) in enumerate(
        [("A", "Aller vers"), ("B", "Pair-aidance"), ("C", "Lieu convivial")], start=1
    ):
        codes[key] = Code.objects.create(codebook=book, parent=types, name=name, position=position)
    codes["D"] = Code.objects.create(codebook=book, name="Déclencheur", position=9)
    return codes


def apply(source, code, user=None, **fields) -> Coding:
    return Coding.objects.create(source=source, code=code, coder=user, **fields)


def coded_campaign(user, *, slug: str = "petit", code: bool = True) -> Coded:
    """Six answers to "nom" (four coded, as in the pure tests) and a note coded C and D.

    s6 had A, removed since (undo): it is not coded.
    """
    campaign = make_campaign(small_questionnaire(slug), slug=slug)
    codes = make_codes(campaign)
    sources: dict[str, Source] = {}
    for index, (key, (role, themes, text, _codes)) in enumerate(ANSWERS.items()):
        answers = {"role": role, "connait": "yes", "nom": text}
        if role == "other":
            answers["role_other"] = "Bénévole"
        if themes:
            answers["themes"] = themes
        response = services.create_submitted(
            campaign,
            key=f"{slug}-{key}",
            answers=answers,
            submitted_at=datetime(2020, 8, 24, 10, tzinfo=UTC) + timedelta(hours=index),
        )
        sources[key] = Source.objects.create(
            campaign=campaign,
            kind=Source.Kind.ANSWER,
            name=f"Réponse {key}",
            response=response,
            question="nom",
            text=text,
        )
    sources["n1"] = Source.objects.create(
        campaign=campaign, kind=Source.Kind.NOTE, name="Entretien 1", text="Note d’entretien."
    )
    if code:
        for key, (_role, _themes, _text, names) in ANSWERS.items():
            for name in names:
                apply(sources[key], codes[name], user)
        apply(sources["n1"], codes["C"], user)
        apply(sources["n1"], codes["D"], user)
        apply(sources["s6"], codes["A"], user, removed_at=timezone.now())
    return Coded(campaign, codes, sources)


def effective(coded: Coded) -> dict[str, set[str]]:
    """effective_codes, with the example's names for sources and codes."""
    source_names = {s.pk: name for name, s in coded.sources.items()}
    code_names = {c.pk: name for name, c in coded.codes.items()}
    return {
        source_names[source]: {code_names[c] for c in codes}
        for source, codes in results.effective_codes(coded.campaign).items()
    }


# -- The rule ------------------------------------------------------------------------------------


def test_human_codings_count_and_a_removed_one_does_not(analyst_axel):
    coded = coded_campaign(analyst_axel)
    assert effective(coded) == {
        "s1": {"A", "B"},
        "s2": {"A"},
        "s3": {"B", "C"},
        "s4": {"A", "C"},
        "n1": {"C", "D"},
    }


def test_a_suggestion_counts_only_once_a_person_accepted_it(analyst_axel):
    coded = coded_campaign(analyst_axel)
    model = SuggestionModel.objects.create(campaign=coded.campaign, version=1, status="ready")
    s5 = coded.sources["s5"]
    suggestion = apply(
        s5, coded.codes["D"], origin=Coding.Origin.MODEL, model=model, status="suggested", score=0.9
    )
    assert "s5" not in effective(coded)
    # Accepting marks the suggestion and makes a person's coding: only the latter counts.
    suggestion.status = Coding.Status.ACCEPTED
    suggestion.save()
    assert "s5" not in effective(coded)
    apply(s5, coded.codes["D"], analyst_axel, status=Coding.Status.ACCEPTED)
    assert effective(coded)["s5"] == {"D"}


def test_an_open_round_is_hidden_until_it_closes(analyst_axel, analyst_bea):
    coded = coded_campaign(analyst_axel)
    blind = CodingRound.objects.create(
        campaign=coded.campaign, number=1, title="Double codage", sample_size=2
    )
    s5 = coded.sources["s5"]
    apply(s5, coded.codes["B"], analyst_axel, round=blind)
    apply(s5, coded.codes["C"], analyst_bea, round=blind)
    assert "s5" not in effective(coded)
    blind.status = CodingRound.Status.CLOSED
    blind.closed_at = timezone.now()
    blind.save()
    # Closed: a code counts when at least one coder of the round gave it.
    assert effective(coded)["s5"] == {"B", "C"}


def test_an_adjudication_decides_over_the_coders(analyst_axel, analyst_bea):
    coded = coded_campaign(analyst_axel)
    closed = CodingRound.objects.create(
        campaign=coded.campaign, number=1, title="Cycle", sample_size=2, status="closed"
    )
    s1, s5 = coded.sources["s1"], coded.sources["s5"]
    apply(s1, coded.codes["C"], analyst_bea, round=closed)
    # B was given to s1 outside the round and C inside: the team says B is absent, C present.
    decided = timezone.now()
    Adjudication.objects.create(
        round=closed, source=s1, code=coded.codes["B"], present=False, decided_at=decided
    )
    Adjudication.objects.create(
        round=closed, source=s1, code=coded.codes["C"], present=True, decided_at=decided
    )
    # A code nobody gave, agreed on in adjudication, counts.
    Adjudication.objects.create(
        round=closed, source=s5, code=coded.codes["D"], present=True, decided_at=decided
    )
    found = effective(coded)
    assert found["s1"] == {"A", "C"}
    assert found["s5"] == {"D"}


def test_the_latest_adjudication_holds_and_an_open_rounds_does_not(analyst_axel):
    coded = coded_campaign(analyst_axel)
    first = CodingRound.objects.create(
        campaign=coded.campaign, number=1, title="Premier", sample_size=2, status="closed"
    )
    second = CodingRound.objects.create(
        campaign=coded.campaign, number=2, title="Second", sample_size=2, status="closed"
    )
    s2 = coded.sources["s2"]
    now = timezone.now()
    Adjudication.objects.create(
        round=second, source=s2, code=coded.codes["A"], present=True, decided_at=now
    )
    Adjudication.objects.create(
        round=first, source=s2, code=coded.codes["A"], present=False, decided_at=now - timedelta(1)
    )
    assert effective(coded)["s2"] == {"A"}
    second.status = CodingRound.Status.OPEN
    second.save()
    # The open round's decision does not count yet: the first one's does.
    assert "s2" not in effective(coded)


def test_a_merged_code_counts_as_the_code_it_went_into(analyst_axel):
    coded = coded_campaign(analyst_axel)
    old = Code.objects.create(
        codebook=coded.codes["A"].codebook,
        name="Aller au-devant",
        active=False,
        merged_into=coded.codes["A"],
    )
    apply(coded.sources["s5"], old, analyst_axel)
    assert effective(coded)["s5"] == {"A"}


# -- Tables ------------------------------------------------------------------------------------


def test_the_frequency_tables_are_per_question_with_the_notes_apart(analyst_axel):
    coded = coded_campaign(analyst_axel)
    res = results.gather(coded.campaign)
    found = {
        t["group"].key: (
            t["sources"],
            t["n"],
            [(res.name(r["code"]), r["count"]) for r in t["codes"]],
        )
        for t in results.frequency_tables(res)
    }
    assert found == {
        # Six texts, four coded: A 3, B 2, C 2.
        "nom": (6, 4, [("Aller vers", 3), ("Pair-aidance", 2), ("Lieu convivial", 2)]),
        results.NOTES: (1, 1, [("Lieu convivial", 1), ("Déclencheur", 1)]),
    }


def test_the_typology_of_a_category_counts_every_text_it_classes(analyst_axel):
    coded = coded_campaign(analyst_axel)
    res = results.gather(coded.campaign)
    (table,) = results.typology_tables(res)
    assert table["category"] == coded.codes["types"]
    # s1 s2 s3 s4 and the note: 5. A 3, C 3 (s3 s4 n1), B 2.
    assert table["n"] == 5
    assert [(res.name(r["code"]), r["count"], r["percent"]) for r in table["rows"]] == [
        ("Aller vers", 3, 60.0),
        ("Lieu convivial", 3, 60.0),
        ("Pair-aidance", 2, 40.0),
    ]


def test_codes_crossed_with_a_closed_question(analyst_axel):
    coded = coded_campaign(analyst_axel)
    res = results.gather(coded.campaign)
    q = coded.campaign.questionnaire.questionnaire()
    choices = [("pro", "Professionnel"), ("pc", "Personne concernée"), ("other", "Autre")]
    (table,) = results.crosstab_tables(res, q.question("role"), choices)
    assert [(c["label"], c["n"]) for c in table["columns"]] == [
        ("Professionnel", 2),
        ("Personne concernée", 1),
        ("Autre", 1),
    ]
    counts = {res.name(r["code"]): [c["count"] for c in r["counts"]] for r in table["codes"]}
    assert counts == {
        "Aller vers": [2, 0, 1],
        "Pair-aidance": [1, 1, 0],
        "Lieu convivial": [0, 1, 1],
    }
    themes = q.question("themes")
    (table,) = results.crosstab_tables(res, themes, [("a", "Aller vers"), ("b", "Pair-aidance")])
    assert table["unanswered"] == 1
    counts = {res.name(r["code"]): [c["count"] for c in r["counts"]] for r in table["codes"]}
    assert counts == {"Aller vers": [2, 1], "Pair-aidance": [1, 2], "Lieu convivial": [0, 1]}


# -- The report's part -----------------------------------------------------------------------------


def review(coded: Coded, key: str, code: str, text: str, *, reviewed: bool = True) -> Quote:
    coding = Coding.objects.get(
        source=coded.sources[key], code=coded.codes[code], removed_at__isnull=True
    )
    return Quote.objects.create(
        coding=coding,
        source=coded.sources[key],
        text=text,
        consent=Quote.Consent.SURVEY_TERMS,
        reviewed=reviewed,
    )


def test_the_report_part_holds_frequencies_typologies_and_reviewed_quotes(analyst_axel):
    coded = coded_campaign(analyst_axel)
    review(coded, "s1", "A", "[Personne 1] va vers les familles.")
    review(coded, "s3", "B", "Une citation pas encore vérifiée.", reviewed=False)
    section = results.report_section(coded.campaign)
    assert section is not None
    assert section["rule"] == dict(results.RULE)
    assert (section["sources"], section["coded"]) == (7, 5)
    nom = section["questions"][0]
    assert (nom["key"], nom["n"], nom["sources"]) == ("nom", 4, 6)
    assert [(c["name"], c["count"], c["percent"]) for c in nom["codes"]] == [
        ("Aller vers", 3, 75.0),
        ("Pair-aidance", 2, 50.0),
        ("Lieu convivial", 2, 50.0),
    ]
    assert nom["codes"][0]["code"] == str(coded.codes["A"].guid)
    (typology,) = section["typologies"]
    assert (typology["name"], typology["n"], typology["questions"]) == (
        "Types de pratiques",
        5,
        ["nom"],
    )
    # Only the reviewed quote, with its code's name.
    assert section["quotes"] == [
        {
            "code": str(coded.codes["A"].guid),
            "name": "Aller vers",
            "question": "nom",
            "ref": "nom",
            "text": "[Personne 1] va vers les familles.",
            "consent": "survey_terms",
        }
    ]


def test_the_published_part_hides_small_counts(analyst_axel):
    coded = coded_campaign(analyst_axel)
    section = results.report_section(coded.campaign, publication=True, k=5)
    assert section is not None and section["suppression"] == {"k": 5}
    # Every code's count of the example is under 5: none is published, nor any share.
    for entry in [*section["questions"], *section["typologies"]]:
        for row in entry.get("codes") or entry.get("rows"):
            assert row["count"] is None and row["percent"] is None
    # The questions' N (4 and 1) too; the typology's (5 texts) may show.
    assert [entry["n"] for entry in section["questions"]] == [None, None]
    assert section["typologies"][0]["n"] == 5
    # With k = 2, the note's ones are hidden. The typology's row C (3) is C's count in "nom"
    # (2) plus the note's (1, hidden): one of the two printed goes too, here the smaller.
    section = results.report_section(coded.campaign, publication=True, k=2)
    assert section is not None
    nom, note = section["questions"]
    assert [c["count"] for c in nom["codes"]] == [3, 2, None]
    assert [c["count"] for c in note["codes"]] == [None, None]
    rows = {row["name"]: row["count"] for row in section["typologies"][0]["rows"]}
    assert rows == {"Aller vers": 3, "Lieu convivial": 3, "Pair-aidance": 2}


def test_nothing_coded_means_no_part(analyst_axel):
    coded = coded_campaign(analyst_axel, code=False)
    assert results.report_section(coded.campaign) is None
    assert results.dashboard(coded.campaign) is None


def test_a_round_still_open_makes_no_part(analyst_axel):
    coded = coded_campaign(analyst_axel, code=False)
    blind = CodingRound.objects.create(
        campaign=coded.campaign, number=1, title="En cours", sample_size=1
    )
    apply(coded.sources["s1"], coded.codes["A"], analyst_axel, round=blind)
    assert results.report_section(coded.campaign) is None


def test_the_dashboard_gives_the_top_codes_per_question(analyst_axel):
    coded = coded_campaign(analyst_axel)
    found = results.dashboard(coded.campaign, top=2)
    assert found is not None
    assert [(g["ref"], g["n"], [c["name"] for c in g["codes"]]) for g in found] == [
        ("nom", 4, ["Aller vers", "Pair-aidance"]),
        ("Notes d’entretien et d’audition", 1, ["Lieu convivial", "Déclencheur"]),
    ]
