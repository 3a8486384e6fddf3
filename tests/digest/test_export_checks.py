"""The check before export lists what an editor must fix; export works regardless."""

import pytest

from digest.export.checks import check_post, is_public_url
from digest.export.formats import export_issue
from digest.export.post import compile_post
from tests.digest.export_data import make_issue
from tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


def test_check_lists_unapproved_entries_missing_paper_fields_links_handles_and_local_images():
    warnings = [str(warning) for warning in check_post(compile_post(make_issue()))]
    assert warnings == [
        "2. “Distilling the Knowledge in a Neural Network”: the review is “Submitted”, not approved.",
        "2. “Distilling the Knowledge in a Neural Network”: the paper has no affiliations, link to the original "
        "article.",
        "2. “Distilling the Knowledge in a Neural Network”: the link “Blog” has no URL.",
        "2. “Distilling the Knowledge in a Neural Network”: the reviewer Ann Author has no chat or blog handle.",
        "2. The image “/media/uploads/figure-1.png” has a relative or local URL; readers will not see it.",
    ]


def test_an_empty_issue_is_reported_and_still_exports():
    issue = IssueFactory()
    assert [str(warning) for warning in check_post(compile_post(issue))] == [
        "The issue has no entries: add approved reviews to it."
    ]
    assert export_issue(issue, "text").startswith(str(issue))


def test_images_in_the_intro_are_checked_too():
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
