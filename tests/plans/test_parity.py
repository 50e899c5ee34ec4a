"""The parity rule a cross-evaluation committee checks before a session opens."""

from __future__ import annotations

from vivier.plans.parity import Rule, Seat, SeatGroup, check

PRO, PERSON = SeatGroup.PROFESSIONAL, SeatGroup.PERSON_CONCERNED


def seats(professionals: int, persons: int, organisation: str = "") -> list[Seat]:
    return [Seat(f"p{i}", PRO, organisation) for i in range(professionals)] + [
        Seat(f"c{i}", PERSON, organisation) for i in range(persons)
    ]


def test_five_and_five_opens():
    assert check(Rule.K_PLUS_K, seats(5, 5)) == []
    assert check(Rule.K_PLUS_K, seats(3, 3), k=3) == []


def test_too_few_and_unbalanced_are_both_said():
    codes = [breach.code for breach in check(Rule.K_PLUS_K, seats(4, 6))]
    assert codes == ["too_few", "unbalanced"]
    (breach,) = check(Rule.K_PLUS_K, seats(6, 6), k=7)
    assert (breach.code, breach.professionals, breach.persons_concerned, breach.k) == (
        "too_few",
        6,
        6,
        7,
    )
    assert [b.code for b in check(Rule.K_PLUS_K, seats(7, 6))] == ["unbalanced"]


def test_per_organisation_one_of_each():
    fine = seats(1, 1, "Maison A") + seats(1, 1, "Maison B")
    assert check(Rule.PER_ORGANISATION, fine) == []
    breaches = check(Rule.PER_ORGANISATION, seats(2, 1, "Maison A") + seats(1, 1, "Maison B"))
    assert [(b.code, b.organisation, b.professionals) for b in breaches] == [
        ("organisation_unbalanced", "Maison A", 2)
    ]


def test_a_member_without_an_organisation_is_said():
    (breach,) = check(Rule.PER_ORGANISATION, [*seats(1, 1, "A"), Seat("x", PERSON, " ")])
    assert (breach.code, breach.persons_concerned) == ("no_organisation", 1)


def test_nobody_seated_never_opens():
    assert [b.code for b in check(Rule.PER_ORGANISATION, [])] == ["too_few"]
    assert check(Rule.K_PLUS_K, [], k=0) != []
