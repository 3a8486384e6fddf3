"""Who may open each member page: anonymous, the author, another reviewer, an editor.

The expectations are written from the product rules (a reviewer sees and edits only their own
work; editors see everything; anonymous visitors are sent to log in), not read from the code.
"""

import pytest

from reviews.models import Assignment
from tests.factories import AssignmentFactory, PaperFactory, ReviewFactory

LOGIN = "/accounts/login/"
WHO = ["anonymous", "author", "another reviewer", "editor"]


@pytest.fixture
def as_who(client, author, other_reviewer, editor):
    def log_in(who):
        user = {"author": author.user, "another reviewer": other_reviewer.user, "editor": editor}.get(who)
        if user is not None:
            client.force_login(user)
        return client

    return log_in


def outcome(response):
    """200, 404, or where a redirect goes ("login", or the path)."""
    if response.status_code == 302:
        location = response["Location"]
        return "login" if location.startswith(LOGIN) else location
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/papers/", {"anonymous": "login", "author": 200, "another reviewer": 200, "editor": 200}),
        ("/papers/propose/", {"anonymous": "login", "author": 200, "another reviewer": 200, "editor": 200}),
        ("/me/", {"anonymous": "login", "author": 200, "another reviewer": 200, "editor": 200}),
        ("/me/profile/", {"anonymous": "login", "author": 200, "another reviewer": 200, "editor": 200}),
    ],
)
@pytest.mark.parametrize("who", WHO)
def test_member_pages(as_who, who, path, expected):
    assert outcome(as_who(who).get(path)) == expected[who]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("proposed", {"anonymous": "login", "author": 200, "another reviewer": 200, "editor": 200}),
        ("rejected", {"anonymous": "login", "author": 404, "another reviewer": 404, "editor": 200}),
    ],
)
@pytest.mark.parametrize("who", WHO)
def test_paper_detail(as_who, who, status, expected):
    paper = PaperFactory(status=status)
    assert outcome(as_who(who).get(f"/papers/{paper.pk}/")) == expected[who]


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
def test_review_pages_of_a_draft(as_who, author, who):
    review = ReviewFactory(reviewer=author, status="draft")
    expected = {"anonymous": "login", "author": 200, "another reviewer": 404, "editor": 200}[who]
    client = as_who(who)
    assert outcome(client.get(f"/me/reviews/{review.pk}/")) == expected
    assert outcome(client.get(f"/me/reviews/{review.pk}/edit/")) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        ("submitted", "author", "/me/reviews/{pk}/"),  # read-only now: sent to the review's page
        ("submitted", "editor", 200),
        ("approved", "author", "/me/reviews/{pk}/"),
        ("published", "editor", "/me/reviews/{pk}/"),
        ("published", "another reviewer", 404),
        ("changes_requested", "author", 200),
    ],
)
def test_editing_follows_the_workflow(as_who, author, status, who, expected):
    review = ReviewFactory(reviewer=author, status=status)
    expected = expected.format(pk=review.pk) if isinstance(expected, str) else expected
    assert outcome(as_who(who).get(f"/me/reviews/{review.pk}/edit/")) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected_status", "expected_body"),
    [
        ("anonymous", 200, "First."),  # answered as JSON "logged_out", nothing saved
        ("author", 200, "Changed."),
        ("another reviewer", 404, "First."),
        ("editor", 200, "Changed."),
    ],
)
def test_autosave(as_who, author, who, expected_status, expected_body):
    review = ReviewFactory(reviewer=author, status="draft", body="First.")
    response = as_who(who).post(
        f"/me/reviews/{review.pk}/autosave/", {"body": "Changed.", "language": "en", "version": review.version}
    )
    review.refresh_from_db()
    assert (response.status_code, review.body) == (expected_status, expected_body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected", "status_after"),
    [
        ("anonymous", "login", "draft"),
        ("author", "/me/", "withdrawn"),
        ("another reviewer", 404, "draft"),
        ("editor", "/me/reviews/{pk}/", "draft"),  # only the author withdraws: told so, nothing changes
    ],
)
def test_withdraw(as_who, author, who, expected, status_after):
    review = ReviewFactory(reviewer=author, status="draft")
    response = as_who(who).post(f"/me/reviews/{review.pk}/withdraw/")
    review.refresh_from_db()
    expected = expected.format(pk=review.pk) if isinstance(expected, str) else expected
    assert (outcome(response), review.status) == (expected, status_after)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected", "status_after"),
    [
        ("anonymous", "login", "offered"),
        ("author", "/me/", "declined"),
        ("another reviewer", 404, "offered"),
        ("editor", 404, "offered"),  # editors answer no offer on someone's behalf here
    ],
)
def test_answering_an_offer(as_who, author, who, expected, status_after):
    assignment = AssignmentFactory(reviewer=author, status="offered")
    response = as_who(who).post(f"/me/assignments/{assignment.pk}/respond/", {"answer": "decline"})
    assert (outcome(response), Assignment.objects.get(pk=assignment.pk).status) == (expected, status_after)


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "claimed"), [("anonymous", False), ("author", True), ("editor", True)])
def test_claiming_needs_an_account(as_who, who, claimed):
    paper = PaperFactory()
    response = as_who(who).post(f"/papers/{paper.pk}/claim/")
    assert paper.assignments.exists() == claimed
    assert outcome(response) == ("login" if not claimed else f"/me/reviews/{paper.reviews.get().pk}/edit/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/papers/1/claim/", "/me/reviews/1/withdraw/", "/me/assignments/1/respond/"])
def test_actions_refuse_get(as_who, path):
    assert as_who("author").get(path).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "expected"), [("anonymous", 200), ("author", "/me/"), ("editor", "/me/")])
def test_signup_is_for_visitors(as_who, who, expected):
    assert outcome(as_who(who).get("/accounts/signup/")) == expected
