"""The review change page: source beside preview, paper, events, decisions, and saving without losing text."""

import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry

from reviews import services
from reviews.models import Review, ReviewEvent
from tests.factories import PaperLinkFactory, ReviewFactory, UserFactory


def change_url(review):
    return f"/admin/reviews/review/{review.pk}/change/"


def decide_url(review, to):
    return f"/admin/reviews/review/{review.pk}/decide/{to}/"


def form_data(review, **changes):
    """What the change form posts when nothing is touched, with `changes` applied."""
    data = {
        "language": review.language,
        "translation_of": review.translation_of_id or "",
        "body": review.body,
        "expected_version": review.version,
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.fixture
def submitted(author):
    return ReviewFactory(reviewer=author, status="submitted", body="Energy $E = mc^2$ holds.")


# --- what the page shows -----------------------------------------------------------------------


@pytest.mark.django_db
def test_change_page_shows_source_beside_preview_paper_links_and_events(client, editor, submitted):
    PaperLinkFactory(paper=submitted.paper, label="GitHub project", url="https://github.com/x/y")
    services.request_changes(submitted, by=editor, comment="Add the table.")
    client.force_login(editor)
    page = client.get(change_url(submitted)).content.decode()
    preview = re.search(r'<div class="markdownx-preview desk-body-preview[^>]*>(.*?)</div></div>', page, re.S)
    assert preview.group(1) == submitted.body_html
    assert '<textarea name="body"' in page and "Energy $E = mc^2$ holds.</textarea>" in page
    assert '<a href="https://github.com/x/y" rel="noopener noreferrer" target="_blank">GitHub project</a>' in page
    assert f'<a href="{submitted.paper.original_url}" rel="noopener noreferrer" target="_blank">' in page
    assert "Add the table." in page  # the event's comment
    assert "vendor/katex/katex.min.js" in page and "js/math.js" in page


@pytest.mark.django_db
def test_paper_links_that_are_not_web_links_are_shown_as_text(client, editor, submitted):
    PaperLinkFactory(paper=submitted.paper, label="Evil", url="javascript:alert(1)")
    client.force_login(editor)
    page = client.get(change_url(submitted)).content.decode()
    assert "javascript:" not in page
    assert "<li>Evil</li>" in page


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        ("submitted", ["Approve", "Request changes…", "Reject…"]),
        ("approved", ["Request changes…"]),
        ("draft", []),
        ("published", []),
    ],
)
@pytest.mark.django_db
def test_decision_buttons_match_the_state(client, editor, author, status, buttons):
    review = ReviewFactory(reviewer=author, status=status)
    client.force_login(editor)
    page = client.get(change_url(review)).content.decode()
    shown = re.findall(r'class="button desk-button desk-button--\w+"[^>]*>([^<]+)<', page)
    assert shown == buttons


@pytest.mark.django_db
def test_staff_without_the_editors_group_cannot_open_a_review(client, submitted):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(change_url(submitted)).status_code == 403


# --- decisions from the change page ------------------------------------------------------------


@pytest.mark.django_db
def test_approve_button_moves_the_review_and_records_who(client, editor, submitted):
    client.force_login(editor)
    response = client.post(decide_url(submitted, "approved"), follow=True)
    assert response.redirect_chain == [(change_url(submitted), 302)]
    assert "The review is now “Approved”." in response.content.decode()
    submitted.refresh_from_db()
    event = ReviewEvent.objects.get(review=submitted, to_status="approved")
    assert (submitted.status, event.actor, event.from_status) == ("approved", editor, "submitted")


@pytest.mark.django_db
def test_request_changes_page_requires_a_comment_and_keeps_nothing_half_done(client, editor, submitted, mailoutbox):
    client.force_login(editor)
    assert "Comment for the reviewer" in client.get(decide_url(submitted, "changes_requested")).content.decode()
    response = client.post(decide_url(submitted, "changes_requested"), {"comment": "   "})
    assert response.status_code == 200
    assert "a comment is required" in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, mailoutbox) == ("submitted", [])


@pytest.mark.django_db
def test_request_changes_mails_the_comment_to_the_reviewer(
    client, editor, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(submitted, "changes_requested"), {"comment": "Please add the results table."})
    submitted.refresh_from_db()
    assert submitted.status == "changes_requested"
    assert [m.to for m in mailoutbox] == [["author@example.org"]]
    assert "Please add the results table." in mailoutbox[0].body


@pytest.mark.django_db
def test_reject_with_comment_ends_the_review(client, editor, submitted):
    client.force_login(editor)
    client.post(decide_url(submitted, "rejected"), {"comment": "Off topic for this digest."})
    submitted.refresh_from_db()
    assert submitted.status == "rejected"
    assert submitted.events.get(to_status="rejected").comment == "Off topic for this digest."


@pytest.mark.django_db
def test_illegal_decision_shows_a_message_and_changes_nothing(client, editor, author):
    draft = ReviewFactory(reviewer=author, status="draft")
    client.force_login(editor)
    assert "it cannot become “Approved” now" in client.get(decide_url(draft, "approved")).content.decode()
    response = client.post(decide_url(draft, "approved"), follow=True)
    assert "A review that is “Draft” cannot become “Approved”." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.events.count()) == ("draft", 0)


@pytest.mark.django_db
def test_publishing_is_not_a_decision_of_the_change_page(client, editor, author):
    approved = ReviewFactory(reviewer=author, status="approved")
    client.force_login(editor)
    assert client.post(decide_url(approved, "published")).status_code == 404
    approved.refresh_from_db()
    assert approved.status == "approved"


