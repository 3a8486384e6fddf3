"""The members' pages. Views decide who may act (rules); services do the work."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules, selectors, services
from .forms import ReviewForm, SignupForm
from .models import Invitation, Review


def signup(request, token=None):
    invitation = get_object_or_404(Invitation, token=token, accepted_at__isnull=True) if token else None
    if request.user.is_authenticated:
        return redirect("my_work")
    initial = {"email": invitation.email} if invitation else {}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            reviewer = services.reviewer_for_user(user)
            reviewer.display_name = form.cleaned_data["display_name"]
            reviewer.save(update_fields=["display_name"])
            if invitation:
                invitation.accepted_at = timezone.now()
                invitation.save(update_fields=["accepted_at"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Digest! Propose a paper or pick one to review."))
        return redirect("my_work")
    return render(request, "registration/signup.html", {"form": form, "invitation": invitation})


@login_required
def my_work(request):
    reviewer = services.reviewer_for_user(request.user)
    context = {
        "reviewer": reviewer,
        "assignments": selectors.assignments_of(reviewer).filter(status__in=["offered", "accepted"]),
        "reviews": selectors.reviews_of(reviewer).order_by("-updated_at"),
    }
    return render(request, "reviews/my_work.html", context)


@login_required
def review_edit(request, pk):
    review = get_object_or_404(Review.objects.select_related("paper", "reviewer"), pk=pk)
    if not rules.can_view_review(request.user, review) or review.reviewer.user_id != request.user.pk:
        raise PermissionDenied
    if not rules.can_edit_review(request.user, review):
        messages.info(
            request,
            _("This review is %(status)s and can no longer be edited.") % {"status": review.get_status_display()},
        )
        return redirect("my_work")
    form = ReviewForm(request.POST or None, instance=review, initial={"version": review.version})
    if request.method == "POST" and form.is_valid():
        try:
            review = services.update_review(
                review,
                by=request.user,
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"],
                expected_version=form.cleaned_data["version"],
            )
            if "submit" in request.POST:
                services.submit_review(review, by=request.user)
                messages.success(request, _("Submitted. An editor will read it soon."))
                return redirect("my_work")
            messages.success(request, _("Draft saved."))
            return redirect("review_edit", pk=review.pk)
        except services.WorkflowError as error:
            form.add_error(None, error.messages[0])
    return render(request, "reviews/review_form.html", {"form": form, "review": review})
