"""``vivier practices import|export``: draft sheets from a document; open data out."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = "The practice registry: draft sheets from a document, open data of published ones."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        imported = actions.add_parser(
            "import", help="create draft sheets from a .txt, .docx or .pdf"
        )
        imported.add_argument("file")
        export = actions.add_parser("export", help="open data of the published practices")
        export.add_argument("--format", choices=["csv", "json"], default="json")
        export.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self.import_document(options["file"])
        else:
            self.export(options["format"], options["output"])

    def import_document(self, file: str) -> None:
        from vivier.practices.importing import read_document
        from vivier.practices.importing.reader import UnsupportedDocument
        from vivier.practices.imports import import_text

        try:
            text = read_document(file)
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        except UnsupportedDocument as error:
            raise CommandError(str(error)) from error
        except (OSError, ValueError) as error:
            raise CommandError(f"{file}: cannot be read ({error})") from error
        imported = import_text(text, source=os.path.basename(file))
        for practice in imported.practices:
            self.stdout.write(f"  draft {practice.code or '-':>3}  {practice.title}")
        for warning in imported.warnings:
            self.stdout.write(f"{file}: {warning.describe('en')}")
        if imported.already_present:
            codes = ", ".join(imported.already_present)
            self.stdout.write(f"{file}: already in the registry, not imported again: {codes}")
        self.stdout.write(
            f"{file}: {len(imported.practices)} draft sheet(s) created; "
            f"{len(imported.unplaced)} fragment(s) could not be placed (see the staff area)"
        )

    def export(self, fmt: str, output: str) -> None:
        from vivier.practices.opendata import export

        self.write_output(output, export(fmt))
        if output != "-":
            self.stdout.write(f"published practices written to {output}")
