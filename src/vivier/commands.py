"""What Vivier's management commands share: no system checks, the campaign named on the
command line, and outputs written whole.

Every command of the ``vivier`` program is a Django management command of the app that owns
it (``campaigns/management/commands/`` and the like), so tests run it with ``call_command``
and ``vivier manage NAME`` runs it too. A problem the user can fix is a ``CommandError``:
one sentence naming what is wrong and where, exit code 1.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.management.base import BaseCommand, CommandError

if TYPE_CHECKING:
    from vivier.campaigns.models import Campaign

#: Django's options every command accepts; still accepted, left out of ``--help`` so that it
#: shows the command's own options only.
DJANGO_BASE_ARGUMENTS = {
    "--version",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
}


class VivierCommand(BaseCommand):
    """Base of Vivier's commands.

    System checks are not run: a command reads or writes data, and a check about serving
    (the secret key, the hosts) must not stop an export; ``vivier serve`` checks what it needs.
    """

    requires_system_checks: list[str] = []
    suppressed_base_arguments = DJANGO_BASE_ARGUMENTS

    def campaign(self, slug: str) -> Campaign:
        from vivier.campaigns.models import Campaign

        campaign = Campaign.objects.select_related("questionnaire").filter(slug=slug).first()
        if campaign is None:
            known = ", ".join(Campaign.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"no campaign named '{slug}' (campaigns: {known})")
        return campaign

    def write_output(self, path: str, data: str | bytes) -> None:
        """``data`` to standard output (``-``) or to the file ``path``, whole or not at all."""
        if path == "-":
            self.write_stdout(data)
            return
        from vivier.atomic_files import write_atomically

        with cannot_write(path):
            write_atomically(path, data)

    def write_stdout(self, data: str | bytes) -> None:
        if isinstance(data, str):
            self.stdout.write(data, ending="")
            return
        self.stdout.flush()
        binary = getattr(self.stdout, "buffer", None)
        if binary is None:  # a text stream, as call_command(stdout=StringIO()) gives
            try:
                self.stdout.write(data.decode("utf-8"), ending="")
            except UnicodeDecodeError as error:
                raise CommandError("this format is binary: give a file (-o FILE)") from error
            return
        binary.write(data)
        binary.flush()

    def warn(self, line: str) -> None:
        """A line on standard error, in the terminal's plain colour (a warning, not a failure)."""
        self.stderr.write(line, style_func=lambda text: text)


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[Path]:
    """A temporary path renamed to ``path`` at the end; a write failure is a sentence."""
    from vivier.atomic_files import atomic_path

    with cannot_write(path), atomic_path(path) as temporary:
        yield temporary


@contextlib.contextmanager
def cannot_write(path: str) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise CommandError(f"{path}: cannot write ({error.strerror})") from error
