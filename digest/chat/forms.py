"""The desk's form for a chat channel: the secret is written, never read back."""

import re

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from .models import ChatChannel, ChatEvent, ChatFormat

TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")


class ChatChannelForm(forms.ModelForm):
    secret = forms.CharField(
        label=_("Webhook URL or bot token"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("The incoming-webhook URL (Slack, Mattermost, Rocket.Chat, Discord) or the Telegram bot token. "
                    "Stored encrypted and never shown again; leave empty to keep the one set."),
    )  # fmt: skip
    events = forms.MultipleChoiceField(
        label=_("Announce"), choices=ChatEvent.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ChatChannel
        fields = ["series", "name", "format", "secret", "telegram_chat_id", "events", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.secret_tail:
            self.fields["secret"].help_text = _("Set, ends …%(tail)s. Type a new one to replace it.") % {
                "tail": self.instance.secret_tail
            }
        elif not self.instance.pk:
            self.initial.setdefault("events", list(ChatEvent.values))

    def clean(self):
        data = super().clean()
        secret, channel_format = data.get("secret", ""), data.get("format")
        if not secret and not self.instance.secret_encrypted:
            self.add_error("secret", _("Enter the webhook URL or the bot token."))
        elif secret and channel_format == ChatFormat.TELEGRAM:
            if not TELEGRAM_TOKEN.match(secret):
                self.add_error("secret", _("A Telegram bot token looks like 123456:ABC-DEF… (from @BotFather)."))
        elif secret:
            schemes = ["https", "http"] if settings.DIGEST_CHAT_ALLOW_HTTP else ["https"]
            try:
                URLValidator(schemes=schemes)(secret)
            except forms.ValidationError:
                self.add_error("secret", _("Enter the webhook's full URL (https://…)."))
        if channel_format == ChatFormat.TELEGRAM and not data.get("telegram_chat_id"):
            self.add_error("telegram_chat_id", _("Telegram needs the channel: its @username or numeric id."))
        return data

    def save(self, commit=True):
        if self.cleaned_data.get("secret"):
            self.instance.set_secret(self.cleaned_data["secret"])
        return super().save(commit)
