"""Every route of the coding has its action tests (right person, wrong method, role).

The coding's routes are tested by one module per area, ``tests/coding/test_action_*.py``
(hub, sources, codebook, screen, rounds, suggestions, personal data, quotes, exchange,
results). This check fails when a route is added under ``/codage/`` without a test there
that calls it: the route's last fixed word (``fusionner``, ``projet.qdpx``) must appear in a
request of one of those modules.
"""

from __future__ import annotations

from pathlib import Path

from tests.accounts.test_routes import routes
from tests.evaluation.test_action_coverage import last_fixed_word

ACTION_MODULES = sorted(Path(__file__).parent.glob("test_action_*.py"))


def coding_routes() -> list[str]:
    return [route for route, _view in routes() if route.startswith("codage/")]


def test_there_are_coding_routes_and_action_modules():
    assert len(coding_routes()) > 30
    assert len(ACTION_MODULES) >= 10


def test_each_coding_route_is_called_by_an_action_test():
    text = "\n".join(module.read_text(encoding="utf-8") for module in ACTION_MODULES)
    missing = []
    for route in coding_routes():
        word = last_fixed_word(route)
        if route in ("codage/", "codage/<slug:slug>/"):
            continue  # the list and the hub: test_action_hub.py calls them by their paths
        wanted = word if "." in word else f"{word}/"
        if wanted not in text:
            missing.append(route)
    assert missing == [], "routes without action tests: " + ", ".join(missing)
