"""One message to the outside world, its state and its attempts."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How a message leaves, each with a sender in channels.py."""

    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Chat")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class MessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Waiting for their next attempt, or held by a worker that died (its lease ran out)."""
        now = now or timezone.now()
        return self.filter(
            models.Q(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
            | models.Q(status=MessageStatus.SENDING, locked_until__lt=now)
        )

    def failed(self):
        return self.filter(status=MessageStatus.FAILED)

    def pending(self):
        return self.filter(status__in=[MessageStatus.QUEUED, MessageStatus.SENDING])


class Message(models.Model):
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField(_("kind"), max_length=64, help_text=_("What the message is about, e.g. review_approved."))
    recipients = models.TextField(
        _("recipients"), help_text=_("E-mail addresses, comma-separated; for a chat message, the channel's name.")
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    payload = models.JSONField(_("payload"), default=dict, blank=True, help_text=_("What else the channel needs."))
    status = models.CharField(
        _("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.QUEUED, editable=False
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, editable=False)
    locked_until = models.DateTimeField(_("held by a worker until"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    created_at = models.DateTimeField(_("queued"), default=timezone.now, editable=False, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due")]

    def __str__(self):
        return self.subject

    @property
    def recipient_list(self):
        return [address.strip() for address in self.recipients.split(",") if address.strip()]
