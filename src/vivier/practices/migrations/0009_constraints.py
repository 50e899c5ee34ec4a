"""The database enforces the registry's rules, and forgets a deleted sheet's search rows.

Constraints: a non-empty sheet code ("1A") names one sheet; a response is proposed as a
candidate once; states are among their choices; a published sheet has its publication
date; a rejected candidate says why. Rows breaking one of these are not changed here (which
of two sheets keeps "1A", which of two candidates stays, cannot be guessed): the migration
stops and names them, so that someone who knows can fix them, then run ``migrate`` again.

Search rows: deleting a sheet's ``PracticeIndex`` row (which Django deletes with the sheet,
however the sheet is deleted) now deletes, in the database, the rows search keeps beside it
in tables Django does not know: on SQLite its stems and its full-text entry, on PostgreSQL
its word weights (statement triggers; ``TRUNCATE``, as a test flush does, empties the word
table too). A deleted published sheet also changes the catalogue's generation token, so no
process keeps counting it. Rows left behind by sheets deleted before this migration go:
they belong to no sheet.

``PracticePublic`` goes: it was written at each save and read by nothing (the catalogue
reads ``PracticeIndex.publics``).
"""

from django.core.management.base import CommandError
from django.db import migrations, models

PRACTICE_STATES = ["draft", "submitted", "validated", "published", "unpublished"]
CANDIDATE_STATES = ["created", "merged", "rejected"]
#: How many offending rows a message names (the count says how many there are in all).
SHOWN = 10
#: The catalogue's generation token: 62 random bits, as ``search.bump_generation`` draws.
TOKEN_BITS = 4611686018427387903

