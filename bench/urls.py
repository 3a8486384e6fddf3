"""URLs for the benchmark's servers (DJANGO_ROOT_URLCONF=bench.urls): the whole app, the bare reference
view, and the review page behind Django's page cache (which tests/test_scale_out.py observes from
a second app server).
"""

from django.urls import include, path
from django.views.decorators.cache import cache_page

from digest.archive import views as digest_views

from .views import bare

urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/cached/reviews/<int:pk>/", cache_page(300)(digest_views.review_detail), name="bench_cached_review"),
    path("", include("digest.urls")),
]