@pytest.mark.django_db
def test_decisions_are_refused_to_staff_without_the_editors_group(client, submitted):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*_permissions("view_review", "change_review"))
    client.force_login(staff)
    assert client.post(decide_url(submitted, "approved")).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.django_db
def test_decisions_are_refused_to_reviewers(client, author, submitted):
    client.force_login(author.user)
    response = client.post(decide_url(submitted, "approved"))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="reviews", codename__in=codenames)


# --- editing: versions and conflicts -----------------------------------------------------------


@pytest.mark.django_db
def test_editor_saves_a_new_version_of_the_text(client, editor, submitted):
    client.force_login(editor)
    response = client.post(change_url(submitted), form_data(submitted, body="Edited by the editor."))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.body, submitted.version, submitted.status) == ("Edited by the editor.", 2, "submitted")
    assert submitted.history.latest().history_user == editor


@pytest.mark.django_db
def test_stale_form_shows_a_conflict_keeps_the_editors_text_and_saves_nothing(client, editor, author, submitted):
    opened_at = submitted.version
    services.update_review(submitted, by=editor, body="Saved meanwhile in another tab.", expected_version=opened_at)
    client.force_login(editor)

    response = client.post(change_url(submitted), form_data(submitted, body="My careful edit.", expected_version=1))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this review (now version 2) since you opened it." in page
    assert "My careful edit.</textarea>" in page
    assert 'name="expected_version" value="2"' in page  # seen now: the next save may go through
    assert "Saved meanwhile in another tab." in page  # in the differences shown under the form
    submitted.refresh_from_db()
    assert (submitted.body, submitted.version) == ("Saved meanwhile in another tab.", 2)

    client.post(change_url(submitted), form_data(submitted, body="My careful edit, merged.", expected_version=2))
    submitted.refresh_from_db()
    assert (submitted.body, submitted.version) == ("My careful edit, merged.", 3)


@pytest.mark.django_db
def test_text_of_a_published_review_cannot_be_changed(client, editor, author):
    published = ReviewFactory(reviewer=author, status="published", body="As published.")
    client.force_login(editor)
    page = client.get(change_url(published)).content.decode()
    assert re.search(r'<textarea name="body"[^>]*readonly', page)
    response = client.post(change_url(published), form_data(published, body="Sneaky change."))
    assert "its text and language can no longer be changed" in response.content.decode()
    published.refresh_from_db()
    assert (published.body, published.version) == ("As published.", 1)


@pytest.mark.django_db
def test_saving_without_changes_keeps_the_version(client, editor, submitted):
    client.force_login(editor)
    assert client.post(change_url(submitted), form_data(submitted)).status_code == 302
    submitted.refresh_from_db()
    assert submitted.version == 1


@pytest.mark.django_db
def test_line_breaks_as_browsers_send_them_are_no_change(client, editor, author):
    review = ReviewFactory(reviewer=author, status="submitted", body="First.\n\nSecond.\n")
    client.force_login(editor)
    assert client.post(change_url(review), form_data(review, body="First.\r\n\r\nSecond.\r\n")).status_code == 302
    review.refresh_from_db()
    assert (review.body, review.version) == ("First.\n\nSecond.\n", 1)


@pytest.mark.django_db
def test_status_cannot_be_posted_through_the_form(client, editor, submitted):
    client.force_login(editor)
    client.post(change_url(submitted), form_data(submitted, status="published", body="Changed."))
    submitted.refresh_from_db()
    assert (submitted.status, submitted.body) == ("submitted", "Changed.")


@pytest.mark.django_db
def test_simple_history_revert_cannot_bring_back_an_old_status(client, editor, submitted):
    old = submitted.history.earliest()
    services.approve_review(submitted, by=editor)
    client.force_login(editor)
    client.post(f"/admin/reviews/review/{submitted.pk}/history/{old.history_id}/", form_data(submitted))
    submitted.refresh_from_db()
    assert submitted.status == "approved"


@pytest.mark.django_db
def test_editor_adds_a_review_which_starts_as_a_draft(client, editor, author):
    paper = ReviewFactory(reviewer=author).paper
    client.force_login(editor)
    response = client.post(
        "/admin/reviews/review/add/",
        {
            "paper": paper.pk,
            "reviewer": author.pk,
            "language": "es",
            "translation_of": "",
            "body": "Una reseña.",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    added = Review.objects.get(language="es")
    assert (added.status, added.version, added.body_html) == ("draft", 1, "<p>Una reseña.</p>\n")
    assert added.history.get().history_user == editor  # made by the writing service, as the editor
    assert LogEntry.objects.get(object_id=str(added.pk)).action_flag == ADDITION


@pytest.mark.django_db
def test_a_translation_in_its_own_language_added_in_the_desk_is_refused_by_the_service(client, editor, author):
    original = ReviewFactory(reviewer=author, language="en")
    client.force_login(editor)
    response = client.post(
        "/admin/reviews/review/add/",
        {
            "paper": original.paper.pk,
            "reviewer": author.pk,
            "language": "en",
            "translation_of": original.pk,
            "body": "Same language.",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "A translation must be in another language" in response.content.decode()
    assert Review.objects.count() == 1


@pytest.mark.django_db
def test_decisions_and_restores_need_the_csrf_token(editor, submitted):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    first = submitted.history.earliest()
    assert client.post(decide_url(submitted, "approved")).status_code == 403
    assert (
        client.post(
            f"/admin/reviews/review/{submitted.pk}/versions/restore/", {"history_id": first.history_id}
        ).status_code
        == 403
    )
    submitted.refresh_from_db()
    assert (submitted.status, submitted.version) == ("submitted", 1)
