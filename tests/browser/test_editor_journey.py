"""The editor's journey in a real browser, as the issue describes it: request changes with a
comment, approve the revised review, plan an issue and add three reviews to it in its workspace,
order them by drag and drop (saved at once), preview, download the Markdown, publish with the
public URL. Only the reviewer's revision happens outside the browser (through the services, as the
members' editor would)."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from digest.export.formats import export_issue
from digest.models import Issue
from reviews import services as review_services
from reviews.models import Review
from tests.factories import IssueFactory, ReviewFactory, SeriesFactory

URL = "https://habr.com/ru/articles/461735/"


def entry_titles(page):
    return page.locator("[data-region=entries] .ws-entry-title")


def saved(page, count):
    """Wait until the workspace has answered `count` changes (js/workspace.js counts them)."""
    expect(page.locator("#workspace")).to_have_attribute("data-saves", str(count))
    expect(page.locator("#workspace")).to_have_attribute("data-state", "ready")


def test_editor_decides_schedules_orders_exports_and_publishes(
    page, live_server, console_errors, login, editor, author
):
    SeriesFactory(name="Reading articles for you", slug="reading", target_min_entries=3, target_max_entries=5)
    revised = ReviewFactory(reviewer=author, status="submitted", paper__title="Gamma: the revised review")
    for days, title in ((3, "Alpha: approved first"), (2, "Beta: approved second")):
        ReviewFactory(status="approved", paper__title=title, decided_at=timezone.now() - datetime.timedelta(days=days))
    login(editor)
    expect(page).to_have_url(f"{live_server.url}/admin/")  # an editor lands on the desk

    # Request changes with a comment.
    page.goto(f"{live_server.url}/admin/reviews/review/{revised.pk}/change/")
    page.get_by_role("link", name="Request changes…").click()
    page.get_by_label("Comment for the reviewer").fill("Please compare with the baseline.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messagelist")).to_have_text("The review is now “Changes requested”.")

    # The reviewer revises and resubmits (the members' editor calls these services).
    revised = Review.objects.get(pk=revised.pk)
    review_services.update_review(
        revised, by=author.user, body="Compared with the baseline: 3 points better.", expected_version=revised.version
    )
    review_services.submit_review(revised, by=author.user)

    # Approve the revised review.
    page.reload()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messagelist")).to_have_text("The review is now “Approved”.")

    # Plan an issue: it opens in its workspace, where three approved reviews are added.
    page.goto(f"{live_server.url}/admin/digest/issue/add/")
    page.get_by_label("Series").select_option(label="Reading articles for you")
    page.get_by_label("First month").fill("2020-04")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#ws-capacity-label")).to_have_text("0 of 3–5 entries")
    for title in ("Alpha: approved first", "Beta: approved second", "Gamma: the revised review"):
        page.get_by_label(title).check()
    page.get_by_role("button", name="Add the ticked reviews").click()
    saved(page, 1)
    expect(page.locator(".ws-status-text")).to_have_text("3 reviews added.")
    expect(page.locator("#ws-capacity-label")).to_have_text("3 of 3–5 entries")

    # Drag the last entry to the top: saved at once, no Save button.
    rows = page.locator("[data-region=entries] .ws-entry")
    expect(entry_titles(page)).to_have_text(
        ["Alpha: approved first", "Beta: approved second", "Gamma: the revised review"]
    )
    rows.nth(2).drag_to(rows.nth(0), target_position={"x": 40, "y": 4})
    saved(page, 2)
    expect(page.locator(".ws-status-text")).to_have_text("The new order is saved.")
    order = ["Gamma: the revised review", "Alpha: approved first", "Beta: approved second"]
    expect(entry_titles(page)).to_have_text(order)
    issue = Issue.objects.get(slug="reading-2020-04")
    assert list(issue.entries.values_list("review__paper__title", flat=True)) == order

    # The preview, as readers will see it, follows the new order.
    preview = page.frame_locator("#ws-preview-frame")
    expect(preview.locator(".entry h2")).to_have_text([f"{n}. {title}" for n, title in enumerate(order, 1)])

    # Download the Markdown.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "reading-2020-04.md"
    assert markdown == export_issue(issue, "markdown", site_url=live_server.url)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [f"## {n}. {title}" for n, title in enumerate(order, 1)]

    # Publish with the public URL (within the target: no confirmation asked).
    page.get_by_label("Public URL").fill(URL)
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"is at {URL}, and its 3 reviews are published.")
    expect(page.locator(".ws-bar .desk-badge")).to_have_text("Published")
    expect(page.locator(".ws-published").get_by_role("link", name=URL)).to_have_attribute("href", URL)
    expect(page.get_by_label("Public URL")).to_have_count(0)
    issue.refresh_from_db()
    assert (issue.status, issue.published_url, issue.published_text) == ("published", URL, markdown)
    assert set(Review.objects.values_list("status", flat=True)) == {"published"}

    # The public page exists.
    page.locator(".ws-tools").get_by_role("link", name="Public page").click()
    expect(page.locator("h1")).to_have_text(str(issue))
    expect(page.locator(".entry h2")).to_have_text([f"{n}. {title}" for n, title in enumerate(order, 1)])
    assert console_errors == []


def test_entries_move_with_the_keyboard_and_every_change_can_be_undone(
    page, live_server, console_errors, login, editor
):
    issue = IssueFactory(slug="may")
    for days, title in ((3, "First"), (2, "Second"), (1, "Third")):
        ReviewFactory(status="approved", paper__title=title, decided_at=timezone.now() - datetime.timedelta(days=days))
    login(editor)

    page.goto(f"{live_server.url}/admin/digest/issue/{issue.pk}/workspace/")
    page.get_by_label("Tick every review on this page").check()
    page.get_by_role("button", name="Add the ticked reviews").click()
    saved(page, 1)
    expect(entry_titles(page)).to_have_text(["First", "Second", "Third"])

    page.get_by_role("button", name="Move “First” down").focus()
    page.keyboard.press("Enter")
    saved(page, 2)
    expect(entry_titles(page)).to_have_text(["Second", "First", "Third"])
    page.keyboard.press("Enter")  # the focus stays on the moved entry's button
    saved(page, 3)
    expect(entry_titles(page)).to_have_text(["Second", "Third", "First"])
    assert list(issue.entries.values_list("review__paper__title", flat=True)) == ["Second", "Third", "First"]

    page.get_by_role("button", name="Undo").click()
    saved(page, 4)
    expect(page.locator(".ws-status-text")).to_have_text("Undone.")
    expect(entry_titles(page)).to_have_text(["Second", "First", "Third"])

    page.get_by_role("button", name="Remove “First” from the issue").click()
    saved(page, 5)
    expect(entry_titles(page)).to_have_text(["Second", "Third"])
    expect(page.locator("[data-region=pool]")).to_contain_text("First")
    page.get_by_role("button", name="Undo").click()
    saved(page, 7)  # added back, then put back in its place
    expect(entry_titles(page)).to_have_text(["Second", "First", "Third"])
    assert list(issue.entries.values_list("review__paper__title", flat=True)) == ["Second", "First", "Third"]

    page.get_by_label("Search the approved reviews").fill("nothing like this")
    page.get_by_role("button", name="Search").click()
    saved(page, 8)
    expect(page.locator("[data-region=pool]")).to_contain_text("matches “nothing like this”")
    assert console_errors == []


def test_a_search_of_the_pool_holds_while_reviews_are_added(page, live_server, console_errors, login, editor):
    issue = IssueFactory(slug="june")
    for title in ("Attention is all you need", "Layer rotation", "Linformer"):
        ReviewFactory(status="approved", paper__title=title)
    login(editor)
    page.goto(f"{live_server.url}/admin/digest/issue/{issue.pk}/workspace/")
    page.get_by_label("Search the approved reviews").fill("rotation")
    page.get_by_role("button", name="Search").click()
    saved(page, 1)
    expect(page.locator(".ws-pool label")).to_have_text(["Layer rotation"])
    page.get_by_label("Layer rotation").check()
    page.get_by_role("button", name="Add the ticked reviews").click()
    saved(page, 2)
    expect(entry_titles(page)).to_have_text(["Layer rotation"])
    expect(page.get_by_label("Search the approved reviews")).to_have_value("rotation")
    expect(page.locator("[data-region=pool]")).to_contain_text("matches “rotation”")
    assert console_errors == []
