"""The reviewer's journey, end to end in headless Chromium.

Sign up, propose a paper by arXiv id (the recorded answer, served locally), claim it, write with a
formula typeset in the live preview, upload an image, save, reload and find the text, submit;
an editor requests changes in the admin; the reviewer revises and resubmits. Every page must be
free of console errors (CSP violations show up there).
"""

import io
import re

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from reviews.models import Review
from tests.fixtures.arxiv import arxiv_server  # noqa: F401  (a fixture)

PASSWORD = "a sturdy pass phrase 42"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def log_in(page, base, username, password="correct horse battery staple"):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_reviewer_journey(page, live_server, console_errors, arxiv_server, browser, editor):  # noqa: F811
    base = live_server.url

    # Sign up.
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("E-mail").fill("nina@example.org")
    page.get_by_label("Display name").fill("Nina New")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    # The mail's link (on DIGEST_SITE_URL) confirms the address and logs in.
    [confirm] = [m for m in mail.outbox if m.subject == "[Digest] Confirm your address"]
    path = re.search(r"https?://[^/\s]+(/accounts/signup/confirm/\S+/)", confirm.body).group(1)
    page.goto(f"{base}{path}")
    page.get_by_role("button", name="Confirm and log in").click()
    expect(page).to_have_url(f"{base}/me/")
    expect(page.locator(".message.success")).to_contain_text("Welcome to Digest!")

    # Propose a paper by its arXiv id.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Propose").click()
    page.get_by_label("arXiv id or URL").fill("1706.03762")
    page.get_by_role("button", name="Fetch from arXiv").click()
    expect(page.get_by_label("Title")).to_have_value("Attention Is All You Need")
    expect(page.get_by_label("Year")).to_have_value("2017")
    assert arxiv_server.requests == ["1706.03762"]
    page.get_by_role("button", name="Propose the paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attention Is All You Need")

    # Claim it: the draft opens.
    page.get_by_role("button", name="I'll review it").click()
    expect(page).to_have_url(re.compile(r"/me/reviews/\d+/edit/$"))
    review = Review.objects.get()

    # Write, with a formula typeset in the live preview.
    body = page.locator("textarea[name=body]")
    body.fill("The Transformer computes $\\mathrm{softmax}(QK^T/\\sqrt{d_k})V$ in every layer.\n\n")
    expect(page.locator(".markdownx-preview .math.inline .katex")).to_have_count(1)

    # Upload an image: its markdown goes into the text and the preview shows it.
    body.press("Control+End")
    page.locator("#image-input").set_input_files(
        files=[{"name": "figure.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    expect(body).to_have_value(re.compile(r"!\[figure\]\(/media/uploads/\d{4}/\d{2}/[0-9a-f]{32}\.png\)"))
    # It asks for a description: the one taken from the file name is selected, ready to be typed over.
    expect(page.locator("#alt-hint")).to_be_visible()
    page.keyboard.type("Attention weights of layer 6")
    expect(body).to_have_value(re.compile(r"!\[Attention weights of layer 6\]\(/media/uploads/"))
    expect(page.locator(".markdownx-preview img")).to_have_attribute("alt", "Attention weights of layer 6")

    # Save, reload, and the text is there.
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".message.success")).to_contain_text("Draft saved.")
    page.reload()
    expect(body).to_have_value(re.compile(r"^The Transformer computes .*!\[Attention weights of layer 6\]\(/", re.S))
    expect(page.locator("#restore-notice")).to_be_hidden()

    # Submit: the editors are told.
    page.get_by_role("button", name="Submit for review").click()
    expect(page).to_have_url(f"{base}/me/")
    expect(page.locator(".message.success")).to_contain_text("Submitted.")
    review.refresh_from_db()
    assert review.status == "submitted"
    assert [m.subject for m in mail.outbox] == [
        "[Digest] Confirm your address",
        "[Digest] Review submitted: Attention Is All You Need",
    ]

    # An editor requests changes with the admin action, which asks for a comment.
    desk = browser.new_context().new_page()
    log_in(desk, base, editor.username)
    desk.goto(f"{base}/admin/reviews/review/")
    desk.locator(f'input[name="_selected_action"][value="{review.pk}"]').check()
    desk.locator('select[name="action"]').select_option(label="Request changes to selected reviews")
    desk.get_by_role("button", name="Go").click()
    desk.get_by_label("Comment for the reviewer").fill("Please explain the multi-head part.")
    desk.get_by_role("button", name="Request changes").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 review is now “Changes requested”.")
    desk.context.close()
    assert mail.outbox[-1].subject == "[Digest] Changes requested: Attention Is All You Need"

    # The reviewer sees the comment, revises and resubmits.
    page.goto(f"{base}/me/")
    expect(page.locator(".comment")).to_contain_text("Please explain the multi-head part.")
    page.get_by_role("link", name="Revise").click()
    expect(page.locator(".comment")).to_contain_text("Please explain the multi-head part.")
    body.press("Control+End")
    body.press_sequentially("Multi-head attention runs $h$ heads in parallel.")
    expect(page.locator(".markdownx-preview .katex")).to_have_count(2)
    page.get_by_role("button", name="Submit for review").click()
    expect(page).to_have_url(f"{base}/me/")
    review.refresh_from_db()
    assert review.status == "submitted"
    assert review.body.endswith("Multi-head attention runs $h$ heads in parallel.")
    assert list(review.events.values_list("to_status", flat=True)) == ["submitted", "changes_requested", "submitted"]

    assert console_errors == []
