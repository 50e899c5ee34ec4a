"""Migration steps that hold on one database only (the search index differs by backend).

The leading underscore keeps Django's migration loader from taking this for a migration.
"""

from collections.abc import Callable, Sequence
from typing import Any


def run_on(vendor: str, statements: Sequence[str]) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function executing ``statements`` when the database is ``vendor``."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != vendor:
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run
