"""``vivier personal-data find|export|erase|scan|flagged|redact|audit``: one person's data
across every campaign, and contacts written in free texts (vivier.campaigns.privacy)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand

WHO = "e-mail address or telephone number (several: one argument each)"


class Command(VivierCommand):
    help = "Find, export or erase one person's data; review the free texts holding contacts."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        find = actions.add_parser("find", help="the responses holding this e-mail or number")
        find.add_argument("identifier", nargs="+", help=WHO)
        export = actions.add_parser("export", help="everything held about the person, as JSON")
        export.add_argument("identifier", nargs="+", help=WHO)
        export.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
        erase = actions.add_parser(
            "erase", help="delete the person's contact details and drafts, redact their free texts"
        )
        erase.add_argument("identifier", nargs="+", help=WHO)
        scan = actions.add_parser(
            "scan", help="flag free-text answers holding an e-mail or a number (older responses)"
        )
        scan.add_argument("slug", nargs="?", help="one campaign (default: all)")
        flagged = actions.add_parser("flagged", help="list a campaign's flagged free-text answers")
        flagged.add_argument("slug")
        flagged.add_argument(
            "--show", action="store_true", help="print the texts as they are (default: masked)"
        )
        redact = actions.add_parser("redact", help="replace the contacts in one flagged answer")
        redact.add_argument("slug")
        redact.add_argument("response", help="response id")
        redact.add_argument("question", help="answer key, as 'flagged' lists it")
        audit = actions.add_parser("audit", help="the last entries of the personal-data audit log")
        audit.add_argument("--last", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.campaigns import privacy

        action = getattr(self, f"do_{options['action']}")
        try:
            action(options)
        except privacy.PrivacyError as error:
            raise CommandError(error.describe("en")) from error

    @property
    def actor(self) -> str:
        from vivier.campaigns.privacy import command_line_actor

        return command_line_actor()

    def do_find(self, options: dict[str, Any]) -> None:
        from vivier.campaigns import privacy

        person = privacy.find_person(options["identifier"], actor=self.actor)
        for response in person.responses:
            when = response.submitted_at or response.updated_at
            contact = getattr(response, "contact", None) if response.has_personal_data else None
            fields = ", ".join(sorted(contact.data)) if contact is not None else "-"
            self.stdout.write(
                f"{response.campaign.slug}  {response.key}  {response.status}  "
                f"{when:%Y-%m-%d %H:%M}  contact: {fields}"
            )
        for mention in person.mentions:
            self.stdout.write(
                f"{mention.response.campaign.slug}  {mention.response.key}  mentioned in the "
                f"free text '{mention.question}'"
            )
        self.stdout.write(
            f"{len(person.responses)} response(s) with these contact details, "
            f"{len(person.mentions)} mention(s) in other responses' free texts"
        )

    def do_export(self, options: dict[str, Any]) -> None:
        from vivier.campaigns import privacy

        person, text = privacy.export_person(options["identifier"], actor=self.actor)
        output = options["output"]
        if output == "-":
            self.write_stdout(text)
            return
        write_private(output, text)
        self.stdout.write(
            f"{len(person.responses)} response(s) and {len(person.mentions)} mention(s) "
            f"written to {output}"
        )

    def do_erase(self, options: dict[str, Any]) -> None:
        from vivier.campaigns import privacy

        result = privacy.erase_person(options["identifier"], actor=self.actor)
        self.stdout.write(result.text())
        if not result.checkpointed:
            self.warn(
                "warning: the SQLite write-ahead log could not be emptied (a reader held it); "
                "run the command again when the server is idle"
            )

    def do_scan(self, options: dict[str, Any]) -> None:
        from vivier.campaigns import privacy

        campaign = self.campaign(options["slug"]) if options["slug"] else None
        read, flagged = privacy.scan(campaign, actor=self.actor)
        self.stdout.write(f"{read} response(s) read, {flagged} free-text answer(s) flagged")

    def do_flagged(self, options: dict[str, Any]) -> None:
        from vivier.campaigns import privacy

        campaign = self.campaign(options["slug"])
        items = privacy.flagged_texts(campaign)
        for item in items:
            text = item.text if options["show"] else item.masked
            state = "kept" if item.flag.reviewed_at else "to review"
            one_line = " ".join(text.split())
            self.stdout.write(
                f"{item.response.key}  {item.flag.question}  {state}  {one_line[:200]}"
            )
        self.stdout.write(f"{len(items)} flagged free-text answer(s) in '{campaign.slug}'")

    def do_redact(self, options: dict[str, Any]) -> None:
        from vivier.campaigns import privacy

        campaign, question = self.campaign(options["slug"]), options["question"]
        count = privacy.redact_text(campaign, options["response"], question, actor=self.actor)
        self.stdout.write(f"{count} e-mail address(es) or number(s) redacted in '{question}'")

    def do_audit(self, options: dict[str, Any]) -> None:
        from vivier.campaigns.models import AuditEntry

        for entry in AuditEntry.objects.all()[: max(options["last"], 0)]:
            self.stdout.write(
                f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.actor}  {entry.action}  {entry.target}"
            )


def write_private(path: str, text: str) -> None:
    """A file only its owner can read (mode 600), whole or not at all."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CommandError(f"{path}: cannot write ({error.strerror})") from error
