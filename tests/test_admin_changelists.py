"""Every admin changelist issues the same number of queries for 1 row and for 30 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AssignmentFactory,
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
    TopicFactory,
)


def make_reviews(n):
    series = SeriesFactory()
    for _ in range(n):
        ReviewFactory(status="submitted")
    return series


def make_issues(n):
    series = SeriesFactory()
    for _ in range(n):
        IssueEntryFactory(issue=IssueFactory(series=series))


def make_papers(n):
    topic = TopicFactory()
    for _ in range(n):
        PaperLinkFactory(paper=PaperFactory()).paper.topics.add(topic)


CHANGELISTS = {
    "/admin/reviews/review/": make_reviews,
    "/admin/reviews/review/?status__exact=submitted": make_reviews,
    "/admin/reviews/paper/": make_papers,
    "/admin/reviews/reviewer/": lambda n: [ReviewerFactory() for _ in range(n)],
    "/admin/reviews/assignment/": lambda n: [AssignmentFactory() for _ in range(n)],
    "/admin/reviews/topic/": lambda n: [PaperFactory().topics.add(TopicFactory()) for _ in range(n)],
    "/admin/digest/issue/": make_issues,
    "/admin/digest/series/": lambda n: [IssueFactory(series=SeriesFactory()) for _ in range(n)],
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(CHANGELISTS))
def test_changelist_query_count_does_not_grow_with_rows(client, editor, url):
    client.force_login(editor)
    make = CHANGELISTS[url]
    make(1)
    count_queries(client, url)  # warm per-process caches (content types, permissions)
    with_one = count_queries(client, url)
    make(29)
    with_thirty = count_queries(client, url)
    assert with_thirty == with_one


@pytest.mark.django_db
def test_reviewer_cannot_reach_the_admin(client, author):
    client.force_login(author.user)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_editor_sees_series_but_cannot_change_labels(client, editor):
    series = SeriesFactory()
    client.force_login(editor)
    assert client.get("/admin/digest/series/").status_code == 200
    page = client.get(f"/admin/digest/series/{series.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(f"/admin/digest/series/{series.pk}/change/", {"name": "Hacked"}).status_code == 403


@pytest.mark.django_db
def test_editor_cannot_manage_users(client, editor):
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
