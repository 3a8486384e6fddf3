"""The members' pages: accounts, papers, assignments and writing reviews."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/signup/sent/", views.signup_sent, name="signup_sent"),
    path("accounts/signup/confirm/<uidb64>/<token>/", views.signup_confirm, name="signup_confirm"),
    path("accounts/signup/<str:token>/", views.signup, name="signup_invited"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("papers/", views.paper_list, name="paper_list"),
    path("papers/propose/", views.paper_propose, name="paper_propose"),
    path("papers/duplicates/", views.paper_duplicates, name="paper_duplicates"),
    path("papers/<int:pk>/", views.paper_detail, name="paper_detail"),
    path("papers/<int:pk>/claim/", views.paper_claim, name="paper_claim"),
    path("me/", views.my_work, name="my_work"),
    path("me/profile/", views.profile, name="profile"),
    path("me/assignments/<int:pk>/respond/", views.assignment_respond, name="assignment_respond"),
    path("me/assignments/<int:pk>/start/", views.assignment_start, name="assignment_start"),
    path("me/reviews/<int:pk>/", views.my_review, name="my_review"),
    path("me/reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("me/reviews/<int:pk>/autosave/", views.review_autosave, name="review_autosave"),
    path("me/reviews/<int:pk>/withdraw/", views.review_withdraw, name="review_withdraw"),
]
