from django.urls import path

from . import views
from .main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
