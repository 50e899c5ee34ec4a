"""1,771 synthetic responses to the HCTS 2020 questionnaire whose aggregates match the report.

Why exact allocation rather than random answers: the demo campaign must reproduce the figures
the report publishes within one percentage point, at every run. So, for each question, the
generator decides how many respondents answer it and how many choose each option (counts
derived from the published percentages and their base N), then deals those values out to the
respondents for whom the question is relevant, shuffled with ``random.Random(seed)``. Nothing
is left to chance except *who* gets which value, and that is fixed by the seed.

Top-down, because the branching makes bases depend on each other: Q1 splits the persons
concerned (19) from the professionals (1,752); 1,301 of them answer Q14 and its "yes" (768)
opens the rest of the questionnaire; 276 answer Q23, which splits need (234) from request
(42); every follow-up is dealt among the respondents who gave the answer that opens it. Only
Q1 is required; every other question is answered by a subset of the size the report gives
(Q12: 1,242, Q14: 1,301, Q15: 240, Q26: 234, Q54: 205...).

Who answers the optional questions is not uniform either: each respondent who knows a
practice gets an *engagement* weight, and subsets are drawn with those weights, so the same
few hundred people tend to answer most questions, as in a real survey where N falls from
question to question. The choice of numbers per question, and the published figures each one
meets, are listed in ``tests/demo/test_hcts_figures.py``.

Pure Python, no Django: ``vivier.demo.builder`` loads the result, benchmarks and tests can use
it directly. Generating the 1,771 responses takes a fraction of a second.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from vivier.demo import free_texts
from vivier.surveys.questionnaires import hcts_2020
from vivier.surveys.schema import OTHER_VALUE, Questionnaire
from vivier.territories import DEPARTEMENT_CODES, OVERSEAS_DEPARTEMENT_CODES

PARIS = ZoneInfo("Europe/Paris")


def _words(text: str) -> list[str]:
    return text.split()


TOTAL = 1771
SEED = 2020
FIRST_DAY = date(2020, 7, 27)
LAST_DAY = date(2020, 9, 23)
PEAK_DAY = date(2020, 8, 24)
#: "Plus de 350" on the peak day.
PEAK_COUNT = 362

#: The networks that relayed the 2020 questionnaire ("têtes de réseau"), as (link code, label):
#: the demo campaign gets one tracked link each.
NETWORKS: tuple[tuple[str, str], ...] = (
    ("unccas", "UNCCAS"),
    ("anas", "ANAS"),
    ("cnaf", "CNAF"),
    ("unaforis", "UNAFORIS"),
    ("fas", "Fédération des acteurs de la solidarité"),
    ("andass", "ANDASS"),
    ("uniopss", "UNIOPSS"),
    ("cnpa-crpa", "CNPA et CRPA"),
    ("cnfpt", "CNFPT"),
    ("msa", "MSA"),
    ("atd-quart-monde", "ATD Quart Monde"),
    ("departements", "ADF et conseils départementaux"),
)
_NETWORK_LABELS = dict(NETWORKS)

#: Which network most likely brought a respondent, by structure (Q12): people hear of a survey
#: through their own federation. Unanswered Q12 falls back to ``None``.
_CHANNEL_WEIGHTS: dict[str | None, dict[str, int]] = {
    "conseil_departemental": {"departements": 6, "andass": 2, "anas": 2, "cnfpt": 1},
    "caf": {"cnaf": 9, "anas": 1},
    "sante": {"anas": 5, "unaforis": 1, "uniopss": 2},
    "ccas": {"unccas": 9, "cnfpt": 1},
    "association": {"fas": 4, "uniopss": 4, "unaforis": 1, "anas": 1},
    "commune": {"unccas": 3, "cnfpt": 3},
    "etat": {"anas": 2, "cnfpt": 1, "andass": 1},
    "protection_sociale": {"msa": 6, "cnaf": 2},
    OTHER_VALUE: {"unaforis": 3, "anas": 2, "fas": 1, "uniopss": 1},
    None: {
        "unccas": 3,
        "anas": 4,
        "cnaf": 3,
        "unaforis": 2,
        "fas": 2,
        "andass": 1,
        "uniopss": 2,
        "cnfpt": 2,
        "msa": 1,
        "departements": 4,
    },
    # Persons concerned and their representatives came through their own bodies.
    "persons_concerned": {"cnpa-crpa": 5, "atd-quart-monde": 4, "fas": 1},
}


@dataclass(frozen=True, slots=True)
class GeneratedResponse:
    #: Stable key, "hcts-0001" … "hcts-1771" in order of submission.
    key: str
    #: Aware datetime (Europe/Paris).
    submitted_at: datetime
    #: Code of the distribution link (``DistributionLink.code`` in the demo campaign).
    link_code: str
    #: The network's label, as stored in ``Response.channel``.
    channel: str
    #: "online" or "assisted" (entered by staff for the respondent).
    mode: str
    #: Answers keyed as ``validate_answers`` expects, personal data (Q74, Q75) included.
    answers: dict[str, Any]


# --------------------------------------------------------------------------- the plan
# Counts per question. Each line says which published figures it meets; the test holds the
# figures themselves (printed value, base, report line) and checks them.

#: Q1, base 1771: 71 % social workers; "cadres" 17 % read as team leaders 11 % + executives
#: 6 % (the chart's 11 % and 6 %), volunteers the chart's 0 %; 11 persons concerned and 8
#: representatives; "Autre" the remaining 10.5 % (the chart's missing share).
Q1 = {
    "travailleur_social": 1257,
    "responsable_equipe": 195,
    "cadre_direction": 106,
    "benevole": 8,
    "personne_concernee": 11,
    "representant": 8,
    OTHER_VALUE: 186,
}
#: Q12, answered by 1242 of the 1752 professionals: CD 23 %, Caf 14 %, santé 11 %, CCAS 9 %.
Q12 = {
    "conseil_departemental": 286,
    "caf": 174,
    "sante": 137,
    "ccas": 112,
    "association": 300,
    "commune": 55,
    "etat": 40,
    "protection_sociale": 58,
    OTHER_VALUE: 80,
}
Q12_ANSWERED = 1242
#: Q13: Paris 13 % and Loir-et-Cher 13 % of 1210 answers (157 each); the rest spread.
Q13_ANSWERED = 1210
Q13_FIXED = {"75": 157, "41": 157}
#: Q14, answered by 1301 of the 1752 professionals (those who skip it stop there): 59 % yes.
Q14_ANSWERED = 1301
Q14_YES = 768
#: Q23, answered by 276 of the 768 who know a practice: 85 % need / 15 % request.
Q23 = {"besoin_terrain": 234, "demande_hierarchie": 42}

_LARGE_DEPARTEMENTS = frozenset(
    _words("13 59 69 33 92 93 94 31 44 62 67 34 76 06 35 38 78 91 95 77 57 974 971 972 973 976")
)


def generate(q: Questionnaire | None = None, *, seed: int = SEED) -> list[GeneratedResponse]:
    """The 1,771 responses, in order of submission; the same seed gives the same list."""
    questionnaire = q if q is not None else hcts_2020.build()
    if questionnaire.slug != hcts_2020.HCTS_SLUG:
        raise ValueError(f"this generator is for {hcts_2020.HCTS_SLUG}, not {questionnaire.slug}")
    return _Generator(questionnaire, random.Random(seed)).run()


class _Generator:
    def __init__(self, q: Questionnaire, rng: random.Random) -> None:
        self.q = q
        self.rng = rng
        self.answers: list[dict[str, Any]] = [{} for _ in range(TOTAL)]
        self.weight = [1.0] * TOTAL
        # Option order per question: list answers are stored in that order.
        self.order = {question.name: question.option_values() for question in q.questions()}

    # ------------------------------------------------------------------ primitives

    def where(self, predicate: Callable[[dict[str, Any]], bool]) -> list[int]:
        return [i for i, a in enumerate(self.answers) if predicate(a)]

    def pick(
        self, pool: Sequence[int], k: int, boost: Mapping[int, float] | None = None
    ) -> list[int]:
        """``k`` of ``pool`` drawn without replacement, with the engagement weights.

        Efraimidis-Spirakis keys (u ** (1/w)): exact size, deterministic, one pass.
        """
        if k > len(pool):
            raise ValueError(f"cannot pick {k} of {len(pool)}")
        keyed = []
        for i in pool:
            w = self.weight[i] * (boost.get(i, 1.0) if boost else 1.0)
            keyed.append((self.rng.random() ** (1.0 / w), i))
        keyed.sort(reverse=True)
        return sorted(i for _, i in keyed[:k])

    def deal(self, counts: Mapping[str, int]) -> list[str]:
        values = [value for value, n in counts.items() for _ in range(n)]
        self.rng.shuffle(values)
        return values

    def single(
        self,
        name: str,
        pool: Sequence[int],
        counts: Mapping[str, int],
        boost: Mapping[int, float] | None = None,
    ) -> list[int]:
        """Gives ``name`` to ``sum(counts)`` respondents of ``pool``, exactly ``counts``."""
        chosen = self.pick(pool, sum(counts.values()), boost)
        for i, value in zip(chosen, self.deal(counts), strict=True):
            self.answers[i][name] = value
        self._other_texts(name, [i for i in chosen if self.answers[i][name] == OTHER_VALUE])
        return chosen

    def multi(
        self,
        name: str,
        pool: Sequence[int],
        answered: int,
        counts: Mapping[str, int],
        sequence: Sequence[str] | None = None,
    ) -> list[int]:
        """Ticks each option of ``name`` for exactly ``counts[option]`` of ``answered``.

        The option instances, laid end to end (in ``sequence``), are dealt round the shuffled
        respondents: as no option is ticked more often than there are respondents, nobody
        gets an option twice, and as there are at least as many ticks as respondents,
        everybody ticks something. ``sequence`` puts side by side the options that may be
        ticked together (the wrap-around pairs the last option with the first).
        """
        if any(n > answered for n in counts.values()) or sum(counts.values()) < answered:
            raise ValueError(f"{name}: counts {dict(counts)} do not fit {answered} respondents")
        chosen = self.pick(pool, answered)
        people = list(chosen)
        self.rng.shuffle(people)
        ticks: dict[int, set[str]] = {i: set() for i in people}
        position = 0
        for option in sequence or list(counts):
            for _ in range(counts[option]):
                ticks[people[position % answered]].add(option)
                position += 1
        order = self.order[name]
        for i, options in ticks.items():
            self.answers[i][name] = [v for v in order if v in options]
        self._other_texts(name, [i for i in chosen if OTHER_VALUE in self.answers[i][name]])
        return chosen

    def _other_texts(self, name: str, people: list[int]) -> None:
        if not people:
            return
        texts = free_texts.coded_texts(self.rng, f"{name}_other", len(people))
        for i, text in zip(people, texts, strict=True):
            self.answers[i][f"{name}_other"] = text

    def text(self, name: str, pool: Sequence[int], k: int, most: int = 2) -> list[int]:
        """Free text for ``k`` of ``pool``; coded themes (counted by the report) included."""
        chosen = self.pick(pool, k)
        if name in free_texts.CODED:
            texts = free_texts.coded_texts(self.rng, name, k)
        else:
            texts = [free_texts.plain(self.rng, name, most) for _ in chosen]
        for i, text in zip(chosen, texts, strict=True):
            self.answers[i][name] = text
        return chosen

    def has(self, name: str, value: str) -> list[int]:
        return self.where(lambda a: a.get(name) == value)

    # ------------------------------------------------------------------ the path

    def run(self) -> list[GeneratedResponse]:
        self.profiles()
        self.persons_concerned()
        self.structure_and_knowledge()
        knows = self.has("q14", "yes")
        self.engagement(knows)
        self.practice(knows)
        self.origin(knows)
        self.implementation(knows)
        self.evaluation(knows)
        self.impact_and_contacts(knows)
        return self.finish()

    def profiles(self) -> None:
        everyone = list(range(TOTAL))
        for i, value in zip(everyone, self.deal(Q1), strict=True):
            self.answers[i]["q1"] = value
        self._other_texts("q1", self.has("q1", OTHER_VALUE))

    def persons_concerned(self) -> None:
        rng = self.rng
        concerned = self.has("q1", "personne_concernee")
        representatives = self.has("q1", "representant")
        # Q2: 3 of the 11 persons concerned and 6 of the 8 representatives know a practice.
        for group, yes in ((concerned, 3), (representatives, 6)):
            values = ["yes"] * yes + ["no"] * (len(group) - yes)
            rng.shuffle(values)
            for i, value in zip(group, values, strict=True):
                self.answers[i]["q2"] = value
        # Only two practices were described, both by representatives who also answered the
        # whole Q5-Q9 block.
        describers = rng.sample([i for i in representatives if self.answers[i]["q2"] == "yes"], 2)
        for n, i in enumerate(describers):
            a = self.answers[i]
            a["q3"] = free_texts.POOLS["q3"][n]
            a["q4"] = free_texts.POOLS["q4"][n]
            a["q5"] = "yes"
            a["q6"] = [v for v in self.order["q6"] if v in {"avis", "co_construction"}]
            a["q7"] = "yes"
            a["q8"] = "mieux"
            a["q9"] = free_texts.POOLS["q9"][n]
            a["q10"] = "yes"
        # Q10: one person concerned says the practice did not improve their situation.
        knowing = [i for i in concerned if self.answers[i]["q2"] == "yes"]
        self.answers[rng.choice(knowing)]["q10"] = "no"
        for i in rng.sample(concerned + representatives, 4):
            self.answers[i]["q11"] = free_texts.plain(rng, "q11", 1)

    def structure_and_knowledge(self) -> None:
        professionals = self.where(lambda a: a["q1"] not in ("personne_concernee", "representant"))
        self.single("q12", professionals, Q12)
        self.departements(professionals)
        answering = self.pick(professionals, Q14_ANSWERED)
        for i, value in zip(
            answering,
            self.deal({"yes": Q14_YES, "no": Q14_ANSWERED - Q14_YES}),
            strict=True,
        ):
            self.answers[i]["q14"] = value

    def departements(self, professionals: list[int]) -> None:
        rest = Q13_ANSWERED - sum(Q13_FIXED.values())
        codes = sorted(c for c in DEPARTEMENT_CODES if c not in Q13_FIXED)
        weights = {c: 4.0 if c in _LARGE_DEPARTEMENTS else 1.0 for c in codes}
        for code in OVERSEAS_DEPARTEMENT_CODES:
            weights[code] = min(weights.get(code, 1.0), 2.0)
        counts = dict(Q13_FIXED)
        counts.update(_largest_remainder(weights, rest))
        chosen = self.pick(professionals, Q13_ANSWERED)
        for i, code in zip(chosen, self.deal(counts), strict=True):
            self.answers[i]["q13"] = code

    def engagement(self, knows: list[int]) -> None:
        # A heavy-tailed weight (1 to e**5): a few hundred respondents answer most optional
        # questions, the others only the required ones, like the report's falling N.
        for i in knows:
            self.weight[i] = math.exp(5.0 * self.rng.random())

    def practice(self, knows: list[int]) -> None:
        rng = self.rng
        practices = {i: free_texts.pick_practice(rng) for i in knows}
        q15 = self.pick(knows, 240)
        for i in q15:
            first = practices[i]
            name = free_texts.practice_name(rng, first)
            if rng.random() < 0.2:  # some name a second practice they know
                second = free_texts.pick_practice(rng)
                if second is not first:
                    name += " ; " + free_texts.practice_name(rng, second).lower()
            self.answers[i]["q15"] = name
        # Those who named a practice are far more likely to describe it.
        q16 = self.pick(knows, 240, boost=dict.fromkeys(q15, 30.0))
        for i in q16:
            self.answers[i]["q16"] = free_texts.practice_description(rng, practices[i])
        self.multi(
            "q17",
            knows,
            250,
            {
                "ecoute": 155,
                "accompagnement_social": 152,
                "acces_aux_droits": 120,
                "mediation_numerique": 47,
                "logement": 60,
                "insertion": 55,
                "lien_social": 90,
                "sante": 52,
                "parentalite": 58,
                OTHER_VALUE: 10,
            },
        )
        for i in self.pick(knows, 200):
            self.answers[i]["q18"] = free_texts.practice_public(rng, practices[i])
        self.single("q19", knows, {"direct_public": 225, "via_professionnels_dedies": 25})
        self.multi(
            "q20",
            knows,
            282,
            {
                "travailleurs_sociaux": 133,
                "institutions_referentes": 130,
                "partenaires": 31,
                "personnes_concernees": 28,
                "elus": 20,
                "tetes_de_reseau": 17,
                OTHER_VALUE: 15,
            },
        )
        self.single(
            "q21",
            knows,
            {
                "institution": 188,
                "partenaires_territoire": 25,
                "personnes_concernees": 20,
                OTHER_VALUE: 47,
            },
        )
        self.single(
            "q22", knows, {"naissante": 138, "existante_confidentielle": 70, "renaissante": 62}
        )
        for i, value in zip(self.pick(knows, sum(Q23.values())), self.deal(Q23), strict=True):
            self.answers[i]["q23"] = value

    def origin(self, knows: list[int]) -> None:
        need = self.has("q23", "besoin_terrain")
        request = self.has("q23", "demande_hierarchie")
        self.text("q24", need, 193)
        self.multi(
            "q25",
            need,
            214,
            {
                "professionnels": 150,
                "personnes_concernees": 45,
                "partenaires": 26,
                "benevoles": 6,
                OTHER_VALUE: 47,
            },
        )
        self.single("q26", need, {"yes": 68, "no": 166})
        self.single(
            "q27",
            self.has("q26", "yes"),
            {
                "besoin_nouveau_crise": 11,
                "besoin_existant_renforce": 22,
                "besoin_existant_solutions_accelerees": 33,
            },
        )
        # The same 42 say who asked (Q28) and whether the crisis prompted it (Q29).
        askers = self.text("q28", request, 42, most=1)
        self.single("q29", askers, {"yes": 27, "no": 15})
        self.single(
            "q30",
            self.has("q29", "yes"),
            {
                "adaptation_pratique_existante": 17,
                "obligation_reglementaire": 8,
                "besoin_nouveau": 1,
            },
        )

    def implementation(self, knows: list[int]) -> None:
        self.single(
            "q31", knows, {"adaptation_reponse_existante": 146, "creation_reponse_nouvelle": 124}
        )
        self.text("q32", self.has("q31", "adaptation_reponse_existante"), 83)
        self.single("q33", knows, {"yes": 94, "no": 89, "dont_know": 64})
        self.text("q34", self.has("q33", "yes"), 70, most=1)
        self.single("q35", knows, {"yes": 72, "no": 137, "dont_know": 31})
        self.text("q36", self.has("q35", "yes"), 40, most=1)
        self.single("q37", knows, {"yes": 86, "no": 115, "dont_know": 39})
        self.text("q38", self.has("q37", "yes"), 60, most=1)
        self.multi(
            "q39",
            knows,
            240,
            {
                "demande_institutionnelle": 46,
                "repondant": 46,
                "equipe_restreinte": 43,
                "avec_directions": 36,
                "avec_personnes_concernees": 26,
                "avec_benevoles": 7,
                OTHER_VALUE: 50,
            },
        )
        self.single("q40", knows, {"yes": 127, "no": 85, "dont_know": 23})
        # Wrap-around pairs "no more than information" with "information meeting", the only
        # pair that makes sense together.
        self.multi(
            "q41",
            knows,
            220,
            {
                "aucune_au_dela_information": 77,
                "co_construction_effective": 70,
                "reunion_de_travail_unique": 53,
                "reunion_information": 48,
            },
        )
        self.single("q42", knows, {"yes": 117, "no": 85, "dont_know": 28})
        self.multi(
            "q43",
            self.has("q42", "yes"),
            113,
            {
                "groupe_de_travail_reunions_co_construction": 31,
                "informes_courrier_courriel_sms": 32,
                "informes_reunions_dediees": 29,
                "affiches": 16,
                OTHER_VALUE: 32,
            },
        )
        self.multi(
            "q44",
            self.has("q42", "no"),
            77,
            {OTHER_VALUE: 39, "manque_de_temps": 26, "pas_de_volontaires": 3, "inutile": 14},
        )
        self.single("q45", knows, {"no": 97, "yes": 57, "dont_know": 20})
        self.multi(
            "q46",
            knows,
            150,
            {
                "fonds_propres": 36,
                "collectivites_territoriales": 40,
                "services_etat": 28,
                "appel_a_projets": 38,
                "opco": 8,
                "fondation": 12,
                "fonds_europeens": 6,
                OTHER_VALUE: 6,
            },
        )
        self.single("q47", knows, {"yes": 78, "no": 105, "dont_know": 27})
        self.single("q48", knows, {"yes": 162, "no": 34, "dont_know": 14})
        self.multi(
            "q49",
            self.has("q48", "yes"),
            150,
            {
                "repondant": 57,
                "toute_equipe": 53,
                "direction": 41,
                "autre_referent": 26,
                OTHER_VALUE: 9,
            },
        )
        self.multi(
            "q50",
            knows,
            200,
            {
                "soutien_hierarchie": 126,
                "information_equipe": 102,
                "formation_travailleurs_sociaux": 96,
                "temps_degage": 68,
                "aide_partenaires": 66,
                "moyens_financiers": 50,
                OTHER_VALUE: 6,
            },
        )
        self.text("q51", knows, 130)
        self.single("q52", knows, {"yes": 108, "no": 61, "dont_know": 35})
        self.text("q53", self.has("q52", "yes"), 80)

    def evaluation(self, knows: list[int]) -> None:
        self.single("q54", knows, {"yes": 90, "no": 88, "dont_know": 27})
        evaluated = self.has("q54", "yes")
        self.text("q55", evaluated, 89, most=1)
        self.text("q56", evaluated, 70)
        self.single("q57", evaluated, {"yes": 40, "no": 28, "dont_know": 12})
        # 86 of the 88 "no" answer Q58: the only base near 88 that gives 29/34/37 %.
        self.single("q58", self.has("q54", "no"), {"yes": 25, "no": 29, "dont_know": 32})
        self.text("q59", self.has("q58", "no"), 22, most=1)
        # Q60 has no display rule, but its label addresses those whose practice was
        # evaluated: they are much more likely to answer it.
        self.single(
            "q60",
            knows,
            {"superieurs": 42, "a_la_hauteur": 115, "pas_a_la_hauteur": 33},
            boost=dict.fromkeys(evaluated, 6.0),
        )
        self.text("q61", self.has("q60", "pas_a_la_hauteur"), 25, most=1)
        self.text("q62", self.has("q60", "superieurs"), 40, most=1)
        self.text("q63", knows, 166)
        self.text("q64", knows, 154)
        self.single("q65", knows, {"yes": 79, "no": 68, "dont_know": 33})
        self.text("q66", self.has("q65", "no"), 61, most=1)
        self.q67(knows)
        self.text("q68", self.has("q67", "no"), 9, most=1)
        self.single("q69", knows, {"yes": 67, "no": 62, "dont_know": 58})
        self.text("q70", self.has("q69", "no"), 41, most=1)
        self.q71(knows)

    def q67(self, knows: list[int]) -> None:
        """190 answers; the report describes them as 93 % professionals (read: social workers,
        team leaders and executives), 67 % social workers: the answerers are drawn per
        profile to match."""
        groups = {
            "travailleur_social": ({"travailleur_social"}, 127),
            "encadrement": ({"responsable_equipe", "cadre_direction"}, 50),
            "autres": ({"benevole", OTHER_VALUE}, 13),
        }
        chosen: list[int] = []
        for profiles, k in groups.values():
            chosen += self.pick([i for i in knows if self.answers[i]["q1"] in profiles], k)
        chosen.sort()
        for i, value in zip(
            chosen, self.deal({"yes": 154, "no": 13, "dont_know": 23}), strict=True
        ):
            self.answers[i]["q67"] = value

    def q71(self, knows: list[int]) -> None:
        """200 grids whose row means are exactly the published scores (3.57 ... 3.11)."""
        raters = self.pick(knows, 200)
        means = {
            "personnes_beneficiaires": 3.57,
            "equipes": 3.38,
            "managers": 3.23,
            "institutions_politiques": 3.16,
            "partenaires": 3.11,
        }
        grids: dict[int, dict[str, int]] = {i: {} for i in raters}
        for row, mean in means.items():
            for i, point in zip(raters, _ratings(self.rng, len(raters), mean), strict=True):
                grids[i][row] = point
        for i, grid in grids.items():
            self.answers[i]["q71"] = grid

    def impact_and_contacts(self, knows: list[int]) -> None:
        self.text("q72", knows, 148)
        self.text("q73", knows, 100)
        # 261 contacts: 240 e-mail addresses, 170 phone numbers, 149 people gave both.
        contacts = self.pick(knows, 261)
        self.rng.shuffle(contacts)
        for n, i in enumerate(contacts):
            if n < 240:
                self.answers[i]["q74"] = _email(self.rng, n)
            if n >= 91:
                # 06 39 98 xx xx: a range ARCEP keeps for fiction, so nobody real is called.
                self.answers[i]["q75"] = f"06 39 98 {n // 100:02d} {n % 100:02d}"

    # ------------------------------------------------------------------ dates, channels

    def finish(self) -> list[GeneratedResponse]:
        rng = self.rng
        moments = _moments(rng)
        rng.shuffle(moments)
        persons = set(self.has("q1", "personne_concernee") + self.has("q1", "representant"))
        # A few entries typed by staff for people who preferred to answer by phone or at the
        # service: most persons concerned, and a handful of others.
        assisted = set(rng.sample(sorted(persons), 12))
        assisted |= set(rng.sample([i for i in range(TOTAL) if i not in persons], 24))
        keys = self.q.answer_keys()
        rows = []
        for i, moment in enumerate(moments):
            answers = self.answers[i]
            group = "persons_concerned" if i in persons else answers.get("q12")
            weights = _CHANNEL_WEIGHTS[group]
            code = rng.choices(list(weights), weights=list(weights.values()))[0]
            ordered = {k: answers[k] for k in keys if k in answers}
            mode = "assisted" if i in assisted else "online"
            rows.append((moment, i, code, mode, ordered))
        rows.sort(key=lambda row: (row[0], row[1]))
        return [
            GeneratedResponse(
                key=f"hcts-{n:04d}",
                submitted_at=moment,
                link_code=code,
                channel=_NETWORK_LABELS[code],
                mode=mode,
                answers=answers,
            )
            for n, (moment, _, code, mode, answers) in enumerate(rows, start=1)
        ]


# --------------------------------------------------------------------------- helpers


def _largest_remainder(weights: Mapping[str, float], total: int) -> dict[str, int]:
    """Integer counts proportional to ``weights`` that sum exactly to ``total``."""
    scale = total / sum(weights.values())
    exact = {k: w * scale for k, w in weights.items()}
    counts = {k: math.floor(v) for k, v in exact.items()}
    short = total - sum(counts.values())
    for k in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[:short]:
        counts[k] += 1
    return counts


def _ratings(rng: random.Random, n: int, mean: float) -> list[int]:
    """``n`` points on 1-5 with exactly ``mean`` (to the hundredth) and a plausible spread.

    Starts from a bell-like spread (mean 3.38) and nudges single ratings up or down one
    point until the total is right.
    """
    shares = (0.08, 0.14, 0.28, 0.32, 0.18)
    counts = [round(s * n) for s in shares]
    counts[2] += n - sum(counts)
    points = [p for p, c in zip(range(1, 6), counts, strict=True) for _ in range(c)]
    target = round(mean * n)
    total = sum(points)
    while total != target:
        step = 1 if total < target else -1
        movable = [j for j, p in enumerate(points) if 1 <= p + step <= 5]
        points[rng.choice(movable)] += step
        total += step
    rng.shuffle(points)
    return points


_FIRST_NAMES = _words(
    "claire anne julie marie sophie nadia lea camille sarah ines "
    "thomas nicolas karim julien paul hugo mehdi olivier pierre yann"
)
_LAST_NAMES = _words(
    "martin bernard dubois durand leroy moreau simon laurent lefebvre michel "
    "garcia david bertrand roux vincent fournier morel girard andre mercier"
)


def _email(rng: random.Random, n: int) -> str:
    # example.org is reserved for examples (RFC 2606): no real mailbox can be hit.
    return f"{rng.choice(_FIRST_NAMES)}.{rng.choice(_LAST_NAMES)}{n}@example.org"


def _day_weight(day: date) -> float:
    """Relative number of answers on a day outside the peak (Paris time).

    Weekdays count more than weekends; the launch week is busy, August's holidays quiet,
    the week after the 24 August relaunch busy again, September steady, the last two days
    see a final reminder, and 23 September (closing day, extraction) has only its morning.
    """
    weekday = (1.25, 1.2, 1.1, 1.0, 0.8, 0.2, 0.15)[day.weekday()]
    if day <= date(2020, 8, 2):
        phase = 1.9 - 0.1 * (day - FIRST_DAY).days
    elif day < PEAK_DAY:
        phase = 0.55
    elif day <= date(2020, 8, 31):
        phase = 1.5
    elif day < date(2020, 9, 21):
        phase = 1.0
    elif day < LAST_DAY:
        phase = 1.3
    else:
        phase = 0.3
    return weekday * phase


def day_counts() -> dict[date, int]:
    """Responses per day: the peak day has ``PEAK_COUNT``, the others share the rest."""
    days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    others = {d.isoformat(): _day_weight(d) for d in days if d != PEAK_DAY}
    counts = _largest_remainder(others, TOTAL - PEAK_COUNT)
    result = {d: counts.get(d.isoformat(), 0) for d in days}
    result[PEAK_DAY] = PEAK_COUNT
    return result


#: Weights of the hours of the day (Paris time) at which people answer: office hours, a dip
#: at lunch, a few in the evening.
_HOURS = {
    7: 1,
    8: 3,
    9: 6,
    10: 7,
    11: 6,
    12: 3,
    13: 3,
    14: 6,
    15: 6,
    16: 5,
    17: 4,
    18: 2,
    19: 1,
    20: 1,
    21: 1,
}
#: On closing day the answers were extracted in the morning.
_CLOSING_HOURS = {7: 1, 8: 2, 9: 3, 10: 2}


def _moments(rng: random.Random) -> list[datetime]:
    moments = []
    for day, count in day_counts().items():
        hours = _CLOSING_HOURS if day == LAST_DAY else _HOURS
        for hour in rng.choices(list(hours), weights=list(hours.values()), k=count):
            moments.append(
                datetime(
                    day.year,
                    day.month,
                    day.day,
                    hour,
                    rng.randrange(60),
                    rng.randrange(60),
                    tzinfo=PARIS,
                )
            )
    return moments


def as_jsonl_rows(responses: Iterable[GeneratedResponse]) -> list[dict[str, Any]]:
    """The responses in the format of ``vivier import-responses`` (one dict per line)."""
    return [
        {
            "id": r.key,
            "submitted_at": r.submitted_at.isoformat(),
            "channel": r.channel,
            "mode": r.mode,
            "version": 1,
            "answers": r.answers,
        }
        for r in responses
    ]


__all__ = ["PEAK_DAY", "TOTAL", "GeneratedResponse", "day_counts", "generate"]
