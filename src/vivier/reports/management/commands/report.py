"""``vivier report``: a campaign's analysis report as JSON, HTML, PDF, DOCX, XLSX or CSV."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from vivier.commands import VivierCommand


class Command(VivierCommand):
    help = "Write a campaign's analysis report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument(
            "--format", choices=["json", "html", "pdf", "docx", "xlsx", "csv"], default="json"
        )
        parser.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
        parser.add_argument(
            "--publication",
            action="store_true",
            help="hide counts below --k and free texts (for a published report)",
        )
        parser.add_argument("--k", type=int, default=5, help="small-cell threshold (default 5)")
        parser.add_argument(
            "--lang",
            choices=["fr", "en"],
            default="fr",
            help="language of the document's own words (default fr)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from vivier.reports.rendering import render_report

        slug, output = options["slug"], options["output"]
        campaign = self.campaign(slug)
        body = render_report(
            campaign,
            options["format"],
            publication=options["publication"],
            k=options["k"],
            lang=options["lang"],
        )
        self.write_output(output, body)
        from vivier import audit

        audit.record(
            None,
            "report.export",
            campaign,
            format=options["format"],
            publication=options["publication"],
        )
        if output != "-":
            self.stdout.write(f"report of '{slug}' written to {output} ({len(body):,} bytes)")
