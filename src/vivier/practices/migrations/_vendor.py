"""Migration steps that hold on one database only (the search index differs by backend).

The leading underscore keeps Django's migration loader from taking this for a migration.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import migrations


def _run_on(vendor: str, statements: Sequence[str]) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != vendor:
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def statements_on(
    vendor: str, forward: Sequence[str], backward: Sequence[str]
) -> migrations.RunPython:
    """An operation running ``forward`` (``backward`` when unapplied) on ``vendor`` only."""
    return migrations.RunPython(_run_on(vendor, forward), _run_on(vendor, backward))
