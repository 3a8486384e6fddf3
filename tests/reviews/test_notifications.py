"""Mail after each step, sent once the transaction commits, from the editable templates/emails/ files."""

import datetime

import pytest

from digest import services as issue_services
from reviews import services
from reviews.models import Invitation
from tests.factories import IssueEntryFactory, IssueFactory, PaperFactory, ReviewerFactory, ReviewFactory, UserFactory


@pytest.fixture
def submitted(author):
    return ReviewFactory(reviewer=author, status="submitted", paper__title="Layer rotation")


def sent(mailoutbox):
    return [(message.to, message.subject) for message in mailoutbox]


@pytest.mark.django_db
def test_nothing_is_mailed_before_the_transaction_commits(
    submitted, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.request_changes(submitted, by=editor, comment="More detail.")
        assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert sent(mailoutbox) == [(["author@example.org"], "[Digest] Changes requested: Layer rotation")]


@pytest.mark.django_db
def test_submitting_mails_every_editor_with_the_admin_link(
    author, editor, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(username="member@example.org")  # not an editor: no mail
    review = ReviewFactory(reviewer=author, status="draft", paper__title="Layer rotation")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_review(review, by=author.user)
    assert sent(mailoutbox) == [
        (["editor@example.org", "root@example.org"], "[Digest] Review submitted: Layer rotation")
    ]
    assert f"http://127.0.0.1:8000/admin/reviews/review/{review.pk}/change/" in mailoutbox[0].body


@pytest.mark.django_db
def test_changes_requested_mail_carries_the_comment_and_the_edit_link(
    submitted, editor, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://digest.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(submitted, by=editor, comment="Add the results table.")
    body = mailoutbox[0].body
    assert "Add the results table." in body
    assert f"https://digest.example.org/me/reviews/{submitted.pk}/edit/" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("move", "subject", "in_body"),
    [
        (services.approve_review, "[Digest] Review approved: Layer rotation", "was approved"),
        (services.reject_review, "[Digest] Review not accepted: Layer rotation", "Out of scope."),
    ],
)
def test_decisions_are_mailed_to_the_reviewer(
    submitted, editor, mailoutbox, django_capture_on_commit_callbacks, move, subject, in_body
):
    with django_capture_on_commit_callbacks(execute=True):
        move(submitted, by=editor, comment="Out of scope.")
    assert sent(mailoutbox) == [(["author@example.org"], subject)]
    assert in_body in mailoutbox[0].body


@pytest.mark.django_db
def test_publishing_mails_the_reviewer_with_the_post_url(
    author, editor, mailoutbox, django_capture_on_commit_callbacks
):
    issue = IssueFactory()
    entry = IssueEntryFactory(issue=issue, review=ReviewFactory(reviewer=author, status="approved"))
    with django_capture_on_commit_callbacks(execute=True):
        issue_services.publish_issue(issue, by=editor, url="https://habr.com/post/461735/")
    assert sent(mailoutbox) == [(["author@example.org"], f"[Digest] Published: {entry.review.paper.title}")]
    assert "https://habr.com/post/461735/" in mailoutbox[0].body


@pytest.mark.django_db
def test_being_assigned_mails_the_reviewer_with_the_due_date(
    author, editor, mailoutbox, django_capture_on_commit_callbacks
):
    paper = PaperFactory(title="Layer rotation")
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_paper(paper, reviewer=author, by=editor, due_date=datetime.date(2030, 5, 1))
    assert sent(mailoutbox) == [(["author@example.org"], "[Digest] A paper for you: Layer rotation")]
    assert "due on May 1, 2030" in mailoutbox[0].body
    assert "http://127.0.0.1:8000/me/" in mailoutbox[0].body


@pytest.mark.django_db
def test_a_reviewer_without_an_account_gets_no_mail(editor, mailoutbox, django_capture_on_commit_callbacks):
    imported = ReviewerFactory(user=None)
    review = ReviewFactory(reviewer=imported, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_review(review, by=editor)
    assert mailoutbox == []


@pytest.mark.django_db
def test_inviting_from_the_admin_mails_the_signup_link(client, editor, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/reviews/invitation/add/", {"email": "guest@example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == editor
    assert sent(mailoutbox) == [(["guest@example.org"], "[Digest] You are invited to review papers")]
    assert f"http://127.0.0.1:8000/accounts/signup/{invitation.token}/" in mailoutbox[0].body


@pytest.mark.django_db
def test_editing_an_invitation_in_the_admin_sends_nothing_again(
    client, editor, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = services.invite_reviewer(email="guest@example.org", by=editor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reviews/invitation/{invitation.pk}/change/", {"email": "guest2@example.org"})
    assert mailoutbox == []
