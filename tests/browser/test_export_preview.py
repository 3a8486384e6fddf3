"""The editor previews an issue in its workspace (the public page's look, formulas typeset by the
vendored KaTeX) and copies an export whose uploaded image is written from the site's address."""

import base64

from playwright.sync_api import expect

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
    page.goto(f"{live_server.url}/admin/digest/issue/{issue.pk}/workspace/")
    preview = page.frame_locator("#ws-preview-frame")
    expect(preview.locator(".review-body .math.block .katex-display").first).to_be_visible()
    expect(preview.locator(".review-body .katex")).to_have_count(8)
    expect(preview.locator(".review-body img")).to_have_js_property("naturalWidth", 1)  # the upload is served
    page.get_by_role("button", name="Copy Markdown").click()
    page.get_by_role("status").get_by_text("Markdown copied to the clipboard.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == export_issue(issue, "markdown", site_url=live_server.url)
    assert f"![Figure 1]({live_server.url}/media/uploads/figure-1.png)" in copied
    assert console_errors == []
