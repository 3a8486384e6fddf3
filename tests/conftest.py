import os

import pytest

from tests.factories import EditorFactory, ReviewerFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = bool(os.environ.get("CI"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI nothing may be skipped: a skip there is a failure with the skip's reason."""
    report = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which is not allowed: {report.longrepr}"
    return report


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches (pages, filter choices, converted bodies, sessions)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test ends in the site's language: a Russian page one test asked for (the locale middleware
    activates the language for the thread) must not turn the next test's messages Russian."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; not under test
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DIGEST_TASKS_SYNC = True  # queued jobs run in the test's process once the transaction commits
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end any session of ours still open on it.

    Seen after the browser tests on PostgreSQL: the connection opened by the database set-up was
    left open ("being accessed by other users"). Playwright's sync API runs an event loop in the
    test thread, and Django then keeps connections per context rather than per thread, so closing
    "the" connection no longer reaches every one of them.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
        connections.close_all()


@pytest.fixture
def editor(db):
    return EditorFactory(username="editor@example.org")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def author(db):
    """A reviewer with an account: the author of the reviews made with `review_by_author`."""
    return ReviewerFactory(user=UserFactory(username="author@example.org"), display_name="Ann Author")


@pytest.fixture
def other_reviewer(db):
    return ReviewerFactory(user=UserFactory(username="other@example.org"), display_name="Oscar Other")


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (marked `postgres`) run in the PostgreSQL pass; elsewhere they are deselected."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    keep = [item for item in items if not item.get_closest_marker("postgres")]
    dropped = [item for item in items if item.get_closest_marker("postgres")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
        config._digest_pg_only = len(dropped)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if getattr(config, "_digest_pg_only", 0):
        terminalreporter.write_line(
            f"{config._digest_pg_only} PostgreSQL-only tests were deselected: "
            "run with DATABASE_URL=postgres://… to include them (CI does)."
        )
