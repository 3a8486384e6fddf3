"""The API through HTTP: a live server, a real HTTP client (httpx), a personal token per role."""

import httpx
import pytest

from api.tokens import create_token

ROLES = ("anonymous", "reviewer", "author", "editor", "superuser")


@pytest.fixture
def tokens(transactional_db, editor, superuser, author, other_reviewer):
    """role -> the Authorization header of that role's personal token (none for anonymous)."""
    users = {"reviewer": other_reviewer.user, "author": author.user, "editor": editor, "superuser": superuser}
    headers = {"anonymous": {}}
    for role, user in users.items():
        _token, key = create_token(user, name=f"{role}'s script")
        headers[role] = {"Authorization": f"Bearer {key}"}
    return headers


@pytest.fixture
def http(live_server):
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=30) as client:
        yield client


@pytest.fixture
def as_role(http, tokens):
    """as_role("author").get("/me/reviews"): requests with that role's token."""

    class Caller:
        def __init__(self, role):
            self.headers = tokens[role]

        def __getattr__(self, method):
            return lambda path, **kwargs: http.request(method.upper(), path, headers=self.headers, **kwargs)

    return Caller
