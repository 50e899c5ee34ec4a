"""``vivier evaluation report SHEET --track funder|qualitative --format pdf|docx|xlsx -o FILE``.

The reports of a practice's evaluation plan, as the evaluation page offers them: the funder
report as PDF or XLSX, the qualitative report as PDF or DOCX, in French or English. The
sheet is named by its code ("1A") or its slug. Each report written leaves a line in the
audit trail, as a download does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.management.base import CommandError, CommandParser

from vivier.commands import VivierCommand

if TYPE_CHECKING:
    from vivier.evaluation.models import Plan


class Command(VivierCommand):
    help = "The evaluation of a practice: its reports to funders and its qualitative report."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        report = actions.add_parser("report", help="write a report of a practice's evaluation plan")
        report.add_argument("sheet", help="the practice sheet's code (1A) or slug")
        report.add_argument("--track", choices=["funder", "qualitative"], required=True)
        report.add_argument(
            "--format",
            choices=["pdf", "docx", "xlsx"],
            required=True,
            help="funder: pdf or xlsx; qualitative: pdf or docx",
        )
        report.add_argument("-o", "--output", required=True, help="file to write ('-': stdout)")
        report.add_argument(
            "--lang", choices=["fr", "en"], default="fr", help="the report's language (fr)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.report(
            options["sheet"],
            options["track"],
            options["format"],
            options["output"],
            options["lang"],
        )

    def report(self, sheet: str, track: str, fmt: str, output: str, lang: str) -> None:
        from vivier import audit
        from vivier.evaluation import documents

        try:
            documents.check(track, fmt)
        except documents.UnknownReport as error:
            raise CommandError(str(error)) from error
        plan = self.plan(sheet)
        body = documents.render(plan, track, fmt, lang=lang)
        self.write_output(output, body)
        audit.record(
            None, "report.export", plan, report=f"evaluation-{track}", format=fmt, lang=lang
        )
        if output != "-":
            self.stdout.write(
                f"{track} report of '{plan.practice.slug}' written to {output} "
                f"({len(body):,} bytes)"
            )

    def plan(self, sheet: str) -> Plan:
        from django.db.models import Q

        from vivier.evaluation.models import Plan
        from vivier.practices.models import Practice

        name = sheet.strip()
        practice = (
            Practice.objects.filter(Q(code__iexact=name) | Q(slug=name)).order_by("-code").first()
            if name
            else None
        )
        if practice is None:
            raise CommandError(f"no practice sheet with the code or slug '{sheet}'")
        plan = Plan.objects.select_related("practice").filter(practice=practice).first()
        if plan is None:
            with_plans = Plan.objects.select_related("practice").order_by("practice__code")
            known = ", ".join(p.practice.code or p.practice.slug for p in with_plans) or "none"
            raise CommandError(
                f"the sheet '{sheet}' has no evaluation plan (sheets with one: {known})"
            )
        return plan
