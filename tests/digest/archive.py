"""Arrange published content for the archive's tests, through the publishing service."""

import itertools

from digest import services
from reviews.enums import ReviewStatus
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    ReviewFactory,
)

_urls = itertools.count(1)


def approved_review(**kwargs):
    return ReviewFactory(status=ReviewStatus.APPROVED, **kwargs)


def publish(issue, editor):
    return services.publish_issue(issue, by=editor, url=f"https://blog.example.org/post/{next(_urls)}")


def published_issue(editor, *, entries=1, links=1, reviewer=None, **issue_fields):
    """A published issue of `entries` reviews, each paper with `links` extra links."""
    issue = IssueFactory(**issue_fields)
    for _ in range(entries):
        paper = PaperFactory()
        for position in range(links):
            PaperLinkFactory(paper=paper, label=f"Link {position}", url=f"https://example.org/{position}")
        IssueEntryFactory(issue=issue, review=approved_review(paper=paper, reviewer=reviewer or ReviewerFactory()))
    return publish(issue, editor)


def published_review(editor, **review_fields):
    """A review published in an issue of its own."""
    issue = IssueFactory()
    entry = IssueEntryFactory(issue=issue, review=approved_review(**review_fields))
    publish(issue, editor)
    entry.review.refresh_from_db()
    return entry.review
