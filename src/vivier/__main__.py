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
    vivier coding export|import|agreement|suggest|pii SLUG …   coding of free texts and notes
    vivier erase-personal-data SLUG [--response ID]...
    vivier purge [--dry-run]              delete expired contacts and abandoned drafts
    vivier personal-data find|export|erase EMAIL_OR_PHONE   one person's data (also: scan,
                                          flagged, redact, audit)
    vivier audit [--since D] [--actor A] [--action K] [--purge]   the audit trail
    vivier manage ...                     any Django management command

This module only dispatches. Each command is the Django management command of the app that
owns it (``campaigns/management/commands/export_responses.py`` for ``export-responses``…),
run with that command's own parser: ``vivier report X -o F`` is ``vivier manage report X -o F``
and, in tests, ``call_command("report", "X", "-o", "F")``. ``vivier migrate`` runs Django's
``migrate`` and ``createcachetable``.

Errors are printed in plain words with the file, line and field at fault, and the exit code
is 1; a stack trace never reaches the user (a defect is one sentence and exit code 2, the
trace only with VIVIER_DEBUG=1).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from django.core.management.base import CommandError

#: vivier command: (management command, what it does). An empty name is handled here.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("demo", "load the demo data and serve"),
    "serve": ("serve", "serve with a production server"),
    "migrate": ("", "create or update the database"),
    "questionnaire": ("questionnaire", "questionnaire definitions: export, import, validate"),
    "export-responses": ("export_responses", "write a campaign's responses"),
    "import-responses": (
        "import_responses",
        "load responses: Vivier JSON Lines, KoboToolbox/ODK (JSON or CSV), LimeSurvey CSV",
    ),
    "report": ("report", "a campaign's analysis report"),
    "practices": ("practices", "the practice registry: import, export"),
    "evaluation": ("evaluation", "an evaluation plan's reports: funder, qualitative"),
    "coding": ("coding", "code free texts and notes: REFI-QDA exchange, agreement, suggestions"),
    "erase-personal-data": (
        "erase_personal_data",
        "delete contact details, keeping the anonymous answers",
    ),
    "purge": (
        "purge",
        "delete expired contact details and abandoned drafts (retention settings)",
    ),
    "personal-data": (
        "personal_data",
        "find, export or erase one person's data; review free texts",
    ),
    "audit": ("audit", "the audit trail of sensitive actions; --purge applies its retention"),
    "manage": ("", "run a Django management command"),
}


def build_parser() -> argparse.ArgumentParser:
    """What ``vivier --help`` lists; each command parses its own arguments."""
    parser = argparse.ArgumentParser(
        prog="vivier",
        description="Vivier command line",
        epilog="'vivier COMMAND --help' gives the options of a command.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_command, what) in COMMANDS.items():
        sub.add_parser(name, help=what, add_help=False)
    return parser


def run(name: str, argv: list[str]) -> int:
    """Runs the ``vivier`` command ``name``; returns the exit code."""
    if name == "demo":
        from vivier.demo.secret_key import use_demo_secret_key

        use_demo_secret_key()  # before the settings are read: they hold the key
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()
    if name == "manage":
        from django.core.management import execute_from_command_line

        execute_from_command_line(["vivier manage", *argv])
        return 0
    if name == "migrate":
        argparse.ArgumentParser(prog="vivier migrate", description=COMMANDS[name][1]).parse_args(
            argv
        )
        from vivier.serving import startup

        startup.migrate_database()
        return 0
    return run_command(COMMANDS[name][0], argv, name=name)


def run_command(command_name: str, argv: Sequence[str], *, name: str) -> int:
    """The management command ``command_name`` with the arguments typed, as ``manage.py``
    would run it, but leaving the database connections open (tests call ``main``)."""
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()[command_name], command_name)
    parser = command.create_parser("vivier", name)
    try:
        options = vars(parser.parse_args(list(argv)))
    except CommandError as error:
        # Outside manage.py, Django's parser raises instead of printing the usage.
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {str(error).removeprefix('Error: ')}", file=sys.stderr)
        return 2
    args = options.pop("args", ())
    command.execute(*args, **options)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] not in COMMANDS:
        build_parser().parse_args(arguments[:1])  # the help, or the usage and an error
        return 2
    try:
        return run(arguments[0], arguments[1:])
    except CommandError as error:
        print(f"vivier: {error}", file=sys.stderr)
        return error.returncode
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


if __name__ == "__main__":
    sys.exit(main())
