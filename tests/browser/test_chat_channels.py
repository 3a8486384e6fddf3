"""An editor connects a series to a chat in the desk; every announcement reaches a real local webhook.

The webhook is tests/chat_server.py, a threaded HTTP server. Outbox jobs run in the live server's
process once the change commits (DIGEST_TASKS_SYNC), so a message has arrived when the page that
caused it has loaded.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from digest import services as issue_services
from digest.chat.models import ChatChannel
from reviews import reminders
from tests.chat_server import ChatServer
from tests.factories import AssignmentFactory, IssueEntryFactory, IssueFactory, ReviewerFactory, SeriesFactory


@pytest.fixture
def chat(settings):
    settings.DIGEST_CHAT_ALLOW_HTTP = True  # the local test server speaks plain HTTP
    with ChatServer() as server:
        yield server


def texts(chat):
    return [body["text"] for body in chat.delivered]


def test_editor_connects_a_channel_sends_a_test_and_each_event_arrives(
    page, live_server, console_errors, login, editor, chat
):
    series = SeriesFactory(name="Reading articles for you")
    ReviewerFactory(user=editor, display_name="Eddie Editor", chat_handle="eddie")
    login(editor)

    # Connect the channel in the desk.
    page.goto(f"{live_server.url}/admin/chat/chatchannel/add/")
    page.get_by_label("Series").select_option(label="Reading articles for you")
    page.get_by_label("Name").fill("#papers")
    page.get_by_label("Format").select_option("slack")
    page.get_by_label("Webhook URL or bot token").fill(f"{chat.url}/hooks/T1/B1/s3cr3t")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert "s3cr3t" not in page.content()
    expect(page.get_by_text("Set, ends …cr3t.")).to_be_visible()

    # Send test message.
    page.get_by_role("button", name="Send test message").click()
    expect(page.locator(".messagelist")).to_contain_text("A test message is on its way to “#papers”")
    assert texts(chat) == ["Test message from Digest: this channel will hear about “Reading articles for you”."]
    assert chat.received[0]["path"] == "/hooks/T1/B1/s3cr3t"

    # The outbox lists it beside the mail, sent.
    page.goto(f"{live_server.url}/admin/outbox/message/?channel__exact=chat")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list tbody .field-status_label")).to_have_text("Sent")

    # A paper proposed by hand, then claimed: two announcements.
    page.goto(f"{live_server.url}/papers/propose/")
    page.get_by_label("Title").fill("Layer rotation")
    page.get_by_role("button", name="Propose the paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Layer rotation")
    assert texts(chat)[1].startswith("New paper open to claim: Layer rotation\n")
    page.get_by_role("button", name="I'll review it").click()
    expect(page.locator("textarea[name=body]")).to_be_visible()
    assert texts(chat)[2].startswith("@eddie takes “Layer rotation”, due ")

    # A reminder of an overdue review, and a published issue.
    today = timezone.localdate()
    AssignmentFactory(reviewer=ReviewerFactory(chat_handle="late_larry"), due_date=today - datetime.timedelta(days=1),
                      paper__title="Late one")  # fmt: skip
    reminders.remind_assignments(today=today)
    issue = IssueFactory(series=series, period_start=datetime.date(2020, 4, 1), period_end=datetime.date(2020, 4, 1))
    IssueEntryFactory(issue=issue, review__paper__title="First paper")
    issue_services.publish_issue(issue, by=editor, url="https://habr.com/ru/post/1/")
    assert texts(chat)[3].startswith("@late_larry, your review of “Late one” was due on ")
    assert texts(chat)[4].startswith("New issue out: Reading articles for you. April 2020\n\n1. First paper\n")
    assert ChatChannel.objects.get().secret_tail == "cr3t"
    assert [error for error in console_errors if "404 (Not Found)" not in error] == []
