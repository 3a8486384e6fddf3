"""Cheap "has this page changed?" answers for conditional GET (ETag and Last-Modified).

Each function makes two to four small queries — timestamps, and the displayed values that have
none (series labels, reviewer names) — instead of building the page. It returns a `Version`, or
None when there is nothing public there (the view then answers 404). Pages of one thing (an
issue, a review) are exact; list pages also change every LIST_MAX_AGE seconds (see
_publications). The same version keys the page cache (digest/archive/views/page_cache.py), so these run
on every public request: each query is compiled once (digest/archive/prepared.py).
"""

import datetime
import hashlib
import time
from typing import NamedTuple

from django.db.models import Count, Exists, Max, OuterRef, Q

from reviews.models import Paper, Review, Reviewer

from ..models import Issue, IssueEntry, Series
from .prepared import PK, SLUG, Prepared

LIST_MAX_AGE = 3600  # seconds; see _publications()

SERIES_FIELDS = tuple(field.attname for field in Series._meta.concrete_fields)  # a page may show any of them
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
    return (
        issues.values("status").annotate(changed=Max("updated_at"), count=Count("id")).values_list("changed", "count")
    )


_published_issues = Prepared(lambda: _issues_summary(Issue.objects.published()))
_latest_review = Prepared(
    lambda: Review.objects.published().order_by("-updated_at").values_list("updated_at", "pk")[:1]
)
_latest_paper = Prepared(lambda: Paper.objects.order_by("-updated_at").values_list("updated_at", "pk")[:1])


def _publications():
    """What changes every list page: publishing or editing an issue, a review or a paper.

    Each read is small at any size (the latest review and paper are one step down an index, the
    published issues are a thousand short rows): any edit of a published review makes it the
    latest one, and any edit of a paper the latest paper. Edits of reviewers, series labels
    and topics have no indexed timestamp to read cheaply, so list pages also change every
    LIST_MAX_AGE seconds: they are at most that stale.

    The latest paper counts for the ETag only, as text: papers nobody has reviewed yet are not
    public, nor is when they change, so it never becomes the Last-Modified date.
    """
    papers = [f"paper {pk} {changed.isoformat()}" for changed, pk in _latest_paper()]
    return (_published_issues(), _latest_review(), papers, int(time.time() // LIST_MAX_AGE))


def publications_version(**_view_kwargs):
    """Home, the archive list and search, the feeds of every series, the sitemap."""
    return version(*_publications())


_series = Prepared(lambda slug: Series.objects.filter(slug=slug).values_list(*SERIES_FIELDS)[:1], SLUG)


def series_version(slug):
    series = _series(slug)
    if not series:
        return None
    return version(series, *_publications())


_issue = Prepared(
    lambda slug: (
        Issue.objects.published()
        .filter(slug=slug)
        .values_list("pk", "updated_at", "series_id", "translation_of_id", *(f"series__{f}" for f in SERIES_FIELDS))
        .order_by()[:1]  # one row by its key, not sorted: see _review
    ),
    SLUG,
)
_issue_entries = Prepared(
    lambda pk: (
        IssueEntry.objects.filter(issue_id=pk, review__status="published")
        .order_by("position", "id")
        .values_list(
            "review_id",
            "review__updated_at",
            "review__paper__updated_at",
            *(f"review__reviewer__{f}" for f in REVIEWER_FIELDS),
        )
    ),
    PK,
)
_issue_related = Prepared(
    lambda series_id, root: _issues_summary(
        Issue.objects.published().filter(Q(series_id=series_id) | Q(pk=root) | Q(translation_of_id=root))
    ),
    PK,
    PK - 1,
)


def issue_version(slug):
    found = _issue(slug)
    if not found:
        return None
    issue = found[0]
    pk, _updated, series_id, translation_of_id = issue[:4]
    root = translation_of_id or pk
    return version(issue, _issue_entries(pk), _issue_related(series_id, root))


_review = Prepared(
    lambda pk: (
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
        )
        # One row by its key: without the models' default ORDER BY, which SQLite carried out by
        # copying the row into a sorter (half of what this read cost).
        .order_by()[:1]
    ),
    PK,
)
# By the foreign key alone, status checked here (see selectors.review_translations).
_translations = Prepared(
    lambda root: Review.objects.filter(translation_of_id=root).order_by("pk").values_list("pk", "status", "updated_at"),
    PK,
)


def review_version(pk):
    if pk > 2**63 - 1:  # no such row, and more than the database's integers hold
        return None
    found = _review(pk)
    if not found:
        return None
    review = found[0]
    translations = _translations(review[1] or pk)
    return version(review, [row for row in translations if row[1] == "published"])


_reviewer = Prepared(
    lambda slug: Reviewer.objects.filter(
        Exists(Review.objects.published().filter(reviewer=OuterRef("pk"))), slug=slug
    ).values_list(*REVIEWER_FIELDS)[:1],
    SLUG,
)


def reviewer_version(slug):
    """A reviewer's page lists their published reviews: it changes with their profile and, like
    every list, when anything is published or edited (None when they have no published review)."""
    reviewer = _reviewer(slug)
    if not reviewer:
        return None
    return version(reviewer, *_publications())
