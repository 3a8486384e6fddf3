"""Faults a newcomer's first week found on the members' pages, each pinned by the page that showed it."""

import datetime

import pytest
from django.utils import timezone

from reviews import services
from tests.factories import (
    AssignmentFactory,
    IssueEntryFactory,
    IssueFactory,
    ReviewerFactory,
    ReviewFactory,
    UserFactory,
)

PASSWORD = "a sturdy pass phrase 42"


@pytest.fixture
def newcomer(db):
    """A member who signed up with an e-mail address only: no first or last name on the account."""
    user = UserFactory(username="nina@example.org", first_name="", last_name="")
    return ReviewerFactory(user=user, display_name="Nina New")


@pytest.fixture
def bare_editor(db):
    from tests.factories import EditorFactory

    return EditorFactory(username="chief@example.org", first_name="", last_name="")


@pytest.mark.django_db
def test_decisions_name_people_not_their_email_addresses(client, newcomer, bare_editor):
    review = ReviewFactory(reviewer=newcomer, status="draft", body="Text.")
    services.submit_review(review, by=newcomer.user)
    services.request_changes(review, by=bare_editor, comment="More, please.")
    client.force_login(newcomer.user)
    page = client.get(f"/me/reviews/{review.pk}/").content.decode()
    assert "· Nina New" in page and "· chief" in page
    assert "@example.org" not in page.split("<main", 1)[1]
    client.force_login(bare_editor)
    assert 'class="account-link">chief</a>' in client.get("/papers/").content.decode()  # not chief@example.org
    desk = client.get(f"/admin/reviews/review/{review.pk}/change/").content.decode()
    assert "Nina New" in desk and "nina@example.org" not in desk


@pytest.mark.django_db
def test_a_change_made_this_minute_says_just_now(client, newcomer):
    ReviewFactory(reviewer=newcomer, status="submitted")
    client.force_login(newcomer.user)
    page = client.get("/me/").content.decode()
    assert "changed just now" in page
    assert "0\xa0minutes" not in page and "0 minutes" not in page


@pytest.mark.django_db
def test_an_older_change_says_how_long_ago(client, newcomer):
    review = ReviewFactory(reviewer=newcomer, status="submitted")
    type(review).objects.filter(pk=review.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=3))
    client.force_login(newcomer.user)
    assert "changed 3\xa0hours ago" in client.get("/me/").content.decode()


@pytest.mark.django_db
def test_my_work_lists_a_draft_with_its_assignment_once(client, newcomer):
    assignment = AssignmentFactory(reviewer=newcomer)
    review = ReviewFactory(reviewer=newcomer, paper=assignment.paper, status="draft")
    client.force_login(newcomer.user)
    page = client.get("/me/").content.decode()
    assert page.count(f'href="/me/reviews/{review.pk}/edit/"') == 1
    assert "Continue writing" in page


@pytest.mark.django_db
def test_the_editors_comment_is_rendered_with_math_and_no_raw_html(client, newcomer, editor):
    review = ReviewFactory(reviewer=newcomer, status="submitted")
    services.request_changes(review, by=editor, comment="Define $d$ first. <script>x()</script> **Then** go on.")
    client.force_login(newcomer.user)
    for url in ("/me/", f"/me/reviews/{review.pk}/", f"/me/reviews/{review.pk}/edit/"):
        page = client.get(url).content.decode()
        assert '<span class="math inline">d</span>' in page, url
        assert "<strong>Then</strong>" in page and "<script>x()" not in page, url


@pytest.mark.django_db
def test_an_approved_review_in_an_issue_names_the_issue(client, newcomer, editor, mailoutbox):
    review = ReviewFactory(reviewer=newcomer, status="submitted")
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, review=review)
    services.approve_review(review, by=editor)
    client.force_login(newcomer.user)
    page = client.get(f"/me/reviews/{review.pk}/").content.decode()
    assert f"Approved, and scheduled for {issue}." in page
    assert "upcoming issue" not in page


@pytest.mark.django_db
def test_the_approval_mail_names_the_issue_the_review_is_in(newcomer, editor, django_capture_on_commit_callbacks):
    from reviews.outbox.models import Message

    review = ReviewFactory(reviewer=newcomer, status="submitted")
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, review=review)
    services.approve_review(review, by=editor)
    assert f"is scheduled for {issue}." in Message.objects.get(kind="review_approved").body


@pytest.mark.django_db
def test_sign_up_says_what_is_wrong_with_the_password_under_the_password(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "a@example.org", "display_name": "A", "password1": "123", "password2": "123"},
    )
    errors = response.context["form"].errors
    assert "password1" in errors and "password2" not in errors
    mismatch = client.post(
        "/accounts/signup/",
        {"email": "a@example.org", "display_name": "A", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert list(mismatch.context["form"].errors) == ["password2"]
