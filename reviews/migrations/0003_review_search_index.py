"""Full-text search over reviews: a GIN index on PostgreSQL (SQLite searches by containment).

The indexed expression is exactly what `SearchVector("search_document", config="simple")`
generates, so the archive's search uses the index.
"""

from django.db import migrations

INDEX = "reviews_review_search_gin"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON reviews_review "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_document, '')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_editors_group")]

    operations = [migrations.RunPython(create_index, drop_index)]
