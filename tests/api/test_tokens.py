"""Personal tokens on the profile page: created (shown once, only a hash kept), listed, revoked."""

import re

import pytest

from api.models import PersonalToken
from api.tokens import hash_key, user_for_key


@pytest.mark.django_db
def test_a_member_creates_a_token_sees_it_once_and_revokes_it(client, author):
    client.force_login(author.user)
    page = client.get("/me/profile/").content.decode()
    assert "API tokens" in page and "Create a token" in page

    created = client.post("/me/tokens/", {"token-name": "nightly export"})
    key = re.search(r'<code id="new-token">(dgst_[\w-]+)</code>', created.content.decode())[1]
    token = PersonalToken.objects.get()
    assert (token.user, token.name, token.key_hash) == (author.user, "nightly export", hash_key(key))
    assert key not in PersonalToken.objects.values_list("key_hash", flat=True)
    assert "no-store" in created["Cache-Control"]
    assert user_for_key(key) == author.user

    profile = client.get("/me/profile/").content.decode()
    assert "nightly export" in profile and token.prefix in profile and key not in profile

    response = client.post(f"/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert user_for_key(key) is None
    assert "nightly export" not in client.get("/me/profile/").content.decode()


@pytest.mark.django_db
def test_nobody_revokes_another_members_token(client, author, other_reviewer):
    client.force_login(author.user)
    client.post("/me/tokens/", {"token-name": "mine"})
    token = PersonalToken.objects.get()
    client.force_login(other_reviewer.user)
    client.post(f"/me/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_a_token_needs_a_name(client, author):
    client.force_login(author.user)
    response = client.post("/me/tokens/", {"token-name": ""}, follow=True)
    assert "Give the token a name." in response.content.decode()
    assert not PersonalToken.objects.exists()
