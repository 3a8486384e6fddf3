"""Chat announcements: each event reaches a real local HTTP server in the channel's format.

Messages go through the outbox (channel "chat"); the queue's jobs run in the test's process once
the transaction commits (DIGEST_TASKS_SYNC), as a worker would run them.
"""

import datetime
import logging

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format

from digest import services as issue_services
from digest.chat.models import ChatChannel
from reviews import reminders, services
from reviews.models import Paper
from reviews.outbox import services as outbox
from reviews.outbox.models import Message
from tests.chat_server import ChatServer, connect_channel
from tests.factories import (
    AssignmentFactory,
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    ReviewerFactory,
    SeriesFactory,
)

TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
def chat():
    with ChatServer() as server:
        yield server


@pytest.fixture
def series(db):
    return SeriesFactory(name="Reading articles for you", language="en")


@pytest.fixture
def hook(chat, series):
    return connect_channel(series, f"{chat.url}/hooks/T000/B000/s3cr3tWebhookPath")


@pytest.mark.django_db
def test_a_proposed_paper_reaches_a_slack_compatible_webhook_with_its_claim_link(
    chat, hook, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.propose_paper(by=author.user, title="Layer rotation", authors="S. Carbonnelle", year=2018)
    assert chat.received[0]["path"] == "/hooks/T000/B000/s3cr3tWebhookPath"
    assert chat.delivered == [
        {
            "text": "New paper open to claim: Layer rotation\nS. Carbonnelle (2018)\n"
            f"Who takes it? Claim it here: http://127.0.0.1:8000/papers/{paper.pk}/"
        }
    ]
    message = Message.objects.get()
    assert (message.channel, message.kind, message.status) == ("chat", "chat_paper_proposed", "sent")
    assert message.recipients == "#papers (Reading articles for you)"


@pytest.mark.django_db
def test_a_claim_reaches_a_discord_webhook_naming_the_reviewer_by_chat_handle(
    chat, series, author, django_capture_on_commit_callbacks
):
    connect_channel(series, f"{chat.url}/api/webhooks/1/abc", format="discord")
    author.chat_handle = "ann_a"
    author.save()
    paper = PaperFactory(title="Attention is all you need")
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.claim_paper(paper, reviewer=author, by=author.user)
    due = date_format(assignment.due_date)
    assert chat.delivered == [
        {"content": f"@ann_a takes “Attention is all you need”, due {due}.", "allowed_mentions": {"parse": []}}
    ]


@pytest.mark.django_db
def test_reminders_reach_a_telegram_channel_through_the_bot_api(
    chat, series, settings, django_capture_on_commit_callbacks
):
    settings.DIGEST_TELEGRAM_API_URL = chat.url
    connect_channel(series, TOKEN, format="telegram", chat_id="@digest_papers")
    today = timezone.localdate()
    reviewer = ReviewerFactory(chat_handle="@late_larry", display_name="Larry")
    late = AssignmentFactory(reviewer=reviewer, due_date=today - datetime.timedelta(days=2), paper__title="Late one")
    AssignmentFactory(reviewer=ReviewerFactory(chat_handle=""), due_date=today + datetime.timedelta(days=1),
                      paper__title="Soon one")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        results = reminders.remind_assignments(today=today)
    assert [result.sent for result in results] == [True, True]
    assert {request["path"] for request in chat.received} == {f"/bot{TOKEN}/sendMessage"}
    texts = sorted(body["text"] for body in chat.delivered)
    assert texts[0].startswith(f"@late_larry, your review of “Late one” was due on {date_format(late.due_date)}. ")
    assert "a friendly reminder: your review of “Soon one” is due on" in texts[1]
    assert {(body["chat_id"], body["disable_web_page_preview"]) for body in chat.delivered} == {
        ("@digest_papers", True)
    }


@pytest.mark.django_db
def test_a_published_issue_reaches_the_channels_of_its_series_only(
    chat, hook, series, editor, django_capture_on_commit_callbacks
):
    connect_channel(SeriesFactory(name="Another series"), f"{chat.url}/other")
    issue = IssueFactory(series=series, period_start=datetime.date(2020, 4, 1), period_end=datetime.date(2020, 4, 1))
    IssueEntryFactory(issue=issue, position=1, review__paper__title="First paper")
    IssueEntryFactory(issue=issue, position=2, review__paper__title="Second paper")
    with django_capture_on_commit_callbacks(execute=True):
        issue_services.publish_issue(issue, by=editor, url="https://habr.com/ru/post/1/")
    announced = [request for request in chat.received if "New issue out" in request["json"]["text"]]
    assert [request["path"] for request in announced] == ["/hooks/T000/B000/s3cr3tWebhookPath"]
    assert announced[0]["json"]["text"] == (
        "New issue out: Reading articles for you. April 2020\n\n1. First paper\n2. Second paper\n\n"
        "https://habr.com/ru/post/1/"
    )


@pytest.mark.django_db
def test_a_failing_webhook_is_retried_after_a_500_and_nothing_is_sent_twice(
    chat, hook, author, settings, caplog, django_capture_on_commit_callbacks
):
    settings.DIGEST_OUTBOX_RETRY_DELAYS = [0, 0]  # a retry is due at once: the test runs the sweep itself
    chat.fail_next = 1
    with caplog.at_level(logging.DEBUG), django_capture_on_commit_callbacks(execute=True):
        services.propose_paper(by=author.user, title="Flaky")
    message = Message.objects.get()
    assert (message.status, message.attempts, chat.delivered) == ("queued", 1, [])
    assert (
        message.last_error
        == 'ChatDeliveryError: Slack-compatible webhook (Slack, Mattermost, Rocket.Chat): HTTP 500 {"ok": false}'
    )

    with caplog.at_level(logging.DEBUG):
        assert outbox.deliver_due() == 1
        assert outbox.deliver_due() == 0  # sent: the sweep has nothing left

    message.refresh_from_db()
    assert (message.status, message.attempts, len(chat.received), len(chat.delivered)) == ("sent", 2, 2, 1)
    assert "s3cr3tWebhookPath" not in caplog.text


@pytest.mark.django_db
def test_an_unreachable_webhook_fails_without_naming_its_address(hook, author, settings, caplog):
    hook.set_secret("http://127.0.0.1:9/hooks/s3cr3tWebhookPath")  # discard port: nothing listens
    hook.save()
    with caplog.at_level(logging.DEBUG):
        services.propose_paper(by=author.user, title="Nobody listens")
        outbox.deliver_due()
    message = Message.objects.get()
    assert message.status == "queued"
    assert message.last_error.startswith("ChatDeliveryError: Slack-compatible webhook")
    assert "s3cr3tWebhookPath" not in message.last_error + caplog.text


@pytest.mark.django_db
def test_channels_hear_only_the_events_they_chose_and_only_while_active(
    chat, series, author, django_capture_on_commit_callbacks
):
    connect_channel(series, f"{chat.url}/claims", events=["paper_claimed"])
    inactive = connect_channel(series, f"{chat.url}/off", name="#off")
    ChatChannel.objects.filter(pk=inactive.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.propose_paper(by=author.user, title="Quiet")
        services.claim_paper(paper, reviewer=author, by=author.user)
    assert [request["path"] for request in chat.received] == ["/claims"]


@pytest.mark.django_db
def test_a_refused_claim_announces_nothing(chat, hook, author):
    paper = PaperFactory(title="Taken")
    services.claim_paper(paper, reviewer=ReviewerFactory(), by=author.user)
    with pytest.raises(services.WorkflowError):
        services.claim_paper(paper, reviewer=author, by=author.user)
    assert Message.objects.filter(kind="chat_paper_claimed").count() == 1


@pytest.mark.django_db
def test_texts_are_written_in_the_language_of_the_series(chat, author, django_capture_on_commit_callbacks):
    connect_channel(SeriesFactory(name="Читаем статьи за вас", language="ru"), f"{chat.url}/ru")
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_paper(by=author.user, title="Layer rotation")
    assert chat.delivered[0]["text"].startswith("Новая статья, которую можно взять: Layer rotation\n")


@pytest.mark.django_db
def test_the_secret_is_stored_encrypted(hook):
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted, secret_tail FROM chat_chatchannel")
        stored, tail = cursor.fetchone()
    assert "s3cr3t" not in stored
    assert tail == "Path"
    assert ChatChannel.objects.get().secret.endswith("/hooks/T000/B000/s3cr3tWebhookPath")


@pytest.mark.django_db
def test_a_dump_of_the_database_holds_no_secret_in_clear(hook, author):
    import io

    from django.core.management import call_command

    from api.tokens import create_token

    _token, key = create_token(author.user, name="script")
    dump = io.StringIO()
    call_command("dumpdata", "chat", "api", "outbox", stdout=dump)
    assert "s3cr3tWebhookPath" not in dump.getvalue()
    assert key not in dump.getvalue()
    assert '"model": "chat.chatchannel"' in dump.getvalue()


@pytest.mark.django_db
def test_importing_the_back_catalogue_announces_nothing(hook):
    from pathlib import Path

    from digest.importer.load import import_post

    post = Path(__file__).resolve().parents[2] / "digest" / "demo" / "ods-2018-02-03-en.html"
    import_post(post.read_text(encoding="utf-8"), series_name="Reading articles for you")
    assert Paper.objects.exists()
    assert not Message.objects.filter(channel="chat").exists()
