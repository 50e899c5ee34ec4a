"""``vivier questionnaire export|import|validate``: questionnaire definitions in and out."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand, atomic_output


class Command(VivierCommand):
    help = "Questionnaire definitions: export one to a file, import or check a file."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="write a questionnaire to a file")
        export.add_argument("slug")
        export.add_argument("--format", choices=["json", "xlsform"], default="json")
        export.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
        imported = actions.add_parser(
            "import",
            help="import an XLSForm (.xlsx .xls .csv .md), LimeSurvey (.lss), KoboToolbox "
            "(.json or formpack folder) or Vivier JSON questionnaire, or each workbook of a "
            "folder",
        )
        imported.add_argument("file")
        imported.add_argument("--slug", help="identifier to give the questionnaire")
        imported.add_argument("--dry-run", action="store_true", help="check only, store nothing")
        imported.add_argument("--lang", choices=["en", "fr"], default="en", help="message language")
        validate = actions.add_parser("validate", help="check a questionnaire JSON file")
        validate.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            self.export(options["slug"], options["format"], options["output"])
        elif action == "import":
            self.import_file(
                options["file"], options["slug"] or "", options["dry_run"], options["lang"]
            )
        else:
            self.validate(options["file"])

    def export(self, slug: str, fmt: str, output: str) -> None:
        from vivier.campaigns.questionnaires import latest

        version = latest(slug)
        if version is None:
            raise CommandError(f"no questionnaire named '{slug}' (try: vivier demo --no-serve)")
        questionnaire = version.questionnaire()
        if fmt == "json":
            from vivier.surveys.codecs import vivier_json

            self.write_output(output, vivier_json.dumps(questionnaire) + "\n")
        else:
            try:
                xlsform = importlib.import_module("vivier.surveys.codecs.xlsform.export")
            except ImportError as error:
                raise CommandError("XLSForm export is not available in this version") from error
            with atomic_output(output) as temporary:
                xlsform.write(questionnaire, temporary)
        self.stdout.write(f"{slug} v{version.version} written to {output}")

    def import_file(self, file: str, slug: str, dry_run: bool, lang: str) -> None:
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{file}: no such file or folder")
        if path.is_dir():
            from vivier.surveys.codecs.kobo.reader import folder_workbooks

            if folder_workbooks(path):
                self.import_workbooks(file, path, slug, dry_run, lang)
                return
        if dry_run:
            from vivier.surveys.codecs.importing import import_path

            result, version = import_path(path), None
        else:
            from vivier.campaigns.questionnaire_imports import import_file

            result, version = import_file(path, slug=slug)
        self.print_diagnostics(result.diagnostics, lang)
        if not result.ok:
            raise CommandError(f"{file}: nothing imported, {len(result.errors)} error(s)")
        self.print_outcome(file, result, version)

    def import_workbooks(
        self, file: str, folder: Path, slug: str, dry_run: bool, lang: str
    ) -> None:
        """A folder of XLSForm workbooks (no formpack fixture): each is a questionnaire, and
        they are all imported or none is."""
        from vivier.surveys.codecs.kobo.reader import folder_workbooks, import_folder_workbooks

        count = len(folder_workbooks(folder))
        if slug and count > 1:
            raise CommandError(
                f"{file}: --slug names one questionnaire and this folder holds {count} "
                "workbooks: import them one by one to give each its slug"
            )
        versions: dict[Path, Any] = {}
        if dry_run:
            found = import_folder_workbooks(folder)
        else:
            from vivier.campaigns.questionnaire_imports import import_workbooks

            found, versions = import_workbooks(folder, slug=slug)
        for _path, result in found:
            self.print_diagnostics(result.diagnostics, lang)
        refused = [path.name for path, result in found if not result.ok]
        if refused:
            errors = sum(len(result.errors) for _path, result in found)
            raise CommandError(
                f"{file}: nothing imported, {errors} error(s) in {', '.join(refused)} "
                f"({len(refused)} of {len(found)} workbooks)"
            )
        for path, result in found:
            self.print_outcome(str(path), result, versions.get(path))

    def print_diagnostics(self, diagnostics: Any, lang: str) -> None:
        for diagnostic in diagnostics:
            if lang == "fr":
                label = "erreur" if diagnostic.is_error else "avertissement"
            else:
                label = "error" if diagnostic.is_error else "warning"
            self.warn(f"{label}: {diagnostic.describe(lang)}")

    def print_outcome(self, name: str, result: Any, version: Any) -> None:
        assert result.questionnaire is not None
        questions = sum(1 for q in result.questionnaire.questions() if q.answerable)
        warnings = len(result.warnings)
        if version is None:
            self.stdout.write(f"{name}: would import {questions} questions ({warnings} warning(s))")
        else:
            self.stdout.write(
                f"{name}: imported as {version.slug} v{version.version}, "
                f"{questions} questions ({warnings} warning(s))"
            )

    def validate(self, file: str) -> None:
        from vivier.surveys.codecs import CodecError, vivier_json
        from vivier.surveys.validation import validate_questionnaire

        try:
            with open(file, encoding="utf-8") as handle:
                questionnaire = vivier_json.loads(handle.read())
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except (CodecError, UnicodeDecodeError) as error:
            # An XLSForm workbook, a .lss or a KoboToolbox form is checked by the importer.
            raise CommandError(
                f"{file}: not a Vivier JSON questionnaire ({error}); to check an XLSForm, "
                f"LimeSurvey or KoboToolbox file: vivier questionnaire import {file} --dry-run"
            ) from error
        issues = validate_questionnaire(questionnaire)
        for issue in issues:
            self.stdout.write(f"{file}: {issue.describe('en')}")
        if any(getattr(i, "severity", "error") == "error" for i in issues):
            raise CommandError(f"{file}: {len(issues)} problem(s)")
        self.stdout.write(f"{file}: valid ({sum(1 for _ in questionnaire.questions())} questions)")
