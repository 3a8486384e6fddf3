"""How each kind of message leaves. A sender raises on failure; the outbox records it and retries.

Mail is sent here; chat messages by digest.chat.delivery, which registers itself (reviews never
imports digest).
"""

from django.core.mail import EmailMessage

from .models import Channel


def send_email(message):
    EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=message.payload.get("from_email") or None,
        to=message.recipient_list,
    ).send()


SENDERS = {Channel.EMAIL: send_email}


def register_sender(channel, send):
    SENDERS[channel] = send
