"""The members' pages: accounts, papers, assignments and writing reviews."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/<str:token>/", views.signup, name="signup_invited"),
    path("me/", views.my_work, name="my_work"),
    path("me/reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
]
