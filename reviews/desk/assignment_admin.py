"""Assignments in the admin: overdue ones stand out, reminders, cancelling, and assigning a paper."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import reminders, rules, services
from ..enums import AssignmentStatus
from ..models import Assignment
from .filters import OverdueFilter
from .forms import AssignForm


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["paper", "reviewer", "due", "status_label", "last_reminded_on"]
    list_filter = ["status", OverdueFilter]
    search_fields = ["paper__title", "reviewer__display_name", "reviewer__chat_handle"]
    list_select_related = ["paper", "reviewer"]
    fields = ["paper", "reviewer", "due_date", "status_label", "assigned_by", "last_reminded_on", "created_at"]
    readonly_fields = ["paper", "reviewer", "status_label", "assigned_by", "last_reminded_on", "created_at"]
    actions = ["send_reminder", "cancel_assignments"]
    show_full_result_count = False

    def has_remind_permission(self, request):
        return rules.is_editor(request.user)

    @admin.display(description=gettext_lazy("due"), ordering="due_date")
    def due(self, obj):
        if not obj.is_overdue:
            return date_format(obj.due_date)
        days = (timezone.localdate() - obj.due_date).days
        return format_html(
            '<span class="desk-overdue">{} · {}</span>',
            date_format(obj.due_date),
            ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days},
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        return format_html(
            '<span class="desk-badge desk-badge--assignment-{}">{}</span>', obj.status, obj.get_status_display()
        )

    # --- assigning: the "add" page offers a paper to a reviewer through the service -------------

    def add_view(self, request, form_url="", extra_context=None):
        if not (self.has_add_permission(request) and rules.is_editor(request.user)):
            raise PermissionDenied
        initial = {}
        if (paper := request.GET.get("paper", "")).isdigit():
            initial["paper"] = paper
        form = AssignForm(request.POST or None, initial=initial, ask_paper=True)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            paper, reviewer, due_date = data["paper"], data["reviewer"], data["due_date"]
            try:
                assignment = services.assign_paper(paper, reviewer=reviewer, by=request.user, due_date=due_date)
            except services.WorkflowError as error:
                form.add_error(None, error)
            else:
                self.log_addition(request, assignment, f"Offered to {reviewer}, due {due_date}.")
                self.message_user(request, form.offered_message(paper), messages.SUCCESS)
                return redirect(reverse("admin:reviews_assignment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Assign a reviewer"),
            "form": form,
            "papers": [],
            "media": self.media + form.media,
            "cancel_url": reverse("admin:reviews_assignment_changelist"),
        }
        return TemplateResponse(request, "admin/reviews/paper/action_form.html", context)

    # --- actions --------------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Send a reminder to the reviewers"), permissions=["remind"])
    def send_reminder(self, request, queryset):
        results = reminders.send_reminders(queryset.select_related("paper", "reviewer__user"), by=request.user)
        sent = [result for result in results if result.sent]
        for result in results:
            if result.problem:
                self.message_user(
                    request,
                    _("No reminder about “%(title)s”: %(problem)s.")
                    % {"title": result.assignment.paper.title, "problem": result.problem},
                    messages.WARNING,
                )
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", len(sent)) % {"count": len(sent)},
                messages.SUCCESS,
            )

    @admin.action(description=gettext_lazy("Cancel selected assignments"), permissions=["remind"])
    def cancel_assignments(self, request, queryset):
        done = 0
        for assignment in queryset.select_related("paper"):
            try:
                services.set_assignment_status(assignment, to=AssignmentStatus.CANCELLED, by=request.user)
                self.log_change(request, assignment, "Cancelled.")
                done += 1
            except services.WorkflowError as error:
                self.message_user(request, f"“{assignment.paper.title}”: {error.messages[0]}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d assignment cancelled.", "%(count)d assignments cancelled.", done) % {"count": done},
                messages.SUCCESS,
            )
