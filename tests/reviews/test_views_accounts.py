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


def confirm_link(mail):
    return re.search(r"http://127\.0\.0\.1:8000(/accounts/signup/confirm/\S+/)", mail.body).group(1)


@pytest.mark.django_db
def test_signup_makes_an_inactive_reviewer_and_mails_a_link_that_confirms_and_logs_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", signup_data())
    user = get_user_model().objects.get()
    assert (user.username, user.email, user.is_staff, user.is_superuser, user.is_active) == (
        "new.member@example.org", "new.member@example.org", False, False, False,
    )  # fmt: skip
    assert user.reviewer.display_name == "Nina New"
    assert response["Location"] == "/accounts/signup/sent/"
    assert "new.member@example.org" in client.get(response["Location"]).content.decode()
    assert [(m.to, m.subject) for m in mailoutbox] == [(["new.member@example.org"], "[Digest] Confirm your address")]

    link = confirm_link(mailoutbox[0])
    assert "Confirm and log in" in client.get(link).content.decode()  # a GET (a mail scanner) changes nothing
    assert get_user_model().objects.get().is_active is False
    confirmed = client.post(link)
    assert confirmed["Location"] == "/me/"
    assert client.get("/me/").context["user"] == user
    assert client.get("/admin/").status_code == 403  # only editors reach the desk
    client.logout()
    assert client.post(link).status_code == 404  # the link works once


@pytest.mark.django_db
def test_signup_with_a_taken_email_answers_the_same_and_mails_the_owner(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(username="new.member@example.org", email="new.member@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post("/accounts/signup/", signup_data(display_name="Still Here"))
    with django_capture_on_commit_callbacks(execute=True):
        fresh = client.post("/accounts/signup/", signup_data(email="someone.else@example.org"))
    assert (
        (taken.status_code, taken["Location"])
        == (fresh.status_code, fresh["Location"])
        == (302, "/accounts/signup/sent/")
    )
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["new.member@example.org"], "[Digest] You have an account already"),
        (["someone.else@example.org"], "[Digest] Confirm your address"),
    ]
    assert "http://127.0.0.1:8000/accounts/password_reset/" in mailoutbox[0].body
    owner.refresh_from_db()
    assert owner.check_password("correct horse battery staple")  # nothing about the owner changed


@pytest.mark.django_db
def test_signup_is_rate_limited_per_address(client, settings):
    settings.DIGEST_RATE_LIMITS = {**settings.DIGEST_RATE_LIMITS, "signup": "2/h"}
    codes = [client.post("/accounts/signup/", signup_data(email=f"n{n}@example.org")).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert get_user_model().objects.count() == 2


@pytest.mark.django_db
def test_an_invitation_still_says_when_the_address_has_an_account(client, editor):
    UserFactory(username="guest@example.org")
    invitation = services.invite_reviewer(email="guest@example.org", by=editor)
    response = client.post(f"/accounts/signup/{invitation.token}/", signup_data(email="guest@example.org"))
    assert response.context["form"].errors["email"] == [
        "An account with this e-mail exists already. Log in, or reset its password."
    ]


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
    user = UserFactory(username="ann@example.org")
    page = client.get("/accounts/login/").content.decode()
    assert "E-mail or username" in page
    response = client.post(
        "/accounts/login/", {"username": "ann@example.org", "password": "correct horse battery staple"}
    )
    assert response["Location"] == "/me/"
    assert f"Welcome back, {user.get_full_name()}." in client.get("/me/").content.decode()  # a name, not the address
    assert client.post("/accounts/logout/")["Location"] == "/"
    assert "You are logged out. See you soon!" in client.get("/accounts/login/").content.decode()
    assert client.get("/me/")["Location"] == "/accounts/login/?next=/me/"


@pytest.mark.django_db
def test_password_reset_mails_a_link_on_the_site_address_that_sets_a_new_password(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://digest.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]  # a site answering to more than one name
    user = UserFactory(username="ann@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password_reset/", {"email": "ann@example.org"}, HTTP_HOST="evil.example")
    assert response["Location"] == "/accounts/password_reset/done/"
    assert [(m.to, m.subject) for m in mailoutbox] == [(["ann@example.org"], "[Digest] Choose a new password")]
    assert "evil.example" not in mailoutbox[0].body  # the link never follows the Host a request claims
    link = re.search(r"https://digest\.example\.org(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
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
