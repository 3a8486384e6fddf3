"""The workspace's exports are rendered once per state of the post and kept: a second look reads
no review text, and any change of what the post shows is in the next look's exports."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from digest.models import Issue
from reviews.models import PaperLink, Review, Reviewer
from reviews.services.writing import update_review
from tests.digest.test_workspace import approved, filled, url
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


def source_boxes(html):
    """The text of each export's source box, as the page sends it (escaped)."""
    return dict(re.findall(r'<textarea id="export-(\w+)"[^>]*>(.*?)</textarea>', html, re.S))


def test_the_source_boxes_hold_each_export_escaped_on_the_first_look_and_the_next(client, editor, issue):
    (review,) = filled(issue, "Markup <b>&</b> “quotes” 'single'")
    client.force_login(editor)
    for _look in range(2):  # the second look takes the escaped texts from the cache
        response = client.get(url("workspace", issue))
        boxes = source_boxes(response.content.decode())
        texts = {export.format: export.text for export in response.context["space"].exports}
        assert set(boxes) == {"markdown", "habr", "html", "text"}
        for fmt, text in texts.items():
            assert boxes[fmt] == escape(text), fmt
        assert "Markup \\&lt;b&gt;&amp;\\&lt;/b&gt; “quotes” &#x27;single&#x27;" in boxes["markdown"]


def test_adding_removing_moving_and_editing_show_on_the_next_look(client, editor, issue):
    first, second = filled(issue, "First", "Second")
    extra = approved("Third")
    client.force_login(editor)

    def look():
        response = client.get(url("workspace", issue))
        space = response.context["space"]
        markdown = space.exports[0].text
        return response.content.decode(), [entry.review_id for entry in space.entries], markdown

    html, order, markdown = look()
    assert order == [first.pk, second.pk] and markdown.index("First") < markdown.index("Second")
    assert client.post(url("workspace_add", issue), {"reviews": [extra.pk]}).status_code == 302
    html, order, markdown = look()
    assert order == [first.pk, second.pk, extra.pk] and "Third" in markdown and f'id="pool-{extra.pk}"' not in html
    assert client.post(url("workspace_order", issue), {"reviews": [extra.pk, second.pk, first.pk]}).status_code == 302
    html, order, markdown = look()
    assert order == [extra.pk, second.pk, first.pk] and markdown.index("Third") < markdown.index("First")
    assert html.index(f'data-review="{extra.pk}"') < html.index(f'data-review="{first.pk}"')
    assert client.post(url("workspace_remove", issue), {"reviews": [second.pk]}).status_code == 302
    html, order, markdown = look()
    assert order == [extra.pk, first.pk] and "Second" not in markdown and f'id="pool-{second.pk}"' in html
    update_review(first, by=editor, body="Now about **sparse attention**.", expected_version=first.version)
    html, order, markdown = look()
    assert "sparse attention" in markdown and "sparse attention" in html


def test_a_review_taken_back_shows_as_a_blocker_on_the_next_look(client, editor, issue):
    (review,) = filled(issue, "Taken back")
    client.force_login(editor)
    assert "is submitted, not approved" not in client.get(url("workspace", issue)).content.decode()
    Review.objects.filter(pk=review.pk).update(status="submitted")
    html = client.get(url("workspace", issue)).content.decode()
    assert "“Taken back” is submitted, not approved." in html and 'disabled aria-describedby="publish-reason"' in html


def test_a_second_look_at_a_planned_issue_reads_a_fixed_number_of_queries(
    client, editor, issue, django_assert_max_num_queries
):
    filled(issue, "First", "Second", "Third")
    approved("In the pool")
    client.force_login(editor)
    client.get(url("workspace", issue))
    # session, user, the issue (with its series and import record), the user's and the groups'
    # permissions, the pool's count and page, the entries' rows, their papers' links
    with django_assert_max_num_queries(9):
        assert client.get(url("workspace", issue)).status_code == 200


def test_the_exports_are_kept_in_a_small_cache_of_their_own(client, editor, issue, settings):
    """A few MB each: in the per-process cache (no Redis) at most a handful, never pushing pages out."""
    from django.core.cache import caches

    assert settings.CACHES["exports"]["OPTIONS"]["MAX_ENTRIES"] <= 50
    filled(issue, "First")
    client.force_login(editor)
    exports(client, issue)
    kept = caches["exports"]
    assert [key for key in kept._cache if "workspace-exports" in key]
    assert not [key for key in caches["default"]._cache if "workspace-exports" in key]
