"""Full-text search that scales on both databases (reviews/search.py): SQLite's FTS5 table with
its triggers, PostgreSQL's stored tsvector column with a GIN index, each filled from the reviews
already there. PostgreSQL's expression index of 0003 goes: the stored column replaces it."""

import importlib

from django.db import migrations

from reviews import search

OLD_INDEX = "reviews_review_search_gin"


def forwards(apps, schema_editor):
    search.create_index(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def backwards(apps, schema_editor):
    search.drop_index(schema_editor.connection)
    if schema_editor.connection.vendor == "postgresql":
        old = importlib.import_module("reviews.migrations.0003_review_search_index")
        schema_editor.execute(old.CREATE)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0009_reviewer_language")]

    operations = [migrations.RunPython(forwards, backwards)]
