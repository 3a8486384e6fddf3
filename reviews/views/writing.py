"""Writing a review: the editor with live preview, autosave, and the never-overwrite conflict page.

Every save names the version the page was showing. When someone saved in between (another tab,
or an editor), nothing is overwritten: the conflict page shows both texts and lets the person
keep theirs, take the stored one, or merge by hand. What they typed is never lost: it is on
that page, and the editor's script also keeps it in the browser's localStorage.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import diffing, rules, services
from ..enums import ReviewStatus, Role, targets_from
from ..forms import ReviewForm
from ..models import Review, ReviewEvent
from ..throttle import limited, retry_message


def _review_or_404(request, pk, *, events=False):
    """The review, for its author or an editor; anyone else is told it does not exist."""
    queryset = Review.objects.select_related("paper", "reviewer", "reviewer__user")
    if events:
        queryset = queryset.select_related("issue_entry__issue__series").prefetch_related(
            Prefetch(
                "events", queryset=ReviewEvent.objects.select_related("actor__reviewer").order_by("-created_at", "-id")
            )
        )
    review = get_object_or_404(queryset, pk=pk)
    if not (rules.is_author(request.user, review) or rules.is_editor(request.user)):
        raise Http404("No such review.")
    return review


def _latest_request(review):
    """The editor's last request for changes, shown above the editor while revising."""
    if review.status != ReviewStatus.CHANGES_REQUESTED:
        return None
    return review.events.filter(to_status=ReviewStatus.CHANGES_REQUESTED).select_related("actor__reviewer").last()


@login_required
def review_edit(request, pk):
    review = _review_or_404(request, pk)
    if not rules.can_edit_review(request.user, review) and request.method == "POST":
        # Submitted or decided meanwhile (another tab, an editor): the text just posted stays on the page.
        context = {"review": review, "posted": request.POST.get("body", "")}
        return render(request, "reviews/review_locked.html", context, status=200)
    if not rules.can_edit_review(request.user, review):
        messages.info(
            request,
            _("This review is “%(status)s” and cannot be edited now.") % {"status": review.get_status_display()},
        )
        return redirect("my_review", pk=review.pk)
    form = ReviewForm.for_review(review, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.update_review(
                review, by=request.user, body=data["body"], language=data["language"], expected_version=data["version"]
            )
        except services.EditConflict as conflict:
            return _conflict_page(request, review, form, conflict.current)
        except services.WorkflowError as error:
            form.add_error(None, error.messages[0])
        else:
            if "submit" not in request.POST:
                messages.success(request, _("Draft saved."))
                return redirect("review_edit", pk=saved.pk)
            try:
                services.submit_review(saved, by=request.user)
            except services.WorkflowError as error:
                messages.error(request, _("Saved, but not submitted: %(reason)s") % {"reason": error.messages[0]})
                return redirect("review_edit", pk=saved.pk)
            messages.success(request, _("Submitted. An editor will read it soon; you will get an e-mail."))
            return redirect("my_work")
    context = {
        "form": form,
        "review": review,
        "is_author": rules.is_author(request.user, review),
        "change_request": _latest_request(review),
        "assignment": review.paper.assignments.filter(reviewer=review.reviewer).order_by("-created_at").first(),
    }
    return render(request, "reviews/review_form.html", context)


def _conflict_page(request, review, form, current):
    """Both versions side by side; the posted text is on the page, never dropped."""
    data = form.cleaned_data
    last = current.history.select_related("history_user__reviewer").order_by("-history_id").first()
    rows = diffing.side_by_side(current.body, data["body"])
    context = {
        "review": current,
        "theirs": current.body,
        "yours": data["body"],
        "language": data["language"],
        "rows": rows,
        "changed_lines": diffing.summary(rows),
        "saved_by": last.history_user if last else None,
        "saved_at": last.history_date if last else current.updated_at,
        "wanted_submit": "submit" in request.POST,
    }
    return render(request, "reviews/review_conflict.html", context)


@require_POST
def review_autosave(request, pk):
    """Save the draft while the person types. Answers JSON with a `status`.

    Expected outcomes ("saved", "conflict", "locked", "logged_out") answer 200 so that the page's
    console stays clean; the script reads `status`. Malformed posts answer 400.
    """
    if not request.user.is_authenticated:
        return JsonResponse(
            {
                "status": "logged_out",
                "message": _("You are logged out. Your text is kept in this browser; log in again to save it."),
                "login_url": reverse("login") + "?next=" + reverse("review_edit", args=[pk]),
            }
        )
    review = _review_or_404(request, pk)
    if limited(request, "autosave", size=len(request.POST.get("body", "").encode())):
        return JsonResponse({"status": "busy", "message": retry_message()}, status=429)
    form = ReviewForm.for_review(review, request.POST)
    if not form.is_valid():
        message = form.errors["body"][0] if "body" in form.errors else _("This draft could not be read.")
        return JsonResponse({"status": "invalid", "message": message}, status=400)
    data = form.cleaned_data
    try:
        saved = services.update_review(
            review, by=request.user, body=data["body"], language=data["language"], expected_version=data["version"]
        )
    except services.EditConflict as conflict:
        return JsonResponse(
            {
                "status": "conflict",
                "version": conflict.current.version,
                "message": _("Someone saved this review elsewhere. Press “Save draft” to compare both versions."),
            }
        )
    except services.WorkflowError as error:
        return JsonResponse({"status": "locked", "message": error.messages[0]})
    return JsonResponse(
        {
            "status": "saved",
            "version": saved.version,
            "message": _("Saved at %(time)s") % {"time": time_format(timezone.localtime(), "TIME_FORMAT")},
        }
    )


@login_required
def my_review(request, pk):
    """A review as its author (or an editor) sees it: status, the rendered text, the decisions."""
    review = _review_or_404(request, pk, events=True)
    is_author = rules.is_author(request.user, review)
    author_moves = targets_from(review.status, Role.AUTHOR) if is_author else []
    context = {
        "review": review,
        "is_author": is_author,
        "can_edit": rules.can_edit_review(request.user, review),
        "can_withdraw": ReviewStatus.WITHDRAWN in author_moves,
        "issue": _published_issue(review),
        "scheduled_issue": _scheduled_issue(review),
    }
    return render(request, "reviews/review_detail.html", context)


def _scheduled_issue(review):
    try:
        return review.issue_entry.issue
    except AttributeError:  # not scheduled: the reverse one-to-one raises RelatedObjectDoesNotExist
        return None


def _published_issue(review):
    return _scheduled_issue(review) if review.status == ReviewStatus.PUBLISHED else None


@login_required
@require_POST
def review_withdraw(request, pk):
    review = _review_or_404(request, pk)
    try:
        services.withdraw_review(review, by=request.user)
    except services.WorkflowError as error:
        messages.error(request, error.messages[0])
        return redirect("my_review", pk=review.pk)
    messages.success(request, _("You withdrew your review of “%(title)s”.") % {"title": review.paper})
    return redirect("my_work")
