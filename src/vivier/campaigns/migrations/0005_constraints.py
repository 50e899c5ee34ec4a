"""The database enforces the campaigns' rules the code kept until now.

A campaign closes after it opens; a response's status and mode are among their choices and
it carries a ``submitted_at`` exactly when it was sent (submitted, or staged by an import);
an import batch is published only once committed.

Rows breaking a rule are not changed here: which date or status is right cannot be guessed
(clearing a draft's ``submitted_at`` would erase the trace of a submission, inventing one
would move a figure). The migration stops instead and names them, so that someone who knows
can fix them, then run ``migrate`` again.
"""

from django.core.management.base import CommandError
from django.db import migrations, models

STATUSES = ["draft", "submitted", "staged"]
MODES = ["online", "assisted", "proxy"]
SENT = models.Q(status="draft", submitted_at__isnull=True) | models.Q(
    status__in=["submitted", "staged"], submitted_at__isnull=False
)
#: How many offending rows a message names (the count says how many there are in all).
SHOWN = 10


def _listed(rows, describe):
    names = [describe(row) for row in rows[:SHOWN]]
    more = len(rows) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def refuse_broken_rows(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    Response = apps.get_model("campaigns", "Response")
    ImportBatch = apps.get_model("campaigns", "ImportBatch")
    problems = []

    def response_name(row):
        return f"{row[0]}/{row[1]} ({row[2]}, submitted_at={row[3]})"

    checks = [
        (
            "campaign(s) whose closing date is not after their opening date",
            list(
                Campaign.objects.filter(closes_at__lte=models.F("opens_at")).values_list(
                    "slug", "opens_at", "closes_at"
                )
            ),
            lambda row: f"{row[0]} (opens {row[1]}, closes {row[2]})",
        ),
        (
            "response(s) with a status other than " + ", ".join(STATUSES),
            list(
                Response.objects.exclude(status__in=STATUSES).values_list(
                    "campaign__slug", "key", "status", "submitted_at"
                )
            ),
            response_name,
        ),
        (
            "response(s) with a mode other than " + ", ".join(MODES),
            list(
                Response.objects.exclude(mode__in=MODES).values_list(
                    "campaign__slug", "key", "mode", "submitted_at"
                )
            ),
            response_name,
        ),
        (
            "response(s) whose submitted_at does not match their status (a draft has none, "
            "a submitted or staged response has one)",
            list(
                Response.objects.filter(status__in=STATUSES)
                .exclude(SENT)
                .values_list("campaign__slug", "key", "status", "submitted_at")
            ),
            response_name,
        ),
        (
            "import batch(es) published without being committed",
            list(
                ImportBatch.objects.filter(
                    published_at__isnull=False, committed_at__isnull=True
                ).values_list("pk", "source")
            ),
            lambda row: f"#{row[0]} ({row[1] or 'no source'})",
        ),
    ]
    for what, rows, describe in checks:
        if rows:
            problems.append(f"- {len(rows)} {what}: {_listed(rows, describe)}")
    if problems:
        raise CommandError(
            "campaigns 0005_constraints: existing rows break the rules this migration makes "
            "the database enforce. Nothing was changed. Correct these rows (the Django "
            "shell or the database's own client), then run migrate again:\n" + "\n".join(problems)
        )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_staged_imports")]

    operations = [
        migrations.RunPython(refuse_broken_rows, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="campaign",
            constraint=models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="campaign_closes_after_opening",
            ),
        ),
        migrations.AddConstraint(
            model_name="response",
            constraint=models.CheckConstraint(
                condition=models.Q(status__in=STATUSES), name="response_status_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="response",
            constraint=models.CheckConstraint(
                condition=models.Q(mode__in=MODES), name="response_mode_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="response",
            constraint=models.CheckConstraint(
                condition=SENT, name="response_submitted_at_iff_sent"
            ),
        ),
        migrations.AddConstraint(
            model_name="importbatch",
            constraint=models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(committed_at__isnull=False),
                name="import_batch_published_after_commit",
            ),
        ),
    ]
