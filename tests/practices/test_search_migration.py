"""Upgrading a registry to the contentless full-text table keeps every sheet findable."""

from dataclasses import replace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from vivier.practices import registry, search
from vivier.sheets.schema import Sheet


def _migrate(target: str | None) -> None:
    """Moves the practices app to ``target`` (None: its latest migration)."""
    executor = MigrationExecutor(connection)
    executor.migrate(
        executor.loader.graph.leaf_nodes("practices") if target is None else [("practices", target)]
    )
    connection.close()  # the next query sees the new schema on a fresh connection


@pytest.mark.django_db(transaction=True)
def test_sheets_indexed_before_the_upgrade_are_found_and_editable_after_it():
    sheet = Sheet(title="Maraude de nuit à Bordeaux", summary="Une équipe bénévole.")
    practice = registry.save_sheet(sheet)
    _migrate("0006_catalogue_generation")
    if connection.vendor == "sqlite":  # the table as it was: it still holds the sheet
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM practices_search WHERE practices_search MATCH 'maraud' "
                "AND rowid = %s",
                [practice.pk],
            )
            assert cursor.fetchall() == [(practice.pk,)]
    _migrate(None)
    assert [p.pk for p in search.search("maraude bordeaux")] == [practice.pk]
    edited = registry.save_sheet(replace(sheet, title="Bus de nuit à Bordeaux"), practice=practice)
    assert [p.pk for p in search.search("bus bordeaux")] == [edited.pk]
    assert search.search("maraude") == []
