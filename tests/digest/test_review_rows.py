"""A review's row in the public lists: the archive, a search's results and a reviewer's page."""

import re

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation

from tests.digest.archive import published_review
from tests.factories import PaperFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def row_of(client, url):
    rows = re.findall(r'<li class="review-row">.*?</li>', client.get(url).content.decode(), re.S)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture
def review(editor):
    paper = PaperFactory(title="Graphs <b>&</b> networks", authors="A. Person, " * 20 + "Z. Last", year=2019)
    return published_review(editor, paper=paper, reviewer=ReviewerFactory(display_name="Ann <Reviewer>"))


def test_a_row_links_the_review_its_reviewer_and_its_issue(client, review):
    row = row_of(client, "/reviews/")
    issue = review.issue_entry.issue
    assert f'<a class="review-title" href="/reviews/{review.pk}/" lang="{review.language}">' in row
    assert "Graphs &lt;b&gt;&amp;&lt;/b&gt; networks</a>" in row
    assert f'<a href="{review.reviewer.get_absolute_url()}">Ann &lt;Reviewer&gt;</a>' in row
    assert f'<a href="{issue.get_absolute_url()}">{issue}</a>' in row


def test_a_row_escapes_quotes_and_markup_as_format_html_does(client, editor):
    paper = PaperFactory(title="""O'Neil's "tricks" <i>&</i>""", authors='B. "Q" O\'Hara', year=2020)
    published_review(editor, paper=paper)
    row = row_of(client, "/reviews/")
    assert ">O&#x27;Neil&#x27;s &quot;tricks&quot; &lt;i&gt;&amp;&lt;/i&gt;</a>" in row
    assert '<span class="review-source muted">B. &quot;Q&quot; O&#x27;Hara (2020)</span>' in row


def test_a_row_shortens_long_author_lists_and_gives_the_year(client, review):
    source = re.search(r'<span class="review-source muted">(.*?)</span>', row_of(client, "/reviews/"), re.S)[1]
    authors, year = source.rsplit(" ", 1)
    assert len(authors) == 120 and authors.endswith("…")
    assert review.paper.authors.startswith(authors[:-1])
    assert year == "(2019)"


def test_a_row_without_a_year_shows_only_the_authors(client, editor):
    published_review(editor, paper=PaperFactory(authors="Ada Lovelace", year=None))
    assert '<span class="review-source muted">Ada Lovelace</span>' in row_of(client, "/reviews/")


def test_a_row_dates_the_publication_in_the_readers_language(client, review):
    moment = timezone.localtime(review.published_at)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    row = row_of(client, "/reviews/")
    with translation.override("ru"):
        shown = formats.date_format(moment, "DATE_FORMAT")
    assert f'<time datetime="{moment.isoformat()}">{shown}</time>' in row
    assert 'title="Язык"' in row


def test_a_reviewers_page_does_not_link_the_reviewer_in_each_row(client, review):
    row = row_of(client, review.reviewer.get_absolute_url())
    assert review.reviewer.get_absolute_url() not in row
    assert f'href="/reviews/{review.pk}/"' in row


def test_a_search_shows_the_same_row_as_the_archive(client, review):
    assert row_of(client, "/reviews/?q=networks") == row_of(client, "/reviews/")


@pytest.mark.parametrize("count", [1, 2, 20, 21, 22])
def test_the_rows_of_a_page_are_the_reviews_asked_for_whatever_their_number(editor, count):
    from digest.archive import selectors
    from tests.digest.archive import published_issue

    published_issue(editor, entries=count)
    ids = list(selectors.archive_reviews().values_list("pk", flat=True))
    assert len(ids) == count
    for asked in (ids, ids[:1], ids[::-1][: max(1, count // 2)]):
        rows = list(selectors.archive_rows(asked))
        assert sorted(row.pk for row in rows) == sorted(asked)
        assert {row.paper.title for row in rows} == {
            review.paper.title for review in selectors.archive_reviews().filter(pk__in=asked)
        }
    assert list(selectors.archive_rows([])) == []
