"""Codes suggested for a text, learned offline from what the analysts already coded.

Nothing leaves the server and nothing is downloaded: the words come from spaCy's small French
pipeline (installed from the package index), the classifiers from scikit-learn.

- Texts become their **lemmas** ("accompagnées" and "accompagnée" count as one word), lower
  case and without accents (a text typed without them matches one typed with them), stop
  words and punctuation dropped, except a few words that carry meaning in social work
  (``suggest_words.json``: "aller *vers*", "*sans* domicile").
- A **TF-IDF** over lemmas and pairs of lemmas ("aller vers", "pair aidance") feeds **one
  logistic regression per code**: a text may carry several codes. Classes are weighted
  (``class_weight="balanced"``): most codes are rare, and an unweighted classifier learns
  to say "no" to every text.
- A code is suggested for a text when its classifier says yes (probability at or above
  ``threshold``), at most ``k`` codes per text, best first. Always showing the top 3 would
  give three codes to a text that holds one, and every precision would fall under a third.
- **Honest quality**: each code's precision, recall and F1 are measured on texts its
  classifier did not see (cross-validation over the training texts: every text is held out
  once), and a code whose F1 is under ``floor`` is never suggested. Codes with fewer than
  ``min_positives`` coded texts are not trained at all.

Deterministic: the folds and the solver are seeded. A :class:`Model` serialises to bytes
(pickle); pickle runs code when it loads, so the Django shell signs what it stores and
never gives :meth:`Model.from_bytes` bytes it did not sign itself.

Pure core: no Django. spaCy and scikit-learn are imported when first needed, so that
importing this module (every page of the coding does) costs nothing.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vivier.text.normalize import fold

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language

#: ``progress(percent, phase)``: ``phase`` is one of :data:`PHASES`, for the caller to word.
Progress = Callable[[int, str], None]
#: The phases of a training, in order, with the share of the bar each ends at.
PHASES = {"lemmas": 40, "measure": 80, "fit": 100}

#: spaCy's French pipeline: lemmas need the tagger (the lemmatiser reads parts of speech),
#: not the parser nor the named entities.
PIPELINE = "fr_core_news_sm"
_UNUSED_PIPES = ("parser", "ner", "senter")
BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class Settings:
    """How a model is trained and when it suggests a code."""

    #: At most this many codes suggested per text.
    k: int = 3
    #: A code whose F1 on held-out texts is under this is never suggested.
    floor: float = 0.5
    #: A code coded on fewer texts than this is not trained.
    min_positives: int = 5
    #: Cross-validation folds for the held-out measure (fewer when there are fewer texts).
    folds: int = 5
    #: The probability from which a code's classifier says yes.
    threshold: float = 0.5
    #: Inverse regularisation of the logistic regressions (scikit-learn's ``C``).
    C: float = 4.0
    #: Lemmas and pairs of lemmas found in fewer texts than this are left out.
    min_df: int = 1
    seed: int = 0


@dataclass(frozen=True, slots=True)
class Quality:
    """How well one code (or all of them, micro-averaged) is suggested at the top ``k``."""

    precision: float
    recall: float
    f1: float
    #: Texts that carry the code in the measured set.
    support: int
    #: Texts the code was suggested for, and how many of them carry it.
    predicted: int = 0
    correct: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def quality(correct: int, predicted: int, support: int) -> Quality:
    precision = correct / predicted if predicted else 0.0
    recall = correct / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Quality(precision, recall, f1, support, predicted, correct)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Per code and micro-averaged quality of suggestions against the codes people gave."""

    k: int
    texts: int
    codes: dict[str, Quality]
    #: Over every code people gave: what a user gets, codes never suggested included.
    micro: Quality
    #: Over the codes the model suggests only.
    micro_suggested: Quality
    #: The codes the model may suggest (trained, and at or above the floor).
    suggested: frozenset[str] = field(default_factory=frozenset)

    def as_dict(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "texts": self.texts,
            "micro": self.micro.as_dict(),
            "micro_suggested": self.micro_suggested.as_dict(),
            "codes": {
                code: {**q.as_dict(), "suggested": code in self.suggested}
                for code, q in sorted(self.codes.items())
            },
        }