SQLITE_FORWARD = [
    # The full-text table is contentless: it forgets a sheet only when given the very words
    # it indexed, which the stems table holds.
    "CREATE TRIGGER practices_indexed_stems_forget AFTER DELETE ON practices_indexed_stems "
    "BEGIN "
    "INSERT INTO practices_search(practices_search, rowid, stems) "
    "VALUES ('delete', OLD.rowid, OLD.stems); "
    "END",
    "CREATE TRIGGER practices_index_forget AFTER DELETE ON practices_practiceindex "
    "BEGIN DELETE FROM practices_indexed_stems WHERE rowid = OLD.practice_id; END",
    "CREATE TRIGGER practices_index_unpublish AFTER DELETE ON practices_practiceindex "
    "WHEN OLD.published "
    "BEGIN "
    "INSERT INTO practices_cataloguegeneration (id, token) "
    f"VALUES (1, random() & {TOKEN_BITS}) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token; "
    "END",
    # Sheets deleted before: their stems (and, through the trigger, their entries) go.
    "DELETE FROM practices_indexed_stems "
    "WHERE rowid NOT IN (SELECT practice_id FROM practices_practiceindex)",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS practices_index_unpublish",
    "DROP TRIGGER IF EXISTS practices_index_forget",
    "DROP TRIGGER IF EXISTS practices_indexed_stems_forget",
]
POSTGRES_FORWARD = [
    # One statement deleting many index rows forgets their words in one join: the word
    # table is keyed by (lexeme, sheet), and the deleted rows' vectors give the lexemes.
    f"""
    CREATE OR REPLACE FUNCTION practices_index_forget() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM practices_word_weight AS w
        USING gone AS e, unnest(tsvector_to_array(e.vector)) AS word(lexeme)
        WHERE w.lexeme = word.lexeme AND w.practice_id = e.practice_id;
      IF EXISTS (SELECT 1 FROM gone WHERE published) THEN
        INSERT INTO practices_cataloguegeneration (id, token)
          VALUES (1, floor(random() * {TOKEN_BITS})::bigint)
          ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
      END IF;
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER practices_index_forget AFTER DELETE ON practices_practiceindex "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT "
    "EXECUTE FUNCTION practices_index_forget()",
    """
    CREATE OR REPLACE FUNCTION practices_index_truncated() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      TRUNCATE practices_word_weight;
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER practices_index_truncated AFTER TRUNCATE ON practices_practiceindex "
    "FOR EACH STATEMENT EXECUTE FUNCTION practices_index_truncated()",
    # Sheets deleted before: their word rows go.
    "DELETE FROM practices_word_weight AS w WHERE NOT EXISTS "
    "(SELECT 1 FROM practices_practiceindex AS e WHERE e.practice_id = w.practice_id)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS practices_index_truncated ON practices_practiceindex",
    "DROP FUNCTION IF EXISTS practices_index_truncated()",
    "DROP TRIGGER IF EXISTS practices_index_forget ON practices_practiceindex",
    "DROP FUNCTION IF EXISTS practices_index_forget()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def _listed(names):
    shown = [str(name) for name in names[:SHOWN]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def refuse_broken_rows(apps, schema_editor):
    Practice = apps.get_model("practices", "Practice")
    PracticeVersion = apps.get_model("practices", "PracticeVersion")
    Candidate = apps.get_model("practices", "Candidate")
    problems = []

    sheets_by_code = {}
    for code, slug in (
        Practice.objects.exclude(code="").order_by("code", "pk").values_list("code", "slug")
    ):
        sheets_by_code.setdefault(code, []).append(slug)
    shared = [
        f"{code} ({', '.join(slugs)})" for code, slugs in sheets_by_code.items() if len(slugs) > 1
    ]
    if shared:
        problems.append(
            f"- {len(shared)} sheet code(s) used by several sheets; keep the code on one "
            f"sheet and change it (or empty it) on the others: {_listed(shared)}"
        )
    responses = {}
    for response_id, candidate_id in Candidate.objects.order_by("response_id", "pk").values_list(
        "response_id", "pk"
    ):
        responses.setdefault(response_id, []).append(candidate_id)
    repeated = [
        f"response #{response_id} (candidates {', '.join(f'#{c}' for c in ids)})"
        for response_id, ids in responses.items()
        if len(ids) > 1
    ]
    if repeated:
        problems.append(
            f"- {len(repeated)} response(s) proposed as candidates more than once; keep "
            f"one candidate each: {_listed(repeated)}"
        )
    checks = [
        (
            "sheet(s) in a state other than " + ", ".join(PRACTICE_STATES),
            Practice.objects.exclude(state__in=PRACTICE_STATES),
            ("slug", "state"),
        ),
        (
            "published sheet(s) without a publication date (published_at)",
            Practice.objects.filter(state="published", published_at__isnull=True),
            ("slug",),
        ),
        (
            "sheet version(s) in a state other than " + ", ".join(PRACTICE_STATES),
            PracticeVersion.objects.exclude(state__in=PRACTICE_STATES),
            ("practice__slug", "number", "state"),
        ),
        (
            "candidate(s) in a state other than " + ", ".join(CANDIDATE_STATES),
            Candidate.objects.exclude(state__in=CANDIDATE_STATES),
            ("pk", "state"),
        ),
        (
            "rejected candidate(s) without a reason",
            Candidate.objects.filter(state="rejected", reason=""),
            ("pk",),
        ),
    ]
    for what, rows, columns in checks:
        found = [" ".join(str(v) for v in row) for row in rows.values_list(*columns)]
        if found:
            problems.append(f"- {len(found)} {what}: {_listed(found)}")
    if problems:
        raise CommandError(
            "practices 0009_constraints: existing rows break the rules this migration makes "
            "the database enforce. Nothing was changed. Correct these rows (the Django "
            "shell or the database's own client), then run migrate again:\n" + "\n".join(problems)
        )


class Migration(migrations.Migration):
    dependencies = [("practices", "0008_word_weights")]

    operations = [
        migrations.RunPython(refuse_broken_rows, migrations.RunPython.noop),
        migrations.DeleteModel(name="PracticePublic"),
        migrations.AddConstraint(
            model_name="practice",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code", ""), _negated=True),
                fields=("code",),
                name="practice_code_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="practice",
            constraint=models.CheckConstraint(
                condition=models.Q(state__in=PRACTICE_STATES), name="practice_state_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="practice",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "published"), _negated=True)
                | models.Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="practiceversion",
            constraint=models.CheckConstraint(
                condition=models.Q(state__in=PRACTICE_STATES), name="practice_version_state_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.UniqueConstraint(
                fields=("response",), name="candidate_response_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.CheckConstraint(
                condition=models.Q(state__in=CANDIDATE_STATES), name="candidate_state_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="candidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "rejected"), _negated=True)
                | models.Q(("reason", ""), _negated=True),
                name="candidate_rejection_has_reason",
            ),
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
