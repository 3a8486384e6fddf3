"""PostgreSQL plans the archive's search ids first: the GIN index finds them, no review's text is parsed.

Left to itself, the planner tests the search condition row by row wherever a word is common
(newest first until twenty match, or over the whole table), parsing each review's text again:
about half a millisecond a review. The archive plans its searches with bitmap scans only
(digest.archive.filters.full_text_planning); these plans are the ones the archive runs.
"""

import json

import pytest
from django.db import connection
from django.utils import timezone

from digest.archive import selectors
from digest.archive.filters import full_text_planning, search_reviews
from digest.archive.views.paging import PER_PAGE
from reviews.models import Paper, Review
from tests.factories import ReviewerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def archive():
    """3,000 published reviews, one in twenty about distillation, with the planner's statistics."""
    reviewer, now = ReviewerFactory(), timezone.now()
    papers = Paper.objects.bulk_create(Paper(title=f"Paper {n}", normalized_title=f"paper {n}") for n in range(3000))
    Review.objects.bulk_create(
        Review(
            paper=paper,
            reviewer=reviewer,
            status="published",
            published_at=now - timezone.timedelta(hours=n),
            search_document=f"paper {n} " + ("knowledge distillation " if n % 20 == 0 else "") + "filler text " * 50,
        )
        for n, paper in enumerate(papers)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reviews_review, reviews_paper")


def plan(text):
    queryset = search_reviews(selectors.archive_reviews(), text).order_by("-published_at", "-pk")
    with full_text_planning():
        explained = queryset.values_list("pk", flat=True)[: PER_PAGE + 1].explain(format="json")
    return json.loads(explained)[0]["Plan"]


def nodes(node, inside_init_plan=False):
    """(node, whether it runs inside an InitPlan) for the whole tree."""
    inside = inside_init_plan or node.get("Parent Relationship") == "InitPlan"
    yield node, inside
    for child in node.get("Plans", []):
        yield from nodes(child, inside)


def parses_text(node):
    return any("to_tsvector" in str(node.get(key, "")) for key in ("Filter", "Index Cond", "Recheck Cond"))


@pytest.mark.parametrize("text", ["distillation", "filler", "zebra", "distillation -zebra"])
def test_search_reads_matching_ids_from_the_gin_index_before_any_row(archive, text):
    tree = list(nodes(plan(text)))
    assert [node.get("Index Name") for node, inside in tree if inside and node.get("Index Name")] == [
        "reviews_review_search_gin"
    ]
    assert [node["Node Type"] for node, inside in tree if parses_text(node) and not inside] == []


def test_a_phrase_asks_the_index_for_its_words_and_checks_the_phrase_on_the_candidates_only(archive):
    tree = list(nodes(plan('"knowledge distillation"')))
    index_conditions = [node.get("Index Cond") for node, inside in tree if inside and node.get("Index Cond")]
    assert len(index_conditions) == 1 and "''knowledge'' & ''distillation''" in index_conditions[0]
    assert [node["Node Type"] for node, _inside in tree if "<->" in json.dumps(node)] == []  # no word positions
    found = search_reviews(selectors.archive_reviews(), '"knowledge distillation"')
    assert found.count() == 150


def test_a_search_that_takes_too_long_says_so_and_is_asked_again_next_time(client, settings, archive):
    settings.DIGEST_SEARCH_TIMEOUT_MS = 1
    response = client.get('/reviews/?q="filler text"')
    assert response.status_code == 200
    assert "This search matches too many reviews to sort in time" in response.content.decode()
    settings.DIGEST_SEARCH_TIMEOUT_MS = 10_000
    response = client.get('/reviews/?q="filler text"')
    assert "This search matches too many reviews" not in response.content.decode()
    assert response.content.decode().count('class="review-row"') == PER_PAGE