class TooFewExamples(ValueError):
    """No code has been coded on enough texts to learn it."""

    def __init__(self, needed: int, best: int) -> None:
        super().__init__(f"no code is coded on {needed} texts or more (the most: {best})")
        self.needed = needed
        self.best = best


def measure(
    predicted: Sequence[Iterable[str]],
    labels: Sequence[Iterable[str]],
    codes: Iterable[str] = (),
    *,
    k: int = 3,
    suggested: Iterable[str] | None = None,
) -> Evaluation:
    """Quality of ``predicted`` code sets against ``labels`` (the people's), text by text.

    ``codes``: codes to report besides those found in either; ``suggested``: the codes the
    predictor may give (all of them if None), for the second micro-average.
    """
    if len(predicted) != len(labels):
        raise ValueError("one set of predicted codes per text is needed")
    counts: dict[str, list[int]] = {code: [0, 0, 0] for code in codes}
    for given, wanted in zip(predicted, labels, strict=True):
        given_set, wanted_set = set(given), set(wanted)
        for code in given_set | wanted_set:
            row = counts.setdefault(code, [0, 0, 0])
            row[0] += code in given_set and code in wanted_set
            row[1] += code in given_set
            row[2] += code in wanted_set
    per_code = {code: quality(*row) for code, row in counts.items()}
    allowed = frozenset(counts) if suggested is None else frozenset(suggested)
    return Evaluation(
        k=k,
        texts=len(labels),
        codes=per_code,
        micro=_micro(per_code.values()),
        micro_suggested=_micro(q for code, q in per_code.items() if code in allowed),
        suggested=allowed,
    )


def _micro(qualities: Iterable[Quality]) -> Quality:
    kept = list(qualities)
    return quality(
        sum(q.correct for q in kept), sum(q.predicted for q in kept), sum(q.support for q in kept)
    )


# -- Words ------------------------------------------------------------------------------------


@cache
def _kept_words() -> frozenset[str]:
    data = json.loads(Path(__file__).with_name("suggest_words.json").read_text("utf-8"))
    return frozenset(data["kept"])


@cache
def pipeline() -> Language:
    """spaCy's French pipeline, loaded once per process (it takes seconds)."""
    import spacy

    return spacy.load(PIPELINE, exclude=list(_UNUSED_PIPES))


def _words_of(doc: Any, stop_words: frozenset[str] | set[str]) -> str:
    kept = _kept_words()
    words = []
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma not in kept and (
            token.is_punct
            or token.is_space
            or token.like_num
            or token.is_stop
            or lemma in stop_words
            or len(lemma) < 2
            or not any(c.isalpha() for c in lemma)
        ):
            continue
        # A lemma never holds a space: the vectoriser splits on them.
        words.append(fold(lemma).replace(" ", "_"))
    return " ".join(words)


