"""Home, series and issue pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ...labels import labels_for
from ...models import Series
from ...titles import issue_title
from .. import freshness, selectors
from .conditional import conditional
from .page_cache import render_page
from .paging import page_of
from .share import summary


@conditional(freshness.publications_version)
def home(request):
    return render_page(request, "digest/home.html", lambda: {"groups": selectors.latest_issues_by_series()})


@conditional(freshness.series_version)
def series_detail(request, slug):
    def context():
        series = get_object_or_404(Series, slug=slug)
        return {"series": series, "page": page_of(selectors.series_issues(series), request.GET.get("page"))}

    return render_page(request, "digest/series_detail.html", context, reads=["page"])


@conditional(freshness.issue_version)
def issue_detail(request, slug):
    return render_page(request, "digest/issue_detail.html", lambda: issue_context(request, slug))


def issue_context(request, slug):
    issue = selectors.published_issue_alone(slug)
    if issue is None:
        raise Http404("No published issue here.")
    labels = labels_for(issue.series)
    issue.title = issue_title(issue, labels)
    previous, following = selectors.issue_neighbours(issue)
    intro_html, outro_html = selectors.issue_intro_outro(issue)
    entries = selectors.published_post_entries(issue, labels)
    return {
        "issue": issue,
        "labels": labels,
        "entries": entries,
        "intro_html": intro_html,
        "outro_html": outro_html,
        "previous": previous,
        "next": following,
        "translations": selectors.issue_translations(issue),
        "canonical_url": request.build_absolute_uri(issue.get_absolute_url()),
        "description": summary(intro_html) or "; ".join(entry.title for entry in entries),
    }
