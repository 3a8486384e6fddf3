"""Assignments: editors offer papers, members claim them, either side moves them on."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import announcements, notifications
from ..enums import (
    ACTIVE_ASSIGNMENT,
    AssignmentStatus,
    PaperStatus,
)
from ..models import Assignment
from ..rules import is_editor
from .errors import NotAllowed, WorkflowError


def default_due_date(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=settings.DIGEST_DEFAULT_DUE_DAYS)


def _create_assignment(*, paper, reviewer, by, due_date, status):
    if paper.status == PaperStatus.REJECTED:
        raise WorkflowError(_("This paper was rejected and cannot be assigned."), code="paper_rejected")
    try:
        with transaction.atomic():
            return Assignment.objects.create(
                paper=paper, reviewer=reviewer, assigned_by=by, due_date=due_date, status=status
            )
    except IntegrityError as error:
        raise WorkflowError(_("Someone is already reading this paper."), code="already_assigned") from error


@transaction.atomic
def assign_paper(paper, *, reviewer, by, due_date=None):
    """An editor offers a paper to a reviewer, who is told by mail."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may assign papers."))
    assignment = _create_assignment(
        paper=paper, reviewer=reviewer, by=by, due_date=due_date or default_due_date(), status=AssignmentStatus.OFFERED
    )
    notifications.assignment_created(assignment.pk)  # queued in this transaction
    return assignment


@transaction.atomic
def claim_paper(paper, *, reviewer, by, due_date=None):
    """A member takes an open paper for themself; only editors may set another due date."""
    if due_date is not None and not is_editor(by):
        raise NotAllowed(_("Only editors may choose the due date."))
    assignment = _create_assignment(
        paper=paper, reviewer=reviewer, by=by, due_date=due_date or default_due_date(), status=AssignmentStatus.ACCEPTED
    )
    announcements.announce(announcements.PAPER_CLAIMED, assignment_id=assignment.pk)
    return assignment


ASSIGNMENT_MOVES = {
    AssignmentStatus.ACCEPTED: {AssignmentStatus.OFFERED},
    AssignmentStatus.DECLINED: {AssignmentStatus.OFFERED},
    AssignmentStatus.DONE: ACTIVE_ASSIGNMENT,
    AssignmentStatus.CANCELLED: ACTIVE_ASSIGNMENT,
}


@transaction.atomic
def set_assignment_status(assignment, *, to, by):
    """Accept or decline an offer (the reviewer), or mark done / cancel (the reviewer or an editor)."""
    assignment = Assignment.objects.select_for_update().select_related("reviewer").get(pk=assignment.pk)
    is_own = assignment.reviewer.user_id is not None and assignment.reviewer.user_id == by.pk
    if not (is_own or is_editor(by)):
        raise NotAllowed(_("This assignment is not yours."))
    if assignment.status not in ASSIGNMENT_MOVES.get(to, set()):
        raise WorkflowError(
            _("An assignment that is “%(current)s” cannot become “%(target)s”.")
            % {"current": assignment.get_status_display(), "target": AssignmentStatus(to).label},
            code="invalid_assignment_move",
        )
    assignment.status = to
    assignment.save(update_fields=["status", "updated_at"])
    return assignment
