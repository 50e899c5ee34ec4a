from collections.abc import Iterator

import pytest

from vivier.reports import snapshots


@pytest.fixture(scope="module")
def demo_build(django_db_setup, django_db_blocker) -> Iterator[int]:
    """The HCTS demo campaign with its 1,771 responses, built once for a whole module.

    The build is held in an outer transaction, as Django's ``setUpTestData`` does: each test
    runs in a savepoint inside it (the ``db`` fixture), so what a test changes is undone after
    it, and the whole demo is rolled back when the module ends. Building it costs seconds;
    building it for each of the ~30 tests that read it cost two minutes per database.
    """
    from django.db import transaction

    from vivier.demo.builder import build_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_demo().campaign.pk
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_build, db):
    """The demo campaign, read fresh for each test; snapshot files are per test."""
    from vivier.campaigns.models import Campaign

    snapshots.forget(files=True)
    yield Campaign.objects.get(pk=demo_build)
    snapshots.forget(files=True)
