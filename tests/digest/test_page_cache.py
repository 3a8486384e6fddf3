"""The page cache: public pages come from the cache, stay current, and are the same as rendered anew."""

import datetime
import re
import time

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digest.archive import freshness
from reviews import services
from tests.digest.archive import approved_review, publish
from tests.digest.test_views_issues import text
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    ReviewerFactory,
    SeriesFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def issue(editor):
    """A published issue of two reviews by Ann Reader, one of them with a topic."""
    ann = ReviewerFactory(display_name="Ann Reader", slug="ann", user=UserFactory(username="ann@example.org"))
    issue = IssueFactory(series=SeriesFactory(slug="weekly", name="Weekly"), slug="first", period_start=D(2019, 7, 1))
    for title in ["Layer rotation", "RoBERTa"]:
        paper = PaperFactory(title=title, year=2019)
        paper.topics.add(TopicFactory(slug="nlp", name="NLP"))
        IssueEntryFactory(issue=issue, review=approved_review(paper=paper, reviewer=ann, body=f"About {title}."))
    return publish(issue, editor)


def urls(issue):
    review = issue.entries.order_by("position", "id").first().review
    return [
        "/",
        "/issues/first/",
        "/series/weekly/",
        review.get_absolute_url(),
        "/reviewers/ann/",
        "/reviews/",
        "/reviews/?q=rotation&topic=nlp",
        "/feeds/issues.rss",
        "/series/weekly/feed.atom",
    ]


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def without_csrf_token(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(captured), response


def test_a_page_from_the_cache_is_the_page_rendered_anew(client, settings, issue):
    cached = []
    for url in urls(issue):
        client.get(url)
        cached.append(without_csrf_token(client.get(url).content))
    settings.DIGEST_PAGE_CACHE_SECONDS = 0
    fresh = [without_csrf_token(client.get(url).content) for url in urls(issue)]
    assert [len(content) > 1000 for content in cached] == [True] * len(cached)
    assert cached == fresh


def test_the_cache_is_off_with_zero_seconds(client, settings, issue):
    settings.DIGEST_PAGE_CACHE_SECONDS = 0
    first, _ = queries(client, "/issues/first/")
    again, _ = queries(client, "/issues/first/")
    assert (first, again) == (8, 8)  # the issue is alone in its series: no neighbours to read


def test_a_logged_in_reader_gets_the_cached_page_with_their_own_header(client, issue):
    anonymous = page(client, "/issues/first/")
    client.force_login(issue.entries.first().review.reviewer.user)
    count, response = queries(client, "/issues/first/")
    logged_in = page(client, "/issues/first/")
    assert text(logged_in.select_one(".account-link")) == "Ann Reader"
    assert anonymous.select_one(".account-link") is None
    assert text(logged_in.select_one("main")) == text(anonymous.select_one("main"))
    assert count == 3 + 4  # the version; the header's session, user, reviewer name and permissions (one query)


def test_each_interface_language_has_its_own_page(client, issue):
    english = page(client, "/reviews/", **{"HTTP_ACCEPT_LANGUAGE": "en"})
    russian = page(client, "/reviews/", **{"HTTP_ACCEPT_LANGUAGE": "ru"})
    assert (text(english.h1), text(russian.h1)) == ("Reviews", "Обзоры")


def test_each_host_has_its_own_canonical_links(client, settings, issue):
    settings.ALLOWED_HOSTS = ["a.example.org", "b.example.org"]
    canonical = [
        page(client, "/issues/first/", HTTP_HOST=host).select_one("link[rel=canonical]")["href"]
        for host in ["a.example.org", "b.example.org"]
    ]
    assert canonical == ["http://a.example.org/issues/first/", "http://b.example.org/issues/first/"]


def test_publishing_an_issue_shows_on_the_next_request(client, editor, issue):
    pages = ["/", "/reviews/", "/series/weekly/", "/feeds/issues.rss", "/reviewers/ann/", "/issues/first/"]
    for url in [*pages, "/sitemap-issues.xml", "/sitemap-reviews.xml"]:
        client.get(url)
    later = IssueFactory(series=issue.series, slug="second", period_start=D(2019, 8, 1))
    paper = PaperFactory(title="EfficientNet")
    IssueEntryFactory(issue=later, review=approved_review(paper=paper, reviewer=issue.entries.first().review.reviewer))
    publish(later, editor)

    assert "EfficientNet" in text(page(client, "/").select_one("main"))
    assert "EfficientNet" in text(page(client, "/reviews/").select_one("main"))
    assert "EfficientNet" in text(page(client, "/reviewers/ann/").select_one("main"))
    assert "EfficientNet" in client.get("/feeds/issues.rss").content.decode()
    assert "/issues/second/" in client.get("/sitemap-issues.xml").content.decode()
    assert later.entries.get().review.get_absolute_url() in client.get("/sitemap-reviews.xml").content.decode()
    assert [a["href"] for a in page(client, "/series/weekly/").select(".issue-list a")] == [
        "/issues/second/",
        "/issues/first/",
    ]
    assert page(client, "/issues/first/").select_one(".pager-next")["href"] == "/issues/second/"


def test_editing_a_paper_shows_on_the_next_request_everywhere(client, issue):
    review = issue.entries.order_by("position", "id").first().review
    pages = ["/", "/issues/first/", review.get_absolute_url(), "/reviewers/ann/", "/reviews/", "/feeds/issues.rss"]
    for url in pages:
        client.get(url)
    review.paper.title = "Layer rotation, corrected"
    review.paper.save()  # as the editors' desk saves it
    assert ["Layer rotation, corrected" in client.get(url).content.decode() for url in pages] == [True] * len(pages)


def test_editing_a_published_review_shows_on_the_next_request(client, editor, issue):
    review = issue.entries.order_by("position", "id").first().review
    client.get(review.get_absolute_url())
    original = publish_alone(editor, paper=review.paper, reviewer=review.reviewer, language="ru")
    services.link_translation(review, original=original, by=editor)
    translations = page(client, review.get_absolute_url()).select("dd a[hreflang]")
    assert [a["href"] for a in translations] == [original.get_absolute_url()]


def publish_alone(editor, **review_fields):
    issue = IssueFactory(series=SeriesFactory(language=review_fields.get("language", "en")))
    entry = IssueEntryFactory(issue=issue, review=approved_review(**review_fields))
    publish(issue, editor)
    return entry.review


def test_renaming_a_reviewer_shows_at_once_on_their_pages_and_on_lists_within_the_list_delay(
    client, issue, monkeypatch
):
    reviewer = issue.entries.first().review.reviewer
    review = issue.entries.order_by("position", "id").first().review
    exact = ["/issues/first/", review.get_absolute_url(), "/reviewers/ann/"]
    for url in [*exact, "/reviews/"]:
        client.get(url)
    services.update_profile(reviewer, by=reviewer.user, display_name="Ann Reader-Smith")
    assert ["Ann Reader-Smith" in client.get(url).content.decode() for url in exact] == [True] * 3
    assert "Ann Reader-Smith" not in client.get("/reviews/").content.decode()  # a list: within LIST_MAX_AGE
    later = time.time() + freshness.LIST_MAX_AGE
    monkeypatch.setattr(time, "time", lambda: later)
    assert "Ann Reader-Smith" in client.get("/reviews/").content.decode()


def test_nothing_unpublished_reaches_a_cached_page(client, editor, issue):
    for url in ["/", "/issues/first/", "/reviews/", "/reviewers/ann/"]:
        client.get(url)
    reviewer = issue.entries.first().review.reviewer
    hidden = approved_review(paper=PaperFactory(title="Secret draft"), reviewer=reviewer)
    IssueEntryFactory(issue=issue, review=hidden)  # added to the published issue after publication
    planned = IssueFactory(series=issue.series, slug="planned", period_start=D(2019, 9, 1))
    IssueEntryFactory(issue=planned, review=approved_review(paper=PaperFactory(title="Planned paper")))
    for url in ["/", "/issues/first/", "/reviews/", "/reviewers/ann/", "/series/weekly/"]:
        content = client.get(url).content.decode()
        assert ("Secret draft" in content, "Planned paper" in content, "/issues/planned/" in content) == (
            False,
            False,
            False,
        )
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/issues/planned/").status_code == 404


def test_parameters_a_page_does_not_read_make_no_new_entry(client, issue):
    client.get("/reviews/?q=rotation")
    count, response = queries(client, "/reviews/?utm_source=feed&q=rotation")
    assert count == 3  # the version only: the page came from the cache
    assert [a.string for a in page(client, "/reviews/?q=rotation&utm_source=feed").select(".review-title")] == [
        "Layer rotation"
    ]


def test_later_archive_pages_are_not_cached(client, issue):
    after = "/reviews/?after=9999999999999999.1"
    first, _ = queries(client, after)
    again, _ = queries(client, after)
    assert (first, again) == (7, 5)  # version 3, ids, rows; the filter choices are cached after the first


def test_a_missing_page_is_a_404_each_time(client, issue):
    assert [client.get("/issues/nowhere/").status_code for _ in range(2)] == [404, 404]
    assert [client.get("/reviewers/ann/?page=9").status_code for _ in range(2)] == [404, 404]


def test_lists_share_their_rows_through_the_rows_cache(client, issue):
    """A search or another page of the archive renders only the rows no list showed yet."""
    from django.core.cache import caches

    rows = caches["rows"]
    rows.clear()
    archive = client.get("/reviews/").content.decode()
    assert len(rows._cache) == 2
    search = client.get("/reviews/?q=rotation").content.decode()
    assert len(rows._cache) == 2  # its one row came from the cache
    row = re.search(r'<li class="review-row">.*?</li>', search, re.S)[0]
    assert row in archive
    client.get("/reviewers/ann/")
    assert len(rows._cache) == 4  # without the reviewer's name: rows of their own


def test_the_kept_grid_of_filters_shows_each_visitors_choice_and_new_choices(client, editor, issue):
    def options(url, name):
        return {o["value"]: o.has_attr("selected") for o in page(client, url).select(f"select[name={name}] option")}

    assert options("/reviews/?q=rotation", "topic")["nlp"] is False
    assert options("/reviews/?q=other+words", "topic")["nlp"] is False  # the grid of the first search, kept
    assert options("/reviews/?q=rotation&topic=nlp", "topic")["nlp"] is True
    assert options("/reviews/?topic=nlp&q=third", "topic")["nlp"] is True
    later = IssueFactory(series=issue.series, slug="second", period_start=D(2019, 8, 1))
    paper = PaperFactory(title="EfficientNet", year=2019)
    paper.topics.add(TopicFactory(slug="vision", name="Vision"))
    IssueEntryFactory(issue=later, review=approved_review(paper=paper, reviewer=issue.entries.first().review.reviewer))
    publish(later, editor)
    assert "vision" in options("/reviews/?q=rotation", "topic")
