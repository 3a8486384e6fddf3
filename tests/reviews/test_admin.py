"""Admin actions on reviews call the workflow service; status itself is never a form field."""

import pytest

from reviews.models import Review, ReviewEvent
from tests.factories import ReviewFactory, UserFactory

CHANGELIST = "/admin/reviews/review/"


@pytest.mark.django_db
def test_approve_action_moves_submitted_reviews_and_records_events(client, editor, author):
    reviews = [ReviewFactory(reviewer=author, status="submitted") for _ in range(2)]
    client.force_login(editor)
    response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [r.pk for r in reviews]}, follow=True)
    assert "2 reviews are now “Approved”." in response.content.decode()
    assert [r.status for r in reviews if not r.refresh_from_db()] == ["approved", "approved"]
    assert ReviewEvent.objects.filter(to_status="approved", actor=editor).count() == 2


@pytest.mark.django_db
def test_request_changes_asks_for_a_comment_first_and_changes_nothing_without_it(client, editor, author):
    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(editor)
    page = client.post(CHANGELIST, {"action": "request_changes", "_selected_action": [review.pk]})
    assert page.status_code == 200 and "Comment for the reviewer" in page.content.decode()
    empty = client.post(
        CHANGELIST, {"action": "request_changes", "_selected_action": [review.pk], "apply": "1", "comment": ""}
    )
    assert "a comment is required" in empty.content.decode()
    review.refresh_from_db()
    assert review.status == "submitted"


@pytest.mark.django_db
def test_request_changes_with_comment_moves_and_mails(
    client, editor, author, mailoutbox, django_capture_on_commit_callbacks
):
    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            CHANGELIST,
            {"action": "request_changes", "_selected_action": [review.pk], "apply": "1", "comment": "Add a table."},
        )
    review.refresh_from_db()
    assert review.status == "changes_requested"
    assert "Add a table." in mailoutbox[0].body


@pytest.mark.django_db
def test_illegal_move_shows_a_message_and_changes_nothing(client, editor, author):
    review = ReviewFactory(reviewer=author, status="draft")
    client.force_login(editor)
    response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [review.pk]}, follow=True)
    assert "cannot become “Approved”" in response.content.decode()
    review.refresh_from_db()
    assert review.status == "draft"


@pytest.mark.django_db
def test_status_is_not_an_editable_field_of_the_change_form(client, editor, author):
    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(editor)
    page = client.get(f"/admin/reviews/review/{review.pk}/change/").content.decode()
    assert 'name="status"' not in page


@pytest.mark.django_db
def test_reject_action_asks_for_a_comment_and_records_it(client, editor, author):
    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "reject", "_selected_action": [review.pk], "apply": "1", "comment": ""})
    review.refresh_from_db()
    assert review.status == "submitted"
    client.post(
        CHANGELIST, {"action": "reject", "_selected_action": [review.pk], "apply": "1", "comment": "Out of scope."}
    )
    review.refresh_from_db()
    assert (review.status, review.events.get().comment) == ("rejected", "Out of scope.")


@pytest.mark.django_db
def test_bulk_action_moves_the_allowed_and_reports_the_refused(client, editor, author):
    submitted = ReviewFactory(reviewer=author, status="submitted")
    draft = ReviewFactory(reviewer=author, status="draft", paper__title="Still a draft")
    client.force_login(editor)
    response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [submitted.pk, draft.pk]}, follow=True)
    page = response.content.decode()
    assert "1 review is now “Approved”." in page
    assert "Still a draft: A review that is “Draft” cannot become “Approved”." in page
    assert dict(Review.objects.values_list("pk", "status")) == {submitted.pk: "approved", draft.pk: "draft"}


@pytest.mark.django_db
def test_bulk_decisions_are_refused_without_the_editors_group(client, author):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_review", "change_review"]))
    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(staff)
    client.post(CHANGELIST, {"action": "approve", "_selected_action": [review.pk]})
    review.refresh_from_db()
    assert review.status == "submitted"


@pytest.mark.django_db
def test_decision_page_refuses_when_another_editor_decided_after_it_was_opened(client, editor, author):
    from reviews import services
    from tests.factories import EditorFactory

    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(editor)
    url = f"/admin/reviews/review/{review.pk}/decide/changes_requested/"
    page = client.get(url)
    assert 'name="expected_status" value="submitted"' in page.content.decode()
    services.approve_review(review, by=EditorFactory())  # a colleague approves meanwhile
    response = client.post(url, {"comment": "Add a table.", "expected_status": "submitted"}, follow=True)
    assert "Someone else decided meanwhile" in response.content.decode()
    review.refresh_from_db()
    assert review.status == "approved"
