"""Reads of papers, assignments and reviews used by views and the admin."""

from django.db.models import Q

from .enums import ReviewStatus
from .models import Assignment, Review
from .rules import is_editor, reviewer_of


def reviews_visible_to(user):
    """The queryset twin of rules.can_view_review."""
    if is_editor(user):
        return Review.objects.all()
    reviewer = reviewer_of(user)
    visible = Q(status=ReviewStatus.PUBLISHED)
    if reviewer is not None:
        visible |= Q(reviewer=reviewer)
    return Review.objects.filter(visible)


def reviews_of(reviewer):
    return Review.objects.filter(reviewer=reviewer).select_related("paper", "issue_entry__issue__series")


def assignments_of(reviewer):
    return Assignment.objects.filter(reviewer=reviewer).select_related("paper").order_by("due_date", "id")


def overdue_assignments():
    return Assignment.objects.overdue().select_related("paper", "reviewer")