def lemmatise(texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
    """Each text as its meaningful lemmas joined by spaces ("aller vers personne isoler")."""
    nlp = pipeline()
    stop_words = nlp.Defaults.stop_words
    out: list[str] = []
    total = max(1, len(texts))
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        out.append(_words_of(doc, stop_words))
        if progress is not None and len(out) % BATCH_SIZE == 0:
            progress(PHASES["lemmas"] * len(out) // total, "lemmas")
    if progress is not None:
        progress(PHASES["lemmas"], "lemmas")
    return out


# -- The model --------------------------------------------------------------------------------


def _split(text: str) -> list[str]:
    """The vectoriser's tokeniser: lemmas are already separated by spaces."""
    return text.split()


@dataclass
class _Fitted:
    """A vectoriser and, for each code, the weights of its logistic regression.

    The weights are kept as one matrix so that scoring every code of every text is one
    product; a code its training texts all lacked (or all had) gets a constant score.
    """

    vectorizer: Any
    weights: Any  # features x codes
    intercepts: Any  # codes
    constant: dict[int, float]

    def scores(self, docs: Sequence[str]) -> np.ndarray:
        import numpy as np

        logits = self.vectorizer.transform(docs) @ self.weights + self.intercepts
        scores = 1.0 / (1.0 + np.exp(-np.asarray(logits)))
        for column, value in self.constant.items():
            scores[:, column] = value
        return scores


def _fit(docs: Sequence[str], targets: np.ndarray, settings: Settings) -> _Fitted:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        tokenizer=_split,
        token_pattern=None,
        lowercase=False,
        ngram_range=(1, 2),
        min_df=settings.min_df,
        sublinear_tf=True,
        dtype=np.float32,
    )
    matrix = vectorizer.fit_transform(docs)
    weights = np.zeros((matrix.shape[1], targets.shape[1]), dtype=np.float64)
    intercepts = np.zeros(targets.shape[1], dtype=np.float64)
    constant: dict[int, float] = {}
    for column in range(targets.shape[1]):
        target = targets[:, column]
        positives = int(target.sum())
        if positives in (0, len(target)):
            constant[column] = float(positives > 0)
            continue
        classifier = LogisticRegression(
            C=settings.C,
            class_weight="balanced",
            solver="liblinear",
            random_state=settings.seed,
        )
        classifier.fit(matrix, target)
        weights[:, column] = classifier.coef_[0]
        intercepts[column] = classifier.intercept_[0]
    return _Fitted(vectorizer, weights, intercepts, constant)


def _top(
    row: np.ndarray, codes: Sequence[str], allowed: frozenset[str], k: int, threshold: float
) -> list[tuple[str, float]]:
    ranked = sorted(
        ((codes[i], float(score)) for i, score in enumerate(row) if score >= threshold),
        key=lambda item: (-item[1], item[0]),
    )
    return [(code, score) for code, score in ranked if code in allowed][:k]


@dataclass
class Model:
    """A trained suggester: its codes, their held-out quality, and the fitted classifiers."""

    settings: Settings
    #: The codes with a classifier, in the order of the weight columns.
    codes: tuple[str, ...]
    #: Every code seen in training with its number of coded texts (trained or not).
    positives: dict[str, int]
    #: Held-out quality of each trained code (cross-validation).
    held_out: Evaluation
    trained_on: int
    fitted: _Fitted
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def suggested(self) -> frozenset[str]:
        """The codes this model may suggest: trained, and at or above the floor."""
        return frozenset(
            code
            for code in self.codes
            if (found := self.held_out.codes.get(code)) is not None
            and found.f1 >= self.settings.floor
        )

    def scores(self, docs: Sequence[str]) -> np.ndarray:
        """Each code's probability for each lemmatised text (texts x :attr:`codes`)."""
        return self.fitted.scores(docs)

    def suggest_lemmas(
        self, docs: Sequence[str], k: int | None = None
    ) -> list[list[tuple[str, float]]]:
        if not docs:
            return []
        allowed = self.suggested
        limit = self.settings.k if k is None else k
        return [
            _top(row, self.codes, allowed, limit, self.settings.threshold)
            for row in self.scores(docs)
        ]

    def suggest(self, texts: Sequence[str], k: int | None = None) -> list[list[tuple[str, float]]]:
        """For each text, up to ``k`` (code, probability) pairs, best first."""
        return self.suggest_lemmas(lemmatise(texts), k)

    def to_bytes(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def from_bytes(data: bytes) -> Model:
        """The model pickled in ``data``: ONLY bytes whose signature was checked (pickle
        runs code as it loads)."""
        # The caller checked the signature: these are bytes this server pickled.
        found = pickle.loads(data)
        if not isinstance(found, Model):
            raise TypeError("these bytes hold no suggestion model")
        return found


def _targets(labels: Sequence[Iterable[str]], codes: Sequence[str]) -> np.ndarray:
    import numpy as np

    column = {code: i for i, code in enumerate(codes)}
    targets = np.zeros((len(labels), len(codes)), dtype=np.int8)
    for row, given in enumerate(labels):
        for code in given:
            if code in column:
                targets[row, column[code]] = 1
    return targets


def _versions() -> dict[str, str]:
    found = {}
    for package in ("scikit-learn", "spacy", PIPELINE.replace("_", "-")):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = ""
    return found


def train(
    texts: Sequence[str],
    labels: Sequence[Iterable[str]],
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    docs: Sequence[str] | None = None,
) -> Model:
    """A model learned from ``texts`` and the set of codes people gave each one.

    Measures each code on held-out texts first (cross-validation), then fits on them all.
    ``docs``: the texts already lemmatised (:func:`lemmatise`), to skip that step.
    Raises :class:`TooFewExamples` when no code is coded on ``min_positives`` texts.
    """
    import numpy as np
    from sklearn.model_selection import KFold

    settings = settings or Settings()
    labels = [set(given) for given in labels]
    if len(labels) != len(texts):
        raise ValueError("one set of codes per text is needed")
    positives: dict[str, int] = {}
    for given in labels:
        for code in given:
            positives[code] = positives.get(code, 0) + 1
    codes = tuple(
        sorted(
            code
            for code, count in positives.items()
            if count >= settings.min_positives and len(texts) - count >= 1
        )
    )
    if not codes:
        raise TooFewExamples(settings.min_positives, max(positives.values(), default=0))
    if docs is None:
        docs = lemmatise(texts, progress=progress)
    targets = _targets(labels, codes)
    folds = min(settings.folds, len(texts))
    held_out = np.zeros(targets.shape, dtype=np.float64)
    if folds >= 2:
        splitter = KFold(n_splits=folds, shuffle=True, random_state=settings.seed)
        for number, (fit_rows, test_rows) in enumerate(splitter.split(docs), start=1):
            fitted = _fit([docs[i] for i in fit_rows], targets[fit_rows], settings)
            held_out[test_rows] = fitted.scores([docs[i] for i in test_rows])
            if progress is not None:
                start = PHASES["lemmas"]
                progress(start + (PHASES["measure"] - start) * number // folds, "measure")
    everything = frozenset(codes)
    predicted = [
        [code for code, _score in _top(row, codes, everything, settings.k, settings.threshold)]
        for row in held_out
    ]
    measured = measure(predicted, labels, codes, k=settings.k)
    kept = {code: measured.codes[code] for code in codes}
    held = Evaluation(
        k=settings.k,
        texts=len(texts),
        codes=kept,
        micro=_micro(kept.values()),
        micro_suggested=_micro(q for q in kept.values() if q.f1 >= settings.floor),
        suggested=frozenset(code for code, q in kept.items() if q.f1 >= settings.floor),
    )
    fitted = _fit(docs, targets, settings)
    if progress is not None:
        progress(PHASES["fit"], "fit")
    return Model(
        settings=settings,
        codes=codes,
        positives=dict(sorted(positives.items())),
        held_out=held,
        trained_on=len(texts),
        fitted=fitted,
        versions=_versions(),
    )


def evaluate(
    model: Model, texts: Sequence[str], labels: Sequence[Iterable[str]], k: int | None = None
) -> Evaluation:
    """How the model's suggestions (floor applied) compare with the codes people gave."""
    limit = model.settings.k if k is None else k
    suggestions = model.suggest(texts, limit)
    predicted = [[code for code, _score in found] for found in suggestions]
    return measure(predicted, labels, model.codes, k=limit, suggested=model.suggested)


__all__ = [
    "PHASES",
    "Evaluation",
    "Model",
    "Progress",
    "Quality",
    "Settings",
    "TooFewExamples",
    "evaluate",
    "lemmatise",
    "measure",
    "pipeline",
    "quality",
    "train",
]
