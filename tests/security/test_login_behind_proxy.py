"""Log-in throttling behind the documented TLS proxy, and against password spraying.

Found by an outside test: django-axes keyed on REMOTE_ADDR, which behind the proxy is the
proxy's address for everyone, so five wrong passwords from anyone locked the editor out for an
hour. Now the client's address comes from X-Forwarded-For as the proxy appends it (django-ipware,
DJANGO_PROXY_COUNT), and an address failing many log-ins across accounts is locked out on its own.
"""

import pytest

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings):
    settings.DIGEST_PROXY_COUNT = 1


def login(client, username, password, *, client_address, forged=None):
    """A log-in as the proxy forwards it: the proxy appends the address it was reached from."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
def test_behind_the_proxy_an_attacker_locks_out_only_their_own_address(client, behind_proxy, settings):
    UserFactory(username="editor@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor@example.org", "guess", client_address="198.51.100.7")
    assert login(client, "editor@example.org", PASSWORD, client_address="198.51.100.7").status_code == 429
    assert login(client, "editor@example.org", PASSWORD, client_address="203.0.113.9").status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_choose_the_address(client, behind_proxy, settings):
    UserFactory(username="editor@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):  # pretending to be the editor's address
        login(client, "editor@example.org", "guess", client_address="198.51.100.7", forged="203.0.113.9")
    assert login(client, "editor@example.org", PASSWORD, client_address="203.0.113.9").status_code == 302


@pytest.mark.django_db
def test_without_the_proxy_setting_forwarded_for_is_ignored(client, settings):
    settings.DIGEST_PROXY_COUNT = 0
    UserFactory(username="editor@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):  # a new forged address each time: all count for REMOTE_ADDR
        login(client, "editor@example.org", "guess", client_address=f"198.51.100.{n}")
    assert login(client, "editor@example.org", PASSWORD, client_address="203.0.113.9").status_code == 429


@pytest.mark.django_db
def test_an_address_spraying_passwords_over_many_accounts_is_locked_out(client, behind_proxy, settings):
    settings.DIGEST_LOGIN_FAILURES_PER_ADDRESS = "6/h"
    UserFactory(username="victim@example.org")
    for n in range(6):  # one guess per account: django-axes alone never locks
        assert login(client, f"user{n}@example.org", "Summer2026!", client_address="198.51.100.7").status_code == 200
    refused = login(client, "victim@example.org", PASSWORD, client_address="198.51.100.7")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert login(client, "victim@example.org", PASSWORD, client_address="203.0.113.9").status_code == 302
