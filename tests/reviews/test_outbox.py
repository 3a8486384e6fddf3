"""The outbox: mail is written with the change, sent by a job, retried, kept when it fails, sent again.

A real SMTP server (tests/smtp.py) refuses or accepts; the queue's jobs run in the test's
process once the transaction commits (DIGEST_TASKS_SYNC), as a worker would run them.
"""

import pytest
from django.utils import timezone

from reviews import services
from reviews.outbox import services as outbox
from reviews.outbox.models import Message
from tests.factories import ReviewFactory
from tests.smtp import MailServer


@pytest.fixture
def smtp(settings):
    with MailServer() as server:
        server.django_settings(settings)
        yield server.handler


@pytest.fixture
def no_waiting(settings):
    settings.DIGEST_OUTBOX_RETRY_DELAYS = [0, 0]  # a retry is due at once: the test runs the sweep itself


@pytest.fixture
def draft(author):
    return ReviewFactory(reviewer=author, status="draft", body="Finished review.", paper__title="Layer rotation")


def submit(client, review):
    data = {"body": review.body, "version": review.version, "language": review.language, "submit": "1"}
    return client.post(f"/me/reviews/{review.pk}/edit/", data)


@pytest.mark.django_db
def test_submit_answers_normally_when_the_mail_server_refuses_and_the_mail_arrives_after_the_retry(
    client, author, editor, draft, smtp, no_waiting, django_capture_on_commit_callbacks
):
    smtp.refuse_next = 1
    client.force_login(author.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, draft)
    draft.refresh_from_db()
    message = Message.objects.get()
    assert (response.status_code, response["Location"], draft.status) == (302, "/me/", "submitted")
    assert (message.status, message.attempts, smtp.received) == ("queued", 1, [])
    assert "451" in message.last_error

    assert outbox.deliver_due() == 1  # the sweep the queue's scheduler runs every minute

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")
    assert smtp.subjects == ["[Digest] Review submitted: Layer rotation"]
    assert smtp.received[0]["To"] == "editor@example.org"


@pytest.mark.django_db
def test_a_decision_answers_normally_when_no_mail_server_listens(
    client, editor, author, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard port: nothing listens
    review = ReviewFactory(reviewer=author, status="submitted")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(review, by=editor, comment="Add the table.")
    message = Message.objects.get()
    assert (message.status, message.kind) == ("queued", "review_changes_requested")
    assert message.recipients == "author@example.org"
    assert message.next_attempt_at > timezone.now()
    assert "Add the table." in message.body


@pytest.mark.django_db
def test_nothing_is_queued_when_the_change_is_refused(author, other_reviewer):
    review = ReviewFactory(reviewer=author, status="draft", body="")
    with pytest.raises(services.WorkflowError):
        services.submit_review(review, by=author.user)  # an empty review cannot be submitted
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_a_message_failing_every_attempt_stays_failed_and_the_dashboard_shows_it(
    client, editor, author, draft, smtp, no_waiting, django_capture_on_commit_callbacks
):
    smtp.refuse_next = 3
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_review(draft, by=author.user)
    outbox.deliver_due()
    outbox.deliver_due()
    message = Message.objects.get()
    assert (message.status, message.attempts, smtp.received) == ("failed", 3, [])
    assert outbox.deliver_due() == 0  # failed for good: no more attempts on its own

    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert 'id="desk-failed-messages"' in page
    assert "[Digest] Review submitted: Layer rotation" in page


@pytest.mark.django_db
def test_an_editor_sends_a_failed_message_again_from_the_outbox(
    client, editor, author, draft, smtp, no_waiting, django_capture_on_commit_callbacks
):
    smtp.refuse_next = 3
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_review(draft, by=author.user)
    outbox.deliver_due()
    outbox.deliver_due()
    message = Message.objects.get(status="failed")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/outbox/message/", {"action": "resend", "_selected_action": [message.pk]}, follow=True
        )
    assert "1 message queued to be sent again." in response.content.decode()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    assert smtp.subjects == ["[Digest] Review submitted: Layer rotation"]


@pytest.mark.django_db
def test_a_reviewer_cannot_resend(author):
    message = Message.objects.create(kind="x", recipients="a@example.org", subject="s", body="b", status="failed")
    with pytest.raises(services.NotAllowed):
        outbox.resend_messages([message], by=author.user)


@pytest.mark.django_db
def test_a_dead_workers_message_is_taken_over_once_its_lease_has_run_out(smtp, settings):
    message = Message.objects.create(kind="x", recipients="a@example.org", subject="Held", body="b")
    past = timezone.now() - timezone.timedelta(seconds=1)
    Message.objects.filter(pk=message.pk).update(status="sending", attempts=1, locked_until=past)
    Message.objects.create(kind="x", recipients="b@example.org", subject="Still held", body="b", status="sending",
                           locked_until=timezone.now() + timezone.timedelta(minutes=5))  # fmt: skip
    assert outbox.deliver_due() == 1
    assert smtp.subjects == ["Held"]


@pytest.mark.django_db
def test_outbox_list_filters_by_status_and_searches_recipients(client, editor):
    Message.objects.create(kind="invitation", recipients="ann@example.org", subject="Join", body="b", status="failed")
    Message.objects.create(kind="invitation", recipients="bob@example.org", subject="Join", body="b", status="sent")
    client.force_login(editor)
    failed = client.get("/admin/outbox/message/?status__exact=failed").content.decode()
    found = client.get("/admin/outbox/message/?q=bob").content.decode()
    assert ("ann@example.org" in failed, "bob@example.org" in failed) == (True, False)
    assert ("ann@example.org" in found, "bob@example.org" in found) == (False, True)


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.django_db
def test_outbox_list_costs_the_same_queries_for_1_and_30_messages(client, editor, rows, django_assert_max_num_queries):
    for n in range(rows):
        Message.objects.create(kind="invitation", recipients=f"p{n}@example.org", subject=f"Join {n}", body="b")
    client.force_login(editor)
    with django_assert_max_num_queries(9):
        assert client.get("/admin/outbox/message/").status_code == 200


@pytest.mark.django_db
def test_a_mail_server_that_hangs_fails_the_attempt_after_email_timeout(smtp, settings):
    settings.EMAIL_TIMEOUT = 1
    smtp.release.clear()  # the server takes the mail and never answers
    message = outbox.queue_message(kind="test", recipients=["ann@example.org"], subject="Hello", body="b")
    assert outbox.deliver_message(message.pk) == "queued"
    message.refresh_from_db()
    assert (message.attempts, message.status) == (1, "queued")
    assert "timed out" in message.last_error


@pytest.mark.django_db
def test_a_message_whose_worker_died_on_its_last_attempt_ends_failed(smtp, settings):
    settings.DIGEST_OUTBOX_RETRY_DELAYS = [0]
    gone = timezone.now() - timezone.timedelta(seconds=1)
    Message.objects.create(kind="x", recipients="a@example.org", subject="Poison", body="b", status="sending",
                           attempts=2, locked_until=gone)  # fmt: skip
    assert outbox.deliver_due() == 0
    assert Message.objects.values_list("status", "last_error").get() == (
        "failed",
        "The worker stopped while sending it.",
    )
    assert smtp.received == []
