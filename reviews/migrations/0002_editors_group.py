"""Create the Editors group with the permissions of the editorial desk (see reviews/roles.py)."""

from django.db import migrations

from reviews.roles import EDITORS, ensure_editors_group


def create_editors(apps, schema_editor):
    ensure_editors_group(apps)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("digest", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
