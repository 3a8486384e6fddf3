"""A reader's journey through the public archive, in Chromium."""

import datetime
import xml.etree.ElementTree as ET

from playwright.sync_api import expect

from tests.digest.archive import approved_review, publish
from tests.factories import IssueEntryFactory, IssueFactory, PaperFactory, SeriesFactory, TopicFactory


def test_reader_follows_an_issue_filters_searches_and_subscribes(page, live_server, console_errors, editor):
    nlp, vision = TopicFactory(name="NLP", slug="nlp"), TopicFactory(name="Vision", slug="vision")
    series = SeriesFactory(name="Reading articles for you", slug="reading")
    issue = IssueFactory(series=series, slug="april-2020", period_start=datetime.date(2020, 4, 1))
    bodies = [
        ("Attention is all you need", nlp, "The loss $L = \\sum_i x_i^2$ is minimised by attention."),
        ("EfficientNet", vision, "Scaling depth, width and resolution together, a zebra of a model."),
        ("BERT", nlp, "Masked language models read both ways.\n\n$$\\frac{a}{b}$$"),
    ]
    for position, (title, topic, body) in enumerate(bodies, start=1):
        paper = PaperFactory(title=title)
        paper.topics.add(topic)
        IssueEntryFactory(issue=issue, review=approved_review(paper=paper, body=body), position=position)
    publish(issue, editor)
    third = issue.entries.get(position=3).review

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Reading articles for you. April 2020").click()
    expect(page).to_have_url(f"{live_server.url}/issues/april-2020/")
    expect(page.locator(".math.inline .katex")).to_have_count(1)
    expect(page.locator(".math.block .katex-display")).to_have_count(1)

    page.locator(".toc").get_by_role("link", name="BERT").click()
    expect(page).to_have_url(f"{live_server.url}/issues/april-2020/#review-{third.pk}")
    expect(page.locator(f"#review-{third.pk} h2")).to_be_in_viewport()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
    page.get_by_label("Topic").select_option(label="NLP")
    page.get_by_role("button", name="Show reviews").click()
    expect(page.locator(".review-title")).to_have_text(["BERT", "Attention is all you need"])

    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Search").fill("zebra")
    page.get_by_role("button", name="Show reviews").click()
    expect(page.locator(".review-title")).to_have_text(["EfficientNet"])

    page.goto(f"{live_server.url}/")
    feed_url = page.get_by_role("link", name="RSS feed").get_attribute("href")
    assert page.locator("link[rel=alternate][type='application/rss+xml']").first.get_attribute("href") == feed_url
    feed = page.request.get(f"{live_server.url}{feed_url}")
    assert feed.headers["content-type"] == "application/rss+xml; charset=utf-8"
    channel = ET.fromstring(feed.body()).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Reading articles for you. April 2020"]
    assert console_errors == []
