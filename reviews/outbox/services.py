"""Writing to the outbox, delivering, retrying, and sending again.

- `queue_message` is called inside the transaction of the change the message is about.
- `deliver_message` is the job the queue runs for one message: it claims the row (so that two
  workers never send it twice at once), sends it, and records the outcome. A failure waits
  `DIGEST_OUTBOX_RETRY_DELAYS[n]` seconds before attempt n + 2; after the last it is "failed".
- `deliver_due` runs every minute on the queue's scheduler: it sends what waits for a retry and
  takes back what a dead worker was holding (its lease ran out).
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..rules import is_editor
from ..services.errors import NotAllowed
from . import queue
from .channels import SENDERS
from .models import Channel, Message, MessageStatus

logger = logging.getLogger("digest.outbox")

DELIVER = "reviews.outbox.services.deliver_message"


def one_line(text):
    """Subjects and other header values: one line whatever the title held (no header injection)."""
    return " ".join(str(text).split())


def queue_message(*, kind, recipients, subject, body, channel=Channel.EMAIL, payload=None):
    """Write a message to the outbox; it is handed to a worker once the transaction commits."""
    message = Message.objects.create(
        channel=channel,
        kind=kind,
        recipients=", ".join(recipients),
        subject=one_line(subject)[:300],
        body=body,
        payload=payload or {},
    )
    queue.enqueue_on_commit(DELIVER, message.pk)
    return message


def max_attempts():
    return len(settings.DIGEST_OUTBOX_RETRY_DELAYS) + 1


def _claim(message_id, now):
    lease = now + datetime.timedelta(seconds=settings.DIGEST_OUTBOX_LEASE_SECONDS)
    return (
        Message.objects.due(now)
        .filter(pk=message_id)
        .update(status=MessageStatus.SENDING, locked_until=lease, attempts=F("attempts") + 1)
    )


def deliver_message(message_id):
    """Send one message if it is due and nobody else holds it. Returns its status afterwards."""
    now = timezone.now()
    if not _claim(message_id, now):
        return None
    message = Message.objects.get(pk=message_id)
    try:
        SENDERS[message.channel](message)
    except Exception as error:  # any failure of the outside world is recorded, never raised
        return _failed(message, error)
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.SENT, sent_at=timezone.now(), locked_until=None, last_error=""
    )
    return MessageStatus.SENT.value


def _failed(message, error):
    delays = settings.DIGEST_OUTBOX_RETRY_DELAYS
    reason = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts > len(delays):
        status, next_at = MessageStatus.FAILED, message.next_attempt_at
        logger.error("Message %s (%s) failed for good after %s attempts: %s", message.pk, message.kind,
                     message.attempts, reason)  # fmt: skip
    else:
        status = MessageStatus.QUEUED
        next_at = timezone.now() + datetime.timedelta(seconds=delays[message.attempts - 1])
        logger.warning("Message %s (%s) attempt %s failed, next at %s: %s", message.pk, message.kind,
                       message.attempts, next_at.isoformat(), reason)  # fmt: skip
    Message.objects.filter(pk=message.pk).update(
        status=status, next_attempt_at=next_at, locked_until=None, last_error=reason
    )
    return status.value


def deliver_due(limit=200):
    """The sweep: send every message whose next attempt is due, oldest first. Returns how many ran."""
    # A message whose worker died while sending it on its last attempt too: failed, like any other.
    Message.objects.filter(
        status=MessageStatus.SENDING, locked_until__lt=timezone.now(), attempts__gte=max_attempts()
    ).update(status=MessageStatus.FAILED, locked_until=None, last_error=_("The worker stopped while sending it."))
    ids = list(Message.objects.due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    for message_id in ids:
        deliver_message(message_id)
    return len(ids)


@transaction.atomic
def resend_messages(messages, *, by):
    """An editor sends messages again (failed ones, or sent ones someone did not get)."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may send messages again."))
    ids = [message.pk for message in messages if message.status != MessageStatus.SENDING]
    Message.objects.filter(pk__in=ids).update(
        status=MessageStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), locked_until=None, last_error=""
    )
    for message_id in ids:
        queue.enqueue_on_commit(DELIVER, message_id)
    return len(ids)
