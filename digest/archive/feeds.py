"""RSS 2.0 and Atom feeds of published issues: all series together, and one series.

Each item is a published issue: its title, its intro and its table of contents linking to the
reviews. Links are absolute on the host the reader asked (as Django's syndication does).
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from ..models import Series
from ..titles import issue_title
from . import selectors

ITEMS = 20


@dataclass
class Source:
    """What a feed is about: one series, or every series (`series` None)."""

    series: Series | None
    site_root: str  # "https://host", for links inside item descriptions


class IssuesFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name, series_url_name = "issues_feed_rss", "series_feed_rss"

    def get_object(self, request, slug=None):
        series = get_object_or_404(Series, slug=slug) if slug else None
        return Source(series, request.build_absolute_uri("/").rstrip("/"))

    def get_feed(self, source, request):
        feed = super().get_feed(source, request)
        if source.series:
            feed.feed["language"] = source.series.language
        return feed

    def title(self, source):
        return source.series.name if source.series else _("Digest — every series")

    def description(self, source):
        if source.series:
            return _("Published issues of %(series)s.") % {"series": source.series.name}
        return _("Published issues of every series: reviews of scientific papers by a community of readers.")

    subtitle = description

    def link(self, source):
        return source.series.get_absolute_url() if source.series else reverse("home")

    def feed_url(self, source):
        if source.series:
            return reverse(self.series_url_name, args=[source.series.slug])
        return reverse(self.url_name)

    def items(self, source):
        issues = selectors.published_issues()
        if source.series:
            issues = issues.filter(series=source.series)
        issues = selectors.with_table_of_contents(list(issues[:ITEMS]))
        for issue in issues:
            issue.site_root = source.site_root
        return issues

    def item_title(self, issue):
        return issue_title(issue)

    def item_description(self, issue):
        intro_html, _outro = selectors.issue_intro_outro(issue)
        context = {"issue": issue, "intro_html": intro_html, "site_root": issue.site_root}
        return render_to_string("digest/feed_item.html", context)

    def item_pubdate(self, issue):
        return issue.published_at

    def item_updateddate(self, issue):
        return issue.updated_at

    def item_categories(self, issue):
        return [issue.series.name]


class IssuesAtomFeed(IssuesFeed):
    feed_type = Atom1Feed
    url_name, series_url_name = "issues_feed_atom", "series_feed_atom"
