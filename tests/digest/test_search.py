"""The archive's text search: one query language on SQLite (FTS5) and PostgreSQL (stored tsvector),
ranked, with the index kept in step with the reviews whatever writes them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digest.archive import selectors
from digest.archive.filters import search_reviews
from digest.models import IssueEntry
from reviews import search
from reviews.models import Paper, Review
from tests.digest.archive import published_review
from tests.factories import PaperFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviews(editor):
    def make(title, authors, body):
        return published_review(editor, paper=PaperFactory(title=title, authors=authors), body=body).pk

    return {
        "graphs": make("Graph networks", "Peter Battaglia", "Relational inductive biases for deep learning."),
        "streets": make("Street views", "Anna Müller", "Maps of every Straße in the city."),
        "both": make("Deep graphs", "Ada Lovelace", "Learning on graphs, deep and wide."),
    }


def found(text):
    return set(search_reviews(selectors.archive_reviews(), text).values_list("pk", flat=True))


def best_first(text):
    queryset = search_reviews(selectors.archive_reviews(), text).order_by("search_rank", "-published_at", "-pk")
    return list(queryset.values_list("pk", flat=True))


def test_search_matches_titles_authors_and_bodies(reviews):
    assert found("networks") == {reviews["graphs"]}
    assert found("battaglia") == {reviews["graphs"]}
    assert found("inductive") == {reviews["graphs"]}


def test_search_needs_every_word_and_ignores_case(reviews):
    assert found("DEEP graphs") == {reviews["both"]}
    assert found("deep") == {reviews["graphs"], reviews["both"]}
    assert found("deep maps") == set()


def test_search_folds_case_beyond_ascii(reviews):
    assert found("STRASSE") == {reviews["streets"]}
    assert found("straße") == {reviews["streets"]}
    assert found("MÜLLER") == {reviews["streets"]}


def test_search_takes_phrases_and_exclusions(reviews):
    assert found('"deep graphs"') == {reviews["both"]}
    assert found('"lovelace deep"') == set()
    assert found("deep -wide") == {reviews["graphs"]}
    assert found('deep -"deep graphs"') == {reviews["graphs"]}
    assert found("-deep") == {reviews["streets"]}
    assert found("graphs or maps") == set()  # "or" is not an operator: every other word must match


def test_blank_search_filters_nothing_and_punctuation_finds_nothing(reviews):
    assert found("   ") == set(reviews.values())
    assert found("?!") == set()
    assert found('"" - -"" * ( )') == set()


def test_search_syntax_characters_of_the_engines_are_plain_text(reviews):
    for text in ['deep AND "', "deep* NEAR(graphs)", "graphs:* & !deep", "deep's (graphs", "col:deep", "^deep"]:
        search_reviews(selectors.archive_reviews(), text).count()  # no syntax error from either engine


def test_search_ranks_the_better_match_first(editor):
    plenty = published_review(editor, paper=PaperFactory(title="Attention"), body="attention " * 30).pk
    once = published_review(editor, paper=PaperFactory(title="Other"), body="attention once, then other words " * 5)
    assert best_first("attention") == [plenty, once.pk]


def test_an_edited_review_is_found_by_its_new_words_only(reviews):
    review = Review.objects.get(pk=reviews["graphs"])
    review.body = "Message passing."
    review.render_body()  # what the writing service does: the search text follows the body
    review.save(update_fields=["body", "body_html", "search_document"])
    assert found("inductive") == set()
    assert found("message passing") == {review.pk}
    assert found("battaglia") == {review.pk}  # the paper's authors stay in the search text


def test_unpublished_and_deleted_reviews_leave_the_results(reviews):
    Review.objects.filter(pk=reviews["both"]).update(status="approved")
    assert found("deep") == {reviews["graphs"]}
    IssueEntry.objects.filter(review_id=reviews["graphs"]).delete()
    Review.objects.filter(pk=reviews["graphs"]).delete()
    assert found("deep") == set()
    assert search.matching(Review.objects.all(), search.parse("deep")).count() == 1  # the unpublished one


def test_reviews_written_in_bulk_are_found(reviews):
    reviewer, now = ReviewerFactory(), timezone.now()
    papers = Paper.objects.bulk_create(Paper(title=f"Filler {n}", normalized_title=f"filler {n}") for n in range(30))
    Review.objects.bulk_create(
        Review(paper=paper, reviewer=reviewer, status="published", published_at=now, search_document="filler text")
        for paper in papers
    )
    assert len(found("filler")) == 30
    assert found("filler deep") == set()


def test_the_index_comes_back_after_a_table_rebuild_dropped_its_triggers(reviews):
    """SQLite rebuilds a table to alter a column, dropping its triggers; after migrate they are back."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER reviews_review_fts_update")
    assert search.ensure_index(connection) is (connection.vendor == "sqlite")
    assert search.ensure_index(connection) is False
    Review.objects.filter(pk=reviews["graphs"]).update(search_document="renamed entirely")
    assert found("renamed") == {reviews["graphs"]}
    assert found("battaglia") == set()


