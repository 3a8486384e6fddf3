"""Series and issues in the editors' admin.

An issue is worked on in its workspace (digest/desk/workspace_views.py): entries, the pool of
approved reviews, capacity, preview, exports, publishing. The change page here holds the issue's
details (planned date, intro, outro, translation link) and comes back to the workspace when saved.
The issue's state changes only through digest.services: the add form calls create_issue, the
change form update_issue. Splitting and translating live in issue_pages.py.
"""

from django.contrib import admin
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from reviews.desk.review_admin import safe_url, status_badge
from reviews.desk.saving import SavedThroughServices
from reviews.models import Review

from .. import services
from ..labels import LABEL_FIELDS
from ..models import Issue, Series
from ..titles import format_period
from .capacity import Capacity, CapacityFilter
from .imports import ImportDeskMixin
from .issue_forms import IssueAddForm, IssueChangeForm
from .issue_pages import IssuePagesMixin
from .scheduling import SchedulingReviewAdmin
from .workspace_views import IssueWorkspaceMixin

admin.site.unregister(Review)  # reviews' own admin, registered first, with digest's action added:
admin.site.register(Review, SchedulingReviewAdmin)


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "target_min_entries", "target_max_entries", "issue_count"]
    list_filter = ["language"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["translation_of"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "language", "translation_of", "target_min_entries", "target_max_entries"]}),
        (gettext_lazy("Post"), {"fields": ["intro", "outro", "previous_links_count"]}),
        (gettext_lazy("Reviews"), {"fields": ["review_template"]}),
        (
            gettext_lazy("Labels"),
            {
                "description": gettext_lazy("Every label is optional: empty ones use the default for the language."),
                "fields": list(LABEL_FIELDS),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(issue_count=Count("issues"))

    @admin.display(description=gettext_lazy("issues"), ordering="issue_count")
    def issue_count(self, obj):
        return obj.issue_count


@admin.register(Issue)
class IssueAdmin(SavedThroughServices, ImportDeskMixin, IssueWorkspaceMixin, IssuePagesMixin, admin.ModelAdmin):
    form = IssueChangeForm
    add_form = IssueAddForm
    list_display = ["workspace_link", "series", "period", "status_label", "capacity", "planned_for", "published_at"]
    list_display_links = None  # every issue opens in its workspace
    list_filter = ["status", CapacityFilter, "series", "series__language"]
    search_fields = ["slug", "series__name"]
    list_select_related = ["series"]
    autocomplete_fields = ["translation_of"]
    date_hierarchy = "period_start"

    # --- permissions ----------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        """A published issue is a record: it can be viewed, previewed, exported and translated."""
        return super().has_change_permission(request, obj) and not (obj and obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)

    # --- the list -------------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series").annotate(entry_count=Count("entries"))

    @admin.display(description=gettext_lazy("issue"), ordering="period_start")
    def workspace_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:digest_issue_workspace", args=[obj.pk]), obj)

    @admin.display(description=gettext_lazy("period"), ordering="period_start")
    def period(self, obj):
        return format_period(obj.period_start, obj.period_end, obj.series.language, obj.series.period_format)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        return status_badge(obj.status, obj.get_status_display())

    @admin.display(description=gettext_lazy("entries"), ordering="entry_count")
    def capacity(self, obj):
        return Capacity.of(obj).badge()

    # --- the add and change forms ---------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": IssueAddForm.Meta.fields})]
        return [
            (None, {"fields": ["series", "period", "part", "planned_for", "translation_of"]}),
            (
                gettext_lazy("Intro and outro"),
                {
                    "fields": ["intro", "outro"],
                    "classes": ["collapse"],
                    "description": gettext_lazy("Empty: the post uses the series' intro and outro."),
                },
            ),
            (
                gettext_lazy("Publication"),
                {"fields": ["status_label", "public_url", "published_at", "slug", "created_at", "updated_at"]}
                if obj.is_published
                else {"fields": ["slug", "created_at", "updated_at"], "classes": ["collapse"]},
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["series", "period", "part", "status_label", "public_url", "published_at", "slug", "created_at",
                "updated_at"]  # fmt: skip

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "translation_of":  # link an existing issue; no pencil, plus or eye beside it
            formfield.widget.can_add_related = formfield.widget.can_change_related = False
            formfield.widget.can_view_related = False
        return formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description=gettext_lazy("public URL"))
    def public_url(self, obj):
        url = safe_url(obj.published_url)
        return format_html('<a href="{}" rel="noopener">{}</a>', url, url) if url else "—"

    def view_on_site(self, obj):
        """Only published issues have a public page."""
        return obj.get_absolute_url() if obj.is_published else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        workspace_url = reverse("admin:digest_issue_workspace", args=[object_id]) if object_id else ""
        extra_context = {**(extra_context or {}), "show_save_and_continue": False, "workspace_url": workspace_url}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        super().response_add(request, obj, post_url_continue)  # the admin's message
        return HttpResponseRedirect(reverse("admin:digest_issue_workspace", args=[obj.pk]))

    def response_change(self, request, obj):
        super().response_change(request, obj)
        return HttpResponseRedirect(reverse("admin:digest_issue_workspace", args=[obj.pk]))

    def create(self, request, form):
        return services.create_issue(**form.service_arguments())

    def save_model(self, request, obj, form, change):
        if not change:
            return  # made by create()
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.EDITABLE_FIELDS}
        if fields:
            services.update_issue(obj, by=request.user, **fields)
