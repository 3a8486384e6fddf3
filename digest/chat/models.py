"""A chat channel of a series: where its announcements go, in which format, about which events."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from digest.models import Series

from . import secrets


class ChatFormat(models.TextChoices):
    SLACK = "slack", _("Slack-compatible webhook (Slack, Mattermost, Rocket.Chat)")
    DISCORD = "discord", _("Discord webhook")
    TELEGRAM = "telegram", _("Telegram bot (sendMessage to a channel)")


class ChatEvent(models.TextChoices):
    PAPER_PROPOSED = "paper_proposed", _("A paper is proposed and open to claim")
    PAPER_CLAIMED = "paper_claimed", _("A paper is claimed")
    ASSIGNMENT_REMINDER = "assignment_reminder", _("Reminders of due and overdue reviews")
    ISSUE_PUBLISHED = "issue_published", _("An issue is published")


class ChatChannelQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def listening_to(self, event):
        """Active channels that announce `event` (a handful per site: filtered here, not in SQL)."""
        return [channel for channel in self.active().select_related("series") if event in channel.events]


class ChatChannel(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="chat_channels", verbose_name=_("series"))
    name = models.CharField(_("name"), max_length=100, help_text=_('How the desk names it, e.g. "#papers on Slack".'))
    format = models.CharField(_("format"), max_length=16, choices=ChatFormat.choices, default=ChatFormat.SLACK)
    # The webhook address (Slack, Discord) or the bot token (Telegram), encrypted; never shown again.
    secret_encrypted = models.TextField(editable=False)
    secret_tail = models.CharField(_("secret ends with"), max_length=4, editable=False)
    telegram_chat_id = models.CharField(
        _("Telegram chat"), max_length=100, blank=True, help_text=_("The channel's @username or numeric id.")
    )
    events = models.JSONField(_("events"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ChatChannelQuerySet.as_manager()

    class Meta:
        ordering = ["series__name", "name"]
        verbose_name = _("chat channel")
        verbose_name_plural = _("chat channels")

    def __str__(self):
        return f"{self.name} ({self.series})"

    @property
    def secret(self):
        return secrets.decrypt(self.secret_encrypted)

    def set_secret(self, value):
        value = value.strip()
        self.secret_encrypted = secrets.encrypt(value)
        self.secret_tail = value[-4:]
