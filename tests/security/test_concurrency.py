"""Real concurrent transactions on PostgreSQL: decisions and saves never race each other silently."""

import threading

import pytest
from django.db import connection

from reviews import services
from reviews.models import Review, ReviewEvent
from tests.factories import EditorFactory, ReviewerFactory, ReviewFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 10


def run_together(*calls):
    """Run each call in its own thread and database connection, released at the same instant."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except services.WorkflowError as error:
            results[index] = (error.code, error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_approve_and_request_changes_at_once_end_with_exactly_one_decision(round_):
    first, second = EditorFactory(), EditorFactory()
    review = ReviewFactory(status="submitted")
    # Both editors saw the review "submitted" and decide on that basis.
    results = run_together(
        lambda: services.transition_review(review, to="approved", by=first, expected_status="submitted"),
        lambda: services.transition_review(
            review, to="changes_requested", by=second, comment="Needs a table.", expected_status="submitted"
        ),
    )
    outcomes = sorted(code for code, _ in results)
    assert outcomes == ["ok", "stale"]
    review.refresh_from_db()
    events = list(ReviewEvent.objects.filter(review=review))
    assert len(events) == 1
    assert (events[0].from_status, events[0].to_status) == ("submitted", review.status)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_saves_of_the_same_version_keep_both_texts(round_):
    author = ReviewerFactory(user=UserFactory())
    editor = EditorFactory()
    review = ReviewFactory(reviewer=author, status="draft", body="Original.")
    texts = {"author": "The author's revision.", "editor": "The editor's fixes."}
    results = run_together(
        lambda: services.update_review(review, by=author.user, body=texts["author"], expected_version=1),
        lambda: services.update_review(review, by=editor, body=texts["editor"], expected_version=1),
    )
    codes = sorted(code for code, _ in results)
    assert codes == ["edit_conflict", "ok"]
    stored = Review.objects.get(pk=review.pk)
    winner = next(value for code, value in results if code == "ok")
    conflict = next(value for code, value in results if code == "edit_conflict")
    assert (stored.version, stored.body) == (2, winner.body)
    assert conflict.current.body == stored.body  # the loser is shown the winner's text …
    assert {stored.body, *texts.values()} == set(texts.values())  # … and still holds its own
    assert [h.body for h in stored.history.order_by("history_id")] == ["Original.", stored.body]


def test_publishing_an_issue_while_an_entry_is_sent_back_publishes_nothing_half_way():
    from digest import services as issue_services
    from reviews.models import Review as R
    from tests.factories import IssueEntryFactory, IssueFactory

    editor, other = EditorFactory(), EditorFactory()
    issue = IssueFactory()
    entries = [IssueEntryFactory(issue=issue) for _ in range(3)]
    victim = entries[2].review

    def publish():
        try:
            return issue_services.publish_issue(issue, by=editor, url="https://example.org/p")
        except Exception as error:  # a refusal (ValidationError) or a lost race (WorkflowError)
            return error

    results = run_together(publish, lambda: services.request_changes(victim, by=other, comment="Wait."))
    statuses = set(R.objects.filter(pk__in=[e.review_id for e in entries]).values_list("status", flat=True))
    issue.refresh_from_db()
    if issue.status == "published":
        assert statuses == {"published"} and results[1][0] == "invalid_transition"
    else:
        assert "published" not in statuses
