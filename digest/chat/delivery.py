"""Sending one chat message of the outbox: the payload of each format, POSTed over HTTP.

The outbox row holds the text and the channel's id, never its address: the webhook address or
bot token is read (decrypted) here, at sending time, and no error recorded or logged names it.
"""

import httpx
from django.conf import settings

from .models import ChatChannel, ChatFormat

LIMITS = {ChatFormat.SLACK: 40000, ChatFormat.DISCORD: 2000, ChatFormat.TELEGRAM: 4096}


class ChatDeliveryError(Exception):
    """A failed delivery, in words that hold no secret."""


def payload(channel_format, text, *, chat_id=""):
    """The JSON body each service expects."""
    text = text[: LIMITS[channel_format]]
    if channel_format == ChatFormat.DISCORD:
        return {"content": text, "allowed_mentions": {"parse": []}}
    if channel_format == ChatFormat.TELEGRAM:
        return {"chat_id": chat_id, "text": text, "disable_web_page_preview": True}
    return {"text": text}


def _address(channel):
    secret = channel.secret
    if not secret:
        raise ChatDeliveryError("The channel's secret cannot be read: enter it again in the desk.")
    if channel.format == ChatFormat.TELEGRAM:
        return f"{settings.DIGEST_TELEGRAM_API_URL}/bot{secret}/sendMessage", secret
    return secret, secret


def send_chat(message):
    """The outbox's sender for Channel.CHAT. Raises ChatDeliveryError; the outbox retries."""
    channel = ChatChannel.objects.filter(pk=message.payload.get("chat_channel")).first()
    if channel is None:
        raise ChatDeliveryError("The chat channel was removed.")
    url, secret = _address(channel)
    body = payload(channel.format, message.body.strip(), chat_id=channel.telegram_chat_id)
    try:
        response = httpx.post(url, json=body, timeout=settings.DIGEST_CHAT_TIMEOUT)
    except httpx.HTTPError as error:
        # Transport errors may quote the address: keep the kind of failure only.
        raise ChatDeliveryError(f"{channel.get_format_display()}: {type(error).__name__}") from None
    if not response.is_success:  # a redirect too: a webhook that moved is not delivered to
        detail = response.text[:200].replace(secret, "…")
        raise ChatDeliveryError(f"{channel.get_format_display()}: HTTP {response.status_code} {detail}".strip())
