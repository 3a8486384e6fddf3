"""PostgreSQL answers the archive's search from the GIN index on the stored tsvector of the
published reviews: no review's text is parsed while searching, phrases included (their word
positions are in the stored vector), and no word is checked review by review."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digest.archive import selectors
from digest.archive.filters import full_text_planning, search_reviews
from digest.archive.views.paging import PER_PAGE
from reviews import search
from reviews.models import Paper, Review
from tests.factories import ReviewerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
# Of every review, and of the published ones (reviews/0012): which one the planner takes for a
# handful of test rows depends on the indexes' sizes; both answer the match from the index.
GIN_INDEXES = {search.PG_INDEX, search.PG_PUBLISHED_INDEX}


@pytest.fixture
def archive():
    """3,000 published reviews, one in twenty about distillation, and as many drafts, with the planner's statistics."""
    reviewer, now = ReviewerFactory(), timezone.now()
    papers = Paper.objects.bulk_create(Paper(title=f"Paper {n}", normalized_title=f"paper {n}") for n in range(3000))
    Review.objects.bulk_create(
        Review(
            paper=paper,
            reviewer=reviewer,
            status="published",
            published_at=now - timezone.timedelta(hours=n),
            search_document=f"paper {n} "
            + ("knowledge distillation " if n % 20 == 0 else "")
            + ("common " if n % 2 else "")
            + "filler text " * 50,
        )
        for n, paper in enumerate(papers)
    )
    drafts = Paper.objects.bulk_create(Paper(title=f"Draft {n}", normalized_title=f"draft {n}") for n in range(3000))
    Review.objects.bulk_create(
        Review(paper=paper, reviewer=reviewer, status="draft", search_document="filler text " * 50) for paper in drafts
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_review, reviews_paper")


def plan(text):
    queryset = search_reviews(selectors.archive_reviews(), text).order_by("search_rank", "-published_at", "-pk")
    with full_text_planning():
        explained = queryset.values_list("pk", flat=True)[: PER_PAGE + 1].explain(format="json")
    return json.loads(explained)[0]["Plan"]


def nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


@pytest.mark.parametrize("text", ["distillation", "zebra", "distillation -zebra", '"knowledge distillation"'])
def test_a_selective_search_reads_the_gin_index_of_the_stored_vector(archive, text):
    tree = list(nodes(plan(text)))
    assert GIN_INDEXES & {node.get("Index Name") for node in tree}


@pytest.mark.parametrize("text", ["common", "common filler", "common -distillation"])
def test_a_word_in_half_the_reviews_is_found_in_the_index_not_checked_review_by_review(archive, text):
    """Not the status index with the match as a filter: that read every published review's vector
    (0.5 s at 100,000 reviews for a word in half of them, with the index of every review only;
    the published reviews' own index, reviews/0012, made the planner take an index there). A few
    thousand test rows do not lead the planner astray either way: this guards the plan's shape."""
    tree = list(nodes(plan(text)))
    assert GIN_INDEXES & {node.get("Index Name") for node in tree}
    assert not any("@@" in node.get("Filter", "") for node in tree)


@pytest.mark.parametrize("text", ["distillation", "filler", '"filler text"', "-filler"])
def test_no_search_parses_a_reviews_text(archive, text):
    """A word in every review may be checked row by row: against the stored vector, never the text."""
    assert "to_tsvector" not in json.dumps(plan(text))


def test_a_phrase_finds_its_words_in_order_only(archive):
    assert search_reviews(selectors.archive_reviews(), '"knowledge distillation"').count() == 150
    assert search_reviews(selectors.archive_reviews(), '"distillation knowledge"').count() == 0


def test_a_search_that_takes_too_long_says_so_and_is_asked_again_next_time(client, settings, archive):
    settings.DIGEST_SEARCH_TIMEOUT_MS = 1
    response = client.get('/reviews/?q="filler text"')
    assert response.status_code == 200
    assert "This search matches too many reviews to sort in time" in response.content.decode()
    settings.DIGEST_SEARCH_TIMEOUT_MS = 10_000
    response = client.get('/reviews/?q="filler text"')
    assert "This search matches too many reviews" not in response.content.decode()
    assert response.content.decode().count('class="review-row"') == PER_PAGE


def current_settings():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
            " current_setting('statement_timeout')"
        )
        return cursor.fetchone()


def test_the_search_settings_end_with_the_search_even_inside_an_outer_transaction(archive):
    """The test's own transaction stands for a caller's: after the search, queries plan as usual."""
    before = current_settings()
    with full_text_planning():
        assert current_settings()[:2] == ("off", "off")
    assert current_settings() == before


@pytest.mark.django_db(transaction=True)
def test_a_search_in_its_own_transaction_leaves_its_settings_to_the_commit(client):
    """A request's search is its own transaction: its COMMIT ends the SET LOCALs, nothing resets them."""
    reviewer, now = ReviewerFactory(), timezone.now()
    for n in range(3):
        paper = Paper.objects.create(title=f"Paper {n}", normalized_title=f"paper {n}")
        Review.objects.create(
            paper=paper,
            reviewer=reviewer,
            status="published",
            published_at=now,
            search_document=f"paper {n} distillation",
        )
    before = current_settings()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/reviews/?q=distillation")
    assert response.content.decode().count('class="review-row"') == 3
    assert not [query for query in captured.captured_queries if "TO DEFAULT" in query["sql"]]
    assert current_settings() == before


def test_a_search_of_exclusions_only_walks_the_newest_reviews(client, archive):
    """Bitmap scans would read every published review to find the newest without a word (1.2 s,
    or "too broad", at 100,000 reviews): such a search keeps the planner's own plans."""
    with full_text_planning(words=False):
        assert current_settings()[:2] == ("on", "on")
        page = search_reviews(selectors.archive_reviews(), "-distillation").order_by("-published_at", "-pk")
        explained = json.loads(page.values_list("pk", flat=True)[: PER_PAGE + 1].explain(format="json"))[0]["Plan"]
    assert not [node for node in nodes(explained) if node["Node Type"].startswith("Bitmap")]
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/reviews/?q=-distillation")
    assert not [query for query in captured.captured_queries if "enable_indexscan = off" in query["sql"]]
    newest = [f"Paper {n}<" for n in range(30) if n % 20][:PER_PAGE]
    page = response.content.decode()
    assert [title for title in newest if title in page] == newest
