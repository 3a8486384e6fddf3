"""The desk's own admin pages lead back like Django's: Home › the app › the model's list."""

import re

import pytest

from tests.factories import IssueFactory, PaperFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def crumbs(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, url
    trail = re.search(r'<div class="breadcrumbs">(.*?)</div>', response.content.decode(), re.S).group(1)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail)[:3]


def test_review_pages_lead_back_to_the_review_list(client, editor):
    client.force_login(editor)
    submitted, draft = ReviewFactory(status="submitted"), ReviewFactory(status="draft")
    approved = ReviewFactory(status="approved")
    expected = [("/admin/", "Home"), ("/admin/reviews/", "Papers and reviews"), ("/admin/reviews/review/", "Reviews")]
    assert crumbs(client, f"/admin/reviews/review/{submitted.pk}/decide/approved/") == expected
    assert crumbs(client, f"/admin/reviews/review/{draft.pk}/versions/") == expected
    action = {"action": "add_to_issue", "_selected_action": [approved.pk]}
    assert crumbs(client, "/admin/reviews/review/", action) == expected


def test_paper_and_issue_pages_lead_back_to_their_lists(client, editor):
    client.force_login(editor)
    paper, issue = PaperFactory(), IssueFactory()
    assert crumbs(client, f"/admin/reviews/paper/{paper.pk}/reject/") == [
        ("/admin/", "Home"),
        ("/admin/reviews/", "Papers and reviews"),
        ("/admin/reviews/paper/", "Papers"),
    ]
    issues = [("/admin/", "Home"), ("/admin/digest/", "Series and issues"), ("/admin/digest/issue/", "Issues")]
    assert crumbs(client, f"/admin/digest/issue/{issue.pk}/workspace/") == issues
    assert crumbs(client, f"/admin/digest/issue/{issue.pk}/split/") == issues
