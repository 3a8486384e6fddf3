"""The API's lists issue a bounded number of queries: the same with 1 row as with 30."""

import datetime

import pytest

from api.tokens import create_token
from digest import services as issue_services
from tests.factories import AssignmentFactory, IssueEntryFactory, IssueFactory, PaperLinkFactory, ReviewFactory

LISTS = ["/api/v1/reviews", "/api/v1/issues", "/api/v1/papers", "/api/v1/reviewers", "/api/v1/series"]


def publish_issues(editor, count):
    for n in range(count):
        issue = IssueFactory(period_start=datetime.date(2001 + n, 1, 1), period_end=datetime.date(2001 + n, 1, 1))
        review = ReviewFactory(status="approved")
        PaperLinkFactory(paper=review.paper)
        IssueEntryFactory(issue=issue, review=review)
        issue_services.publish_issue(issue, by=editor, url=f"https://habr.com/post/{n}/")


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("path", LISTS)
def test_public_lists_issue_a_bounded_number_of_queries(client, editor, django_assert_max_num_queries, rows, path):
    publish_issues(editor, rows)
    with django_assert_max_num_queries(12):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(rows, 20)


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
def test_my_assignments_issue_a_bounded_number_of_queries(client, author, django_assert_max_num_queries, rows):
    for _ in range(rows):
        PaperLinkFactory(paper=AssignmentFactory(reviewer=author).paper)
    _token, key = create_token(author.user, name="script")
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/me/assignments", headers={"Authorization": f"Bearer {key}"})
    assert len(response.json()) == rows
