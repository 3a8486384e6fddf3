"""Create the Editors group with the permissions of the editorial desk.

Editors triage papers, assign reviewers, decide on reviews and compile issues. Only superusers
manage user accounts and series labels, so Editors may only view series.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "reviews": {
        "topic": ["view", "add", "change", "delete"],
        "paper": ["view", "add", "change"],
        "paperlink": ["view", "add", "change", "delete"],
        "reviewer": ["view", "add", "change"],
        "assignment": ["view", "add", "change", "delete"],
        "review": ["view", "add", "change", "decide"],
        "reviewevent": ["view"],
        "invitation": ["view", "add"],
        "historicalreview": ["view"],
        "historicalpaper": ["view"],
    },
    "digest": {
        "series": ["view"],
        "issue": ["view", "add", "change"],
        "issueentry": ["view", "add", "change", "delete"],
    },
}


def codename(action, model):
    return "decide_review" if action == "decide" else f"{action}_{model}"


def create_editors(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, models in EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, content_type__model=model, codename=codename(action, model)
                )
                editors.permissions.add(permission)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("digest", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
