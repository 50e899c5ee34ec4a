"""``vivier erase-personal-data``: a campaign's contact details deleted, its answers kept."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = "Delete contact details, keeping the anonymous answers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument(
            "--response", action="append", help="only this response id (repeatable)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.campaigns import privacy

        slug, keys = options["slug"], options["response"]
        campaign = self.campaign(slug)
        if keys:
            found = campaign.responses.filter(key__in=keys).values_list("key", flat=True)
            missing = set(keys) - set(found)
            if missing:
                raise CommandError(f"no response {', '.join(sorted(missing))} in '{slug}'")
        # Same guarantees as erasing one person: flags cleared, contacts in free texts redacted,
        # SQLite's freed pages zeroed and its write-ahead log emptied, snapshots dropped.
        result = privacy.erase_campaign_contacts(campaign, keys, actor=privacy.command_line_actor())
        self.stdout.write(
            f"personal data erased from {result.contacts} response(s) of '{slug}' "
            f"({result.texts} e-mail address(es) or number(s) redacted in free texts)"
        )
