"""The editor previews an issue in the admin (formulas typeset by the vendored KaTeX) and copies an export."""

import base64

from digest.export.formats import export_issue
from tests.digest.export_data import make_issue

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_editor_previews_an_issue_and_copies_its_markdown(page, live_server, console_errors, editor, login, settings):
    issue = make_issue()
    (settings.MEDIA_ROOT / "uploads").mkdir(parents=True)
    (settings.MEDIA_ROOT / "uploads" / "figure-1.png").write_bytes(PIXEL)  # the review's image, uploaded here
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    login(editor)
    page.goto(f"{live_server.url}/admin/digest/issue/{issue.pk}/change/")
    page.get_by_role("link", name="Preview and export").click()
    page.wait_for_selector(".post-preview .math.block .katex-display")
    assert page.locator(".post-preview .katex").count() == 8
    page.get_by_role("button", name="Copy Markdown").click()
    page.get_by_role("status").get_by_text("Markdown copied to the clipboard.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == export_issue(issue, "markdown")
    assert console_errors == []
