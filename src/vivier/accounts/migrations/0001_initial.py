from django.db import migrations


class Migration(migrations.Migration):
    """The app's first step: nothing yet, so that roles and invitations build on one root."""

    initial = True
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations: list[migrations.operations.base.Operation] = []
