"""The editor's main job, counted in clicks (typing excluded): from the dashboard with approved
reviews to a downloaded publish-ready post in at most 4, to a published issue in at most 6."""

import io
import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import expect

from digest.export.checks import check_post
from digest.export.post import compile_post
from digest.models import Issue
from reviews.models import Review
from tests.factories import IssueFactory, ReviewerFactory, ReviewFactory, SeriesFactory, UserFactory

URL = "https://habr.com/ru/articles/461735/"


class Clicks:
    """Every click of the journey goes through here, and is counted."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator, **kwargs):
        self.count += 1
        locator.click(**kwargs)


def uploaded_image(client):
    """An image uploaded through the members' editor, as a reviewer does; its markdown."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    client.force_login(UserFactory())
    response = client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile("figure.png", buffer.getvalue(), "image/png")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    return response.json()["image_code"]


def test_dashboard_to_a_downloaded_post_in_4_clicks_and_to_a_published_issue_in_6(
    page, live_server, console_errors, login, editor, client
):
    series = SeriesFactory(name="Reading articles for you", language="en", target_min_entries=8, target_max_entries=12)
    issue = IssueFactory(series=series, slug="april")
    image = uploaded_image(client)
    for title in ("Alpha", "Beta", "Gamma"):
        ReviewFactory(
            status="approved",
            language="en",
            paper__title=title,
            reviewer=ReviewerFactory(chat_handle=title.lower()),
            body=f"{title} holds.\n\n{image}",
        )
    login(editor)
    click = Clicks()

    page.goto(f"{live_server.url}/admin/")  # the dashboard: three approved reviews in English
    click(page.get_by_role("link", name=f"Add 3 in English to {issue}"))
    click(page.get_by_label("Tick every review on this page"))
    click(page.get_by_role("button", name="Add the ticked reviews"))
    expect(page.locator("#workspace")).to_have_attribute("data-saves", "1")
    expect(page.locator(".ws-status-text")).to_have_text("3 reviews added.")
    with page.expect_download() as download:
        click(page.get_by_role("link", name="Download Markdown"))
    assert click.count <= 4

    # Publish-ready: every image an absolute address on this site, which serves it.
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", markdown)
    assert len(images) == 3 and all(url.startswith(f"{live_server.url}/media/uploads/") for url in images)
    assert page.request.get(images[0]).status == 200
    assert [str(warning) for warning in check_post(compile_post(issue, site_url="https://digest.example.org"))] == []

    page.get_by_label("Public URL").fill(URL)  # typing is not a click
    click(page.get_by_role("button", name="Publish", exact=True))
    expect(page.get_by_role("alert")).to_contain_text(
        "The issue has 3 of the 8–12 entries the series aims for: 5 are missing. Publish it anyway?"
    )
    click(page.get_by_role("button", name="Publish anyway"))
    expect(page.locator(".messagelist")).to_contain_text(f"is at {URL}, and its 3 reviews are published.")
    assert click.count <= 6

    issue.refresh_from_db()
    assert (issue.status, issue.published_url, issue.published_text) == ("published", URL, markdown)
    assert set(Review.objects.values_list("status", flat=True)) == {"published"}
    assert Issue.objects.count() == 1
    assert console_errors == []
