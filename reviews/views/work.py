"""The member's dashboard: assignments with due dates, offers, reviews by status, editors' comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rules, selectors, services
from ..enums import ACTIVE_ASSIGNMENT, AssignmentStatus, ReviewStatus
from ..models import Assignment, ReviewEvent

# The order of the groups on the page: what needs the member's action comes first.
STATUS_ORDER = [
    ReviewStatus.CHANGES_REQUESTED,
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.APPROVED,
    ReviewStatus.PUBLISHED,
    ReviewStatus.REJECTED,
    ReviewStatus.WITHDRAWN,
]


def _editor_comments():
    comments = ReviewEvent.objects.exclude(comment="").select_related("actor__reviewer").order_by("-created_at", "-id")
    return Prefetch("events", queryset=comments, to_attr="comments")


@login_required
def my_work(request):
    reviewer = rules.reviewer_of(request.user)
    offers, assignments, groups = [], [], []
    if reviewer is not None:
        reviews = list(
            selectors.reviews_of(reviewer).prefetch_related(_editor_comments()).order_by("-updated_at", "-id")
        )
        live = {review.paper_id: review for review in reviews if review.status != ReviewStatus.WITHDRAWN}
        for assignment in selectors.assignments_of(reviewer).filter(status__in=ACTIVE_ASSIGNMENT):
            assignment.review = live.get(assignment.paper_id)
            (offers if assignment.status == AssignmentStatus.OFFERED else assignments).append(assignment)
        # A draft shown with its assignment above ("Continue writing") is not listed again below.
        shown = {assignment.review.pk for assignment in assignments if assignment.review}
        for status in STATUS_ORDER:
            members = [
                r for r in reviews if r.status == status and not (r.status == ReviewStatus.DRAFT and r.pk in shown)
            ]
            if members:
                groups.append({"status": status, "label": status.label, "reviews": members})
    context = {
        "reviewer": reviewer,
        "offers": offers,
        "assignments": assignments,
        "groups": groups,
        "overdue_count": sum(1 for a in assignments if a.is_overdue),
    }
    return render(request, "reviews/my_work.html", context)


def _own_assignment(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("paper", "reviewer"), pk=pk)
    if assignment.reviewer.user_id != request.user.pk:
        raise Http404("Not your assignment.")
    return assignment


def _start_and_edit(request, assignment):
    review = services.start_review(
        paper=assignment.paper,
        reviewer=assignment.reviewer,
        by=request.user,
        language=services.content_language(request.LANGUAGE_CODE),
    )
    return redirect("review_edit", pk=review.pk)


@login_required
@require_POST
def assignment_respond(request, pk):
    """Accept (and start writing) or decline a paper an editor offered."""
    assignment = _own_assignment(request, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.set_assignment_status(
            assignment, to=AssignmentStatus.ACCEPTED if accept else AssignmentStatus.DECLINED, by=request.user
        )
    except services.WorkflowError as error:
        messages.error(request, error.messages[0])
        return redirect("my_work")
    if not accept:
        messages.success(request, _("You declined “%(title)s”. The editors will find another reader.") % {
            "title": assignment.paper
        })  # fmt: skip
        return redirect("my_work")
    messages.success(request, _("Thank you! Your draft is ready; it is saved as you type."))
    return _start_and_edit(request, assignment)


@login_required
@require_POST
def assignment_start(request, pk):
    """Open the draft of an accepted assignment (created on first use)."""
    assignment = _own_assignment(request, pk)
    if assignment.status != AssignmentStatus.ACCEPTED:
        messages.error(request, _("Accept the paper before writing its review."))
        return redirect("my_work")
    return _start_and_edit(request, assignment)
