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
    vivier report SLUG --format json|html|pdf|docx|xlsx -o FILE [--publication] [--k 5]
    vivier practices import FILE          draft sheets from a document (.txt, .docx, .pdf)
    vivier practices export --format csv|json -o FILE   open data of published practices
    vivier erase-personal-data SLUG [--response ID]...
    vivier manage ...                     any Django management command

Errors are printed in plain words with the file, line and field at fault, and the exit code
is 1; a stack trace never reaches the user.
"""

from __future__ import annotations

import argparse
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


def cmd_migrate(_args: argparse.Namespace) -> None:
    _manage("migrate", "--verbosity", "0")


def cmd_demo(args: argparse.Namespace) -> None:
    _manage("migrate", "--verbosity", "0")
    from vivier.demo.builder import build_demo

    summary = build_demo()
    print(summary.text())
    if not args.no_serve:
        _serve(args.host, args.port, workers=2)


def cmd_serve(args: argparse.Namespace) -> None:
    _manage("migrate", "--verbosity", "0")
    _serve(args.host, args.port, workers=args.workers)


def _serve(host: str, port: int, *, workers: int) -> None:
    from gunicorn.app.wsgiapp import run

    print(f"Vivier: http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    sys.argv = [
        "gunicorn",
        "vivier.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-" if os.environ.get("VIVIER_ACCESS_LOG") else "/dev/null",
    ]
    run()


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
        xlsform.write(questionnaire, args.output)
    print(f"{args.slug} v{version.version} written to {args.output}")


def cmd_questionnaire_import(args: argparse.Namespace) -> None:
    path = Path(args.file)
    if not path.exists():
        raise CommandError(f"{args.file}: no such file or folder")
    lang = args.lang
    if args.dry_run:
        from vivier.surveys.codecs.importing import import_path

        result, version = import_path(path), None
    else:
        _django()
        from vivier.campaigns.questionnaire_imports import import_file

        result, version = import_file(path, slug=args.slug or "")
    for diagnostic in result.diagnostics:
        label = "error" if diagnostic.is_error else "warning"
        if lang == "fr":
            label = "erreur" if diagnostic.is_error else "avertissement"
        print(f"{label}: {diagnostic.describe(lang)}", file=sys.stderr)
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


def cmd_questionnaire_validate(args: argparse.Namespace) -> None:
    from vivier.surveys.codecs import CodecError, vivier_json
    from vivier.surveys.validation import validate_questionnaire

    try:
        with open(args.file, encoding="utf-8") as handle:
            questionnaire = vivier_json.loads(handle.read())
    except OSError as error:
        raise CommandError(f"{args.file}: {error.strerror}") from error
    except CodecError as error:
        raise CommandError(f"{args.file}: {error}") from error
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
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
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
        try:
            with open(args.output, "wb") as binary:
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
    from vivier.campaigns.models import ResponseContact

    campaign = _campaign(args.slug)
    contacts = ResponseContact.objects.filter(response__campaign=campaign)
    if args.response:
        contacts = contacts.filter(response__key__in=args.response)
        missing = set(args.response) - set(
            campaign.responses.filter(key__in=args.response).values_list("key", flat=True)
        )
        if missing:
            raise CommandError(f"no response {', '.join(sorted(missing))} in '{args.slug}'")
    erased, _detail = contacts.delete()
    print(f"personal data erased from {erased} response(s) of '{args.slug}'")


def cmd_report(args: argparse.Namespace) -> None:
    _django()
    from vivier.reports.rendering import render_report

    campaign = _campaign(args.slug)
    body = render_report(campaign, args.format, publication=args.publication, k=args.k)
    if args.output == "-":
        sys.stdout.buffer.write(body)
        return
    try:
        with open(args.output, "wb") as handle:
            handle.write(body)
    except OSError as error:
        raise CommandError(f"{args.output}: cannot write ({error.strerror})") from error
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
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve with a production server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 1) * 2))
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
        "formpack folder) or Vivier JSON questionnaire",
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
    report.add_argument("--format", choices=["json", "html", "pdf", "docx", "xlsx"], default="json")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
