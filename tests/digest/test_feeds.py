"""RSS and Atom feeds of published issues, and the sitemap."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.digest.archive import publish, published_issue, published_review
from tests.factories import IssueEntryFactory, IssueFactory, ReviewerFactory, ReviewFactory, SeriesFactory

D = datetime.date
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
pytestmark = pytest.mark.django_db


def xml(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    return ET.fromstring(response.content)


def rss(client, url):
    return xml(client, url, "application/rss+xml; charset=utf-8")


def atom(client, url):
    return xml(client, url, "application/atom+xml; charset=utf-8")


@pytest.fixture
def issues(editor):
    ru = SeriesFactory(slug="ru", name="Читаем статьи за вас", language="ru", intro="Привет!")
    en = SeriesFactory(slug="en", name="Reading articles for you", language="en")
    first = published_issue(editor, series=ru, entries=2, period_start=D(2019, 7, 1), period_end=D(2019, 9, 1))
    second = published_issue(editor, series=en, period_start=D(2020, 4, 1), period_end=D(2020, 4, 1))
    IssueFactory(series=ru, period_start=D(2021, 1, 1), period_end=D(2021, 1, 1))  # planned
    return first, second


def test_rss_feed_lists_published_issues_newest_first(client, issues):
    first, second = issues
    channel = rss(client, "/feeds/issues.rss").find("channel")
    assert channel.findtext("title") == "Digest — every series"
    assert channel.findtext("link") == "http://testserver/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Reading articles for you. April 2020",
        "Рубрика «Читаем статьи за вас». Июль — Сентябрь 2019",
    ]
    assert [item.findtext("link") for item in items] == [
        f"http://testserver{second.get_absolute_url()}",
        f"http://testserver{first.get_absolute_url()}",
    ]
    description = items[1].findtext("description")
    assert description.startswith("<p>Привет!</p>")
    review = first.entries.order_by("position").first().review
    assert f'href="http://testserver{first.get_absolute_url()}#review-{review.pk}"' in description
    assert items[1].findtext("category") == "Читаем статьи за вас"


def test_atom_feed_has_the_same_issues_with_dates(client, issues):
    first, second = issues
    feed = atom(client, "/feeds/issues.atom")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/issues.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        f"http://testserver{second.get_absolute_url()}",
        f"http://testserver{first.get_absolute_url()}",
    ]
    published = datetime.datetime.fromisoformat(entries[0].findtext(f"{ATOM}published"))
    assert published == second.published_at


@pytest.mark.parametrize(("url", "parse"), [("/series/ru/feed.rss", rss), ("/series/ru/feed.atom", atom)])
def test_series_feed_has_only_that_series_in_its_language(client, issues, url, parse):
    first, _second = issues
    root = parse(client, url)
    if root.tag == "rss":
        channel = root.find("channel")
        assert channel.findtext("language") == "ru"
        assert [item.findtext("link") for item in channel.findall("item")] == [
            f"http://testserver{first.get_absolute_url()}"
        ]
    else:
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
        assert [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")] == [str(first)]


def test_feed_of_an_unknown_series_is_not_found(client):
    assert client.get("/series/nope/feed.rss").status_code == 404
    assert client.get("/series/nope/feed.atom").status_code == 404


def test_feed_of_a_series_with_nothing_published_is_valid_and_empty(client):
    IssueFactory(series=SeriesFactory(slug="new"))
    assert rss(client, "/series/new/feed.rss").find("channel").findall("item") == []


def test_feed_keeps_the_latest_twenty_issues(client, editor):
    series = SeriesFactory(slug="busy")
    for month in range(22):
        issue = IssueFactory(series=series, period_start=D(2000 + month // 12, month % 12 + 1, 1))
        IssueEntryFactory(issue=issue)
        publish(issue, editor)
    assert len(rss(client, "/feeds/issues.rss").find("channel").findall("item")) == 20


def locations(client, url):
    return [element.text for element in xml(client, url, "application/xml").iter(f"{SITEMAP}loc")]


def test_sitemap_index_lists_each_section(client, issues):
    assert locations(client, "/sitemap.xml") == [
        f"http://testserver/sitemap-{section}.xml" for section in ["pages", "series", "issues", "reviews", "reviewers"]
    ]


def test_sitemap_sections_list_published_content_only(client, editor, issues):
    first, second = issues
    lone = published_review(editor, reviewer=ReviewerFactory(slug="lone"))
    ReviewFactory(reviewer=ReviewerFactory(slug="drafter"))
    assert locations(client, "/sitemap-pages.xml") == ["http://testserver/", "http://testserver/reviews/"]
    assert set(locations(client, "/sitemap-issues.xml")) == {
        f"http://testserver{issue.get_absolute_url()}" for issue in [first, second, lone.issue_entry.issue]
    }
    reviews = [entry.review for issue in [first, second] for entry in issue.entries.all()] + [lone]
    assert set(locations(client, "/sitemap-reviews.xml")) == {
        f"http://testserver{review.get_absolute_url()}" for review in reviews
    }
    assert set(locations(client, "/sitemap-reviewers.xml")) == {
        f"http://testserver{review.reviewer.get_absolute_url()}" for review in reviews
    }
    assert "http://testserver/reviewers/drafter/" not in locations(client, "/sitemap-reviewers.xml")
    assert set(locations(client, "/sitemap-series.xml")) == {
        f"http://testserver{series.get_absolute_url()}"
        for series in [first.series, second.series, lone.issue_entry.issue.series]
    }


def test_sitemap_entries_carry_their_last_change(client, editor):
    review = published_review(editor)
    root = xml(client, "/sitemap-reviews.xml", "application/xml")
    assert root.find(f"{SITEMAP}url/{SITEMAP}lastmod").text == review.updated_at.date().isoformat()


def test_unknown_sitemap_section_or_page_is_not_found(client, issues):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-reviews.xml?p=2").status_code == 404


def test_a_sitemap_from_the_cache_is_the_sitemap_rendered_anew(client, issues):
    first = client.get("/sitemap-issues.xml")
    again = client.get("/sitemap-issues.xml")
    assert again.content == first.content
    assert again["X-Robots-Tag"] == first["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert again["Content-Type"] == first["Content-Type"] == "application/xml"
