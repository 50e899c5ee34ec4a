from django.db import migrations


class Migration(migrations.Migration):
    """The working group's right to change a sheet's state (vivier.accounts.roles)."""

    dependencies = [("practices", "0009_constraints")]

    operations = [
        migrations.AlterModelOptions(
            name="practice",
            options={
                "ordering": ["code", "title"],
                "permissions": [
                    ("publish_practice", "Peut valider, publier et dépublier des fiches")
                ],
                "verbose_name": "pratique",
            },
        ),
    ]
