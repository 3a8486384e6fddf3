"""The sitemap: published issues, reviews, reviewers and series, and the archive's entry pages.

Only published content is listed. Sections are split into pages of PAGE_SIZE URLs under a
sitemap index, so no response grows with the archive. URLs are on the host the crawler asked
(Django's RequestSite), like the feeds.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse

from reviews.models import Review, Reviewer

from ..models import Issue, IssueStatus, Series

PAGE_SIZE = 1000


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "review_list"]

    def location(self, name):
        return reverse(name)


class ModelSitemap(Sitemap):
    """Rows with an `updated_at` (a field or an annotation) as their last modification."""

    limit = PAGE_SIZE

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class IssueSitemap(ModelSitemap):
    def items(self):
        return Issue.objects.published().only("slug", "updated_at").order_by("-published_at", "-id")


class ReviewSitemap(ModelSitemap):
    def items(self):
        return Review.objects.published().only("pk", "updated_at").order_by("pk")


class ReviewerSitemap(Sitemap):
    """Reviewers with a published review (no last change: computing it per reviewer costs too much)."""

    limit = PAGE_SIZE

    def items(self):
        return (
            Reviewer.objects.filter(Exists(Review.objects.published().filter(reviewer=OuterRef("pk"))))
            .only("slug")
            .order_by("pk")
        )


class SeriesSitemap(ModelSitemap):
    def items(self):
        return (
            Series.objects.annotate(
                updated_at=Max("issues__updated_at", filter=Q(issues__status=IssueStatus.PUBLISHED))
            )
            .filter(updated_at__isnull=False)
            .only("slug")
            .order_by("pk")
        )

    def get_latest_lastmod(self):
        return Issue.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "pages": PagesSitemap,
    "series": SeriesSitemap,
    "issues": IssueSitemap,
    "reviews": ReviewSitemap,
    "reviewers": ReviewerSitemap,
}
