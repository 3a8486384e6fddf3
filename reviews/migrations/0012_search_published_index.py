"""PostgreSQL: a GIN index of the published reviews' search vectors (reviews/search.py,
PG_PUBLISHED_INDEX), which the public search uses whatever the word; SQLite's FTS5 table needs none."""

from django.db import migrations

from reviews import search


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search.PG_CREATE_PUBLISHED)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {search.PG_PUBLISHED_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0011_pool_order_index")]

    operations = [migrations.RunPython(forwards, backwards)]
