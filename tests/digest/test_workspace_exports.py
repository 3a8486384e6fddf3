"""The workspace's exports are rendered once per state of the post and kept: a second look reads
no review text, and any change of what the post shows is in the next look's exports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digest.models import Issue
from reviews.models import PaperLink, Reviewer
from reviews.services.writing import update_review
from tests.digest.test_workspace import filled, url
from tests.factories import IssueFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(db):
    return IssueFactory(series=SeriesFactory(language="en", target_min_entries=1, target_max_entries=5))


def exports(client, issue):
    space = client.get(url("workspace", issue)).context["space"]
    return {export.format: export.text for export in space.exports}, [str(w) for w in space.warnings]


def test_a_second_look_reads_no_review_text(client, editor, issue):
    filled(issue, "First", "Second")
    client.force_login(editor)
    first, _warnings = exports(client, issue)
    with CaptureQueriesContext(connection) as queries:
        again, _warnings = exports(client, issue)
    assert again == first
    texts_read = [q["sql"] for q in queries.captured_queries if '"body_html"' in q["sql"] or '"body"' in q["sql"]]
    assert texts_read == []


def test_an_edited_body_is_in_the_next_look(client, editor, issue):
    (review,) = filled(issue, "First")
    client.force_login(editor)
    before, _warnings = exports(client, issue)
    update_review(review, by=editor, body="A new sentence about **sparse attention**.", expected_version=review.version)
    after, _warnings = exports(client, issue)
    for fmt in ("markdown", "habr", "html", "text"):
        assert "sparse attention" in after[fmt] and "sparse attention" not in before[fmt], fmt


CHANGES = {
    "the paper's title": lambda issue, review: (
        type(review.paper).objects.filter(pk=review.paper_id).update(title="Renamed paper title")
    ),
    "a link of the paper": lambda issue, review: PaperLink.objects.create(
        paper=review.paper, kind="code", label="Renamed code link", url="https://example.org/code"
    ),
    "the reviewer's handle": lambda issue, review: Reviewer.objects.filter(pk=review.reviewer_id).update(
        chat_handle="@Renamed_handle"
    ),
    "the series' labels": lambda issue, review: (
        type(issue.series).objects.filter(pk=issue.series_id).update(authors_label="Renamed authors label")
    ),
    "the issue's intro (without touching its date)": lambda issue, review: Issue.objects.filter(pk=issue.pk).update(
        intro="Renamed intro paragraph"
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_of_what_the_post_shows_is_in_the_next_look(client, editor, issue, change):
    (review,) = filled(issue, "First")
    client.force_login(editor)
    before, _warnings = exports(client, issue)
    CHANGES[change](issue, review)
    after, _warnings = exports(client, issue)
    assert "Renamed" in after["markdown"] and "Renamed" in after["html"]
    assert "Renamed" not in before["markdown"]


def test_warnings_follow_the_post_too(client, editor, issue):
    (review,) = filled(issue, "First")
    client.force_login(editor)
    Reviewer.objects.filter(pk=review.reviewer_id).update(chat_handle="", blog_handle="")
    _texts, warnings = exports(client, issue)
    assert any("no chat or blog handle" in warning for warning in warnings)
    Reviewer.objects.filter(pk=review.reviewer_id).update(chat_handle="@back")
    _texts, warnings = exports(client, issue)
    assert not any("no chat or blog handle" in warning for warning in warnings)
