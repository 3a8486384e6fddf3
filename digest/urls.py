"""Root URL configuration: the public archive, its feeds and sitemap, the members' pages, accounts and the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from reviews import uploads

from . import health
from .archive import freshness, views
from .archive.feeds import IssuesAtomFeed, IssuesFeed
from .archive.sitemaps import SITEMAPS
from .archive.views.conditional import conditional
from .archive.views.page_cache import cached_view


def cached(version, kind):
    """A view of published content: ETag/304 from `version`, the response from the page cache."""
    return lambda view: conditional(version)(cached_view(view, kind=kind))


feeds_of_series = cached(freshness.series_version, "feed")
feeds_of_all = cached(freshness.publications_version, "feed")
sitemap_fresh = cached(freshness.publications_version, "sitemap")

admin.site.site_header = _("Digest — the editors' desk")
admin.site.site_title = _("Digest editors")
admin.site.index_title = _("What needs attention")

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/<str:slug>/", views.issue_detail, name="issue_detail"),
    path("series/<str:slug>/", views.series_detail, name="series_detail"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviewers/<str:slug>/", views.reviewer_detail, name="reviewer_detail"),
    path("feeds/issues.rss", feeds_of_all(IssuesFeed()), name="issues_feed_rss"),
    path("feeds/issues.atom", feeds_of_all(IssuesAtomFeed()), name="issues_feed_atom"),
    path("series/<str:slug>/feed.rss", feeds_of_series(IssuesFeed()), name="series_feed_rss"),
    path("series/<str:slug>/feed.atom", feeds_of_series(IssuesAtomFeed()), name="series_feed_atom"),
    path(
        "sitemap.xml",
        sitemap_fresh(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_fresh(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("", include("reviews.urls")),
    path("", include("api.urls")),
    path("markdownx/markdownify/", uploads.markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", uploads.image_upload, name="markdownx_upload"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", uploads.serve_media, name="media"))
