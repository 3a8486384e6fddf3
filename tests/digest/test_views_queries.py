"""Every public page makes the same number of queries with 1 item as with 30."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digest.models import IssueEntry
from tests.digest.archive import approved_review, publish, published_issue
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
# PostgreSQL plans a text search with bitmap scans only (digest.archive.filters.full_text_planning): the
# settings and their reset, in a transaction of its own, here a savepoint inside the test's transaction.
PLANNING = 4 if connection.vendor == "postgresql" else 0
# A search reads its page of ids in one query; PostgreSQL first reads the newest id and the
# number of reviews (which decide whether to look among the newest reviews first).
SEARCH = PLANNING + (1 if connection.vendor == "postgresql" else 0)


def queries(client, url, *, shows=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    if shows is not None:  # an empty result would skip the row queries and prove nothing
        assert shows in response.content.decode()
    return len(captured)


def issues_in_series(editor, count, *, series_count=5):
    series = [SeriesFactory(slug=f"series-{n}") for n in range(min(count, series_count))]
    for n in range(count):
        issue = IssueFactory(series=series[n % len(series)], period_start=D(2000 + n // 12, n % 12 + 1, 1))
        for _ in range(2):
            paper = PaperFactory()
            PaperLinkFactory(paper=paper)
            IssueEntryFactory(issue=issue, review=approved_review(paper=paper, reviewer=ReviewerFactory()))
        publish(issue, editor)


def reviews_in_archive(editor, count, reviewer=None):
    topic = TopicFactory(slug="nlp")
    series = SeriesFactory(slug="archive-series")
    issue = IssueFactory(series=series)
    for n in range(count):
        paper = PaperFactory(year=2019, title="Attention")
        paper.topics.add(topic)
        review = approved_review(
            paper=paper,
            reviewer=reviewer or ReviewerFactory(display_name=f"Ada Archivist {n}"),
            body="transformer body",
        )
        IssueEntryFactory(issue=issue, review=review)
    return publish(issue, editor)


@pytest.mark.parametrize("size", [1, 30])
def test_home_queries(client, editor, size):
    issues_in_series(editor, size)
    assert queries(client, "/") == 5  # version: issues, latest review, latest paper; page: issues, contents


@pytest.mark.parametrize("size", [1, 30])
def test_series_page_queries(client, editor, size):
    issues_in_series(editor, size, series_count=1)
    assert queries(client, "/series/series-0/") == 6  # version: series + 3 of every list; page: series, issues


@pytest.mark.parametrize("size", [1, 30])
def test_issue_page_queries(client, editor, size):
    series = SeriesFactory()
    IssueFactory(series=series, period_start=D(1999, 1, 1))  # planned
    published_issue(editor, series=series, period_start=D(1998, 1, 1), period_end=D(1998, 1, 1))
    published_issue(editor, series=series, period_start=D(2001, 1, 1), period_end=D(2001, 1, 1))
    issue = published_issue(editor, series=series, entries=size, links=2, slug="big", period_start=D(2000, 1, 1))
    published_issue(editor, series=SeriesFactory(language="ru"), translation_of=issue)
    # version: issue, entries, related; page: issue, entries, links, previous, next, translations
    assert queries(client, "/issues/big/") == 9


@pytest.mark.parametrize("size", [1, 30])
def test_review_page_queries(client, editor, size):
    paper = PaperFactory()
    for position in range(size):
        PaperLinkFactory(paper=paper, position=position)
        paper.topics.add(TopicFactory())
    review = approved_review(paper=paper)
    IssueEntryFactory(issue=IssueFactory(), review=review)
    publish(review.issue_entry.issue, editor)
    for language in ["ru", "es", "hi", "zh"][: min(size, 4)]:
        translation = approved_review(paper=paper, reviewer=review.reviewer, language=language, translation_of=review)
        IssueEntryFactory(issue=IssueFactory(), review=translation)
        publish(translation.issue_entry.issue, editor)
    # version: review, translations; page: review, links, topics, translations
    assert queries(client, review.get_absolute_url()) == 6


@pytest.mark.parametrize("size", [1, 30])
def test_translated_review_page_queries(client, editor, size):
    """A translation's page shows its original and the other translations from the columns it read."""
    paper = PaperFactory()
    for position in range(size):
        PaperLinkFactory(paper=paper, position=position)
        paper.topics.add(TopicFactory())
    original = approved_review(paper=paper, language="en")
    IssueEntryFactory(issue=IssueFactory(), review=original)
    publish(original.issue_entry.issue, editor)
    translations = []
    for language in ["ru", "es", "hi", "zh"][: min(size + 1, 4)]:
        translation = approved_review(
            paper=paper, reviewer=original.reviewer, language=language, translation_of=original
        )
        IssueEntryFactory(issue=IssueFactory(), review=translation)
        publish(translation.issue_entry.issue, editor)
        translations.append(translation)
    # version: review, translations; page: review, links, topics, translations
    assert queries(client, translations[0].get_absolute_url(), shows=original.get_absolute_url()) == 6


