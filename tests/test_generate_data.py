"""`bench/generate_data.py`: varied data in every state, the archive's invariants kept, deterministic."""

import datetime

import pytest
from django.db import transaction
from django.db.models import Count

from bench.fixtures import SEARCH_TERM
from bench.generate_data import GenerateError, generate_data
from digest.models import Issue, IssueEntry, IssueStatus, Series
from reviews.enums import ReviewStatus
from reviews.models import Assignment, Paper, Review, Reviewer, ReviewEvent, Topic

ANCHOR = datetime.date(2026, 11, 1)


def generate(reviews=300, reviewers=40, issues=12, seed=7):
    generate_data(reviews=reviews, reviewers=reviewers, issues=issues, seed=seed, anchor=ANCHOR, verbosity=0)


def snapshot():
    """The generated content, without primary keys."""
    return list(
        Review.objects.order_by("pk").values_list(
            "status", "language", "paper__title", "reviewer__display_name", "body", "published_at",
            "issue_entry__issue__slug", "issue_entry__position",
        )
    )  # fmt: skip


@pytest.mark.django_db
def test_generate_data_makes_the_requested_numbers_in_every_state_and_language():
    generate()
    assert (Review.objects.count(), Reviewer.objects.count(), Issue.objects.count()) == (300, 40, 12)
    assert set(Review.objects.values_list("status", flat=True)) == set(ReviewStatus.values)
    assert set(Review.objects.values_list("language", flat=True)) == {"ru", "en", "es", "hi", "zh"}
    assert set(Series.objects.values_list("language", flat=True)) == {"ru", "en", "es", "hi", "zh"}
    assert set(Issue.objects.values_list("status", flat=True)) == {IssueStatus.PUBLISHED, IssueStatus.PLANNED}
    assert Review.objects.exclude(translation_of=None).exists()
    assert ReviewEvent.objects.exists() and Assignment.objects.exists() and Paper.objects.filter(links__isnull=False)


@pytest.mark.django_db
def test_generated_papers_have_named_authors_and_titles_the_benchmark_searches_for():
    generate()
    authors = [name for paper in Paper.objects.all() for name in paper.author_list]
    assert authors and all(" " in name for name in authors)  # "First Last", never a lone word
    assert Review.objects.filter(status=ReviewStatus.PUBLISHED, paper__title__icontains=SEARCH_TERM).exists()
    assert Topic.objects.count() > 10 and all(topic.papers.exists() for topic in Topic.objects.all())


@pytest.mark.django_db
def test_generate_data_keeps_the_archive_invariants():
    generate()
    published = Review.objects.filter(status=ReviewStatus.PUBLISHED)
    assert not published.filter(published_at=None).exists()
    assert not Review.objects.exclude(status=ReviewStatus.PUBLISHED).exclude(published_at=None).exists()
    assert not Issue.objects.filter(status=IssueStatus.PUBLISHED, published_at=None).exists()
    in_published = IssueEntry.objects.filter(issue__status=IssueStatus.PUBLISHED)
    assert set(in_published.values_list("review__status", flat=True)) == {ReviewStatus.PUBLISHED}
    in_planned = IssueEntry.objects.filter(issue__status=IssueStatus.PLANNED)
    assert set(in_planned.values_list("review__status", flat=True)) <= {ReviewStatus.APPROVED}
    for issue in Issue.objects.select_related("series").prefetch_related("entries__review"):
        assert {entry.review.language for entry in issue.entries.all()} <= {issue.series.language}
        assert [entry.position for entry in issue.entries.all()] == list(range(1, issue.entries.count() + 1))
    largest = Issue.objects.annotate(n=Count("entries")).order_by("-n").first()
    assert (largest.n, largest.status) == (50, IssueStatus.PUBLISHED)


@pytest.mark.django_db
def test_generated_translations_share_paper_and_reviewer_in_another_language():
    generate()
    translations = Review.objects.exclude(translation_of=None).select_related("translation_of")
    assert translations.exists()
    for review in translations:
        source = review.translation_of
        assert (review.paper_id, review.reviewer_id) == (source.paper_id, source.reviewer_id)
        assert review.language != source.language


@pytest.mark.django_db
def test_generated_bodies_are_stored_rendered_as_save_renders_them():
    generate()
    for review in Review.objects.filter(pk__in=Review.objects.order_by("?").values("pk")[:25]):
        stored = (review.body_html, review.search_document)
        review.render_body()  # as the writing services render a body
        assert stored == (review.body_html, review.search_document)
    assert Review.objects.filter(body__contains="$$").exists() and Review.objects.filter(body__contains="|---").exists()


def generated_content(seed):
    with transaction.atomic():
        generate(reviews=120, reviewers=20, issues=6, seed=seed)
        content = snapshot()
        transaction.set_rollback(True)
    return content


@pytest.mark.django_db
def test_generate_data_is_deterministic_for_a_seed():
    first = generated_content(seed=11)
    assert len(first) == 120
    assert generated_content(seed=11) == first
    assert generated_content(seed=12) != first


@pytest.mark.django_db
def test_generate_data_refuses_a_database_that_holds_an_archive():
    generate(reviews=40, reviewers=5, issues=2)
    with pytest.raises(GenerateError, match="already holds data"):
        generate(reviews=40, reviewers=5, issues=2)
    assert Review.objects.count() == 40
