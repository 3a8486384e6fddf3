"""The review editor: save, submit, autosave, and the conflict page that never overwrites silently."""

import json
import re

import pytest

from reviews import services
from reviews.models import Review
from tests.factories import ReviewFactory


@pytest.fixture
def draft(author):
    return ReviewFactory(reviewer=author, status="draft", body="First text.\nSecond line.\n", language="en")


@pytest.fixture
def member(client, author):
    client.force_login(author.user)
    return client


def edit(client, review, *, body, version, submit=False, language="en"):
    data = {"body": body, "version": version, "language": language, "submit" if submit else "save": "1"}
    return client.post(f"/me/reviews/{review.pk}/edit/", data)


def autosave(client, review, *, body, version, language="en"):
    response = client.post(
        f"/me/reviews/{review.pk}/autosave/", {"body": body, "version": version, "language": language}
    )
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db
def test_editor_page_has_the_text_the_version_and_no_inline_script_or_style(member, draft):
    page = member.get(f"/me/reviews/{draft.pk}/edit/").content.decode()
    assert "First text.\nSecond line.\n</textarea>" in page
    assert 'name="version" value="1"' in page
    assert "/static/vendor/katex/katex.min.js" in page and "/static/js/review-editor.js" in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert " style=" not in page


@pytest.mark.django_db
def test_save_draft_makes_a_new_version_and_stays_in_the_editor(member, draft):
    response = edit(member, draft, body="Better $x^2$ text.\r\nWith CRLF.", version=1)
    draft.refresh_from_db()
    assert response["Location"] == f"/me/reviews/{draft.pk}/edit/"
    assert (draft.body, draft.version, draft.status) == ("Better $x^2$ text.\nWith CRLF.", 2, "draft")
    assert '<span class="math inline">x^2</span>' in draft.body_html
    assert "Draft saved." in member.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_submit_saves_submits_and_mails_the_editors(
    member, draft, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(member, draft, body="Finished review.", version=1, submit=True)
    draft.refresh_from_db()
    assert (response["Location"], draft.status, draft.body) == ("/me/", "submitted", "Finished review.")
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["editor@example.org"], f"[Digest] Review submitted: {draft.paper.title}")
    ]


@pytest.mark.django_db
def test_submitting_an_empty_review_keeps_the_draft_and_says_why(member, draft):
    response = edit(member, draft, body="   ", version=1, submit=True)
    draft.refresh_from_db()
    assert draft.status == "draft"
    page = member.get(response["Location"]).content.decode()
    assert "Saved, but not submitted: Write the review before submitting it." in page


@pytest.mark.django_db
def test_a_stale_save_shows_both_versions_and_overwrites_nothing(member, draft, author):
    services.update_review(draft, by=author.user, body="First text.\nChanged elsewhere.\n", expected_version=1)
    response = edit(member, draft, body="First text.\nTyped here.\nAnd more.\n", version=1)
    assert response.status_code == 200
    assert response.templates[0].name == "reviews/review_conflict.html"
    rows = [(r.left and r.left.text, r.right and r.right.text, r.kind) for r in response.context["rows"]]
    assert rows == [
        ("First text.", "First text.", "same"),
        ("Changed elsewhere.", "Typed here.", "changed"),
        (None, "And more.", "added"),
    ]
    page = response.content.decode()
    assert "<del>Changed</del> <del>elsewhere</del>." in page and "<ins>Typed</ins> <ins>here</ins>." in page
    assert page.count("Typed here.\nAnd more.") == 2  # "keep mine" and the merge box carry the posted text
    assert 'name="version" value="2"' in page
    draft.refresh_from_db()
    assert (draft.body, draft.version) == ("First text.\nChanged elsewhere.\n", 2)


@pytest.mark.django_db
def test_keep_mine_after_a_conflict_saves_it_as_a_new_version_and_history_keeps_theirs(member, draft, author):
    services.update_review(draft, by=author.user, body="Theirs.", expected_version=1)
    edit(member, draft, body="Mine.", version=1)  # the conflict page
    edit(member, draft, body="Mine.", version=2)  # "Keep mine" posts the version shown on that page
    draft.refresh_from_db()
    assert (draft.body, draft.version) == ("Mine.", 3)
    assert [h.body for h in draft.history.order_by("history_id")] == ["First text.\nSecond line.\n", "Theirs.", "Mine."]


@pytest.mark.django_db
def test_an_editor_saving_meanwhile_is_detected_too(client, draft, author, editor):
    client.force_login(editor)
    edit(client, draft, body="Edited by the editor.", version=1)
    client.force_login(author.user)
    response = edit(client, draft, body="Edited by the author.", version=1)
    assert response.context["saved_by"] == editor
    assert "Edited by the editor." in response.content.decode()


@pytest.mark.django_db
def test_autosave_answers_saved_then_conflict_for_a_stale_version(member, draft):
    status, answer = autosave(member, draft, body="Typing…", version=1)
    assert (status, answer["status"], answer["version"]) == (200, "saved", 2)
    assert answer["message"].startswith("Saved at ")
    status, answer = autosave(member, draft, body="Another tab.", version=1)
    assert (status, answer["status"], answer["version"]) == (200, "conflict", 2)
    draft.refresh_from_db()
    assert draft.body == "Typing…"


@pytest.mark.django_db
def test_autosave_of_a_review_no_longer_editable_is_refused_with_the_reason(member, author):
    review = ReviewFactory(reviewer=author, status="submitted", body="Sent.")
    assert autosave(member, review, body="More.", version=1) == (
        200,
        {"status": "locked", "message": "You cannot edit a review that is “Submitted”."},
    )


@pytest.mark.django_db
def test_autosave_after_the_session_expired_says_so_and_where_to_log_in(client, draft):
    assert autosave(client, draft, body="Typed while logged out.", version=1) == (
        200,
        {
            "status": "logged_out",
            "message": "You are logged out. Your text is kept in this browser; log in again to save it.",
            "login_url": f"/accounts/login/?next=/me/reviews/{draft.pk}/edit/",
        },
    )


@pytest.mark.django_db
def test_autosave_with_a_malformed_post_is_a_bad_request(member, draft):
    assert autosave(member, draft, body="x", version="not a number")[0] == 400


@pytest.mark.django_db
def test_the_review_page_shows_the_rendered_text_and_the_editors_comments(member, draft, editor, author):
    services.submit_review(draft, by=author.user)
    services.request_changes(draft, by=editor, comment="Add a table, please.")
    page = member.get(f"/me/reviews/{draft.pk}/").content.decode()
    assert "<p>First text.\nSecond line.</p>" in page
    assert "Add a table, please." in page
    assert f'href="/me/reviews/{draft.pk}/edit/">Revise' in page


@pytest.mark.django_db
def test_the_editor_page_shows_the_request_for_changes_while_revising(member, draft, editor, author):
    services.submit_review(draft, by=author.user)
    services.request_changes(draft, by=editor, comment="Add a table, please.")
    page = member.get(f"/me/reviews/{draft.pk}/edit/").content.decode()
    assert "The editor asks for changes" in page and "Add a table, please." in page


@pytest.mark.django_db
def test_editors_do_not_get_a_submit_button_for_someone_elses_review(client, draft, editor):
    client.force_login(editor)
    page = client.get(f"/me/reviews/{draft.pk}/edit/").content.decode()
    assert "Save draft" in page and "Submit for review" not in page


@pytest.mark.django_db
def test_withdrawing_ends_the_review(member, draft):
    member.post(f"/me/reviews/{draft.pk}/withdraw/")
    assert Review.objects.get(pk=draft.pk).status == "withdrawn"
