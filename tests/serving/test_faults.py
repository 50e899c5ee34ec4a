"""`vivier serve` under load with workers and the whole server killed: nothing lost.

The same scenario as ``python -m bench faults``, smaller, on the database of this test run
(SQLite, or PostgreSQL when VIVIER_DATABASE_URL points to it). The scenario uses a database
of its own, since the server runs in other processes and must see committed data.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from bench import faults
from bench import server as srv


def _database() -> tuple[str, str]:
    url = os.environ.get("VIVIER_DATABASE_URL", "")
    if not url:
        return "sqlite", srv.DEFAULT_POSTGRES_URL
    # A database of its own beside the suite's, dropped and recreated by the scenario.
    parts = urlsplit(url)
    return "postgresql", urlunsplit(parts._replace(path=f"{parts.path}_faults_{os.getpid()}"))


@pytest.fixture
def scenario_database():
    database, postgres_url = _database()
    yield database, postgres_url
    if database == "postgresql":
        import psycopg

        parts = urlsplit(postgres_url)
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def test_killing_workers_and_the_server_loses_alters_and_duplicates_nothing(
    tmp_path, scenario_database
):
    database, postgres_url = scenario_database
    result = faults.run_scenario(
        database,
        faults.Sizes(drafts=90, full=12, bare_requests=200),
        concurrency=32,
        workers=2,
        postgres_url=postgres_url,
        work_dir=tmp_path / "faults",
    )
    assert len(result["faults"]) == 4, result["faults"]  # 2 workers, the server, its restart
    assert result["server_starts"] == 2
    assert result["acknowledged"] == 90 + 12, result["unexpected"]
    assert result["lost"] == 0, result["examples"]
    assert result["altered"] == 0, result["examples"]
    assert result["duplicated"] == 0
    assert result["http_5xx"] == 0, (result["http_5xx_kinds"], result["serve_log_tail"])
    assert result["unexpected_count"] == 0, result["unexpected"]
    assert "Traceback" not in result["serve_log_tail"]
