"""Chat channels in the desk: connect a series to a chat, choose its events, send a test message."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from . import announce
from .forms import ChatChannelForm
from .models import ChatChannel, ChatEvent


@admin.register(ChatChannel)
class ChatChannelAdmin(admin.ModelAdmin):
    form = ChatChannelForm
    list_display = ["name", "series", "format", "secret_set", "event_list", "is_active"]
    list_filter = ["format", "is_active", "series"]
    list_select_related = ["series"]
    search_fields = ["name", "series__name"]
    change_form_template = "admin/chat/chatchannel/change_form.html"

    @admin.display(description=gettext_lazy("secret"))
    def secret_set(self, obj):
        return gettext("set, ends …%(tail)s") % {"tail": obj.secret_tail} if obj.secret_tail else "—"

    @admin.display(description=gettext_lazy("events"))
    def event_list(self, obj):
        labels = dict(ChatEvent.choices)
        return "; ".join(str(labels[event]) for event in obj.events if event in labels) or "—"

    def get_urls(self):
        test = self.admin_site.admin_view(self.send_test_view)
        return [path("<path:object_id>/send-test/", test, name="chat_chatchannel_send_test"), *super().get_urls()]

    def send_test_view(self, request, object_id):
        return require_POST(self._send_test)(request, object_id)

    def _send_test(self, request, object_id):
        channel = get_object_or_404(ChatChannel, pk=object_id)
        if not self.has_change_permission(request, channel):
            raise PermissionDenied
        with transaction.atomic():
            announce.send_test_message(channel)
        self.message_user(
            request,
            gettext("A test message is on its way to “%(name)s”: see the outbox for its delivery.")
            % {"name": channel.name},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:chat_chatchannel_change", args=[channel.pk]))
