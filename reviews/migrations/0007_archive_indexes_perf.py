"""Indexes for the public archive's reads at 100,000 reviews (no change to the models' state).

- Both databases: papers by last change. The archive's lists are current when the latest
  published review, issue and paper say so (digest/freshness.py): one step down this index.
- SQLite only: covering indexes of the reviews' short columns. SQLite keeps a row's columns in
  declaration order, and a review's status, dates and foreign keys come after its three text
  columns (about 27 KB), in overflow pages: reading `paper_id` of one review reads ~7 pages.
  With these, the archive's filters are answered from the indexes and only the twenty rows shown
  are read (digest/views/paging.py). Measured at 100,000 reviews: topic + year + language from
  85 ms to 3 ms, a reviewer's name from 1 s to 14 ms, a topic from 46 ms to 1 ms. PostgreSQL
  keeps long texts out of the row (TOAST): its rows are small and these would only cost writes.

A new index gets statistics at once where the database has some (ANALYZE ran before, as
`generate_data` does): SQLite's planner otherwise prefers the indexes it has figures for.
"""

from django.db import migrations

BOTH = {
    "reviews_paper_updated_perf": "reviews_paper (updated_at)",
}
SQLITE = {
    # The archive newest first, with what its filters read.
    "reviews_review_archive_perf": "reviews_review (status, published_at DESC, id DESC, language, paper_id, reviewer_id)",
    # The same within one language.
    "reviews_review_language_archive_perf": (
        "reviews_review (language, status, published_at DESC, id DESC, paper_id, reviewer_id)"
    ),
    # A review by id: its state, dates and foreign keys (issue entries, versions, series filters).
    "reviews_review_short_perf": "reviews_review (id, status, published_at, updated_at, paper_id, reviewer_id)",
}


def indexes(vendor):
    return {**BOTH, **(SQLITE if vendor == "sqlite" else {})}


def create(apps, schema_editor):
    connection = schema_editor.connection
    for name, target in indexes(connection.vendor).items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                for name in indexes("sqlite"):
                    cursor.execute(f"ANALYZE {name}")


def drop(apps, schema_editor):
    for name in indexes(schema_editor.connection.vendor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0006_web_addresses")]

    operations = [migrations.RunPython(create, drop)]
