"""URLs for the benchmark's servers (DJANGO_ROOT_URLCONF=bench.urls): the whole app plus the bare reference."""

from django.urls import include, path

from .views import bare

urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("digest.urls")),
]
