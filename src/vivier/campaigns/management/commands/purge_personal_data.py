"""``manage.py purge_personal_data``: the former name of ``purge``, kept for the schedulers
already set up with it."""

from __future__ import annotations

from .purge import Command as PurgeCommand


class Command(PurgeCommand):
    help = "Same as 'purge' (former name)."
