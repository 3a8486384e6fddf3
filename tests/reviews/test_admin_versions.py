"""The version history of a review body: a readable diff between any two versions and restore."""

import pytest

from reviews import services
from reviews.diffing import diff_lines, diff_stats, side_by_side, summary
from tests.factories import ReviewFactory, UserFactory


def versions_url(review):
    return f"/admin/reviews/review/{review.pk}/versions/"


def restore_url(review):
    return f"/admin/reviews/review/{review.pk}/versions/restore/"


def rows(lines):
    return [(line.kind, line.old_number, line.new_number, line.parts) for line in lines]


def test_diff_marks_changed_words_inside_changed_lines():
    lines = diff_lines("Title\nThe quick brown fox.\nEnd", "Title\nThe slow brown fox.\nEnd\nNew line")
    assert rows(lines) == [
        ("same", 1, 1, [("Title", False)]),
        ("removed", 2, None, [("The ", False), ("quick", True), (" brown fox.", False)]),
        ("added", None, 2, [("The ", False), ("slow", True), (" brown fox.", False)]),
        ("same", 3, 3, [("End", False)]),
        ("added", None, 4, [("New line", True)]),
    ]
    assert diff_stats(lines) == (2, 1)


def test_diff_folds_long_unchanged_stretches():
    old = "\n".join(f"line {n}" for n in range(1, 21))
    new = old.replace("line 10", "line ten")
    lines = diff_lines(old, new, context=2)
    assert [(line.kind, line.skipped) for line in lines] == [
        ("gap", 7),
        ("same", 0),
        ("same", 0),
        ("removed", 0),
        ("added", 0),
        ("same", 0),
        ("same", 0),
        ("gap", 8),
    ]


def test_diff_of_equal_texts_is_empty():
    assert diff_lines("Same.\nText.", "Same.\nText.") == []


@pytest.fixture
def edited(author, editor):
    """A review saved three times: versions 1, 2 and 3."""
    review = ReviewFactory(reviewer=author, status="changes_requested", body="First line.\nSecond line.")
    review = services.update_review(
        review, by=author.user, body="First line.\nSecond line, better.", expected_version=1
    )
    return services.update_review(
        review, by=editor, body="First line.\nSecond line, better.\nThird.", expected_version=2
    )


@pytest.mark.django_db
def test_versions_page_lists_every_version_and_diffs_the_last_two(client, editor, author, edited):
    services.submit_review(edited, by=author.user)  # a status change is no new version of the text
    client.force_login(editor)
    response = client.get(versions_url(edited))
    assert [v["version"] for v in response.context["versions"]] == [3, 2, 1]
    assert [v["by"] for v in response.context["versions"]] == [
        editor.get_full_name(),
        author.display_name,  # the name the reviewer goes by
        "—",  # made by the factory, outside any request
    ]
    assert (response.context["old"], response.context["new"]) == (2, 3)
    assert rows(response.context["lines"])[-1] == ("added", None, 3, [("Third.", True)])
    page = response.content.decode()
    assert "<ins>Third.</ins>" in page
    assert page.count("Restore this version") == 2  # not for the current one


@pytest.mark.django_db
def test_any_two_versions_can_be_compared(client, editor, edited):
    client.force_login(editor)
    response = client.get(versions_url(edited), {"old": 1, "new": 3})
    assert (response.context["added"], response.context["removed"]) == (2, 1)
    assert "Second line<ins>, better</ins>." in response.content.decode()
    nonsense = client.get(versions_url(edited), {"old": "x", "new": 99})
    assert (nonsense.context["old"], nonsense.context["new"]) == (2, 3)


@pytest.mark.django_db
def test_restore_brings_back_an_old_text_as_a_new_version(client, editor, edited):
    first = edited.history.get(version=1)
    client.force_login(editor)
    response = client.post(restore_url(edited), {"history_id": first.history_id}, follow=True)
    assert "The text of version 1 is restored as version 4." in response.content.decode()
    edited.refresh_from_db()
    assert (edited.body, edited.version) == ("First line.\nSecond line.", 4)
    assert edited.history.latest().history_user == editor
    assert edited.history.filter(version=3).exists()  # nothing lost


@pytest.mark.django_db
def test_restoring_the_current_text_adds_no_version(client, editor, edited):
    current = edited.history.filter(version=3).earliest()
    client.force_login(editor)
    response = client.post(restore_url(edited), {"history_id": current.history_id}, follow=True)
    assert "Version 3 is the current text already." in response.content.decode()
    edited.refresh_from_db()
    assert edited.version == 3


@pytest.mark.django_db
def test_restore_is_refused_for_a_published_review(client, editor, author):
    published = ReviewFactory(reviewer=author, status="published", body="Published text.")
    first = published.history.earliest()
    client.force_login(editor)
    response = client.post(restore_url(published), {"history_id": first.history_id}, follow=True)
    assert "You cannot edit a review that is “Published”." in response.content.decode()
    published.refresh_from_db()
    assert published.version == 1


@pytest.mark.django_db
def test_restore_needs_post_and_a_version_of_this_review(client, editor, edited, author):
    other = ReviewFactory(reviewer=author, language="ru")
    client.force_login(editor)
    assert client.get(restore_url(edited)).status_code == 405
    assert client.post(restore_url(edited), {"history_id": "nonsense"}).status_code == 404
    assert client.post(restore_url(edited), {"history_id": other.history.earliest().history_id}).status_code == 404
    edited.refresh_from_db()
    assert edited.version == 3


@pytest.mark.django_db
def test_restore_is_refused_to_staff_without_the_editors_group(client, edited):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_review", "change_review"]))
    client.force_login(staff)
    assert client.get(versions_url(edited)).status_code == 200  # may read
    first = edited.history.get(version=1)
    assert client.post(restore_url(edited), {"history_id": first.history_id}).status_code == 403
    edited.refresh_from_db()
    assert edited.version == 3


@pytest.mark.django_db
def test_versions_page_is_refused_to_reviewers(client, author, edited):
    client.force_login(author.user)
    response = client.get(versions_url(edited))
    assert response.status_code == 403


def test_side_by_side_pairs_replaced_lines_and_keeps_every_line_of_both_texts():
    old = "same\nold one\nold two\ngone\nend"
    new = "same\nnew one\nend\nadded"
    rows = side_by_side(old, new)
    text = [(row.left and row.left.text, row.right and row.right.text, row.kind) for row in rows]
    assert text == [
        ("same", "same", "same"),
        ("old one", "new one", "changed"),
        ("old two", None, "removed"),
        ("gone", None, "removed"),
        ("end", "end", "same"),
        (None, "added", "added"),
    ]
    assert [(row.left and row.left.old_number, row.right and row.right.new_number) for row in rows] == [
        (1, 1), (2, 2), (3, None), (4, None), (5, 3), (None, 4)
    ]  # fmt: skip
    assert rows[1].left.parts == [("old", True), (" one", False)]
    assert summary(rows) == 4
    assert summary(side_by_side("a\nb", "a\nb")) == 0 and len(side_by_side("a\nb", "a\nb")) == 2
