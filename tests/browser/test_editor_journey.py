"""The editor's journey in a real browser, as the issue describes it: request changes with a
comment, approve the revised review, plan an issue and add three reviews to it, order them by
drag and drop, preview, download the Markdown, publish with the public URL. Only the reviewer's
revision happens outside the browser (through the services, as the members' editor would)."""

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


def test_editor_decides_schedules_orders_exports_and_publishes(
    page, live_server, console_errors, login, editor, author
):
    SeriesFactory(name="Reading articles for you", slug="reading", target_min_entries=3, target_max_entries=5)
    revised = ReviewFactory(reviewer=author, status="submitted", paper__title="Gamma: the revised review")
    for days, title in ((3, "Alpha: approved first"), (2, "Beta: approved second")):
        ReviewFactory(status="approved", paper__title=title, decided_at=timezone.now() - datetime.timedelta(days=days))
    login(editor)

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

    # Plan an issue and add three approved reviews to it.
    page.goto(f"{live_server.url}/admin/digest/issue/add/")
    page.get_by_label("Series").select_option(label="Reading articles for you")
    page.get_by_label("First month").fill("2020-04")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".desk-issue-capacity")).to_contain_text("0 of 3–5 entries")
    page.get_by_role("link", name="Add approved reviews…").click()
    for title in ("Alpha: approved first", "Beta: approved second", "Gamma: the revised review"):
        page.get_by_label(title).check()
    page.get_by_role("button", name="Add to the issue").click()
    expect(page.locator(".messagelist")).to_have_text("3 reviews added.")
    expect(page.locator(".desk-issue-capacity .desk-capacity")).to_have_text("3 of 3–5 entries")

    # Drag the last entry to the top, then save.
    rows = page.locator(".desk-entries tr.has_original")
    expect(rows.locator(".desk-entry-title")).to_have_text(
        ["Alpha: approved first", "Beta: approved second", "Gamma: the revised review"]
    )
    rows.nth(2).locator("td.original p").drag_to(rows.nth(0).locator("td.original p"))
    expect(rows.locator(".desk-entry-title")).to_have_text(
        ["Gamma: the revised review", "Alpha: approved first", "Beta: approved second"]
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    issue = Issue.objects.get(slug="reading-2020-04")
    order = ["Gamma: the revised review", "Alpha: approved first", "Beta: approved second"]
    assert list(issue.entries.values_list("review__paper__title", flat=True)) == order

    # Preview, and download the Markdown.
    page.get_by_role("link", name="Preview and export").click()
    expect(page.locator(".post-preview h2")).to_have_text([f"{n}. {title}" for n, title in enumerate(order, 1)])
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Markdown").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "reading-2020-04.md"
    assert markdown == export_issue(issue, "markdown")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [f"## {n}. {title}" for n, title in enumerate(order, 1)]

    # Publish with the public URL.
    page.get_by_role("link", name=str(issue)).click()
    page.get_by_role("link", name="Publish…").click()
    page.get_by_label("Public URL").fill(URL)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text(f"is at {URL}, and its 3 reviews are published.")
    expect(page.locator(".desk-issue-bar .desk-badge")).to_have_text("Published")
    expect(page.locator(".desk-published").get_by_role("link", name=URL)).to_have_attribute("href", URL)
    expect(page.get_by_role("link", name="Publish…")).to_have_count(0)
    issue.refresh_from_db()
    assert (issue.status, issue.published_url, issue.published_text) == ("published", URL, markdown)
    assert set(Review.objects.values_list("status", flat=True)) == {"published"}

    # The public page exists.
    page.get_by_role("link", name="Public page").click()
    expect(page.locator("h1")).to_have_text(str(issue))
    expect(page.locator(".entry h2")).to_have_text([f"{n}. {title}" for n, title in enumerate(order, 1)])
    assert console_errors == []


def test_entries_move_with_the_keyboard_and_the_pool_ticks_a_whole_page(
    page, live_server, console_errors, login, editor
):
    issue = IssueFactory(slug="may")
    for days, title in ((3, "First"), (2, "Second"), (1, "Third")):
        ReviewFactory(status="approved", paper__title=title, decided_at=timezone.now() - datetime.timedelta(days=days))
    login(editor)

    page.goto(f"{live_server.url}/admin/digest/issue/{issue.pk}/add-reviews/")
    page.get_by_label("Tick every review on this page").check()
    page.get_by_role("button", name="Add to the issue").click()
    expect(page.locator(".messagelist")).to_have_text("3 reviews added.")

    rows = page.locator(".desk-entries tr.has_original")
    rows.nth(0).get_by_role("button", name="Move to last position").focus()
    page.keyboard.press("Enter")
    rows.nth(2).get_by_role("button", name="Move to first position").focus()
    page.keyboard.press(" ")
    expect(rows.locator(".desk-entry-title")).to_have_text(["First", "Second", "Third"])
    rows.nth(1).get_by_role("button", name="Move to first position").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".desk-entries .desk-entry-title")).to_have_text(["Second", "First", "Third"])
    assert list(issue.entries.values_list("review__paper__title", flat=True)) == ["Second", "First", "Third"]
    assert console_errors == []
