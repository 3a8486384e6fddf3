"""Chat channels in the desk: editors connect them, the secret is never shown again, a test message goes out."""

import pytest

from digest.chat.models import ChatChannel
from reviews.outbox import services as outbox
from reviews.outbox.models import Message
from tests.chat_server import ChatServer, connect_channel
from tests.factories import SeriesFactory

SECRET_PATH = "/hooks/T000/B000/s3cr3tWebhookPath"


@pytest.fixture
def chat(settings):
    settings.DIGEST_CHAT_ALLOW_HTTP = True  # the local test server speaks plain HTTP
    with ChatServer() as server:
        yield server


@pytest.fixture
def series(db):
    return SeriesFactory(name="Reading articles for you")


def channel_form(series, secret, **extra):
    data = {
        "series": series.pk, "name": "#papers", "format": "slack", "secret": secret, "telegram_chat_id": "",
        "events": ["paper_proposed", "issue_published"], "is_active": "on",
    }  # fmt: skip
    return {**data, **extra}


@pytest.mark.django_db
def test_an_editor_connects_a_channel_and_never_sees_its_secret_again(client, editor, series, chat):
    client.force_login(editor)
    response = client.post("/admin/chat/chatchannel/add/", channel_form(series, chat.url + SECRET_PATH))
    channel = ChatChannel.objects.get()
    assert (response.status_code, channel.events, channel.secret_tail) == (
        302,
        ["paper_proposed", "issue_published"],
        "Path",
    )

    pages = [client.get("/admin/chat/chatchannel/"), client.get(f"/admin/chat/chatchannel/{channel.pk}/change/")]
    assert [page.status_code for page in pages] == [200, 200]
    assert all("s3cr3t" not in page.content.decode() for page in pages)
    assert "set, ends …Path" in pages[0].content.decode()
    assert "Set, ends …Path" in pages[1].content.decode()


@pytest.mark.django_db
def test_saving_a_channel_without_typing_the_secret_keeps_it(client, editor, series, chat):
    channel = connect_channel(series, chat.url + SECRET_PATH)
    client.force_login(editor)
    response = client.post(f"/admin/chat/chatchannel/{channel.pk}/change/", channel_form(series, "", name="#renamed"))
    channel.refresh_from_db()
    assert (response.status_code, channel.name, channel.secret) == (302, "#renamed", chat.url + SECRET_PATH)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "field", "error"),
    [
        ({"secret": ""}, "secret", "Enter the webhook URL or the bot token."),
        ({"secret": "not a url"}, "secret", "Enter the webhook&#x27;s full URL (https://…)."),
        ({"format": "telegram", "secret": "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"}, "telegram_chat_id",
         "Telegram needs the channel: its @username or numeric id."),
        ({"format": "telegram", "secret": "https://example.org/hook", "telegram_chat_id": "@x"}, "secret",
         "A Telegram bot token looks like 123456:ABC-DEF… (from @BotFather)."),
    ],
)  # fmt: skip
def test_a_channel_with_a_missing_or_malformed_secret_is_refused(client, editor, series, extra, field, error):
    client.force_login(editor)
    response = client.post("/admin/chat/chatchannel/add/", {**channel_form(series, ""), **extra})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not ChatChannel.objects.exists()


@pytest.mark.django_db
def test_send_test_message_goes_through_the_outbox_to_the_webhook(
    client, editor, series, chat, django_capture_on_commit_callbacks
):
    channel = connect_channel(series, chat.url + SECRET_PATH)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/chat/chatchannel/{channel.pk}/send-test/")
    message = Message.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/admin/chat/chatchannel/{channel.pk}/change/")
    assert (message.channel, message.kind, message.status) == ("chat", "chat_test", "sent")
    assert chat.delivered == [
        {"text": "Test message from Digest: this channel will hear about “Reading articles for you”."}
    ]
    outbox_page = client.get(f"/admin/outbox/message/{message.pk}/change/").content.decode()
    assert "Test message from Digest" in outbox_page
    assert "s3cr3t" not in outbox_page


@pytest.mark.django_db
def test_members_cannot_send_test_messages(client, author, series, chat):
    channel = connect_channel(series, chat.url + SECRET_PATH)
    client.force_login(author.user)
    response = client.post(f"/admin/chat/chatchannel/{channel.pk}/send-test/")
    assert response.status_code == 403
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_plain_http_webhooks_are_refused_unless_allowed(client, editor, series):
    client.force_login(editor)
    response = client.post("/admin/chat/chatchannel/add/", channel_form(series, "http://chat.example.org/hooks/x"))
    assert "Enter the webhook&#x27;s full URL (https://…)." in response.content.decode()
    assert not ChatChannel.objects.exists()


@pytest.mark.django_db
def test_a_webhook_that_keeps_failing_shows_in_the_outbox_beside_the_mail(client, editor, series, chat, settings):
    settings.DIGEST_OUTBOX_RETRY_DELAYS = [0]  # one retry, at once
    chat.fail_next = 2
    channel = connect_channel(series, chat.url + SECRET_PATH)
    client.force_login(editor)
    client.post(f"/admin/chat/chatchannel/{channel.pk}/send-test/")
    outbox.deliver_due()  # the first attempt answers 500, and so does the retry:
    outbox.deliver_due()
    page = client.get("/admin/outbox/message/?status__exact=failed").content.decode()
    assert "#papers (Reading articles for you)" in page
    assert Message.objects.get().last_error.endswith('HTTP 500 {"ok": false}')
    assert "s3cr3t" not in page
