"""Nothing unpublished ever reaches a reader: pages, search, feeds and the sitemap alike."""

import pytest

from digest.models import IssueEntry
from reviews import services
from reviews.enums import ReviewStatus
from tests.digest.archive import approved_review, published_issue
from tests.factories import IssueEntryFactory, IssueFactory, PaperFactory, ReviewerFactory, ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db

HIDDEN = [
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.CHANGES_REQUESTED,
    ReviewStatus.APPROVED,
    ReviewStatus.REJECTED,
    ReviewStatus.WITHDRAWN,
]
PUBLIC_URLS = [
    "/",
    "/reviews/",
    "/reviews/?q=secretword",
    "/feeds/issues.rss",
    "/feeds/issues.atom",
    "/series/visible/",
    "/series/visible/feed.rss",
    "/series/visible/feed.atom",
    "/sitemap.xml",
    "/sitemap-issues.xml",
    "/sitemap-reviews.xml",
    "/sitemap-reviewers.xml",
    "/sitemap-series.xml",
]


def hidden_review(status, editor, **fields):
    """A review in `status`, reached the way the workflow reaches it."""
    review = ReviewFactory(status=ReviewStatus.DRAFT, **fields)
    path = {
        ReviewStatus.DRAFT: [],
        ReviewStatus.SUBMITTED: ["submitted"],
        ReviewStatus.CHANGES_REQUESTED: ["submitted", "changes_requested"],
        ReviewStatus.APPROVED: ["submitted", "approved"],
        ReviewStatus.REJECTED: ["submitted", "rejected"],
        ReviewStatus.WITHDRAWN: ["withdrawn"],
    }[status]
    for step in path:
        actor = review.reviewer.user if step in {"submitted", "withdrawn"} else editor
        review = services.transition_review(review, to=step, by=actor, comment="Because.")
    assert review.status == status
    return review


@pytest.fixture
def world(editor):
    """A public issue, and next to it every kind of unpublished content mentioning "secretword"."""
    visible = SeriesFactory(slug="visible")
    public = published_issue(editor, series=visible, slug="public-issue")
    secret_reviewer = ReviewerFactory(display_name="Secret Reviewer")
    hidden = {
        status: hidden_review(
            status,
            editor,
            reviewer=secret_reviewer,
            paper=PaperFactory(title=f"Secret paper {status}"),
            body="A secretword review.",
        )
        for status in HIDDEN
    }
    planned = IssueFactory(series=visible, slug="planned-issue")
    IssueEntryFactory(issue=planned, review=hidden[ReviewStatus.APPROVED])
    # An approved review slipped into the published issue afterwards (e.g. through the admin).
    late = approved_review(paper=PaperFactory(title="Secret paper late"), body="A secretword late entry.")
    IssueEntry.objects.create(issue=public, review=late, position=99)
    hidden["late"] = late
    other_series = SeriesFactory(slug="unpublished-series", name="Secret series")
    IssueFactory(series=other_series, slug="other-planned")
    return {"public": public, "hidden": hidden, "reviewer": secret_reviewer}


@pytest.mark.parametrize("status", [*HIDDEN, "late"])
@pytest.mark.parametrize("who", ["anonymous", "author", "editor"])
def test_unpublished_review_page_is_not_found_for_anyone(client, world, editor, status, who):
    review = world["hidden"][status]
    if who == "author":
        client.force_login(review.reviewer.user)
    elif who == "editor":
        client.force_login(editor)
    assert client.get(review.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("slug", ["planned-issue", "other-planned", "no-such-issue"])
def test_unpublished_issue_page_is_not_found(client, world, editor, slug):
    assert client.get(f"/issues/{slug}/").status_code == 404
    client.force_login(editor)
    assert client.get(f"/issues/{slug}/").status_code == 404


def test_reviewer_with_only_unpublished_reviews_is_not_found(client, world):
    assert client.get(world["reviewer"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_lists_feeds_and_sitemap_never_mention_unpublished_content(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Secret" not in content
    assert "A secretword" not in content
    assert "planned-issue" not in content
    assert "other-planned" not in content
    assert world["reviewer"].slug not in content


def test_search_finds_nothing_unpublished(client, world):
    response = client.get("/reviews/?q=secretword")
    assert response.context["page"].object_list == []


def test_published_issue_page_hides_an_entry_added_after_publication(client, world):
    response = client.get("/issues/public-issue/")
    assert response.status_code == 200
    assert "Secret paper late" not in response.content.decode()
    assert response.content.decode().count('class="entry"') == 1


def test_public_content_is_there_for_comparison(client, world):
    """The same pages do show what is published (the assertions above are not vacuous)."""
    review = world["public"].entries.get(review__status="published").review
    assert review.paper.title in client.get("/").content.decode()
    assert review.paper.title in client.get("/reviews/").content.decode()
    assert review.get_absolute_url() in client.get("/sitemap-reviews.xml").content.decode()
    assert "/issues/public-issue/" in client.get("/feeds/issues.atom").content.decode()
    assert client.get(review.get_absolute_url()).status_code == 200
