"""Suggestions learned from codings, the pure core: lemmas, per-code quality on held-out
texts, the floor, top-k, determinism, serialisation."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from vivier.qualitative import suggest

#: Three codes with words of their own, and one code given at random (nothing to learn).
THEMES = {
    "teletravail": (
        "Le télétravail s'est installé deux jours par semaine depuis la maison.",
        "Les collègues travaillent depuis leur domicile avec un ordinateur portable.",
        "Le travail à la maison permet de rédiger les rapports au calme.",
        "Une charte du télétravail fixe les horaires de connexion.",
    ),
    "logement": (
        "Un logement ordinaire est proposé directement aux personnes sans abri.",
        "Le bail est signé au nom de la personne, sans étape d'hébergement.",
        "Les bailleurs sociaux ouvrent des appartements aux sortants de la rue.",
        "L'accès direct au logement remplace le parcours en escalier.",
    ),
    "familles": (
        "La conférence familiale réunit grands-parents, oncles et voisins.",
        "La famille élargie construit elle-même son plan pour l'enfant.",
        "Un coordinateur indépendant prépare la réunion de famille.",
        "Les parents et leurs proches décident ensemble avant le juge.",
    ),
}
CLOSINGS = ("", " Les retours sont bons.", " Nous manquons de recul.", " À suivre.", " Merci.")
OPENINGS = ("", "Depuis un an, ", "Sur notre territoire, ", "Avec la crise, ")


def corpus(count: int, seed: int = 1) -> tuple[list[str], list[set[str]]]:
    rng = random.Random(seed)
    texts: list[str] = []
    labels: list[set[str]] = []
    seen: set[str] = set()
    codes = sorted(THEMES)
    while len(texts) < count:
        code = codes[len(texts) % len(codes)]
        body = " ".join(rng.sample(THEMES[code], 2))
        text = rng.choice(OPENINGS) + body + rng.choice(CLOSINGS)
        if text in seen:
            continue
        seen.add(text)
        texts.append(text)
        given = {code}
        if rng.random() < 0.3:
            given.add("hasard")  # a code readers put anywhere: no word tells it
        labels.append(given)
    return texts, labels


@pytest.fixture(scope="module")
def trained():
    texts, labels = corpus(150)
    return suggest.train(texts[:120], labels[:120]), texts[120:], labels[120:]


def test_lemmas_keep_the_words_that_matter_in_social_work():
    (found,) = suggest.lemmatise(["Les personnes isolées vont vers l'aller-vers, sans Télé."])
    words = found.split()
    assert "personne" in words and "isoler" in words  # lemmas ("isolées": "isoler")
    assert "tele" in words  # lower case, accents folded
    assert "vers" in words and "sans" in words  # stop words that carry meaning here
    assert "le" not in words and "," not in words  # the rest of the stop words, punctuation


def test_separable_codes_are_learned_and_score_high_on_held_out_texts(trained):
    model, texts, labels = trained
    assert set(model.codes) == {"familles", "hasard", "logement", "teletravail"}
    result = suggest.evaluate(model, texts, labels)
    for code in ("familles", "logement", "teletravail"):
        assert result.codes[code].f1 >= 0.9, (code, result.codes[code])
        assert model.held_out.codes[code].f1 >= 0.9
    assert result.micro_suggested.f1 >= 0.9


def test_a_code_under_the_floor_is_measured_but_never_suggested(trained):
    model, texts, labels = trained
    assert model.held_out.codes["hasard"].f1 < model.settings.floor
    assert "hasard" not in model.suggested
    assert all(code != "hasard" for found in model.suggest(texts) for code, _ in found)
    # Honest totals: the micro-average over every code counts what is never suggested.
    result = suggest.evaluate(model, texts, labels)
    assert result.codes["hasard"].predicted == 0
    assert result.micro.recall < result.micro_suggested.recall


def test_suggestions_are_the_top_k_above_the_threshold_best_first(trained):
    model, texts, _labels = trained
    for found in model.suggest(texts, k=1):
        assert len(found) <= 1
    # A text of two themes splits its words between them: a lower threshold lets both pass.
    lenient = replace(model, settings=replace(model.settings, threshold=0.3))
    mixed = [THEMES["teletravail"][0] + " " + THEMES["logement"][0]]
    (found,) = lenient.suggest(mixed, k=3)
    assert {code for code, _score in found} == {"teletravail", "logement"}  # not "hasard"
    scores = [score for _code, score in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0.3 <= s <= 1 for s in scores)
    assert lenient.suggest(mixed, k=1) == [found[:1]]
    assert all(s >= 0.5 for found in model.suggest(texts) for _code, s in found)


def test_codes_with_too_few_texts_are_not_trained():
    texts, labels = corpus(60)
    labels[0] = {*labels[0], "rare"}
    model = suggest.train(texts, labels, settings=suggest.Settings(min_positives=5))
    assert "rare" not in model.codes and model.positives["rare"] == 1
    with pytest.raises(suggest.TooFewExamples):
        suggest.train(texts[:8], [{"rare"} if i < 2 else set() for i in range(8)])


def test_training_is_deterministic_and_survives_serialisation(trained):
    model, texts, _labels = trained
    source, labels = corpus(150)
    first = suggest.train(source[:60], labels[:60])
    second = suggest.train(source[:60], labels[:60])
    assert first.held_out.as_dict() == second.held_out.as_dict()
    assert first.suggest(texts) == second.suggest(texts)
    loaded = suggest.Model.from_bytes(model.to_bytes())
    assert loaded.suggest(texts) == model.suggest(texts)
    with pytest.raises(TypeError):
        suggest.Model.from_bytes(b"\x80\x05K\x01.")  # a pickled 1, not a model


def test_progress_goes_up_to_100_through_each_phase():
    texts, labels = corpus(60)
    seen: list[tuple[int, str]] = []
    suggest.train(texts, labels, progress=lambda percent, phase: seen.append((percent, phase)))
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    assert [phase for phase in suggest.PHASES if phase in {p for _, p in seen}] == list(
        suggest.PHASES
    )


def test_measure_counts_precision_recall_and_f1_per_code_and_micro():
    result = suggest.measure(
        [["a"], ["a", "b"], [], ["b"]],
        [["a"], ["b"], ["a"], ["c"]],
        suggested=["a", "b"],
    )
    a, b, c = result.codes["a"], result.codes["b"], result.codes["c"]
    assert (a.correct, a.predicted, a.support) == (1, 2, 2)
    assert (a.precision, a.recall, a.f1) == (0.5, 0.5, 0.5)
    assert (b.correct, b.predicted, b.support) == (1, 2, 1)
    assert (c.predicted, c.support, c.f1) == (0, 1, 0.0)
    assert (result.micro.correct, result.micro.predicted, result.micro.support) == (2, 4, 4)
    assert result.micro_suggested.support == 3
