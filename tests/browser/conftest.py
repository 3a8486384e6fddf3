"""Browser tests: Playwright for Python driving Debian's Chromium, headless.

`playwright install` cannot download browsers here; we use /usr/bin/chromium. Without it the
tests are skipped with a message (never in CI: .ci/run installs it, and CI turns skips into
failures). Every page load collects console errors; a test can assert there were none.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("DIGEST_CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _browser_db(transactional_db):
    """Live-server tests run in real transactions; the flush after each re-creates the Editors group."""


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions of the pages this test opens."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def login(page, live_server):
    """Log `user` in through the real login form (password: the factories' default)."""

    def log_in(user, password="correct horse battery staple"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()

    return log_in
