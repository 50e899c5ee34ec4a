"""The single row telling each process whether its facet table still holds."""

from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("practices", "CatalogueGeneration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("practices", "0005_practice_index")]

    operations = [
        migrations.CreateModel(
            name="CatalogueGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
