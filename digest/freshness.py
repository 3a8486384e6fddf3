"""Cheap "has this page changed?" answers for conditional GET (ETag and Last-Modified).

Each function makes one to three small queries — timestamps, and the displayed values that have
none (series labels, reviewer names) — instead of building the page. It returns a `Version`, or
None when there is nothing public there (the view then answers 404). Pages of one thing (an
issue, a review) are exact; list pages also change every LIST_MAX_AGE seconds (see
_publications).
"""

import datetime
import hashlib
import time
from typing import NamedTuple

from django.db.models import Count, Max, Q

from reviews.models import Review, Reviewer

from .models import Issue, IssueEntry, Series

LIST_MAX_AGE = 3600  # seconds; see _publications()

SERIES_FIELDS = (
    "pk", "name", "slug", "language", "intro", "outro", "title_pattern", "part_pattern", "period_format",
    "toc_heading", "authors_label", "original_label", "links_prefix", "links_separator",
    "review_author_label", "chat_label", "blog_label",
)  # fmt: skip
REVIEWER_FIELDS = ("display_name", "slug", "chat_handle", "blog_handle", "bio")


class Version(NamedTuple):
    last_modified: datetime.datetime | None
    token: str


def version(*parts):
    """A Version from query results: the latest datetime among them, and a digest of them all."""
    stamps = []

    def collect(value):
        if isinstance(value, datetime.datetime):
            stamps.append(value)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    collect(parts)
    token = hashlib.blake2s(repr(parts).encode(), digest_size=12).hexdigest()
    return Version(max(stamps, default=None), token)


def _issues_summary(issues):
    """Latest change and number of the given issues (a few hundred rows at most per series)."""
    return issues.aggregate(changed=Max("updated_at"), count=Count("id"))


def _publications():
    """What changes every list page: publishing or editing an issue, publishing or editing a review.

    Both reads are cheap at any size (the review one walks the index on status, -updated_at).
    Edits of papers, reviewers, series labels and topics have no indexed timestamp to read
    cheaply, so list pages also change every LIST_MAX_AGE seconds: they are at most that stale.
    """
    latest_review = Review.objects.published().order_by("-updated_at").values_list("updated_at", "pk").first()
    return (
        _issues_summary(Issue.objects.published()),
        latest_review,
        int(time.time() // LIST_MAX_AGE),
    )


def publications_version(**_view_kwargs):
    """Home, the archive list and search, the feeds of every series, the sitemap."""
    return version(*_publications())


def series_version(slug):
    series = Series.objects.filter(slug=slug).values_list(*SERIES_FIELDS).first()
    if series is None:
        return None
    return version(series, *_publications())


def issue_version(slug):
    issue = (
        Issue.objects.published()
        .filter(slug=slug)
        .values_list("pk", "updated_at", "series_id", "translation_of_id", *(f"series__{f}" for f in SERIES_FIELDS))
        .first()
    )
    if issue is None:
        return None
    pk, _updated, series_id, translation_of_id = issue[:4]
    entries = list(
        IssueEntry.objects.filter(issue_id=pk, review__status="published")
        .order_by("position", "id")
        .values_list(
            "review_id",
            "review__updated_at",
            "review__paper__updated_at",
            *(f"review__reviewer__{f}" for f in REVIEWER_FIELDS),
        )  # fmt: skip
    )
    root = translation_of_id or pk
    related = _issues_summary(
        Issue.objects.published().filter(Q(series_id=series_id) | Q(pk=root) | Q(translation_of_id=root))
    )
    return version(issue, entries, related)


def review_version(pk):
    review = (
        Review.objects.published()
        .filter(pk=pk)
        .values_list(
            "updated_at",
            "translation_of_id",
            "translation_of__status",
            "translation_of__updated_at",
            "paper__updated_at",
            "issue_entry__issue__updated_at",
            "issue_entry__issue__status",
            *(f"reviewer__{f}" for f in REVIEWER_FIELDS),
            *(f"issue_entry__issue__series__{f}" for f in SERIES_FIELDS),
        )  # fmt: skip
        .first()
    )
    if review is None:
        return None
    # By the foreign key alone, status checked here (see selectors.review_translations).
    translations = Review.objects.filter(translation_of_id=review[1] or pk).values_list("pk", "status", "updated_at")
    return version(review, [row for row in translations if row[1] == "published"])


def reviewer_version(slug):
    published = Q(reviews__status="published")
    reviewer = (
        Reviewer.objects.filter(slug=slug)
        .annotate(
            count=Count("reviews", filter=published),
            changed=Max("reviews__updated_at", filter=published),
            papers=Max("reviews__paper__updated_at", filter=published),
            issues=Max("reviews__issue_entry__issue__updated_at", filter=published),
        )
        .values_list(*REVIEWER_FIELDS, "count", "changed", "papers", "issues")
        .first()
    )
    if reviewer is None or reviewer[len(REVIEWER_FIELDS)] == 0:
        return None
    return version(reviewer, int(time.time() // LIST_MAX_AGE))  # a list: issue titles follow series labels
