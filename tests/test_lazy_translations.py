"""No user-facing text is translated when a module is imported.

``gettext`` called at module level (a dict of labels, a constant) translates once, into
whatever language is active when the process first imports the module, and every later
request in every language gets that text. Module-level texts use ``gettext_lazy``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import vivier

EAGER = {"gettext", "pgettext", "ngettext", "npgettext"}
SOURCE = Path(vivier.__file__).parent


def _eager_names(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }


def eager_calls_at_import(source: str) -> list[int]:
    """Lines calling an eager gettext outside any function (run when the module loads)."""
    tree = ast.parse(source)
    names = _eager_names(tree)
    found: list[int] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_function = True
        if (
            not in_function
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
        ):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(tree, False)
    return found


def test_the_scan_finds_a_module_level_translation():
    source = (
        "from django.utils.translation import gettext as _\n"
        "LABELS = {'a': _('Valider')}\n"
        "def f():\n    return _('Publier')\n"
    )
    assert eager_calls_at_import(source) == [2]


def test_no_module_translates_when_imported():
    found = [
        f"{path.relative_to(SOURCE)}:{line}"
        for path in sorted(SOURCE.rglob("*.py"))
        for line in eager_calls_at_import(path.read_text(encoding="utf-8"))
    ]
    assert found == []
