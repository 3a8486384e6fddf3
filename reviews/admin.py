"""The editors' desk for papers, reviewers, assignments and reviews.

Status is read-only everywhere; it changes only through actions that call the workflow services.
Papers, assignments and reviews have the larger admins of the desk, in reviews/desk/.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import services
from .desk import assignment_admin, paper_admin, review_admin  # noqa: F401 (they register themselves)
from .models import Invitation, Reviewer, Topic


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


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "chat_handle", "blog_handle", "user", "created_at"]
    search_fields = ["display_name", "chat_handle", "blog_handle", "user__email", "user__username"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
    readonly_fields = ["slug", "created_at"]


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
