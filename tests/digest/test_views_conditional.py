"""Conditional GET: pages carry ETag and Last-Modified, repeat visits get 304, changes get a new page."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from digest.archive import freshness
from digest.labels import LABEL_FIELDS
from digest.models import Series
from tests.digest.archive import published_issue
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/issues/cached/",
    "/series/cached-series/",
    "/reviews/",
    "/reviews/?q=grows&year=2020",
    "REVIEW",
    "REVIEWER",
    "/feeds/issues.rss",
    "/feeds/issues.atom",
    "/series/cached-series/feed.rss",
    "/series/cached-series/feed.atom",
    "/sitemap.xml",
    "/sitemap-reviews.xml",
]


@pytest.fixture
def issue(editor):
    return published_issue(editor, slug="cached", series=SeriesFactory(slug="cached-series"), entries=2)


def resolve(url, issue):
    review = issue.entries.order_by("position").first().review
    return {"REVIEW": review.get_absolute_url(), "REVIEWER": review.reviewer.get_absolute_url()}.get(url, url)


@pytest.mark.parametrize("url", URLS)
def test_repeat_visit_with_etag_gets_304(client, issue, url):
    url = resolve(url, issue)
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("url", URLS)
def test_repeat_visit_with_last_modified_gets_304(client, issue, url):
    url = resolve(url, issue)
    first = client.get(url)
    assert first.status_code == 200
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize("url", [url for url in URLS if "feed" in url or "sitemap" in url])
def test_feeds_and_sitemaps_are_dated_by_a_later_edit_of_a_review_too(client, issue, url):
    review = issue.entries.order_by("position").first().review
    later = review.updated_at + timedelta(minutes=5)
    type(review).objects.filter(pk=review.pk).update(updated_at=later)
    first = client.get(url)
    assert first["Last-Modified"] == http_date(later.timestamp())
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304


def test_last_modified_is_the_latest_change_shown(client, issue):
    issue.refresh_from_db()
    shown = [issue.updated_at]
    for entry in issue.entries.select_related("review__paper"):
        shown += [entry.review.updated_at, entry.review.paper.updated_at]
    assert client.get("/issues/cached/")["Last-Modified"] == http_date(max(shown).timestamp())


def test_last_modified_follows_a_later_change_of_a_review_shown(client, issue):
    review = issue.entries.order_by("position").first().review
    later = review.updated_at + timedelta(minutes=5)
    type(review).objects.filter(pk=review.pk).update(updated_at=later)
    assert client.get("/issues/cached/")["Last-Modified"] == http_date(later.timestamp())


def test_a_304_costs_only_the_version_queries(client, issue):
    etag = client.get("/issues/cached/")["ETag"]
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/issues/cached/", headers={"If-None-Match": etag}).status_code == 304
    assert len(captured) == 3


def etag(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response["ETag"]


def test_editing_what_a_detail_page_shows_gives_a_new_etag(client, editor, issue):
    review = issue.entries.order_by("position").first().review
    urls = ["/issues/cached/", review.get_absolute_url(), review.reviewer.get_absolute_url()]
    before = {url: etag(client, url) for url in urls}

    review.paper.title = "A corrected title"
    review.paper.save()
    after_title = {url: etag(client, url) for url in urls}
    assert [after_title[url] != before[url] for url in urls] == [True, True, True]

    review.reviewer.display_name = "A new name"  # reviewers have no timestamp: the name itself counts
    review.reviewer.save()
    after_name = {url: etag(client, url) for url in urls}
    assert [after_name[url] != after_title[url] for url in urls] == [True, True, True]

    issue.series.toc_heading = "Today's papers:"
    issue.series.save()
    assert etag(client, "/issues/cached/") != after_name["/issues/cached/"]


@pytest.mark.parametrize("field", ["previous_heading", "previous_links_count", *LABEL_FIELDS])
def test_every_label_of_the_series_counts_for_the_issue_and_review_pages(client, issue, field):
    review = issue.entries.order_by("position").first().review
    urls = ["/issues/cached/", review.get_absolute_url()]
    before = {url: etag(client, url) for url in urls}
    value = {"previous_links_count": 7, "period_format": "F Y", "title_pattern": "{name}: {period}"}.get(field, "New:")
    Series.objects.filter(pk=issue.series_id).update(**{field: value})  # no timestamp: the values count
    assert [etag(client, url) != before[url] for url in urls] == [True, True]


LISTS = ["/", "/reviews/", "/reviews/?q=grows", "/feeds/issues.rss", "/sitemap.xml"]


def test_list_pages_change_when_something_is_published(client, editor, issue):
    before = [etag(client, url) for url in LISTS]
    published_issue(editor, series=issue.series, period_start=issue.period_start.replace(year=2099))
    after = [etag(client, url) for url in LISTS]
    assert [new != old for new, old in zip(after, before, strict=True)] == [True] * len(LISTS)


def test_list_pages_are_rebuilt_at_least_every_list_max_age(client, issue, monkeypatch):
    """Edits without a cheap timestamp (a paper's title on the home page) show within LIST_MAX_AGE."""
    before = [etag(client, url) for url in LISTS]
    later = time.time() + freshness.LIST_MAX_AGE
    monkeypatch.setattr(time, "time", lambda: later)
    after = [etag(client, url) for url in LISTS]
    assert [new != old for new, old in zip(after, before, strict=True)] == [True] * len(LISTS)


def test_publishing_the_next_issue_changes_the_previous_issue_page(client, editor, issue):
    before = etag(client, "/issues/cached/")
    published_issue(editor, series=issue.series, period_start=issue.period_start.replace(year=2099))
    assert etag(client, "/issues/cached/") != before


def test_etag_differs_by_language_and_by_visitor(client, editor, issue):
    english = etag(client, "/issues/cached/", **{"Accept-Language": "en"})
    russian = etag(client, "/issues/cached/", **{"Accept-Language": "ru"})
    client.force_login(editor)
    logged_in = etag(client, "/issues/cached/", **{"Accept-Language": "en"})
    assert len({english, russian, logged_in}) == 3
