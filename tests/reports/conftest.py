import pytest

from vivier.reports import snapshots


@pytest.fixture
def demo(db):
    """The HCTS demo campaign with its 1,771 responses."""
    from vivier.demo.builder import build_demo

    snapshots.forget(files=True)
    summary = build_demo()
    yield summary.campaign
    snapshots.forget(files=True)
