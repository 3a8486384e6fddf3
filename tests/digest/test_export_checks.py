"""The check before export lists what an editor must fix; export works regardless."""

import pytest

from digest.export.checks import check_post, is_public_url
from digest.export.formats import export_issue
from digest.export.post import compile_post
from tests.digest.export_data import make_issue
from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_site(settings):
    settings.SITE_URL = "https://digest.example.org"


def test_check_lists_unapproved_entries_missing_paper_fields_links_handles_and_local_images(public_site):
    warnings = [str(warning) for warning in check_post(compile_post(make_issue()))]
    assert warnings == [
        "2. “Distilling the Knowledge in a Neural Network”: the review is “Submitted”, not approved.",
        "2. “Distilling the Knowledge in a Neural Network”: the paper has no affiliations, link to the original "
        "article.",
        "2. “Distilling the Knowledge in a Neural Network”: the link “Blog” has no URL.",
        "2. “Distilling the Knowledge in a Neural Network”: the reviewer Ann Author has no chat or blog handle.",
    ]  # the uploaded image is fine: the exports write it from the site's public address


def test_uploads_on_a_site_readers_cannot_reach_are_one_warning_for_the_issue():
    warnings = [str(warning) for warning in check_post(compile_post(make_issue(), site_url="http://127.0.0.1:8000"))]
    assert warnings[0] == (
        "The exports take 1 uploaded image from http://127.0.0.1:8000, an address readers cannot reach: set "
        "DIGEST_SITE_URL to the site's public address, or download the post with its images and upload them to "
        "the blog."
    )
    assert not any("figure-1.png" in warning for warning in warnings)


def test_an_empty_issue_is_reported_and_still_exports():
    issue = IssueFactory()
    assert [str(warning) for warning in check_post(compile_post(issue))] == [
        "The issue has no entries: add approved reviews to it."
    ]
    assert export_issue(issue, "text").startswith(str(issue))


def test_images_in_the_intro_are_checked_too(public_site):
    issue = make_issue()
    issue.intro = "![teaser](http://localhost:8000/media/teaser.png)"
    issue.save()
    assert str(check_post(compile_post(issue))[0]) == (
        "The image “http://localhost:8000/media/teaser.png” has a relative or local URL; readers will not see it."
    )


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://habrastorage.org/webt/a.png", True),
        ("http://example.org/a.png", True),
        ("/media/uploads/a.png", False),
        ("uploads/a.png", False),
        ("file:///home/me/a.png", False),
        ("http://localhost/a.png", False),
        ("http://127.0.0.1:8000/a.png", False),
        ("http://192.168.1.10/a.png", False),
        ("http://printer.local/a.png", False),
    ],
)
def test_public_urls(url, public):
    assert is_public_url(url) is public
