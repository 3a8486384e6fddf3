"""Accounts: sign up (open or invited), log in and out, reset a password, edit the profile, language."""

import re

import pytest
from django.contrib.auth import get_user_model

from reviews import services
from reviews.models import Invitation, Reviewer
from tests.factories import ReviewerFactory, UserFactory

PASSWORD = "a sturdy pass phrase 42"


def signup_data(**fields):
    return {"email": "New.Member@Example.org", "display_name": "Nina New", "password1": PASSWORD,
            "password2": PASSWORD, **fields}  # fmt: skip


@pytest.mark.django_db
def test_signup_makes_a_reviewer_who_is_not_staff_and_logs_them_in(client):
    response = client.post("/accounts/signup/", signup_data())
    user = get_user_model().objects.get()
    assert (user.username, user.email, user.is_staff, user.is_superuser) == (
        "new.member@example.org",
        "new.member@example.org",
        False,
        False,
    )
    assert user.reviewer.display_name == "Nina New"
    assert response["Location"] == "/me/"
    assert client.get("/me/").context["user"] == user
    assert client.get("/admin/").status_code == 403  # only editors reach the desk


@pytest.mark.django_db
def test_signup_with_a_taken_email_explains_and_keeps_the_input(client):
    UserFactory(username="new.member@example.org")
    response = client.post("/accounts/signup/", signup_data(display_name="Still Here"))
    assert response.context["form"].errors["email"] == [
        "An account with this e-mail exists already. Log in, or reset its password."
    ]
    assert 'value="Still Here"' in response.content.decode()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_invitation_link_prefills_the_email_and_is_accepted_once(client, editor):
    invitation = services.invite_reviewer(email="guest@example.org", by=editor)
    page = client.get(f"/accounts/signup/{invitation.token}/").content.decode()
    assert 'value="guest@example.org"' in page and "You were invited" in page
    client.post(f"/accounts/signup/{invitation.token}/", signup_data(email="guest@example.org"))
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert Reviewer.objects.get(user__username="guest@example.org").display_name == "Nina New"
    client.logout()
    assert client.get(f"/accounts/signup/{invitation.token}/").status_code == 404


@pytest.mark.django_db
def test_unknown_invitation_token_is_not_found(client):
    assert client.get("/accounts/signup/no-such-token/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "given_next", "lands"),
    [
        ("member", "", "/me/"),
        ("editor", "", "/admin/"),
        ("member", "/papers/", "/papers/"),
        ("editor", "/reviews/", "/reviews/"),
        ("editor", "https://evil.example.org/", "/admin/"),  # only addresses on this site are followed
    ],
)
def test_after_login_people_land_where_they_work_or_where_they_were_going(client, role, given_next, lands):
    from tests.factories import EditorFactory

    (EditorFactory if role == "editor" else UserFactory)(username="ann@example.org")
    data = {"username": "ann@example.org", "password": "correct horse battery staple"}
    url = f"/accounts/login/?next={given_next}" if given_next else "/accounts/login/"
    response = client.post(url, {**data, "next": given_next} if given_next else data)
    assert response.status_code == 302 and response["Location"] == lands
    assert client.get("/accounts/login/")["Location"] == ("/admin/" if role == "editor" else "/me/")


@pytest.mark.django_db
def test_login_by_email_and_logout(client):
    UserFactory(username="ann@example.org")
    page = client.get("/accounts/login/").content.decode()
    assert "E-mail or username" in page
    response = client.post(
        "/accounts/login/", {"username": "ann@example.org", "password": "correct horse battery staple"}
    )
    assert response["Location"] == "/me/"
    assert "Welcome back, ann@example.org." in client.get("/me/").content.decode()
    assert client.post("/accounts/logout/")["Location"] == "/"
    assert "You are logged out. See you soon!" in client.get("/accounts/login/").content.decode()
    assert client.get("/me/")["Location"] == "/accounts/login/?next=/me/"


@pytest.mark.django_db
def test_password_reset_mails_a_link_that_sets_a_new_password(client, mailoutbox):
    user = UserFactory(username="ann@example.org")
    response = client.post("/accounts/password_reset/", {"email": "ann@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert [(m.to, m.subject) for m in mailoutbox] == [(["ann@example.org"], "[Digest] Choose a new password")]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session key
    assert "Choose a new password" in client.get(form_url).content.decode()
    done = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_profile_saves_name_handles_and_bio(client, author):
    client.force_login(author.user)
    response = client.post(
        "/me/profile/",
        {"display_name": "Ann A. Author", "chat_handle": "error_derivative", "blog_handle": "ann", "bio": "Reads."},
    )
    author.refresh_from_db()
    assert response["Location"] == "/me/profile/"
    assert (author.display_name, author.chat_handle, author.blog_handle, author.bio) == (
        "Ann A. Author",
        "error_derivative",
        "ann",
        "Reads.",
    )


@pytest.mark.django_db
def test_profile_of_an_account_without_one_is_created_on_save(client):
    user = UserFactory(username="fresh@example.org", first_name="", last_name="")
    client.force_login(user)
    assert client.get("/me/profile/").context["form"]["display_name"].value() == "fresh"
    client.post("/me/profile/", {"display_name": "Fresh Face", "chat_handle": "", "blog_handle": "", "bio": ""})
    assert Reviewer.objects.get(user=user).display_name == "Fresh Face"


@pytest.mark.django_db
def test_profile_without_a_name_is_refused_and_keeps_the_input(client, author):
    client.force_login(author.user)
    response = client.post("/me/profile/", {"display_name": "", "chat_handle": "kept", "blog_handle": "", "bio": ""})
    assert response.context["form"].errors == {"display_name": ["This field is required."]}
    assert 'value="kept"' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switcher_turns_the_interface_russian(client, author):
    client.force_login(author.user)
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/me/"})
    assert response["Location"] == "/me/"
    page = client.get("/me/").content.decode()
    assert '<html lang="ru">' in page
    assert "Моя работа" in page
    assert "Вы ещё не написали ни одного обзора." in page


@pytest.mark.django_db
def test_every_page_has_a_language_switcher_posting_to_set_language(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert '<option value="ru" lang="ru">Русский</option>' in page


@pytest.mark.django_db
def test_display_name_in_the_header_comes_from_the_profile(client):
    reviewer = ReviewerFactory(display_name="Header Name")
    client.force_login(reviewer.user)
    assert "Header Name</a>" in client.get("/me/").content.decode()


@pytest.mark.django_db
def test_invitations_are_created_only_by_editors(author):
    with pytest.raises(services.NotAllowed):
        services.invite_reviewer(email="x@example.org", by=author.user)
    assert Invitation.objects.count() == 0
