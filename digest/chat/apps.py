from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatConfig(AppConfig):
    name = "digest.chat"
    label = "chat"
    verbose_name = _("Chat")

    def ready(self):
        from reviews.announcements import happened
        from reviews.outbox.channels import register_sender
        from reviews.outbox.models import Channel

        from . import announce, delivery

        happened.connect(announce.on_review_event, dispatch_uid="digest.chat")
        register_sender(Channel.CHAT, delivery.send_chat)
