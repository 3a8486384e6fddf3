"""Scheduling and publishing issues through digest.services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from digest import services
from reviews.models import ReviewEvent
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory, SeriesFactory

D = datetime.date


@pytest.mark.django_db
def test_create_issue_snaps_to_months_and_makes_a_slug():
    series = SeriesFactory(slug="reading")
    issue = services.create_issue(series=series, period_start=D(2019, 7, 15), period_end=D(2019, 9, 3))
    assert (issue.period_start, issue.period_end, issue.slug) == (
        D(2019, 7, 1),
        D(2019, 9, 1),
        "reading-2019-07-2019-09",
    )


@pytest.mark.django_db
def test_create_issue_refuses_a_backwards_period_and_a_duplicate():
    series = SeriesFactory()
    with pytest.raises(ValidationError):
        services.create_issue(series=series, period_start=D(2019, 9, 1), period_end=D(2019, 7, 1))
    services.create_issue(series=series, period_start=D(2020, 4, 1), part=1)
    with pytest.raises(ValidationError):
        services.create_issue(series=series, period_start=D(2020, 4, 1), part=1)
    assert services.create_issue(series=series, period_start=D(2020, 4, 1), part=2).part == 2


@pytest.mark.django_db
def test_add_reviews_appends_in_order_and_refuses_unapproved_or_scheduled(editor):
    issue = IssueFactory()
    first, second = ReviewFactory(status="approved"), ReviewFactory(status="approved")
    services.add_reviews_to_issue(issue, [first, second], by=editor)
    assert [e.review for e in issue.entries.all()] == [first, second]
    with pytest.raises(ValidationError) as error:
        services.add_reviews_to_issue(IssueFactory(), [first, ReviewFactory(status="draft")], by=editor)
    assert len(error.value.messages) == 2


@pytest.mark.django_db
def test_reorder_entries_sets_positions(editor):
    issue = IssueFactory()
    entries = [IssueEntryFactory(issue=issue) for _ in range(3)]
    services.reorder_entries(issue, [entries[2].pk, entries[0].pk, entries[1].pk], by=editor)
    assert [e.pk for e in issue.entries.all()] == [entries[2].pk, entries[0].pk, entries[1].pk]
    with pytest.raises(ValidationError):
        services.reorder_entries(issue, [entries[0].pk], by=editor)


@pytest.mark.django_db
def test_publish_issue_publishes_every_review_in_one_go(editor):
    issue = IssueFactory()
    entries = [IssueEntryFactory(issue=issue) for _ in range(2)]
    services.publish_issue(issue, by=editor, url="https://habr.com/ru/post/1/", text="The post.")
    issue.refresh_from_db()
    assert (issue.status, issue.published_url, issue.published_text) == (
        "published",
        "https://habr.com/ru/post/1/",
        "The post.",
    )
    for entry in entries:
        entry.review.refresh_from_db()
        assert entry.review.status == "published"
        assert entry.review.published_at == issue.published_at


@pytest.mark.django_db
def test_publish_is_refused_with_the_list_of_blockers_and_changes_nothing(editor):
    issue = IssueFactory()
    ready = IssueEntryFactory(issue=issue)
    IssueEntryFactory(issue=issue, review=ReviewFactory(status="changes_requested"))
    with pytest.raises(ValidationError) as error:
        services.publish_issue(issue, by=editor, url="https://example.org/")
    assert error.value.messages == [f"“{issue.entries.last().review.paper.title}” is changes requested, not approved."]
    ready.review.refresh_from_db()
    issue.refresh_from_db()
    assert (issue.status, ready.review.status) == ("planned", "approved")
    assert not ReviewEvent.objects.exists()


@pytest.mark.django_db
def test_empty_issue_cannot_be_published(editor):
    with pytest.raises(ValidationError, match="no entries"):
        services.publish_issue(IssueFactory(), by=editor, url="https://example.org/")
