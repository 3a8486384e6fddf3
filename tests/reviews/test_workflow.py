"""The review workflow, written from PRODUCT.md — not read from reviews/enums.py.

States: draft → submitted → (changes_requested → submitted …) → approved → published;
rejected and withdrawn end it. The author submits and withdraws; editors decide and publish.
Every (state, target, role) triple is checked: allowed ones move and leave an event,
forbidden ones raise and change nothing.
"""

import itertools

import pytest
from django.core import mail

from reviews import services
from reviews.models import Review, ReviewEvent
from tests.factories import ReviewerFactory, ReviewFactory, UserFactory

STATES = ["draft", "submitted", "changes_requested", "approved", "published", "rejected", "withdrawn"]
ROLES = ["author", "editor", "another reviewer"]

ALLOWED = {
    ("draft", "submitted", "author"),
    ("draft", "withdrawn", "author"),
    ("submitted", "approved", "editor"),
    ("submitted", "changes_requested", "editor"),
    ("submitted", "rejected", "editor"),
    ("submitted", "withdrawn", "author"),
    ("changes_requested", "submitted", "author"),
    ("changes_requested", "withdrawn", "author"),
    ("approved", "changes_requested", "editor"),
    ("approved", "published", "editor"),
}
FORBIDDEN = sorted(set(itertools.product(STATES, STATES, ROLES)) - ALLOWED)


@pytest.fixture
def actors(db, editor):
    author_user = UserFactory(username="writer@example.org")
    return {
        "author": author_user,
        "editor": editor,
        "another reviewer": ReviewerFactory(user=UserFactory(username="stranger@example.org")).user,
    }


def make_review(state, author_user):
    return ReviewFactory(status=state, reviewer=ReviewerFactory(user=author_user))


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "target", "role"), sorted(ALLOWED))
def test_allowed_transition_moves_stamps_and_records_event(
    state, target, role, actors, django_capture_on_commit_callbacks
):
    review = make_review(state, actors["author"])
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_review(review, to=target, by=actors[role], comment="Looks good, one remark.")
    review.refresh_from_db()
    assert review.status == target
    event = ReviewEvent.objects.get(review=review)
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        actors[role],
        state,
        target,
        "Looks good, one remark.",
    )
    stamp = {"submitted": "submitted_at", "approved": "decided_at", "changes_requested": "decided_at",
             "rejected": "decided_at", "published": "published_at"}.get(target)  # fmt: skip
    if stamp:
        assert getattr(review, stamp) == event.created_at


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "target", "role"), FORBIDDEN)
def test_forbidden_transition_raises_and_changes_nothing(state, target, role, actors):
    review = make_review(state, actors["author"])
    before = Review.objects.values().get(pk=review.pk)
    with pytest.raises(services.WorkflowError):
        services.transition_review(review, to=target, by=actors[role], comment="A comment.")
    assert Review.objects.values().get(pk=review.pk) == before
    assert not ReviewEvent.objects.filter(review=review).exists()


def test_forbidden_table_covers_every_other_triple():
    assert len(FORBIDDEN) + len(ALLOWED) == len(STATES) ** 2 * len(ROLES) == 147


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["changes_requested", "rejected"])
def test_decision_without_comment_is_refused(target, actors):
    review = make_review("submitted", actors["author"])
    with pytest.raises(services.WorkflowError, match="comment is required"):
        services.transition_review(review, to=target, by=actors["editor"], comment="   ")
    review.refresh_from_db()
    assert review.status == "submitted"


@pytest.mark.django_db
def test_submit_review_with_empty_body_keeps_draft(actors):
    review = ReviewFactory(status="draft", body="  \n", reviewer=ReviewerFactory(user=actors["author"]))
    with pytest.raises(services.WorkflowError, match="Write the review"):
        services.submit_review(review, by=actors["author"])
    review.refresh_from_db()
    assert review.status == "draft"


@pytest.mark.django_db
def test_anonymous_user_cannot_move_a_review(actors):
    from django.contrib.auth.models import AnonymousUser

    review = make_review("draft", actors["author"])
    with pytest.raises(services.NotAllowed):
        services.submit_review(review, by=AnonymousUser())


@pytest.mark.django_db
def test_submit_mails_editors_after_commit(actors, django_capture_on_commit_callbacks):
    review = make_review("draft", actors["author"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_review(review, by=actors["author"])
    assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert review.paper.title in mail.outbox[0].subject


@pytest.mark.django_db
def test_request_changes_mails_the_comment_to_the_reviewer(actors, django_capture_on_commit_callbacks):
    review = make_review("submitted", actors["author"])
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(review, by=actors["editor"], comment="Please add the results table.")
    assert [message.to for message in mail.outbox] == [["writer@example.org"]]
    assert "Please add the results table." in mail.outbox[0].body


@pytest.mark.django_db
def test_submit_marks_the_matching_assignment_done(actors):
    from tests.factories import AssignmentFactory

    review = make_review("draft", actors["author"])
    assignment = AssignmentFactory(paper=review.paper, reviewer=review.reviewer, status="accepted")
    services.submit_review(review, by=actors["author"])
    assignment.refresh_from_db()
    assert assignment.status == "done"


@pytest.mark.django_db
def test_decision_taken_on_a_stale_view_is_refused_and_changes_nothing(actors):
    review = make_review("submitted", actors["author"])
    services.approve_review(review, by=actors["editor"])  # someone decided first
    with pytest.raises(services.WorkflowError, match="Someone else decided meanwhile"):
        services.transition_review(
            review, to="changes_requested", by=actors["editor"], comment="Add a table.", expected_status="submitted"
        )
    review.refresh_from_db()
    assert review.status == "approved"
    assert list(ReviewEvent.objects.filter(review=review).values_list("to_status", flat=True)) == ["approved"]
