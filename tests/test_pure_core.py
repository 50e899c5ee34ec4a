"""The pure core imports no Django: every module of its packages, in a fresh interpreter.

The pure packages hold the domain (questionnaires, analysis, text, territories, charts,
sheets) and the Django apps around them are the shell. A module of the core that imports
Django, even indirectly through another package, would tie the core to the shell: the
check runs in a subprocess so that what the test session already imported does not hide it.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import vivier

PURE_PACKAGES = (
    "surveys",
    "analysis",
    "text",
    "territories",
    "charts",
    "sheets",
    "plans",
    "qualitative",
)

# Imports every module given, then says which django modules were loaded and by whom.
PROBE = """
import importlib, json, sys
modules = json.loads(sys.argv[1])
culprits = {}
for name in modules:
    before = {m for m in sys.modules if m == "django" or m.startswith("django.")}
    importlib.import_module(name)
    after = {m for m in sys.modules if m == "django" or m.startswith("django.")}
    if after - before:
        culprits[name] = sorted(after - before)[:3]
print(json.dumps(culprits))
"""


def pure_modules(package: str) -> list[str]:
    root = Path(vivier.__file__).parent / package
    names = [f"vivier.{package}"]
    for info in pkgutil.walk_packages([str(root)], prefix=f"vivier.{package}."):
        names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_every_module_of_the_pure_core_imports_without_django(package):
    modules = pure_modules(package)
    assert len(modules) > 1  # the walk found the package's modules, not just its name
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(modules)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        # No settings module: a core module must not need one to import.
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}, f"modules that pull Django in: {result.stdout}"


def test_the_probe_sees_a_django_import():
    """The check would fail for a module that imports Django."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["vivier.reports.localized"])],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "vivier.reports.localized" in json.loads(result.stdout)
