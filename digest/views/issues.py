"""Home, series and issue pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .. import freshness, selectors
from ..export.labels import labels_for
from ..models import Series
from ..titles import issue_title
from .conditional import conditional
from .paging import page_of
from .share import summary


@conditional(freshness.publications_version)
def home(request):
    return render(request, "digest/home.html", {"groups": selectors.latest_issues_by_series()})


@conditional(freshness.series_version)
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    page = page_of(selectors.series_issues(series), request.GET.get("page"))
    return render(request, "digest/series_detail.html", {"series": series, "page": page})


@conditional(freshness.issue_version)
def issue_detail(request, slug):
    issue = selectors.published_issue(slug)
    if issue is None:
        raise Http404("No published issue here.")
    labels = labels_for(issue.series)
    issue.title = issue_title(issue, labels)
    previous, following = selectors.issue_neighbours(issue)
    intro_html, outro_html = selectors.issue_intro_outro(issue)
    entries = issue.entries.all()
    context = {
        "issue": issue,
        "labels": labels,
        "entries": entries,
        "intro_html": intro_html,
        "outro_html": outro_html,
        "previous": previous,
        "next": following,
        "translations": selectors.issue_translations(issue),
        "canonical_url": request.build_absolute_uri(issue.get_absolute_url()),
        "description": summary(intro_html) or "; ".join(entry.review.paper.title for entry in entries),
    }
    return render(request, "digest/issue_detail.html", context)