@pytest.mark.parametrize("size", [1, 30])
def test_reviewer_page_queries(client, editor, size):
    reviewer = ReviewerFactory(slug="prolific")
    reviews_in_archive(editor, size, reviewer=reviewer)
    assert queries(client, "/reviewers/prolific/") == 6  # version: reviewer + 3 of every list; page: reviewer, reviews


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 7),  # version: issues, latest review, latest paper; page: ids, rows, topic choices, series choices
        # a search: its page of ids instead of the archive's (reviews.search.best_first)
        ("?q=transformer", 7 + SEARCH),
        # topic and series ids come with the filter choices: no lookups
        ("?topic=nlp&year=2019&language=en&series=archive-series&reviewer=ada&q=transformer", 7 + SEARCH),
        ("?after=9999999999999999.1", 7),  # a later page: a range from the last row shown
    ],
)
def test_archive_queries(client, editor, size, query, expected):
    reviews_in_archive(editor, size)
    shows = None if "after=" in query else "Ada Archivist"
    assert queries(client, f"/reviews/{query}", shows=shows) == expected


@pytest.mark.parametrize("size", [1, 30])
def test_a_search_reads_only_the_rows_no_list_showed(client, editor, size):
    reviews_in_archive(editor, size)
    queries(client, "/reviews/?q=nowhere")  # what every search reads once (the filters' choices)
    first = queries(client, "/reviews/?q=transformer", shows="Ada Archivist")
    # the same reviews at other addresses: the pages are new, their rows are not
    assert queries(client, "/reviews/?q=TRANSFORMER", shows="Ada Archivist") == first - 1
    assert queries(client, "/reviews/?q=transformer+attention", shows="Ada Archivist") == first - 1


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/feeds/issues.rss", 5),  # version: issues, latest review, latest paper; feed: issues, contents
        ("/feeds/issues.atom", 5),
        ("/series/series-0/feed.rss", 7),  # version: series + 3 of every list; feed: series, issues, contents
        ("/series/series-0/feed.atom", 7),
    ],
)
def test_feed_queries(client, editor, size, url, expected):
    issues_in_series(editor, size, series_count=1)
    assert queries(client, url) == expected


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/sitemap.xml", 10),  # version: 3; per section: count and latest change (reviewers: count only)
        ("/sitemap-issues.xml", 5),  # version: 3; count, rows
        ("/sitemap-reviews.xml", 5),
        ("/sitemap-reviewers.xml", 5),
        ("/sitemap-series.xml", 5),
        ("/sitemap-pages.xml", 3),
    ],
)
def test_sitemap_queries(client, editor, size, url, expected):
    issues_in_series(editor, size)
    assert queries(client, url) == expected


@pytest.mark.parametrize("size", [1, 30])
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", 3),  # the version only: issues, latest review, latest paper
        ("/series/series-0/", 4),  # series + 3
        ("ISSUE", 3),  # issue, entries, related issues
        ("REVIEW", 2),  # review, translations
        ("REVIEWER", 4),  # reviewer + 3
        ("/reviews/", 3),
        ("/reviews/?q=body&year=2000", 3),
        ("/feeds/issues.rss", 3),
        ("/series/series-0/feed.atom", 4),
        ("/sitemap.xml", 3),
        ("/sitemap-reviews.xml", 3),
    ],
)
def test_a_repeat_visit_costs_only_the_version_queries(client, editor, size, url, expected):
    """The page's blocks come from the page cache; what remains is the version, which says they are current."""
    issues_in_series(editor, size, series_count=1)
    entry = IssueEntry.objects.order_by("id").first()
    url = {
        "ISSUE": entry.issue.get_absolute_url(),
        "REVIEW": entry.review.get_absolute_url(),
        "REVIEWER": entry.review.reviewer.get_absolute_url(),
    }.get(url, url)
    first = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
    assert (again.status_code, len(captured)) == (200, expected)
    assert without_csrf_token(again.content) == without_csrf_token(first.content)


def without_csrf_token(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