def test_a_search_that_takes_too_long_on_sqlite_says_so(client, settings, reviews):
    """PostgreSQL's statement timeout is tested in test_search_plan.py; SQLite's deadline here."""
    reviewer, now = ReviewerFactory(), timezone.now()
    papers = Paper.objects.bulk_create(Paper(title=f"Filler {n}", normalized_title=f"filler {n}") for n in range(300))
    Review.objects.bulk_create(
        Review(paper=paper, reviewer=reviewer, status="published", published_at=now, search_document="deep filler")
        for paper in papers
    )
    settings.DIGEST_SEARCH_TIMEOUT_MS = 0 if connection.vendor == "sqlite" else 10_000
    response = client.get("/reviews/?q=deep")
    too_broad = "This search matches too many reviews to sort in time" in response.content.decode()
    assert response.status_code == 200 and too_broad is (connection.vendor == "sqlite")
    settings.DIGEST_SEARCH_TIMEOUT_MS = 10_000
    response = client.get("/reviews/?q=deep")
    assert response.content.decode().count('class="review-row"') == 20


def test_a_broad_search_ranks_the_most_recently_written_matches_only(reviews):
    query = search.parse("learning")
    matches = search.matching(selectors.archive_reviews(), query)
    assert search.best_first(matches, query, 0, 10, window=1) == ([reviews["both"]], True)
    ids, cut = search.best_first(matches, query, 0, 10, window=2)
    assert cut is False and set(ids) == {reviews["graphs"], reviews["both"]}
    assert search.best_first(matches, query, 1, 10, window=2) == (ids[1:], False)  # a later page
    assert search.best_first(matches, query, 2, 10, window=2) == ([], False)  # past the end


def many_reviews(count, word_every):
    """`count` published reviews, newest last; every `word_every`-th of them (from the newest back)
    has the word "rare" in it, the others not."""
    reviewer, now = ReviewerFactory(), timezone.now()
    papers = Paper.objects.bulk_create(Paper(title=f"Paper {n}", normalized_title=f"paper {n}") for n in range(count))
    made = Review.objects.bulk_create(
        Review(
            paper=paper, reviewer=reviewer, status="published", published_at=now,
            search_document=f"paper {n}" + (" rare" if (count - 1 - n) % word_every == 0 else ""),
        )
        for n, paper in enumerate(papers)
    )  # fmt: skip
    if connection.vendor == "postgresql":  # the planner's count of the reviews, which decides the ranges tried
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reviews_review")
    with_word = sorted((review.pk for n, review in enumerate(made) if (count - 1 - n) % word_every == 0), reverse=True)
    return with_word


@pytest.mark.parametrize(
    "word_every",
    [
        1,  # in every review: the newest 60 hold the window
        7,
        30,  # the newest 60 hold two: the newest 240 hold the window
        100,  # not enough in either range: among all of them
        300,  # in one review
    ],
)
def test_the_window_holds_the_newest_matches_however_far_back_they_are(word_every):
    """On PostgreSQL the newest matches are looked for among the newest reviews first (20 and 80
    windows' worth), then among all; whichever finds them, the window is the same, found and
    ranked by one statement, and its pages follow each other."""
    with_word = many_reviews(300, word_every)
    query = search.parse("rare")
    matches = search.matching(selectors.archive_reviews(), query)
    with CaptureQueriesContext(connection) as captured:
        ids, cut = search.best_first(matches, query, 0, 10, window=3)
    assert set(ids) == set(with_word[:3]) and cut is (len(with_word) > 3)
    windows = [query for query in captured.captured_queries if "window_id" in query["sql"]]
    assert len(windows) == 1
    first, second = search.best_first(matches, query, 0, 2, window=3), search.best_first(matches, query, 2, 4, window=3)
    assert first[0] + second[0] == ids
    assert search.best_first(matches, query, 0, 300, window=len(with_word)) == (with_word, False)


def test_a_search_of_exclusions_only_lists_the_newest_reviews_without_the_words(client, reviews):
    response = client.get("/reviews/?q=-deep")
    assert response.status_code == 200
    shown = response.content.decode()
    assert f'href="/reviews/{reviews["streets"]}/"' in shown
    assert f'href="/reviews/{reviews["graphs"]}/"' not in shown and f'href="/reviews/{reviews["both"]}/"' not in shown


def test_creating_the_index_fills_it_from_the_reviews_already_there(reviews):
    """What migration reviews/0009 does on a database that already holds reviews."""
    if connection.vendor == "postgresql":  # the test's own transaction: check its foreign keys before altering
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    search.drop_index(connection)
    search.create_index(connection)
    assert found("battaglia") == {reviews["graphs"]}
    assert found('"deep graphs"') == {reviews["both"]}
    if connection.vendor == "sqlite":  # an emptied index comes back whole
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO reviews_review_fts(reviews_review_fts) VALUES ('delete-all')")
        assert found("battaglia") == set()
        search.rebuild_index(connection)
    assert found("deep") == {reviews["graphs"], reviews["both"]}
