"""The command line of the personal-data tools: ``vivier purge`` and ``vivier personal-data``.

The parsers are built before Django is set up (this module imports nothing from Django at
load); each handler runs after the ``vivier`` command has set it up, and says what went wrong
by raising ``Failed`` with a sentence in English.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


class Failed(Exception):
    """A problem to tell the user in one sentence (exit code 1)."""


Runner = Callable[[argparse.Namespace], None]


def add_commands(sub: Any, runner: Runner) -> None:
    """Adds ``purge`` and ``personal-data`` to the ``vivier`` command's subparsers.

    ``runner`` sets Django up and calls ``args.handler(args)``, turning ``Failed`` into the
    command's error.
    """
    purge = sub.add_parser(
        "purge",
        help="delete expired contact details and abandoned drafts (retention settings)",
    )
    purge.add_argument("--dry-run", action="store_true", help="say what is due, delete nothing")
    purge.set_defaults(func=runner, handler=cmd_purge)

    personal = sub.add_parser(
        "personal-data", help="find, export or erase one person's data; review free texts"
    )
    psub = personal.add_subparsers(dest="action", required=True)
    who = "e-mail address or telephone number (several: one argument each)"
    find = psub.add_parser("find", help="the responses holding this e-mail or number")
    find.add_argument("identifier", nargs="+", help=who)
    find.set_defaults(func=runner, handler=cmd_find)
    export = psub.add_parser("export", help="everything held about the person, as JSON")
    export.add_argument("identifier", nargs="+", help=who)
    export.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
    export.set_defaults(func=runner, handler=cmd_export)
    erase = psub.add_parser(
        "erase", help="delete the person's contact details and drafts, redact their free texts"
    )
    erase.add_argument("identifier", nargs="+", help=who)
    erase.set_defaults(func=runner, handler=cmd_erase)
    scan = psub.add_parser(
        "scan", help="flag free-text answers holding an e-mail or a number (older responses)"
    )
    scan.add_argument("slug", nargs="?", help="one campaign (default: all)")
    scan.set_defaults(func=runner, handler=cmd_scan)
    flagged = psub.add_parser("flagged", help="list a campaign's flagged free-text answers")
    flagged.add_argument("slug")
    flagged.add_argument(
        "--show", action="store_true", help="print the texts as they are (default: masked)"
    )
    flagged.set_defaults(func=runner, handler=cmd_flagged)
    redact = psub.add_parser("redact", help="replace the contacts in one flagged answer")
    redact.add_argument("slug")
    redact.add_argument("response", help="response id")
    redact.add_argument("question", help="answer key, as 'flagged' lists it")
    redact.set_defaults(func=runner, handler=cmd_redact)
    audit = psub.add_parser("audit", help="the last entries of the personal-data audit log")
    audit.add_argument("--last", type=int, default=20)
    audit.set_defaults(func=runner, handler=cmd_audit)


def _privacy() -> Any:
    from vivier.campaigns import privacy

    return privacy


def _campaign(slug: str) -> Any:
    from vivier.campaigns.models import Campaign

    campaign = Campaign.objects.select_related("questionnaire").filter(slug=slug).first()
    if campaign is None:
        known = ", ".join(Campaign.objects.values_list("slug", flat=True)) or "none"
        raise Failed(f"no campaign named '{slug}' (campaigns: {known})")
    return campaign


def _guarded(call: Callable[[], Any]) -> Any:
    privacy = _privacy()
    try:
        return call()
    except privacy.PrivacyError as error:
        raise Failed(error.describe("en")) from error


def write_private(path: str, text: str) -> None:
    """Writes a file only its owner can read, whole or not at all."""
    if path == "-":
        sys.stdout.write(text)
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise Failed(f"{path}: cannot write ({error.strerror})") from error


def cmd_purge(args: argparse.Namespace) -> None:
    privacy = _privacy()
    report = _guarded(
        lambda: privacy.purge(actor=privacy.command_line_actor(), dry_run=args.dry_run)
    )
    print(report.text())
    if args.dry_run:
        print("dry run: nothing deleted")


def cmd_find(args: argparse.Namespace) -> None:
    privacy = _privacy()
    person = _guarded(
        lambda: privacy.find_person(args.identifier, actor=privacy.command_line_actor())
    )
    for response in person.responses:
        when = response.submitted_at or response.updated_at
        contact = getattr(response, "contact", None) if response.has_personal_data else None
        fields = ", ".join(sorted(contact.data)) if contact is not None else "-"
        print(
            f"{response.campaign.slug}  {response.key}  {response.status}  "
            f"{when:%Y-%m-%d %H:%M}  contact: {fields}"
        )
    for mention in person.mentions:
        print(
            f"{mention.response.campaign.slug}  {mention.response.key}  mentioned in the free "
            f"text '{mention.question}'"
        )
    print(
        f"{len(person.responses)} response(s) with these contact details, "
        f"{len(person.mentions)} mention(s) in other responses' free texts"
    )


def cmd_export(args: argparse.Namespace) -> None:
    privacy = _privacy()
    person, text = _guarded(
        lambda: privacy.export_person(args.identifier, actor=privacy.command_line_actor())
    )
    write_private(args.output, text)
    if args.output != "-":
        print(
            f"{len(person.responses)} response(s) and {len(person.mentions)} mention(s) "
            f"written to {args.output}"
        )


def cmd_erase(args: argparse.Namespace) -> None:
    privacy = _privacy()
    result = _guarded(
        lambda: privacy.erase_person(args.identifier, actor=privacy.command_line_actor())
    )
    print(result.text())
    if not result.checkpointed:
        print(
            "warning: the SQLite write-ahead log could not be emptied (a reader held it); "
            "run the command again when the server is idle",
            file=sys.stderr,
        )


def cmd_scan(args: argparse.Namespace) -> None:
    privacy = _privacy()
    campaign = _campaign(args.slug) if args.slug else None
    read, flagged = privacy.scan(campaign, actor=privacy.command_line_actor())
    print(f"{read} response(s) read, {flagged} free-text answer(s) flagged")


def cmd_flagged(args: argparse.Namespace) -> None:
    privacy = _privacy()
    campaign = _campaign(args.slug)
    items = privacy.flagged_texts(campaign)
    for item in items:
        text = item.text if args.show else item.masked
        state = "kept" if item.flag.reviewed_at else "to review"
        one_line = " ".join(text.split())
        print(f"{item.response.key}  {item.flag.question}  {state}  {one_line[:200]}")
    print(f"{len(items)} flagged free-text answer(s) in '{campaign.slug}'")


def cmd_redact(args: argparse.Namespace) -> None:
    privacy = _privacy()
    campaign = _campaign(args.slug)
    count = _guarded(
        lambda: privacy.redact_text(
            campaign, args.response, args.question, actor=privacy.command_line_actor()
        )
    )
    print(f"{count} e-mail address(es) or number(s) redacted in '{args.question}'")


def cmd_audit(args: argparse.Namespace) -> None:
    from vivier.campaigns.models import AuditEntry

    for entry in AuditEntry.objects.all()[: max(args.last, 0)]:
        print(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor}  {entry.action}  {entry.target}")
