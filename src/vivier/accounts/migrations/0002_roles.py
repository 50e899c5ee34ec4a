"""The roles: one group per role of ``vivier.accounts.roles``, with its permissions.

The permissions are created here rather than left to the end of ``migrate`` (Django creates
them after the last migration), so that the groups can hold them. A permission the table
names but that a later migration creates is skipped here: the ``post_migrate`` receiver of
the accounts app gives it at the end of the same ``migrate``.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from vivier.accounts.roles import sync_roles

    sync_roles(apps, schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from vivier.accounts.roles import ROLES

    group_model = apps.get_model("auth", "Group")
    using = schema_editor.connection.alias
    group_model.objects.using(using).filter(name__in=[role.slug for role in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auditlog", "0017_add_actor_email"),
        ("campaigns", "0004_staged_imports"),
        ("practices", "0010_permissions"),
        ("reports", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
