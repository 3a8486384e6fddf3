"""Logging in: throttled after repeated failures, session rotated, passwords validated."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(db):
    return UserFactory(username="member@example.org")


def attempt(client, password, url="/accounts/login/"):
    return client.post(url, {"username": "member@example.org", "password": password}, REMOTE_ADDR="203.0.113.9")


@pytest.mark.django_db
def test_five_failures_lock_the_account_even_for_the_right_password(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200  # the form again, with an error
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed log-in attempts" in locked.content.decode()
    assert attempt(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_is_throttled_too(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", url="/admin/login/")
    assert attempt(client, PASSWORD, url="/admin/login/").status_code == 429


@pytest.mark.django_db
def test_success_resets_the_failure_count(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "wrong").status_code == 200  # counting starts again


@pytest.mark.django_db
def test_login_rotates_the_session_key(client, member):
    client.get("/accounts/login/")
    session = client.session
    session["before"] = "x"
    session.save()
    before = session.session_key
    assert attempt(client, PASSWORD).status_code == 302
    assert client.session.session_key != before


@pytest.mark.parametrize("password", ["password", "12345678", "short", "member@example.org"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, user=UserFactory.build(username="member@example.org", email="member@example.org"))
