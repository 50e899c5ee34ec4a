"""Adding the campaigns' constraints to an existing database: rows breaking them stop the
migration with their names, nothing changed."""

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from vivier.campaigns.models import Response


def _migrate(app: str, target: str | None) -> None:
    """Moves ``app`` to ``target`` (None: its latest migration, and every app's)."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes() if target is None else [(app, target)]
    try:
        executor.migrate(targets)
    finally:
        connection.close()  # the next query sees the schema as it is on a fresh connection


@pytest.mark.django_db(transaction=True)
def test_a_submitted_response_without_date_stops_the_campaigns_migration(campaign):
    _migrate("campaigns", "0004_staged_imports")
    try:
        Response.objects.create(
            campaign=campaign, key="sans-date", version=campaign.questionnaire, status="submitted"
        )
        with pytest.raises(CommandError) as stopped:
            _migrate("campaigns", None)
        message = str(stopped.value)
        assert "campaigns 0005_constraints" in message
        assert "1 response(s) whose submitted_at does not match their status" in message
        assert f"{campaign.slug}/sans-date (submitted, submitted_at=None)" in message
        Response.objects.filter(key="sans-date").update(submitted_at=timezone.now())
    finally:
        _migrate("campaigns", None)
    assert Response.objects.get(key="sans-date").status == "submitted"
