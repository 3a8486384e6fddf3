"""The editors' desk for papers, reviewers, assignments and reviews.

Status is read-only everywhere; it changes only through actions that call the workflow services.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .enums import ReviewStatus
from .models import Assignment, Invitation, Paper, PaperLink, Review, Reviewer, ReviewEvent, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "paper_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(paper_count=Count("papers"))

    @admin.display(description=_("papers"), ordering="paper_count")
    def paper_count(self, obj):
        return obj.paper_count


class PaperLinkInline(admin.TabularInline):
    model = PaperLink
    extra = 0
    fields = ["kind", "label", "url", "position"]


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "affiliations", "arxiv_id", "status", "created_at"]
    list_filter = ["status", "year", "topics"]
    search_fields = ["title", "authors", "arxiv_id", "affiliations"]
    autocomplete_fields = ["topics", "duplicate_of", "proposed_by"]
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [PaperLinkInline]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["title", "authors", "affiliations", "year", "topics"]}),
        (_("Where to find it"), {"fields": ["original_url", "arxiv_id"]}),
        (_("Triage"), {"fields": ["status", "duplicate_of", "proposed_by", "created_at", "updated_at"]}),
    ]


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "chat_handle", "blog_handle", "user", "created_at"]
    search_fields = ["display_name", "chat_handle", "blog_handle", "user__email", "user__username"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = ["slug", "created_at"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["paper", "reviewer", "due_date", "status", "is_overdue", "last_reminded_on"]
    list_filter = ["status", "due_date"]
    search_fields = ["paper__title", "reviewer__display_name", "reviewer__chat_handle"]
    autocomplete_fields = ["paper", "reviewer", "assigned_by"]
    list_select_related = ["paper", "reviewer"]
    readonly_fields = ["status", "last_reminded_on", "created_at", "updated_at"]

    @admin.display(boolean=True, description=_("overdue"))
    def is_overdue(self, obj):
        return obj.is_overdue


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the reviewer"),
        widget=forms.Textarea(attrs={"rows": 6, "autofocus": True}),
        required=False,
    )


def _decide(modeladmin, request, queryset, *, to, title):
    """Run one workflow move over the selected reviews; ask for a comment first where needed."""
    needs_comment = to in {ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED}
    form = DecisionForm(request.POST if "apply" in request.POST else None)
    if needs_comment and not (form.is_bound and form.is_valid() and form.cleaned_data["comment"].strip()):
        if form.is_bound:
            form.add_error("comment", _("Say what should change: a comment is required."))
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset.select_related("paper", "reviewer"),
            "action": request.POST.get("action"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        }
        return TemplateResponse(request, "admin/reviews/review/decide.html", context)
    comment = form.cleaned_data["comment"] if form.is_bound and form.is_valid() else ""
    done = 0
    for review in queryset:
        try:
            services.transition_review(review, to=to, by=request.user, comment=comment)
            done += 1
        except services.WorkflowError as error:
            modeladmin.message_user(request, f"{review.paper.title}: {error.messages[0]}", messages.ERROR)
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d review is now “%(status)s”.", "%(count)d reviews are now “%(status)s”.", done)
            % {"count": done, "status": ReviewStatus(to).label},
            messages.SUCCESS,
        )
    return None


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["paper", "reviewer", "language", "status", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["paper__title", "reviewer__display_name", "reviewer__chat_handle"]
    autocomplete_fields = ["paper", "reviewer", "translation_of"]
    list_select_related = ["paper", "reviewer"]
    readonly_fields = ["status", "version", "created_at", "updated_at", "submitted_at", "decided_at", "published_at"]
    inlines = [ReviewEventInline]
    actions = ["approve", "request_changes", "reject"]
    fieldsets = [
        (None, {"fields": ["paper", "reviewer", "language", "translation_of", "body"]}),
        (_("Workflow"), {"fields": readonly_fields}),
    ]

    @admin.action(description=_("Approve selected reviews"), permissions=["decide"])
    def approve(self, request, queryset):
        return _decide(self, request, queryset, to=ReviewStatus.APPROVED, title=_("Approve reviews"))

    @admin.action(description=_("Request changes to selected reviews"), permissions=["decide"])
    def request_changes(self, request, queryset):
        return _decide(self, request, queryset, to=ReviewStatus.CHANGES_REQUESTED, title=_("Request changes"))

    @admin.action(description=_("Reject selected reviews"), permissions=["decide"])
    def reject(self, request, queryset):
        return _decide(self, request, queryset, to=ReviewStatus.REJECTED, title=_("Reject reviews"))

    def has_decide_permission(self, request):
        return request.user.has_perm("reviews.decide_review")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "invited_by", "created_at", "accepted_at"]
    search_fields = ["email"]
    readonly_fields = ["invited_by", "created_at", "accepted_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:  # saves it and mails the sign-up link after commit
            services.invite_reviewer(email=obj.email, by=request.user, invitation=obj)
