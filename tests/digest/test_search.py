"""The archive's text search: PostgreSQL full-text search through its GIN index, containment on SQLite."""

import pytest
from django.db import connection, transaction
from django.utils import timezone

from digest.archive import selectors
from digest.archive.filters import full_text_matches, search_reviews
from reviews.models import Paper, Review
from tests.digest.archive import published_review
from tests.factories import PaperFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviews(editor):
    def make(title, authors, body):
        return published_review(editor, paper=PaperFactory(title=title, authors=authors), body=body).pk

    return {
        "graphs": make("Graph networks", "Peter Battaglia", "Relational inductive biases for deep learning."),
        "streets": make("Street views", "Anna Müller", "Maps of every Straße in the city."),
        "both": make("Deep graphs", "Ada Lovelace", "Learning on graphs, deep and wide."),
    }


def found(text):
    return set(search_reviews(selectors.archive_reviews(), text).values_list("pk", flat=True))


def test_search_matches_titles_authors_and_bodies(reviews):
    assert found("networks") == {reviews["graphs"]}
    assert found("battaglia") == {reviews["graphs"]}
    assert found("inductive") == {reviews["graphs"]}


def test_search_needs_every_word_and_ignores_case(reviews):
    assert found("DEEP graphs") == {reviews["both"]}
    assert found("deep") == {reviews["graphs"], reviews["both"]}
    assert found("deep maps") == set()


def test_search_folds_case_beyond_ascii(reviews):
    assert found("STRASSE") == {reviews["streets"]}
    assert found("straße") == {reviews["streets"]}
    assert found("MÜLLER") == {reviews["streets"]}


def test_search_takes_phrases_and_exclusions(reviews):
    assert found('"deep graphs"') == {reviews["both"]}
    assert found('"lovelace deep"') == set()
    assert found("deep -wide") == {reviews["graphs"]}
    assert found('deep -"deep graphs"') == {reviews["graphs"]}


def test_blank_search_filters_nothing_and_punctuation_finds_nothing(reviews):
    assert found("   ") == set(reviews.values())
    assert found("?!") == set()


def filler_reviews(count):
    """Published reviews that match nothing searched here, in bulk: enough rows for real statistics."""
    reviewer, now = ReviewerFactory(), timezone.now()
    papers = Paper.objects.bulk_create(Paper(title=f"Filler {n}", normalized_title=f"filler {n}") for n in range(count))
    Review.objects.bulk_create(
        Review(paper=paper, reviewer=reviewer, status="published", published_at=now, search_document="filler text")
        for paper in papers
    )


def test_search_uses_the_full_text_index_on_postgresql_and_containment_elsewhere(reviews):
    queryset = search_reviews(selectors.archive_reviews(), "graphs")
    if connection.vendor == "postgresql":
        filler_reviews(2000)
        # The search predicate alone, planned with only bitmap scans allowed: the GIN index is the
        # one that answers it. (The whole archive query's plan depends on table statistics.)
        predicate_only = full_text_matches(Review.objects.all(), "graphs").values("pk")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("ANALYZE reviews_review, reviews_paper")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            plan = predicate_only.explain()
        assert "reviews_review_search_gin" in plan, plan
        assert "websearch_to_tsquery" in str(queryset.query)
        assert '"reviews_review"."id" = ANY(ARRAY(SELECT' in str(queryset.query)  # the ids first
    else:
        sql = str(queryset.query)
        assert '"reviews_review"."search_document" LIKE %graphs%' in sql
