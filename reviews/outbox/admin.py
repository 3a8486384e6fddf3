"""The outbox in the editors' desk: queued, sent and failed messages, searched and filtered, sent again."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext

from ..rules import is_editor
from . import services
from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "kind", "status_label", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["recipients", "subject"]
    fields = [
        "status_label", "channel", "kind", "recipients", "subject", "text",
        "attempts", "last_error", "created_at", "next_attempt_at", "sent_at",
    ]  # fmt: skip
    readonly_fields = fields
    actions = ["resend"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a message is read, and sent again; never edited (the change permission allows "resend")

    def has_resend_permission(self, request):
        return is_editor(request.user) and request.user.has_perm("outbox.change_message")

    @admin.display(description=gettext_lazy("body"))
    def text(self, obj):
        if obj.payload.get("secret"):  # a log-in link (password reset, sign-up): for its recipient only
            return gettext("Not shown: it holds a link that logs its recipient in.")
        return format_html('<pre class="desk-mail">{}</pre>', obj.body)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        return format_html('<span class="desk-badge desk-badge--message-{}">{}</span>', obj.status,
                           obj.get_status_display())  # fmt: skip

    @admin.action(description=gettext_lazy("Send the selected messages again"), permissions=["resend"])
    def resend(self, request, queryset):
        count = services.resend_messages(list(queryset), by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d message queued to be sent again.", "%(count)d messages queued to be sent again.",
                     count) % {"count": count},
            messages.SUCCESS,
        )  # fmt: skip
