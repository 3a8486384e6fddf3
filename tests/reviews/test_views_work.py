"""My work: assignments with due dates, offers, reviews grouped by status, comments, published issues."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digest import services as issue_services
from reviews import services
from reviews.models import Assignment
from tests.factories import AssignmentFactory, IssueEntryFactory, IssueFactory, ReviewFactory


@pytest.fixture
def member(client, author):
    client.force_login(author.user)
    return client


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.mark.django_db
def test_overdue_assignments_stand_out(member, author):
    AssignmentFactory(reviewer=author, paper__title="Late paper", due_date=days(-3))
    AssignmentFactory(reviewer=author, paper__title="Fine paper", due_date=days(5))
    response = member.get("/me/")
    assert [(a.paper.title, a.is_overdue) for a in response.context["assignments"]] == [
        ("Late paper", True),
        ("Fine paper", False),
    ]
    page = response.content.decode()
    assert page.count('class="item overdue"') == 1
    assert "1 overdue" in page


@pytest.mark.django_db
def test_an_assignment_links_to_its_draft_or_offers_to_start_it(member, author):
    with_draft = AssignmentFactory(reviewer=author)
    review = ReviewFactory(reviewer=author, paper=with_draft.paper, status="draft")
    without = AssignmentFactory(reviewer=author)
    page = member.get("/me/").content.decode()
    assert f'href="/me/reviews/{review.pk}/edit/">Continue writing' in page
    assert f'action="/me/assignments/{without.pk}/start/"' in page


@pytest.mark.django_db
def test_starting_an_accepted_assignment_opens_a_new_draft(member, author):
    assignment = AssignmentFactory(reviewer=author)
    response = member.post(f"/me/assignments/{assignment.pk}/start/")
    review = author.reviews.get()
    assert (review.paper, review.status, response["Location"]) == (
        assignment.paper,
        "draft",
        f"/me/reviews/{review.pk}/edit/",
    )


@pytest.mark.django_db
def test_accepting_an_offer_starts_the_draft_and_declining_frees_the_paper(member, author):
    offer, other = (
        AssignmentFactory(reviewer=author, status="offered"),
        AssignmentFactory(reviewer=author, status="offered"),
    )
    page = member.get("/me/").content.decode()
    assert "Offered to you" in page and page.count('name="answer" value="accept"') == 2
    accepted = member.post(f"/me/assignments/{offer.pk}/respond/", {"answer": "accept"})
    assert accepted["Location"] == f"/me/reviews/{author.reviews.get().pk}/edit/"
    member.post(f"/me/assignments/{other.pk}/respond/", {"answer": "decline"})
    assert [Assignment.objects.get(pk=a.pk).status for a in (offer, other)] == ["accepted", "declined"]


@pytest.mark.django_db
def test_reviews_are_grouped_with_what_needs_action_first(member, author):
    for status in ["published", "draft", "submitted", "changes_requested", "approved"]:
        ReviewFactory(reviewer=author, status=status, paper__title=f"{status} paper")
    groups = member.get("/me/").context["groups"]
    assert [(g["status"], [r.paper.title for r in g["reviews"]]) for g in groups] == [
        ("changes_requested", ["changes_requested paper"]),
        ("draft", ["draft paper"]),
        ("submitted", ["submitted paper"]),
        ("approved", ["approved paper"]),
        ("published", ["published paper"]),
    ]


@pytest.mark.django_db
def test_the_editors_comment_is_shown_on_the_review(member, author, editor):
    review = ReviewFactory(reviewer=author, status="submitted")
    services.request_changes(review, by=editor, comment="Please add the results table.")
    page = member.get("/me/").content.decode()
    assert "Please add the results table." in page
    assert f'href="/me/reviews/{review.pk}/edit/">Revise' in page


@pytest.mark.django_db
def test_published_reviews_link_to_their_issue_and_the_blog_post(member, author, editor):
    issue = IssueFactory(slug="july-2019")
    IssueEntryFactory(issue=issue, review=ReviewFactory(reviewer=author, status="approved"))
    issue_services.publish_issue(issue, by=editor, url="https://habr.com/post/1")
    page = member.get("/me/").content.decode()
    assert 'href="/issues/july-2019/"' in page
    assert 'href="https://habr.com/post/1"' in page


@pytest.mark.django_db
def test_a_new_member_sees_what_to_do_next(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get("/me/").content.decode()
    assert "You are not reading any paper right now." in page
    assert "You have not written a review yet." in page
    assert 'href="/papers/"' in page and 'href="/papers/propose/"' in page


@pytest.mark.django_db
def test_my_work_query_count_does_not_grow_with_rows(member, author, editor):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert member.get("/me/").status_code == 200
        return len(queries)

    def add_row(n):
        AssignmentFactory(reviewer=author, due_date=days(n - 5))
        AssignmentFactory(reviewer=author, status="offered")
        review = ReviewFactory(reviewer=author, status="submitted")
        services.request_changes(review, by=editor, comment=f"Comment {n}")
        IssueEntryFactory(issue=IssueFactory(), review=ReviewFactory(reviewer=author, status="approved"))

    add_row(0)
    one = count_queries()
    for n in range(1, 30):
        add_row(n)
    assert count_queries() == one
