"""The archive of reviews (filters and search), review pages and reviewer pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from reviews.models import Reviewer

from .. import freshness, selectors
from ..export.labels import defaults_for, labels_for
from ..filters import ReviewFilter
from .conditional import conditional
from .paging import keyset_page_of, page_of
from .share import summary


@conditional(freshness.publications_version)
def review_list(request):
    filters = ReviewFilter(request.GET or None, queryset=selectors.archive_reviews())
    if filters.is_bound and not filters.is_valid():
        page = keyset_page_of(selectors.archive_reviews().none(), {})
    else:
        page = keyset_page_of(filters.qs, request.GET)
    query = request.GET.copy()
    for cursor in ("after", "before", "page"):
        query.pop(cursor, None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "is_filtered": any(value.strip() for key, value in query.items()),
    }
    return render(request, "digest/review_list.html", context)


@conditional(freshness.review_version)
def review_detail(request, pk):
    review = selectors.published_review(pk)
    if review is None:
        raise Http404("No published review here.")
    issue = selectors.public_issue_of(review)
    context = {
        "review": review,
        "paper": review.paper,
        "issue": issue,
        "labels": labels_for(issue.series) if issue else defaults_for(review.language),
        "translations": selectors.review_translations(review),
        "canonical_url": request.build_absolute_uri(review.get_absolute_url()),
        "description": summary(review.body_html),
    }
    return render(request, "digest/review_detail.html", context)


@conditional(freshness.reviewer_version)
def reviewer_detail(request, slug):
    reviewer = get_object_or_404(Reviewer, slug=slug)
    page = page_of(selectors.reviews_by(reviewer), request.GET.get("page"))
    if not page.object_list:
        raise Http404("This reviewer has no published reviews.")
    return render(request, "digest/reviewer_detail.html", {"reviewer": reviewer, "page": page})
