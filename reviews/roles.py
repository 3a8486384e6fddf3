"""The Editors group: what the editorial desk may do in the admin.

Editors triage papers, assign reviewers, decide on reviews and compile issues. Only superusers
manage user accounts and series labels, so Editors may only view series; they connect the
series' chat channels. The data migration
creates the group; a post_migrate hook keeps it complete (and re-creates it after a flush).
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"

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
    "outbox": {"message": ["view", "change"]},
    "chat": {"chatchannel": ["view", "add", "change", "delete"]},
    "digest": {
        "series": ["view"],
        "issue": ["view", "add", "change"],
        "issueentry": ["view", "add", "change", "delete"],
    },
}


def _codename(action, model):
    return "decide_review" if action == "decide" else f"{action}_{model}"


def ensure_editors_group(apps, verbosity=0):
    """Create every app's permissions, then the Editors group holding the desk's permissions."""
    for app_config in apps.get_app_configs():
        # Historical app registries (in migrations) leave models_module unset; create_permissions needs it.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    wanted = [
        Permission.objects.get(
            content_type__app_label=app_label, content_type__model=model, codename=_codename(action, model)
        )
        for app_label, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    ]
    editors.permissions.add(*wanted)
    return editors
