"""One narrow row per sheet for search and the catalogue (``PracticeIndex``).

On PostgreSQL the text-search vector moves from the wide ``practices_practice`` row (where
it was TOASTed: ranking a broad query fetched and decompressed tens of thousands of them)
to this narrow row, stored inline, GIN-indexed. Existing sheets are indexed here.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

SEP = "\x1f"
POSTGRES_FORWARD = [
    "ALTER TABLE practices_practiceindex ADD COLUMN IF NOT EXISTS vector tsvector "
    "NOT NULL DEFAULT ''::tsvector",
    # The vector stays in the row, uncompressed unless the row outgrows a page: ranking
    # then reads it as it is, without a TOAST fetch or a decompression.
    "ALTER TABLE practices_practiceindex ALTER COLUMN vector SET STORAGE MAIN",
    "ALTER TABLE practices_practiceindex SET (toast_tuple_target = 8160)",
    "CREATE INDEX IF NOT EXISTS practices_index_vector ON practices_practiceindex "
    "USING gin (vector)",
    "DROP INDEX IF EXISTS practices_search_vector",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE practices_practice ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('vivier_french', body)) STORED",
    "CREATE INDEX IF NOT EXISTS practices_search_vector ON practices_practice "
    "USING gin (search_vector)",
]


def _joined(values):
    values = sorted({v.replace(SEP, " ") for v in values if v})
    return f"{SEP}{SEP.join(values)}{SEP}" if values else ""


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    Practice = apps.get_model("practices", "Practice")
    PracticeIndex = apps.get_model("practices", "PracticeIndex")
    themes, regions, departements, publics = {}, {}, {}, {}
    for pk, theme in apps.get_model("practices", "PracticeTheme").objects.values_list(
        "practice_id", "theme"
    ):
        themes.setdefault(pk, []).append(theme)
    for pk, departement, region in apps.get_model("practices", "PracticePlace").objects.values_list(
        "practice_id", "departement", "region"
    ):
        departements.setdefault(pk, []).append(departement)
        regions.setdefault(pk, []).append(region)
    for pk, public in apps.get_model("practices", "PracticePublic").objects.values_list(
        "practice_id", "public"
    ):
        publics.setdefault(pk, []).append(public)
    rows = [
        PracticeIndex(
            practice_id=p.pk,
            published=p.state == "published",
            title=p.title,
            start_year=p.start_year,
            updated_at=p.updated_at,
            stage=p.stage,
            status=p.status,
            themes=_joined(themes.get(p.pk, [])),
            regions=_joined(regions.get(p.pk, [])),
            departements=_joined(departements.get(p.pk, [])),
            publics=_joined(publics.get(p.pk, [])),
        )
        for p in Practice.objects.only(
            "pk", "state", "title", "start_year", "updated_at", "stage", "status"
        ).iterator()
    ]
    PracticeIndex.objects.bulk_create(rows, batch_size=1000)
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE practices_practiceindex AS e "
            "SET vector = to_tsvector('vivier_french', p.body) "
            "FROM practices_practice AS p WHERE p.id = e.practice_id"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_search_vector")]

    operations = [
        migrations.CreateModel(
            name="PracticeIndex",
            fields=[
                (
                    "practice",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="index_row",
                        serialize=False,
                        to="practices.practice",
                    ),
                ),
                ("published", models.BooleanField(default=False)),
                ("title", models.CharField(max_length=300)),
                ("start_year", models.PositiveIntegerField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("stage", models.CharField(blank=True, max_length=30)),
                ("status", models.CharField(blank=True, max_length=30)),
                ("themes", models.TextField(blank=True)),
                ("regions", models.TextField(blank=True)),
                ("departements", models.TextField(blank=True)),
                ("publics", models.TextField(blank=True)),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["published", "title", "practice"],
                        name="practices_index_by_title",
                    ),
                    models.Index(
                        fields=["published", "updated_at"], name="practices_index_by_date"
                    ),
                ],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
