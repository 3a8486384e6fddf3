"""A database's content in a form two databases can be compared by: every export of every issue,
and every row of every table, with the ids that a restore may renumber (users, groups, content
types, permissions) replaced by their natural keys.

Run in the test process and, for a restored database, in a subprocess:
`python manage.py shell -c "from tests.security.snapshot import main; main()"` prints it as JSON.
"""

import json

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

FORMATS = [("markdown", False), ("habr", False), ("html", False), ("html", True), ("text", False)]
RENUMBERED = {"auth.User", "auth.Group", "auth.Permission", "contenttypes.ContentType"}


def exports():
    from digest.export.formats import export_issue
    from digest.models import Issue

    return {
        f"{issue.slug} {fmt}{' standalone' if standalone else ''}": export_issue(issue, fmt, standalone=standalone)
        for issue in Issue.objects.order_by("slug")
        for fmt, standalone in FORMATS
    }


def _natural_keys():
    user_model = apps.get_model("auth.User")
    return {
        user_model: dict(user_model.objects.values_list("pk", "username")),
        Group: dict(Group.objects.values_list("pk", "name")),
        ContentType: {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()},
        Permission: {
            pk: f"{app}.{codename}"
            for pk, app, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
        },
    }


def tables():
    keys = _natural_keys()
    out = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label in {"contenttypes.ContentType", "auth.Permission"}:
            continue  # made by migrate in any database; compared through what refers to them
        if model._meta.app_label == "django_q":
            continue  # the task queue's own state (schedules made by migrate, jobs, results): not content
        columns = []
        for field in model._meta.concrete_fields:
            if field.primary_key and (model._meta.label in RENUMBERED or model._meta.auto_created):
                continue  # renumbered on restore (many-to-many rows are made anew)
            target = field.related_model if field.is_relation else None
            columns.append((field.attname, keys.get(target)))
        rows = [
            [
                str(naturals.get(value, value)) if naturals else str(value)
                for (_name, naturals), value in zip(columns, row, strict=True)
            ]
            for row in model._base_manager.values_list(*(name for name, _ in columns))
        ]
        out[model._meta.label] = sorted(rows)
    return out


def searches():
    """The archive search's results for words of the first review's text (alone, as a phrase, excluded):
    the full-text index must come back with the rows."""
    from reviews import search
    from reviews.models import Review

    first = Review.objects.order_by("pk").values_list("search_document", flat=True).first() or ""
    words = [word for word in first.split() if len(word) > 3][:4]
    texts = [*words, " ".join(words[:2]), f'"{" ".join(words[:2])}"', f"{words[0]} -{words[-1]}"] if words else []
    return {
        text: sorted(search.matching(Review.objects.all(), search.parse(text)).values_list("pk", flat=True))
        for text in texts
    }


def snapshot():
    return {"exports": exports(), "tables": tables(), "searches": searches()}


def main():
    print(json.dumps(snapshot(), ensure_ascii=False, sort_keys=True))
