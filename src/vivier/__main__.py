"""The ``vivier`` command.

    vivier demo [--no-serve]              set up the database, load the demo data, serve
    vivier serve [--host H] [--port P]    production server (gunicorn) on the embedded default
    vivier migrate                        create or update the database
    vivier questionnaire export SLUG --format json|xlsform -o FILE
    vivier questionnaire validate FILE    check a questionnaire file, every problem at once
    vivier questionnaire import FILE [--slug S] [--dry-run] [--lang fr]
                                          XLSForm, LimeSurvey .lss, KoboToolbox JSON or folder
    vivier export-responses SLUG --format csv|json|xlsx|parquet -o FILE [--codebook FILE]
                                          [--with-personal-data]
    vivier import-responses SLUG FILE [--from vivier|kobo|limesurvey]
                                          JSON Lines, KoboToolbox JSON/CSV, LimeSurvey CSV
    vivier report SLUG --format json|html|pdf|docx|xlsx|csv -o FILE [--publication] [--k 5]
    vivier practices import FILE          draft sheets from a document (.txt, .docx, .pdf)
    vivier practices export --format csv|json -o FILE   open data of published practices
    vivier erase-personal-data SLUG [--response ID]...
    vivier purge [--dry-run]              delete expired contacts and abandoned drafts
    vivier personal-data find|export|erase EMAIL_OR_PHONE   one person's data (also: scan,
                                          flagged, redact, audit)
    vivier manage ...                     any Django management command

Errors are printed in plain words with the file, line and field at fault, and the exit code
is 1; a stack trace never reaches the user.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class CommandError(Exception):
    """A problem to tell the user in one sentence (exit code 1)."""


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    _django()
    from django.core.management import call_command

    call_command(*args)


def _migrate() -> None:
    _manage("migrate", "--verbosity", "0")
    # The shared cache (rate limits) is a table too; Django creates it with its own command.
    _manage("createcachetable", "--verbosity", "0")


def cmd_migrate(_args: argparse.Namespace) -> None:
    _migrate()


def cmd_demo(args: argparse.Namespace) -> None:
    _demo_secret_key()
    _migrate()
    from vivier.demo.builder import build_demo

    summary = build_demo()
    print(summary.text())
    if not args.no_serve:
        _serve(args.host, args.port, workers=2, threads=args.threads)


def _demo_secret_key() -> None:
    """The demo serves in production mode: it gets a random key of its own, kept under var/.

    Never the public default: resume links are signed with it. The file is created once
    (mode 600) so links stay valid from one ``make demo`` to the next.
    """
    if os.environ.get("VIVIER_SECRET_KEY"):
        return
    import secrets

    var_dir = Path(os.environ.get("VIVIER_VAR_DIR", Path.cwd() / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "demo-secret-key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    os.environ["VIVIER_SECRET_KEY"] = path.read_text().strip()


def cmd_serve(args: argparse.Namespace) -> None:
    _django()
    from vivier.checks import secret_key_problem

    problem = secret_key_problem()
    if problem:
        raise CommandError(problem)
    _migrate()
    from vivier.campaigns.staged_imports import recover

    recover()  # an import interrupted by a crash is finished or taken back before serving
    _serve(args.host, args.port, workers=args.workers, threads=args.threads)


def _serve(host: str, port: int, *, workers: int, threads: int) -> None:
    from vivier.serving.server import ServeOptions, serve

    print(f"Vivier: http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    serve(
        ServeOptions(
            host=host,
            port=port,
            workers=workers,
            threads=threads,
            access_log="-" if os.environ.get("VIVIER_ACCESS_LOG") else None,
        )
    )


def cmd_questionnaire_export(args: argparse.Namespace) -> None:
    _django()
    from vivier.campaigns.questionnaires import latest

    version = latest(args.slug)
    if version is None:
        raise CommandError(f"no questionnaire named '{args.slug}' (try: vivier demo --no-serve)")
    questionnaire = version.questionnaire()
    if args.format == "json":
        from vivier.surveys.codecs import vivier_json

        _write_text(args.output, vivier_json.dumps(questionnaire) + "\n")
    else:
        import importlib

        try:
            xlsform = importlib.import_module("vivier.surveys.codecs.xlsform")
        except ImportError as error:
            raise CommandError("XLSForm export is not available in this version") from error
        from vivier.atomic_files import atomic_path

        try:
            with atomic_path(args.output) as temporary:
                xlsform.write(questionnaire, temporary)
        except OSError as error:
            raise CommandError(f"{args.output}: cannot write ({error.strerror})") from error
    print(f"{args.slug} v{version.version} written to {args.output}")


def cmd_questionnaire_import(args: argparse.Namespace) -> None:
    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"{args.file}: no such file or folder")
    lang = args.lang
    if path.is_dir():
        from vivier.surveys.codecs.kobo import folder_workbooks

        if folder_workbooks(path):
            _import_workbooks(args, path)
            return
    if args.dry_run:
        from vivier.surveys.codecs.importing import import_path

        result, version = import_path(path), None
    else:
        _django()
        from vivier.campaigns.questionnaire_imports import import_file

        result, version = import_file(path, slug=args.slug or "")
    _print_diagnostics(result.diagnostics, lang)
    if not result.ok:
        count = len(result.errors)
        raise CommandError(f"{args.file}: nothing imported, {count} error(s)")
    assert result.questionnaire is not None
    questions = sum(1 for q in result.questionnaire.questions() if q.answerable)
    warnings = len(result.warnings)
    if version is None:
        print(f"{args.file}: would import {questions} questions ({warnings} warning(s))")
    else:
        print(
            f"{args.file}: imported as {version.slug} v{version.version}, "
            f"{questions} questions ({warnings} warning(s))"
        )


def _print_diagnostics(diagnostics: Any, lang: str) -> None:
    for diagnostic in diagnostics:
        label = "error" if diagnostic.is_error else "warning"
        if lang == "fr":
            label = "erreur" if diagnostic.is_error else "avertissement"
        print(f"{label}: {diagnostic.describe(lang)}", file=sys.stderr)


def _import_workbooks(args: argparse.Namespace, folder: Path) -> None:
    """A folder of XLSForm workbooks (no formpack fixture): each is a questionnaire, and
    they are all imported or none is."""
    from vivier.surveys.codecs.kobo import folder_workbooks, import_folder_workbooks

    count = len(folder_workbooks(folder))
    if args.slug and count > 1:
        raise CommandError(
            f"{args.file}: --slug names one questionnaire and this folder holds {count} "
            "workbooks: import them one by one to give each its slug"
        )
    versions: dict[Path, Any] = {}
    if args.dry_run:
        found = import_folder_workbooks(folder)
    else:
        _django()
        from vivier.campaigns.questionnaire_imports import import_workbooks

        found, versions = import_workbooks(folder, slug=args.slug or "")
    for _path, result in found:
        _print_diagnostics(result.diagnostics, args.lang)
    refused = [path.name for path, result in found if not result.ok]
    if refused:
        errors = sum(len(result.errors) for _path, result in found)
        raise CommandError(
            f"{args.file}: nothing imported, {errors} error(s) in {', '.join(refused)} "
            f"({len(refused)} of {len(found)} workbooks)"
        )
    for path, result in found:
        assert result.questionnaire is not None
        questions = sum(1 for q in result.questionnaire.questions() if q.answerable)
        warnings = len(result.warnings)
        version = versions.get(path)
        if version is None:
            print(f"{path}: would import {questions} questions ({warnings} warning(s))")
        else:
            print(
                f"{path}: imported as {version.slug} v{version.version}, "
                f"{questions} questions ({warnings} warning(s))"
            )


def cmd_questionnaire_validate(args: argparse.Namespace) -> None:
    from vivier.surveys.codecs import CodecError, vivier_json
    from vivier.surveys.validation import validate_questionnaire

    try:
        with open(args.file, encoding="utf-8") as handle:
            questionnaire = vivier_json.loads(handle.read())
    except OSError as error:
        raise CommandError(f"{args.file}: {error.strerror}") from error
    except (CodecError, UnicodeDecodeError) as error:
        # An XLSForm workbook, a .lss or a KoboToolbox form is checked by the importer.
        raise CommandError(
            f"{args.file}: not a Vivier JSON questionnaire ({error}); to check an XLSForm, "
            f"LimeSurvey or KoboToolbox file: vivier questionnaire import {args.file} --dry-run"
        ) from error
    issues = validate_questionnaire(questionnaire)
    for issue in issues:
        print(f"{args.file}: {issue.describe('en')}")
    if any(getattr(i, "severity", "error") == "error" for i in issues):
        raise CommandError(f"{args.file}: {len(issues)} problem(s)")
    print(f"{args.file}: valid ({sum(1 for _ in questionnaire.questions())} questions)")


def _campaign(slug: str) -> Any:
    from vivier.campaigns.models import Campaign

    campaign = Campaign.objects.select_related("questionnaire").filter(slug=slug).first()
    if campaign is None:
        known = ", ".join(Campaign.objects.values_list("slug", flat=True)) or "none"
        raise CommandError(f"no campaign named '{slug}' (campaigns: {known})")
    return campaign


def _write_text(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
        return
    _write_file(path, text)


def _write_file(path: str, data: str | bytes) -> None:
    """Whole or not at all: a failure never leaves an empty or partial file at ``path``."""
    from vivier.atomic_files import write_atomically

    try:
        write_atomically(path, data)
    except OSError as error:
        raise CommandError(f"{path}: cannot write ({error.strerror})") from error


def cmd_export_responses(args: argparse.Namespace) -> None:
    _django()
    import io

    from vivier.campaigns import exports

    campaign = _campaign(args.slug)
    personal = args.with_personal_data
    if args.format in ("xlsx", "parquet"):
        if args.output == "-":
            raise CommandError(f"--format {args.format} needs a file (-o FILE)")
        writer = exports.write_xlsx if args.format == "xlsx" else exports.write_parquet
        from vivier.atomic_files import atomic_path

        try:
            with atomic_path(args.output) as temporary, open(temporary, "wb") as binary:
                count = writer(campaign, binary, personal=personal)
        except OSError as error:
            raise CommandError(f"{args.output}: cannot write ({error.strerror})") from error
    else:
        buffer = io.StringIO()
        if args.format == "csv":
            count = exports.write_csv(campaign, buffer, personal=personal)
        else:
            count = exports.write_jsonl(campaign, buffer, personal=personal)
        _write_text(args.output, buffer.getvalue())
    if args.codebook:
        book = io.StringIO()
        exports.write_codebook_csv(campaign.questionnaire.questionnaire(), book, personal=personal)
        _write_text(args.codebook, book.getvalue())
    if args.output != "-":
        print(f"{count} response(s) written to {args.output}")


def cmd_import_responses(args: argparse.Namespace) -> None:
    # A bulk import is a batch job: checking 40,000 responses takes a core for tens of
    # seconds, which respondents on the same machine would otherwise wait for.
    with contextlib.suppress(OSError):
        os.nice(10)
    _django()
    from vivier.campaigns.imports import ImportFailedError, import_jsonl

    campaign = _campaign(args.slug)
    fmt = args.source
    if fmt == "auto" and Path(args.file).suffix.lower() == ".jsonl":
        fmt = "vivier"
    try:
        if fmt == "vivier":
            with open(args.file, encoding="utf-8") as handle:
                report = import_jsonl(campaign, handle, source=args.file)
        else:
            from vivier.campaigns.foreign_imports import import_foreign

            data = Path(args.file).read_bytes()
            report = import_foreign(campaign, data, Path(args.file).name, fmt)
            for note in report.notes:
                print(f"warning: {note.describe('en')}", file=sys.stderr)
    except OSError as error:
        raise CommandError(f"{args.file}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{args.file}: not UTF-8 text (byte {error.start})") from error
    except ImportFailedError as error:
        raise CommandError(str(error)) from error
    print(f"{args.file}: {report.imported} response(s) imported", end="")
    if report.already_present:
        print(f", {len(report.already_present)} already present and skipped", end="")
    print()


def cmd_erase_personal_data(args: argparse.Namespace) -> None:
    _django()
    from vivier.campaigns import privacy

    campaign = _campaign(args.slug)
    if args.response:
        missing = set(args.response) - set(
            campaign.responses.filter(key__in=args.response).values_list("key", flat=True)
        )
        if missing:
            raise CommandError(f"no response {', '.join(sorted(missing))} in '{args.slug}'")
    # Same guarantees as erasing one person: flags cleared, contacts in free texts redacted,
    # SQLite's freed pages zeroed and its write-ahead log emptied, snapshots dropped.
    result = privacy.erase_campaign_contacts(
        campaign, args.response, actor=privacy.command_line_actor()
    )
    print(
        f"personal data erased from {result.contacts} response(s) of '{args.slug}' "
        f"({result.texts} e-mail address(es) or number(s) redacted in free texts)"
    )


def cmd_personal_data(args: argparse.Namespace) -> None:
    """``vivier purge`` and ``vivier personal-data …`` (vivier.campaigns.privacy_commands)."""
    _django()
    from vivier.campaigns.privacy_commands import Failed

    try:
        args.handler(args)
    except Failed as error:
        raise CommandError(str(error)) from error


def cmd_report(args: argparse.Namespace) -> None:
    _django()
    from vivier.reports.rendering import render_report

    campaign = _campaign(args.slug)
    body = render_report(campaign, args.format, publication=args.publication, k=args.k)
    if args.output == "-":
        sys.stdout.buffer.write(body)
        return
    _write_file(args.output, body)
    print(f"report of '{args.slug}' written to {args.output} ({len(body):,} bytes)")


def cmd_practices_import(args: argparse.Namespace) -> None:
    _django()
    from vivier.practices.importing import read_document
    from vivier.practices.importing.reader import UnsupportedDocument
    from vivier.practices.imports import import_text

    try:
        text = read_document(args.file)
    except FileNotFoundError as error:
        raise CommandError(f"{args.file}: no such file") from error
    except UnsupportedDocument as error:
        raise CommandError(str(error)) from error
    except (OSError, ValueError) as error:
        raise CommandError(f"{args.file}: cannot be read ({error})") from error
    imported = import_text(text, source=os.path.basename(args.file))
    for practice in imported.practices:
        print(f"  draft {practice.code or '-':>3}  {practice.title}")
    for warning in imported.warnings:
        where = f"line {warning.line}" + (f", sheet {warning.sheet}" if warning.sheet else "")
        print(f"{args.file}: {where}: {warning.message}")
    print(
        f"{args.file}: {len(imported.practices)} draft sheet(s) created; "
        f"{len(imported.unplaced)} fragment(s) could not be placed (see the staff area)"
    )


def cmd_practices_export(args: argparse.Namespace) -> None:
    _django()
    from vivier.practices.opendata import export

    _write_text(args.output, export(args.format))
    if args.output != "-":
        print(f"published practices written to {args.output}")


def cmd_manage(args: argparse.Namespace) -> None:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vivier manage", *args.rest])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vivier", description="Vivier command line")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="load the demo data and serve")
    demo.add_argument("--no-serve", action="store_true", help="load the data and stop")
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve with a production server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 1))
    serve.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="create or update the database").set_defaults(func=cmd_migrate)

    questionnaire = sub.add_parser("questionnaire", help="questionnaire definitions")
    qsub = questionnaire.add_subparsers(dest="action", required=True)
    qexport = qsub.add_parser("export", help="write a questionnaire to a file")
    qexport.add_argument("slug")
    qexport.add_argument("--format", choices=["json", "xlsform"], default="json")
    qexport.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
    qexport.set_defaults(func=cmd_questionnaire_export)
    qimport = qsub.add_parser(
        "import",
        help="import an XLSForm (.xlsx .xls .csv .md), LimeSurvey (.lss), KoboToolbox (.json or "
        "formpack folder) or Vivier JSON questionnaire, or each workbook of a folder",
    )
    qimport.add_argument("file")
    qimport.add_argument("--slug", help="identifier to give the questionnaire")
    qimport.add_argument("--dry-run", action="store_true", help="check only, store nothing")
    qimport.add_argument("--lang", choices=["en", "fr"], default="en", help="message language")
    qimport.set_defaults(func=cmd_questionnaire_import)
    qvalidate = qsub.add_parser("validate", help="check a questionnaire JSON file")
    qvalidate.add_argument("file")
    qvalidate.set_defaults(func=cmd_questionnaire_validate)

    export = sub.add_parser("export-responses", help="write a campaign's responses")
    export.add_argument("slug")
    export.add_argument("--format", choices=["csv", "json", "xlsx", "parquet"], default="json")
    export.add_argument("--codebook", help="also write the codebook (CSV) to this file")
    export.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
    export.add_argument(
        "--with-personal-data",
        action="store_true",
        help="include contact details (kept out by default)",
    )
    export.set_defaults(func=cmd_export_responses)

    imp = sub.add_parser(
        "import-responses",
        help="load responses: Vivier JSON Lines, KoboToolbox/ODK (JSON or CSV), LimeSurvey CSV",
    )
    imp.add_argument("slug")
    imp.add_argument("file")
    imp.add_argument(
        "--from",
        dest="source",
        choices=["auto", "vivier", "kobo", "limesurvey"],
        default="auto",
        help="tool the file comes from (default: guessed from the extension and the columns)",
    )
    imp.set_defaults(func=cmd_import_responses)

    report = sub.add_parser("report", help="a campaign's analysis report")
    report.add_argument("slug")
    report.add_argument(
        "--format", choices=["json", "html", "pdf", "docx", "xlsx", "csv"], default="json"
    )
    report.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
    report.add_argument(
        "--publication",
        action="store_true",
        help="hide counts below --k and free texts (for a published report)",
    )
    report.add_argument("--k", type=int, default=5, help="small-cell threshold (default 5)")
    report.set_defaults(func=cmd_report)

    practices = sub.add_parser("practices", help="the practice registry")
    psub = practices.add_subparsers(dest="action", required=True)
    pimport = psub.add_parser("import", help="create draft sheets from a .txt, .docx or .pdf")
    pimport.add_argument("file")
    pimport.set_defaults(func=cmd_practices_import)
    pexport = psub.add_parser("export", help="open data of the published practices")
    pexport.add_argument("--format", choices=["csv", "json"], default="json")
    pexport.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
    pexport.set_defaults(func=cmd_practices_export)

    erase = sub.add_parser(
        "erase-personal-data", help="delete contact details, keeping the anonymous answers"
    )
    erase.add_argument("slug")
    erase.add_argument("--response", action="append", help="only this response id (repeatable)")
    erase.set_defaults(func=cmd_erase_personal_data)

    from vivier.campaigns.privacy_commands import add_commands

    add_commands(sub, cmd_personal_data)  # purge, personal-data find|export|erase|scan|...

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except CommandError as error:
        print(f"vivier: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # A defect of Vivier, not of the user's input: one sentence on the terminal, the
        # stack trace only when asked for (it names files and code, not what to do).
        if os.environ.get("VIVIER_DEBUG", "").lower() in {"1", "true", "yes", "on"}:
            raise
        kind = type(error).__name__
        print(
            f"vivier: unexpected error ({kind}: {str(error)[:200]}); nothing was left half-"
            "written. Run again with VIVIER_DEBUG=1 to see where it happened, and report it.",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
