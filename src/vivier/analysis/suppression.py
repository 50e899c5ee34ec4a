"""Small-cell suppression for published outputs.

A count between 1 and k - 1 can point at a person (the only respondent of a small
département who ticked "Autre"), so published figures replace it, and its percent, by None
and mark the cell ``"suppressed": True``. Zeros stay: they reveal nobody. Means and medians
computed on fewer than k answers are withheld too, and free texts (``texts``,
``other_texts``) are withheld whole: quotes are published only when an analyst chooses them.

This is primary suppression only: a hidden cell can sometimes be recovered by
subtracting the others from ``answered``. Complementary suppression is not done yet.
"""

from __future__ import annotations

import copy
from typing import Any

DEFAULT_K = 5
_COUNT_KEYS = ("count", "total")
_STATISTICS = ("mean", "median", "min", "max", "mean_rank")
_TEXTS = ("texts", "other_texts")


def suppress(report: dict[str, Any], k: int = DEFAULT_K) -> dict[str, Any]:
    """A copy of ``report`` (or of a cross-tab) with counts below ``k`` hidden."""
    if k < 1:
        raise ValueError("k must be at least 1")
    published = copy.deepcopy(report)
    _walk(published, k)
    published["suppression"] = {"k": k}
    return published


def _small(value: Any, k: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < k


def _walk(node: Any, k: int) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, k)
        return
    if not isinstance(node, dict):
        return
    hidden = False
    for key in _COUNT_KEYS:
        if _small(node.get(key), k):
            node[key] = None
            hidden = True
    if hidden:
        node["suppressed"] = True
        if "percent" in node:
            node["percent"] = None
    base = node.get("answered")
    if _small(base, k) or hidden:
        for key in _STATISTICS:
            if key in node:
                node[key] = None
    for key in _TEXTS:
        if node.get(key) is not None:
            node[key] = None
            node["texts_withheld"] = True
    for key, value in node.items():
        if key not in _TEXTS:
            _walk(value, k)
