"""After erasure, the e-mail is in neither the SQLite database file nor its write-ahead log.

Runs with real commits (``transaction=True``): a checkpoint copies only committed pages, and
the bytes on disk are what is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from tests.campaigns.privacy_support import submitted, two_campaigns
from vivier.__main__ import main
from vivier.campaigns import privacy

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = b"erasable.person@exemple.fr"


def _files() -> list[Path]:
    name = Path(connection.settings_dict["NAME"])
    return [name, name.with_name(name.name + "-wal")]


def _on_disk() -> bytes:
    return b"".join(path.read_bytes() for path in _files() if path.exists())


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the write-ahead log file and secure_delete are SQLite's")
    connection.ensure_connection()


def _respondent(campaign, key: str) -> None:
    submitted(
        campaign,
        key,
        {"role": "pro", "avis": f"Écrire à {EMAIL.decode()} svp", "courriel": EMAIL.decode()},
    )


def test_erasing_a_person_leaves_no_byte_of_the_e_mail_on_disk(sqlite_only, capsys):
    first, second = two_campaigns()
    _respondent(first, "one")
    _respondent(second, "two")
    assert EMAIL in _on_disk()  # the test can see it before
    assert main(["personal-data", "erase", EMAIL.decode().upper()]) == 0
    assert "2 contact record(s) deleted" in capsys.readouterr().out
    assert EMAIL not in _on_disk()
    wal = _files()[1]
    assert not wal.exists() or wal.stat().st_size == 0


def test_the_campaign_erase_command_leaves_no_byte_either(sqlite_only, capsys):
    first, _second = two_campaigns()
    _respondent(first, "one")
    assert EMAIL in _on_disk()
    assert main(["erase-personal-data", first.slug]) == 0
    assert EMAIL not in _on_disk()


def test_the_purge_leaves_no_byte_either(sqlite_only, settings):
    settings.VIVIER_CONTACT_RETENTION_DAYS = "1"
    first, _second = two_campaigns()
    submitted(first, "old", {"role": "pro", "courriel": EMAIL.decode()})
    assert EMAIL in _on_disk()
    report = privacy.purge(actor="test")
    assert report.contacts == 1
    assert EMAIL not in _on_disk()
