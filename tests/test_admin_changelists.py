"""Every admin changelist, with each of its filters and its search, issues the same number of
queries for 1 row and for 30 rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.models import Reviewer
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


def fixed():
    """Objects the filtered URLs point at, the same ones however many rows are made."""
    reviewer, _ = Reviewer.objects.get_or_create(slug="one-reviewer", defaults={"display_name": "One Reviewer"})
    return {
        "reviewer": reviewer,
        "topic": TopicFactory(slug="fixed-topic", name="Fixed topic"),
        "series": SeriesFactory(slug="fixed-series", name="Fixed series"),
        "other_series": SeriesFactory(slug="other-series", name="Other series"),
        "other_topic": TopicFactory(slug="other-topic", name="Other topic"),
    }


def make_reviews(n):
    series = SeriesFactory()
    for _ in range(n):
        ReviewFactory(status="submitted")
    return series


def make_every_kind_of_review(n):
    """Rows each review filter keeps: the fixed reviewer's, with the fixed topic, in the fixed series."""
    objects = fixed()
    for _ in range(n):
        entry = IssueEntryFactory(issue=IssueFactory(series=objects["series"]), review__reviewer=objects["reviewer"])
        entry.review.paper.topics.add(objects["topic"])
        ReviewFactory(status="submitted", language="ru", reviewer=objects["reviewer"], paper__title="Linformer study")


def make_assignments(n):
    for _ in range(n):
        AssignmentFactory(due_date=timezone.localdate() - datetime.timedelta(days=3))
        AssignmentFactory(due_date=timezone.localdate() + datetime.timedelta(days=3))


def make_triage(n):
    for index in range(n):
        paper = PaperFactory(title=f"Twin {index}")
        PaperFactory(title=f"twin — {index}", arxiv_id="")
        AssignmentFactory(paper=PaperFactory(), due_date=timezone.localdate() - datetime.timedelta(days=1))
        if index % 2:
            AssignmentFactory(paper=paper)


def make_issues(n):
    series = SeriesFactory()
    for _ in range(n):
        IssueEntryFactory(issue=IssueFactory(series=series))


def make_issues_of_every_fullness(n):
    """Per row an issue under, one within and one over a target of exactly one entry."""
    series = SeriesFactory(slug="one-entry", target_min_entries=1, target_max_entries=1)
    for _ in range(n):
        IssueFactory(series=series)
        IssueEntryFactory(issue=IssueFactory(series=series))
        over = IssueFactory(series=series)
        IssueEntryFactory(issue=over)
        IssueEntryFactory(issue=over)


def make_papers(n):
    topic = TopicFactory()
    for _ in range(n):
        PaperLinkFactory(paper=PaperFactory()).paper.topics.add(topic)


CHANGELISTS = {
    "/admin/reviews/review/": make_reviews,
    "/admin/reviews/review/?status__exact=submitted": make_reviews,
    "/admin/reviews/review/?language__exact=ru": make_every_kind_of_review,
    "/admin/reviews/review/?issue_entry__issue__series__id__exact={series}": make_every_kind_of_review,
    "/admin/reviews/review/?reviewer={reviewer}": make_every_kind_of_review,
    "/admin/reviews/review/?paper__topics__id__exact={topic}": make_every_kind_of_review,
    "/admin/reviews/review/?scheduled=yes": make_every_kind_of_review,
    "/admin/reviews/review/?scheduled=no": make_every_kind_of_review,
    "/admin/reviews/review/?q=linformer": make_every_kind_of_review,
    "/admin/reviews/paper/?reading=open": make_triage,
    "/admin/reviews/paper/?reading=assigned": make_triage,
    "/admin/reviews/paper/?reading=overdue": make_triage,
    "/admin/reviews/paper/?duplicates=yes": make_triage,
    "/admin/reviews/paper/?duplicates=no": make_triage,
    "/admin/reviews/paper/?status__exact=proposed": make_triage,
    "/admin/reviews/assignment/?overdue=yes": make_assignments,
    "/admin/reviews/assignment/?overdue=no": make_assignments,
    "/admin/reviews/assignment/?status__exact=accepted": make_assignments,
    "/admin/reviews/paper/": make_papers,
    "/admin/reviews/reviewer/": lambda n: [ReviewerFactory() for _ in range(n)],
    "/admin/reviews/assignment/": lambda n: [AssignmentFactory() for _ in range(n)],
    "/admin/reviews/topic/": lambda n: [PaperFactory().topics.add(TopicFactory()) for _ in range(n)],
    "/admin/digest/issue/": make_issues,
    "/admin/digest/issue/?fullness=under": make_issues_of_every_fullness,
    "/admin/digest/issue/?fullness=within": make_issues_of_every_fullness,
    "/admin/digest/issue/?fullness=over": make_issues_of_every_fullness,
    "/admin/digest/issue/?status__exact=planned": make_issues,
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
    url = url.format(**{name: obj.pk for name, obj in fixed().items()})
    make(1)
    count_queries(client, url)  # warm per-process caches (content types, permissions)
    with_one = count_queries(client, url)
    make(29)
    with_thirty = count_queries(client, url)
    assert with_thirty == with_one


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url in CHANGELISTS if "?" in url])
def test_filtered_changelists_show_the_rows_they_should(client, editor, url):
    """The query-count test above is only meaningful if the filtered lists are not empty."""
    client.force_login(editor)
    CHANGELISTS[url](3)
    response = client.get(url.format(**{name: obj.pk for name, obj in fixed().items()}))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 3


@pytest.mark.django_db
def test_reviewer_cannot_reach_the_admin(client, author):
    client.force_login(author.user)
    response = client.get("/admin/")
    assert response.status_code == 403 and 'href="/me/"' in response.content.decode()


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
