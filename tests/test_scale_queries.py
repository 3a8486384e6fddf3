"""Every page of the benchmark issues as many SQL queries on a small data set as on one four times larger.

The data come from `bench/generate_data.py` (every state, several languages, translations, a 50-entry
issue); the pages and their paths from bench/pages.py, the table `make bench` loads.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.fixtures import collect
from bench.generate_data import generate_data
from bench.pages import PAGES
from reviews.roles import EDITORS

SIZES = {
    "small": {"reviews": 150, "reviewers": 20, "issues": 8},
    "large": {"reviews": 600, "reviewers": 80, "issues": 24},
}


def count(client, page, fixtures):
    """(path, queries of the second request) for the first candidate path that is built, else None."""
    data = page.data(fixtures) if page.data else None
    for path in page.candidates(fixtures):
        send = client.post if page.method == "POST" else client.get
        first = send(path, data) if data is not None else send(path)
        if first.status_code == 404 or first.get("Location", "").endswith(f"{path}change/"):
            continue
        assert first.status_code == 200, f"{page.name}: {path} answered {first.status_code}"
        with CaptureQueriesContext(connection) as queries:
            send(path, data) if data is not None else send(path)
        return path, len(queries)
    return None


def measure(size):
    generate_data(**SIZES[size], seed=5, anchor=datetime.date(2026, 11, 1), verbosity=0)
    fixtures = collect(seed=5)
    User = get_user_model()
    clients = {None: Client()}
    for login, users in [
        ("editor", User.objects.filter(groups__name=EDITORS)),
        ("member", User.objects.filter(reviewer__isnull=False, is_staff=False)),
    ]:
        clients[login] = Client()
        clients[login].force_login(users.order_by("id").first())
    return {page.name: count(clients[page.login], page, fixtures) for page in PAGES}


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker):
    """Both sizes measured once for the module, each inside a transaction that is rolled back."""
    counts = {}
    with django_db_blocker.unblock():
        for size in SIZES:
            with transaction.atomic():
                counts[size] = measure(size)
                transaction.set_rollback(True)
    return counts


# Known to grow, reported to whoever owns the page; strict: the test says so once it is fixed.
GROWING = {}


def params():
    for page in PAGES:
        marks = [pytest.mark.xfail(reason=GROWING[page.name], strict=True)] if page.name in GROWING else []
        yield pytest.param(page, id=page.name, marks=marks)


@pytest.mark.django_db  # also tells pytest-django to create the test database the fixture uses
@pytest.mark.parametrize("bench_page", list(params()))
def test_page_issues_the_same_number_of_queries_on_four_times_the_data(query_counts, bench_page):
    small, large = query_counts["small"][bench_page.name], query_counts["large"][bench_page.name]
    if small is None and large is None:
        pytest.xfail(f"{bench_page.name} is not built yet: every path of bench/pages.py answers 404")
    assert large[1] == small[1], f"{bench_page.name}: {small[1]} queries at {small[0]}, {large[1]} at {large[0]}"
