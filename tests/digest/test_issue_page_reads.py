"""The issue page's reads, compiled once: the issue by its slug, its entries as the post words
them with their papers' links, and its language versions answer what the ORM answers."""

import pytest

from digest.archive import selectors
from digest.export.post import post_entries
from digest.labels import labels_for
from digest.models import IssueEntry
from reviews.enums import ReviewStatus
from tests.digest.archive import approved_review, publish, published_issue
from tests.factories import IssueEntryFactory, IssueFactory, PaperFactory, PaperLinkFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_the_issue_is_found_by_its_slug_only_when_published(editor):
    issue = published_issue(editor, entries=1)
    draft = IssueFactory()
    found = selectors.published_issue_alone(issue.slug)
    assert (found.pk, found.series.name) == (issue.pk, issue.series.name)
    assert "published_text" in found.get_deferred_fields()
    assert selectors.published_issue_alone(draft.slug) is None
    assert selectors.published_issue_alone("no-such-issue") is None


def test_the_entries_are_the_posts_own_for_each_issue_in_turn(editor):
    issues = [published_issue(editor, entries=count, links=2) for count in (3, 1, 2)]
    for issue in [*issues, issues[0]]:
        labels = labels_for(issue.series)
        expected = post_entries(issue, labels, IssueEntry.objects.filter(issue=issue), texts=["body_html"])
        found = selectors.published_post_entries(issue, labels)
        assert [(e.number, e.title, e.links, e.reviewer_name) for e in found] == [
            (e.number, e.title, e.links, e.reviewer_name) for e in expected
        ]
        assert [e.review.body_html for e in found] == [e.review.body_html for e in expected]
        assert all(len(entry.links) == 3 for entry in found)  # the original article and the two links


def test_an_entry_not_published_is_left_out_and_a_shared_paper_keeps_its_links_once(editor):
    paper = PaperFactory()
    PaperLinkFactory(paper=paper, label="Code", url="https://example.org/code")
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, review=approved_review(paper=paper), position=1)
    IssueEntryFactory(issue=issue, review=approved_review(paper=paper, language="ru"), position=2)
    publish(issue, editor)
    IssueEntryFactory(issue=issue, review=ReviewFactory(status=ReviewStatus.APPROVED), position=3)  # added later
    entries = selectors.published_post_entries(issue, labels_for(issue.series))
    assert [entry.number for entry in entries] == [1, 2]
    assert [[link.label for link in entry.links][1:] for entry in entries] == [["Code"], ["Code"]]


def test_the_language_versions_are_the_original_and_its_other_translations(editor):
    original = published_issue(editor)
    english = published_issue(editor, translation_of=original)
    german = published_issue(editor, translation_of=original)
    IssueFactory(translation_of=original)  # not published
    assert [issue.pk for issue in selectors.issue_translations(original)] == sorted([english.pk, german.pk])
    assert {issue.pk for issue in selectors.issue_translations(english)} == {original.pk, german.pk}
    assert all(issue.series.name for issue in selectors.issue_translations(english))
