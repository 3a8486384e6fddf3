"""The chat announcements: which channels hear of an event, and the text each gets.

Texts are templates (templates/chat/<event>.txt) rendered in the language of the channel's
series. Every message is an outbox row written in the transaction of the change (channel
"chat"), sent by the queue's worker and retried like mail; failures show in the desk's outbox.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reviews.models import Assignment, Paper
from reviews.outbox.models import Channel
from reviews.outbox.services import queue_message

from .models import ChatChannel, ChatEvent


def render_text(event, channel, context):
    with translation.override(channel.series.language):
        return render_to_string(f"chat/{event}.txt", {**context, "series": channel.series}).strip() + "\n"


def post(channel, event, context, *, kind=None):
    """Queue one message for one channel; returns the outbox row."""
    text = render_text(event, channel, context)
    return queue_message(
        kind=kind or f"chat_{event}",
        channel=Channel.CHAT,
        recipients=[str(channel)],
        subject=text.splitlines()[0],
        body=text,
        payload={"chat_channel": channel.pk, "event": event},
    )


def announce(event, context):
    return [post(channel, event, context) for channel in ChatChannel.objects.listening_to(event)]


def mention(reviewer):
    """How the chat names a reviewer: @handle when they gave one, else their display name."""
    handle = reviewer.chat_handle.strip().lstrip("@")
    return f"@{handle}" if handle else reviewer.display_name


def on_review_event(sender, **ids):
    """reviews.announcements.happened: a paper proposed or claimed, a reminder sent."""
    if sender == ChatEvent.PAPER_PROPOSED:
        paper = Paper.objects.get(pk=ids["paper_id"])
        claim_url = settings.SITE_URL + reverse("paper_detail", args=[paper.pk])
        return announce(sender, {"paper": paper, "claim_url": claim_url})
    assignment = Assignment.objects.select_related("paper", "reviewer").get(pk=ids["assignment_id"])
    context = {"assignment": assignment, "paper": assignment.paper, "who": mention(assignment.reviewer)}
    if sender == ChatEvent.ASSIGNMENT_REMINDER:
        context["overdue"] = ids.get("overdue", False)
    return announce(sender, context)


def issue_published(issue):
    """Called by publish_issue inside its transaction: title, contents and link to each channel of the series."""
    from digest.titles import issue_title

    channels = [
        channel for channel in issue.series.chat_channels.active() if ChatEvent.ISSUE_PUBLISHED in channel.events
    ]
    if not channels:
        return []
    context = {
        "title": issue_title(issue),
        "titles": list(issue.entries.order_by("position", "id").values_list("review__paper__title", flat=True)),
        "url": issue.published_url,
        "archive_url": settings.SITE_URL + issue.get_absolute_url(),
    }
    return [post(channel, ChatEvent.ISSUE_PUBLISHED, context) for channel in channels]


def send_test_message(channel):
    """The desk's "Send test message": one message through the outbox like any other."""
    return post(channel, "test", {"channel": channel}, kind="chat_test")
