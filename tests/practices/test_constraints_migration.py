"""Adding the registry's constraints to an existing database: rows breaking them stop the
migration with their names, nothing changed; search rows of sheets deleted before go."""

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from vivier.practices import registry, search
from vivier.practices.models import Practice
from vivier.sheets.schema import Sheet


def _migrate(app: str, target: str | None) -> None:
    """Moves ``app`` to ``target`` (None: its latest migration, and every app's)."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes() if target is None else [(app, target)]
    try:
        executor.migrate(targets)
    finally:
        connection.close()  # the next query sees the schema as it is on a fresh connection


def _stems_or_words(practice_id: int) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT count(*) FROM {search.STEMS_TABLE} WHERE rowid = %s", [practice_id]
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM practices_word_weight WHERE practice_id = %s", [practice_id]
            )
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_shared_codes_stop_the_registry_migration_until_fixed_and_old_search_rows_go():
    _migrate("practices", "0008_word_weights")
    try:
        Practice.objects.create(slug="conferences", title="Conférences", code="1A")
        Practice.objects.create(slug="conferences-copie", title="Conférences", code="1A")
        # A sheet deleted before the database took its search rows along.
        gone = registry.save_sheet(Sheet(title="Maraude de nuit"))
        Practice.objects.filter(pk=gone.pk).delete()
        assert _stems_or_words(gone.pk) > 0
        with pytest.raises(CommandError) as stopped:
            _migrate("practices", None)
        message = str(stopped.value)
        assert "practices 0009_constraints" in message
        assert "1A (conferences, conferences-copie)" in message
        assert "Nothing was changed" in message
        assert Practice.objects.filter(code="1A").count() == 2
        Practice.objects.filter(slug="conferences-copie").update(code="")
    finally:
        _migrate("practices", None)
    assert _stems_or_words(gone.pk) == 0
