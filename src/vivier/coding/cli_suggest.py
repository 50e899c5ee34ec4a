"""``vivier coding``: one action (see management/commands/coding.py). Not built yet."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser


def add_arguments(parser: CommandParser) -> None:
    pass


def run(command: Any, options: dict[str, Any]) -> None:
    raise CommandError("this action is not built yet")
