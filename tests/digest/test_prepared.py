"""Queries compiled once (and prepared once on PostgreSQL) answer what the ORM answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digest.archive.prepared import Prepared
from reviews.models import Review
from tests.digest.archive import published_review
from tests.factories import PaperFactory

pytestmark = pytest.mark.django_db
PK, TITLE = -1, "\x00title"


def by_pk_and_title():
    return Prepared(
        lambda pk, title: (
            Review.objects.filter(pk=pk, paper__title=title)
            .order_by("pk")
            .values_list("pk", "published_at", "paper__title", "status")
        ),
        PK,
        TITLE,
    )


def test_a_prepared_query_answers_what_the_orm_answers_for_each_argument(editor):
    reviews = [published_review(editor, paper=PaperFactory(title=f"Paper {n}")) for n in range(3)]
    query = by_pk_and_title()
    for review in [*reviews, reviews[0]]:
        expected = list(
            Review.objects.filter(pk=review.pk, paper__title=review.paper.title).values_list(
                "pk", "published_at", "paper__title", "status"
            )
        )
        assert query(review.pk, review.paper.title) == expected
        assert query(review.pk, "another title") == []


def test_a_prepared_query_is_one_query_each_time(editor):
    review = published_review(editor)
    query, title = by_pk_and_title(), review.paper.title
    counts = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            query(review.pk, title)
        counts.append(len(captured))
    assert counts == [1, 1, 1]


def test_a_placeholder_that_does_not_reach_the_parameters_is_refused():
    query = Prepared(lambda pk: Review.objects.filter(pk__gt=pk + 1).values_list("pk"), PK)
    with pytest.raises(ValueError, match="unchanged"):
        query(5)


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.postgres
def test_on_postgresql_the_statement_is_prepared_once_on_the_connection(editor):
    review = published_review(editor)
    query, title = by_pk_and_title(), review.paper.title
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            assert query(review.pk, title)[0][0] == review.pk
        assert [entry["sql"].split(" (")[0] for entry in captured] == [f"EXECUTE {query.name}"]
    assert query.name in prepared_statements()


@pytest.mark.postgres
def test_with_prepared_statements_off_the_query_is_plain_sql(editor, settings):
    settings.DIGEST_PREPARED_STATEMENTS = False
    review = published_review(editor)
    query, title = by_pk_and_title(), review.paper.title
    with CaptureQueriesContext(connection) as captured:
        assert query(review.pk, title)[0][0] == review.pk
    assert captured[0]["sql"].startswith("SELECT")
    assert query.name not in prepared_statements()


def test_prepared_objects_are_the_instances_the_orm_gives_related_and_deferred_alike(editor):
    from digest.archive.prepared import PreparedObjects

    reviews = [published_review(editor, paper=PaperFactory(title=f"Paper {n}")) for n in range(3)]
    query = PreparedObjects(
        lambda pk: (
            Review.objects.filter(pk=pk).select_related("paper", "reviewer").defer("body", "paper__affiliations")
        ),
        PK,
    )
    for review in [*reviews, reviews[0]]:
        expected = Review.objects.select_related("paper", "reviewer").get(pk=review.pk)
        (found,) = query(review.pk)
        assert type(found) is Review and found.pk == expected.pk
        assert found.get_deferred_fields() == {"body"}
        assert found.paper.get_deferred_fields() == {"affiliations"}
        with CaptureQueriesContext(connection) as queries:  # the related rows came with it
            assert (found.paper.title, found.reviewer.display_name) == (
                expected.paper.title,
                expected.reviewer.display_name,
            )
            assert (found.status, found.published_at, found.body_html) == (
                expected.status,
                expected.published_at,
                expected.body_html,
            )
        assert len(queries) == 0
        assert found.body == expected.body  # a deferred field is read when asked for, as the ORM does
    assert query(-5) == []


def test_prefetched_objects_are_what_all_gives_without_a_query(editor):
    from digest.archive.prepared import prefetched
    from tests.factories import PaperLinkFactory

    paper = PaperFactory()
    links = [PaperLinkFactory(paper=paper), PaperLinkFactory(paper=paper)]
    prefetched(paper, "links", links)
    with CaptureQueriesContext(connection) as queries:
        assert list(paper.links.all()) == links and paper.links.count() == 2
    assert len(queries) == 0
