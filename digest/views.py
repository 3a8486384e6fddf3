"""The public archive: only published issues and reviews are ever shown here."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from reviews.models import Reviewer

from . import selectors
from .models import Series


def home(request):
    issues = selectors.issue_with_entries(selectors.published_issues())[:10]
    return render(request, "digest/home.html", {"issues": issues})


def issue_detail(request, slug):
    issue = get_object_or_404(selectors.issue_with_entries(selectors.published_issues()), slug=slug)
    return render(request, "digest/issue_detail.html", {"issue": issue})


def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    issues = Paginator(selectors.published_issues().filter(series=series), 20).get_page(request.GET.get("page"))
    return render(request, "digest/series_detail.html", {"series": series, "page": issues})


def review_list(request):
    page = Paginator(selectors.published_reviews().order_by("-published_at", "-id"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "digest/review_list.html", {"page": page})


def review_detail(request, pk):
    review = get_object_or_404(selectors.published_reviews().prefetch_related("paper__links"), pk=pk)
    return render(request, "digest/review_detail.html", {"review": review})


def reviewer_detail(request, slug):
    reviewer = get_object_or_404(Reviewer, slug=slug)
    reviews = selectors.published_reviews().filter(reviewer=reviewer).order_by("-published_at", "-id")
    if not reviews.exists():
        raise Http404("This reviewer has no published reviews.")
    page = Paginator(reviews, 20).get_page(request.GET.get("page"))
    return render(request, "digest/reviewer_detail.html", {"reviewer": reviewer, "page": page})
