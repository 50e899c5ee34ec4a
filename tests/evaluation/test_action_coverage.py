"""Every route of the evaluation has its action tests (right person, wrong method, role).

The staff routes of the older apps are rows of ``tests/accounts/test_role_access.py``; the
evaluation's routes, far more numerous and mostly tied to one object (a plan, a story, a
session), are tested by one module per area, ``tests/evaluation/test_action_*.py``. This
check fails when a route is added under ``/evaluation/``, ``/participer/`` or the panel's
``/q/panel/`` without a test there that calls it: the route's last fixed word (``clore``,
``panel.csv``) must appear in a request of one of those modules.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.accounts.test_routes import routes

ACTION_MODULES = sorted(Path(__file__).parent.glob("test_action_*.py"))
PREFIXES = ("evaluation/", "participer/", "q/panel/")


def evaluation_routes() -> list[str]:
    return [route for route, _view in routes() if route.startswith(PREFIXES)]


def last_fixed_word(route: str) -> str:
    words = [word for word in re.split(r"/", route) if word and not word.startswith("<")]
    # "rapports/<slug:track>.<slug:fmt>": the file name's pattern has no fixed word.
    return words[-1] if words else ""


def test_there_are_evaluation_routes_and_action_modules():
    assert len(evaluation_routes()) > 50
    assert len(ACTION_MODULES) >= 6


def test_each_evaluation_route_is_called_by_an_action_test():
    text = "\n".join(module.read_text(encoding="utf-8") for module in ACTION_MODULES)
    missing = []
    for route in evaluation_routes():
        word = last_fixed_word(route)
        wanted = word if "." in word else f"{word}/"
        if wanted not in text:
            missing.append(route)
    assert missing == [], "routes without action tests: " + ", ".join(missing)
