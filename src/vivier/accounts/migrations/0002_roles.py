from django.db import migrations


class Migration(migrations.Migration):
    """Roles as groups of permissions (filled in by the roles work)."""

    dependencies = [("accounts", "0001_initial")]
    operations: list[migrations.operations.base.Operation] = []
