"""Reads of issues used by views, feeds and the admin."""

from django.db.models import Prefetch

from reviews.models import Review

from .models import Issue, IssueEntry


def entries_with_reviews():
    return IssueEntry.objects.select_related("review__paper", "review__reviewer").order_by("position", "id")


def published_issues():
    return Issue.objects.published().select_related("series").order_by("-published_at", "-id")


def issue_with_entries(queryset=None):
    """Issues with their entries, reviews, papers, reviewers and paper links in a fixed number of queries."""
    queryset = queryset if queryset is not None else Issue.objects.all()
    return queryset.select_related("series").prefetch_related(
        Prefetch("entries", queryset=entries_with_reviews()),
        "entries__review__paper__links",
    )


def published_reviews():
    return Review.objects.published().select_related("paper", "reviewer", "issue_entry__issue__series")
