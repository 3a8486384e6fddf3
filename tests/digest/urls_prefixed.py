"""The project's URLs under a prefix: a second URL configuration for tests of reversing."""

from django.urls import include, path

urlpatterns = [path("prefixed/", include("digest.urls"))]
