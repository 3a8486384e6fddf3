"""The importer's two service paths in digest.services: scheduling without a user, recording a publication."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from digest import services
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_imported_reviews_are_scheduled_in_order_without_a_user():
    issue = IssueFactory()
    first, second = ReviewFactory(status="published"), ReviewFactory(status="approved")
    services.add_imported_reviews_to_issue(issue, [first, second])
    assert [(entry.review, entry.position) for entry in issue.entries.all()] == [(first, 1), (second, 2)]


def test_the_importers_path_keeps_every_check_but_who_acts():
    draft, scheduled = ReviewFactory(status="draft"), IssueEntryFactory().review
    with pytest.raises(ValidationError) as error:
        services.add_imported_reviews_to_issue(IssueFactory(), [draft, scheduled])
    assert len(error.value.messages) == 2
    published = IssueFactory(status="published", published_at=timezone.now())
    with pytest.raises(ValidationError, match="already published"):
        services.add_imported_reviews_to_issue(published, [ReviewFactory(status="approved")])


def test_recording_an_imported_publication_stamps_the_issue_as_it_was():
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, review=ReviewFactory(status="published"))
    when = timezone.make_aware(datetime.datetime(2019, 10, 1, 12))
    issue = services.record_imported_publication(issue, at=when, url="https://habr.com/ru/post/1/", text="The post")
    issue.refresh_from_db()
    assert (issue.status, issue.published_at, issue.published_url, issue.published_text) == (
        "published", when, "https://habr.com/ru/post/1/", "The post",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already published"):
        services.record_imported_publication(issue, at=when)


def test_an_imported_publication_needs_entries_and_only_published_reviews():
    with pytest.raises(ValidationError, match="no entries"):
        services.record_imported_publication(IssueFactory(), at=timezone.now())
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, review=ReviewFactory(status="approved", paper__title="Still approved"))
    with pytest.raises(ValidationError, match="“Still approved” is approved, not published."):
        services.record_imported_publication(issue, at=timezone.now())
    issue.refresh_from_db()
    assert issue.status == "planned"


@pytest.mark.django_db
def test_import_post_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path, settings):
    from django.core.management import CommandError, call_command

    settings.DIGEST_IMPORT_MAX_BYTES = 1000
    post = tmp_path / "post.txt"
    post.write_text("x" * 1001)
    with pytest.raises(CommandError, match=r"post.txt is 1,001 bytes; posts are read up to 1,000"):
        call_command("import_post", str(post))
