"""The COG table and the reading of what respondents type as a département."""

import pytest

from vivier.territories import (
    DEPARTEMENT_CODES,
    DEPARTEMENTS,
    OVERSEAS_DEPARTEMENT_CODES,
    REGION_CODES,
    REGIONS,
    departement_label,
    departement_name,
    departements_of_region,
    is_departement_code,
    normalize_departement,
    region_name,
    region_of,
)


def test_there_are_101_departements_and_18_regions():
    assert len(DEPARTEMENTS) == 101
    assert len(DEPARTEMENT_CODES) == 101
    assert len(REGIONS) == 18
    assert len(REGION_CODES) == 18


def test_metropolitan_codes_run_from_01_to_95_with_corsica_split():
    metropolitan = {f"{n:02d}" for n in range(1, 96)} - {"20"} | {"2A", "2B"}
    assert metropolitan <= DEPARTEMENT_CODES
    assert len(metropolitan) == 96


def test_old_corsica_code_20_does_not_exist():
    assert "20" not in DEPARTEMENT_CODES
    assert normalize_departement("20") is None


def test_corsica_is_two_departements_of_region_94():
    assert departement_name("2A") == "Corse-du-Sud"
    assert departement_name("2B") == "Haute-Corse"
    assert region_of("2A") == region_of("2B") == "94"
    assert region_name("94") == "Corse"


def test_overseas_departements_have_their_own_region():
    expected = {
        "971": ("Guadeloupe", "01"),
        "972": ("Martinique", "02"),
        "973": ("Guyane", "03"),
        "974": ("La Réunion", "04"),
        "976": ("Mayotte", "06"),
    }
    assert expected.keys() == OVERSEAS_DEPARTEMENT_CODES
    for code, (name, region) in expected.items():
        assert departement_name(code) == name
        assert region_of(code) == region
    assert "975" not in DEPARTEMENT_CODES  # Saint-Pierre-et-Miquelon is not a département


def test_region_of_gironde_is_nouvelle_aquitaine():
    assert region_of("33") == "75"
    assert region_name("75") == "Nouvelle-Aquitaine"


@pytest.mark.parametrize(
    ("region", "count"),
    [
        ("11", 8),
        ("24", 6),
        ("27", 8),
        ("28", 5),
        ("32", 5),
        ("44", 10),
        ("52", 5),
        ("53", 4),
        ("75", 12),
        ("76", 13),
        ("84", 12),
        ("93", 6),
        ("94", 2),
    ],
)
def test_each_metropolitan_region_has_its_departements(region, count):
    assert len(departements_of_region(region)) == count


def test_every_departement_points_to_a_known_region():
    assert {d.region_code for d in DEPARTEMENTS} == REGION_CODES


def test_names_are_unique_and_codes_are_in_cog_order():
    assert len({d.name for d in DEPARTEMENTS}) == 101
    codes = [d.code for d in DEPARTEMENTS]
    assert codes[19:21] == ["2A", "2B"]
    assert codes[-5:] == ["971", "972", "973", "974", "976"]


def test_unknown_codes_raise_key_error():
    with pytest.raises(KeyError):
        departement_name("20")
    with pytest.raises(KeyError):
        region_of("2a")  # look-ups want the official spelling; normalize first


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2a", "2A"),
        ("2B", "2B"),
        ("2 b", "2B"),
        ("1", "01"),
        ("01", "01"),
        (1, "01"),
        ("033", "33"),
        ("33", "33"),
        ("971", "971"),
        ("976", "976"),
        ("Gironde", "33"),
        ("GIRONDE", "33"),
        ("  gironde ", "33"),
        ("33 - Gironde", "33"),
        ("33 Gironde", "33"),
        ("Gironde (33)", "33"),
        ("(75) Paris", "75"),
        ("cote d or", "21"),
        ("Côte-d'Or", "21"),
        ("Cotes d'Armor", "22"),
        ("ardeche", "07"),
        ("Seine-St-Denis", "93"),
        ("Val-d'Oise - 95", "95"),
        ("la reunion", "974"),
        ("Réunion", "974"),
        ("Haute Corse", "2B"),
        ("Territoire-de-Belfort", "90"),
        ("Puy de Dome", "63"),
    ],
)
def test_normalize_accepts_codes_and_names(text, code):
    assert normalize_departement(text) == code


@pytest.mark.parametrize(
    "text",
    ["", "   ", "20", "96", "975", "00", "0", "2C", "Corse", "Atlantis", "33 - Paris", None, True],
)
def test_normalize_refuses_what_is_not_one_departement(text):
    assert normalize_departement(text) is None


def test_every_official_name_and_code_normalizes_to_itself():
    for d in DEPARTEMENTS:
        assert normalize_departement(d.code) == d.code
        assert normalize_departement(d.name) == d.code
        assert normalize_departement(departement_label(d.code)) == d.code


def test_is_departement_code_wants_the_official_spelling():
    assert is_departement_code("2A")
    assert not is_departement_code("2a")
    assert not is_departement_code("1")
