"""Series, issues and their entries in the editors' admin."""

from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .admin_preview import IssuePreviewMixin
from .models import Issue, IssueEntry, Series
from .titles import format_period


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "target_min_entries", "target_max_entries", "issue_count"]
    list_filter = ["language"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["translation_of"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "language", "translation_of", "target_min_entries", "target_max_entries"]}),
        (_("Post"), {"fields": ["intro", "outro", "previous_links_count"]}),
        (
            _("Labels"),
            {
                "description": _("Every label is optional: empty ones use the default for the language."),
                "fields": [
                    "title_pattern",
                    "part_pattern",
                    "period_format",
                    "toc_heading",
                    "previous_heading",
                    "authors_label",
                    "original_label",
                    "links_prefix",
                    "links_separator",
                    "review_author_label",
                    "chat_label",
                    "blog_label",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(issue_count=Count("issues"))

    @admin.display(description=_("issues"), ordering="issue_count")
    def issue_count(self, obj):
        return obj.issue_count


class IssueEntryInline(SortableTabularInline):
    model = IssueEntry
    extra = 0
    fields = ["review", "position"]
    autocomplete_fields = ["review"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("review__paper", "review__reviewer")


@admin.register(Issue)
class IssueAdmin(IssuePreviewMixin, SortableAdminBase, admin.ModelAdmin):
    list_display = ["__str__", "series", "period", "part", "status", "planned_for", "entry_count", "published_at"]
    list_filter = ["status", "series", "series__language"]
    search_fields = ["slug", "series__name"]
    list_select_related = ["series"]
    readonly_fields = ["status", "published_url", "published_at", "created_at", "updated_at"]
    autocomplete_fields = ["series", "translation_of"]
    inlines = [IssueEntryInline]
    date_hierarchy = "period_start"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    @admin.display(description=_("entries"), ordering="entry_count")
    def entry_count(self, obj):
        return obj.entry_count

    @admin.display(description=_("period"), ordering="period_start")
    def period(self, obj):
        return format_period(obj.period_start, obj.period_end, obj.series.language, obj.series.period_format)
