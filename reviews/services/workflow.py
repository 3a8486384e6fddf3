"""The review workflow. `transition_review` is the only writer of `Review.status`.

It locks the row, checks the transition table and the actor's role, stamps the time, records an
event, and queues mail to the people concerned in the same transaction (the outbox; a worker
sends it)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..drafts import draft_template
from ..enums import (
    COMMENT_REQUIRED,
    TRANSITIONS,
    AssignmentStatus,
    ReviewStatus,
    Role,
)
from ..models import Assignment, Review
from ..rules import roles_of
from .errors import InvalidTransition, NotAllowed, WorkflowError

STAMPS = {
    ReviewStatus.SUBMITTED: "submitted_at",
    ReviewStatus.APPROVED: "decided_at",
    ReviewStatus.CHANGES_REQUESTED: "decided_at",
    ReviewStatus.REJECTED: "decided_at",
    ReviewStatus.PUBLISHED: "published_at",
}


@transaction.atomic
def transition_review(review, *, to, by, comment="", at=None, expected_status=None):
    """Move `review` to state `to` on behalf of user `by`. Raises WorkflowError if not allowed.

    `expected_status` is the state the person saw when deciding: if someone else moved the review
    meanwhile, the decision is refused rather than stacked on top of theirs.
    """
    review = Review.objects.select_for_update().select_related("reviewer").get(pk=review.pk)
    previous = review.status
    if expected_status is not None and expected_status != previous:
        raise WorkflowError(
            _("Someone else decided meanwhile: this review is now “%(current)s”. Nothing was changed.")
            % {"current": ReviewStatus(previous).label},
            code="stale",
        )
    required_role = TRANSITIONS.get((previous, to))
    if required_role is None:
        raise InvalidTransition(previous, to)
    if required_role not in roles_of(by, review):
        raise NotAllowed(
            _("Only %(role)s may move a review from “%(current)s” to “%(target)s”.")
            % {
                "role": Role(required_role).label,
                "current": ReviewStatus(previous).label,
                "target": ReviewStatus(to).label,
            }
        )
    comment = (comment or "").strip()
    if to in COMMENT_REQUIRED and not comment:
        raise WorkflowError(_("Say what should change: a comment is required."), code="comment_required")
    if to == ReviewStatus.SUBMITTED and not review.body.strip():
        raise WorkflowError(_("Write the review before submitting it."), code="empty_body")
    if to == ReviewStatus.SUBMITTED and review.body.strip() == draft_template(review.language).strip():
        raise WorkflowError(
            _("The review is still the series' template: write it under the headings before submitting it."),
            code="template_only",
        )

    now = at or timezone.now()
    review.status = to
    fields = ["status", "updated_at"]
    if to in STAMPS:
        setattr(review, STAMPS[to], now)
        fields.append(STAMPS[to])
    review.save(update_fields=fields)
    review.events.create(actor=by, from_status=previous, to_status=to, comment=comment, created_at=now)
    if to == ReviewStatus.SUBMITTED:
        Assignment.objects.active().filter(paper_id=review.paper_id, reviewer_id=review.reviewer_id).update(
            status=AssignmentStatus.DONE, updated_at=now
        )
    notifications.review_status_changed(review.pk, previous, to, comment)  # queued in this transaction
    return review


@transaction.atomic
def import_review_status(review, *, to, by=None, at=None, comment=""):
    """Reviews brought in from the back catalogue arrive approved or published.

    The one other writer of status besides transition_review: only from a fresh draft, only to
    those two states, recorded as an event like any move, and without mail.
    """
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.DRAFT or to not in {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}:
        raise InvalidTransition(review.status, to)
    now = at or timezone.now()
    review.status = to
    review.decided_at = now
    fields = ["status", "decided_at", "updated_at"]
    if to == ReviewStatus.PUBLISHED:
        review.published_at = now
        fields.append("published_at")
    review.save(update_fields=fields)
    review.events.create(actor=by, from_status=ReviewStatus.DRAFT, to_status=to, comment=comment, created_at=now)
    return review


def submit_review(review, *, by):
    return transition_review(review, to=ReviewStatus.SUBMITTED, by=by)


def approve_review(review, *, by, comment=""):
    return transition_review(review, to=ReviewStatus.APPROVED, by=by, comment=comment)


def request_changes(review, *, by, comment):
    return transition_review(review, to=ReviewStatus.CHANGES_REQUESTED, by=by, comment=comment)


def reject_review(review, *, by, comment):
    return transition_review(review, to=ReviewStatus.REJECTED, by=by, comment=comment)


def withdraw_review(review, *, by):
    return transition_review(review, to=ReviewStatus.WITHDRAWN, by=by)
