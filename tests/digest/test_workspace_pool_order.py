"""The workspace's pool (approved reviews of the issue's language, oldest decision first) is read
in the order of its own index: sorting the approved reviews by their decision date read every
review's row on SQLite, where the status and dates sit after the long texts."""

import pytest
from django.db import connection
from django.utils import timezone

from digest.desk.workspace import review_pool
from reviews.enums import ReviewStatus
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def test_the_pool_lists_approved_reviews_of_the_language_in_no_issue_oldest_decision_first():
    issue = IssueFactory(series=SeriesFactory(language="en"))
    now = timezone.now()
    newer = ReviewFactory(status=ReviewStatus.APPROVED, decided_at=now)
    older = ReviewFactory(status=ReviewStatus.APPROVED, decided_at=now - timezone.timedelta(days=3))
    undated = ReviewFactory(status=ReviewStatus.APPROVED, decided_at=None)
    ReviewFactory(status=ReviewStatus.APPROVED, language="ru", decided_at=now)
    ReviewFactory(status=ReviewStatus.SUBMITTED)
    IssueEntryFactory(issue=IssueFactory(), review=ReviewFactory(status=ReviewStatus.APPROVED, decided_at=now))
    assert list(review_pool(issue)) == [undated, older, newer]


def test_the_pool_has_an_index_in_its_order_and_sqlite_reads_it_without_sorting():
    constraints = connection.introspection.get_constraints(connection.cursor(), "reviews_review")
    assert constraints["review_pool_order"]["columns"] == ["language", "decided_at", "id", "status"]
    if connection.vendor == "sqlite":  # PostgreSQL picks by size: a few test rows are read whole
        issue = IssueFactory(series=SeriesFactory(language="en"))
        sql, params = review_pool(issue).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "review_pool_order" in plan
        assert "ORDER BY" not in plan  # no temporary b-tree to sort


def test_the_pool_index_holds_approved_reviews_only():
    """Partial, so that no other read can take it: SQLite took its first version, (status,
    language, …), for the newest published review that every public page reads, before ANALYZE
    had counted it, and sorted every published review (1.2 s a request at 100,000 reviews)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'review_pool_order'")
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'review_pool_order'")
        (definition,) = cursor.fetchone()
    assert "WHERE" in definition.upper() and "'approved'" in definition
