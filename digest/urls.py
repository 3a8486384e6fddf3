"""Root URL configuration: the public archive, the members' pages, accounts and the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from reviews import uploads

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("issues/<str:slug>/", views.issue_detail, name="issue_detail"),
    path("series/<str:slug>/", views.series_detail, name="series_detail"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviewers/<str:slug>/", views.reviewer_detail, name="reviewer_detail"),
    path("", include("reviews.urls")),
    path("markdownx/markdownify/", uploads.markdown_preview, name="markdownx_markdownify"),
    path("markdownx/upload/", uploads.image_upload, name="markdownx_upload"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.+)$", uploads.serve_media, name="media"))
