"""Series, issues and their entries in the editors' admin.

The issue's state changes only through digest.services: the add form calls create_issue, the
change form update_issue, the entries' drag-and-drop order reorder_entries and their delete boxes
remove_entries. The issue's own pages (adding reviews, splitting, publishing, translating) live in
admin_pages.py, its preview and exports in admin_preview.py.
"""

from adminsortable2.admin import CustomInlineFormSet as SortableInlineFormSet
from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.desk.review_admin import safe_url, status_badge

from . import services
from .admin_capacity import Capacity, CapacityFilter
from .admin_forms import IssueAddForm, IssueChangeForm
from .admin_pages import IssuePagesMixin
from .admin_preview import IssuePreviewMixin
from .desk.imports import ImportDeskMixin
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
        (gettext_lazy("Post"), {"fields": ["intro", "outro", "previous_links_count"]}),
        (
            gettext_lazy("Labels"),
            {
                "description": gettext_lazy("Every label is optional: empty ones use the default for the language."),
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

    @admin.display(description=gettext_lazy("issues"), ordering="issue_count")
    def issue_count(self, obj):
        return obj.issue_count


class EntryFormSet(SortableInlineFormSet):
    """The entries as they were when the page was opened, re-ordered by drag and drop."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        shown = [form.instance.pk for form in self.initial_forms]  # None: an entry removed meanwhile
        stored = set(self.instance.entries.values_list("pk", flat=True))
        if None in shown or set(shown) != stored:
            raise ValidationError(
                _(
                    "Someone added or removed reviews of this issue while you were ordering it. Nothing was saved: "
                    "reload the page and order the entries again."
                ),
                code="stale",
            )

    def order_and_removals(self):
        """(entry ids in their new order, ids of the entries ticked for removal)."""
        removed = {form.instance.pk for form in self.deleted_forms}
        kept = [form for form in self.initial_forms if form.instance.pk not in removed]
        kept.sort(key=lambda form: (form.cleaned_data.get("position") or 0, form.instance.position, form.instance.pk))
        return [form.instance.pk for form in kept], removed


class IssueEntryInline(SortableTabularInline):
    """The entries in order. Reviews come in from "Add approved reviews…" (or the review list's
    "Add to issue…"); here they are ordered by drag and drop and removed."""

    model = IssueEntry
    formset = EntryFormSet
    template = "admin/digest/issue/entries_inline.html"
    extra = 0
    fields = ["reviewer", "language", "review_status", "position"]
    readonly_fields = ["reviewer", "language", "review_status"]
    verbose_name_plural = gettext_lazy("Entries, in the order of the post")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("review__paper", "review__reviewer")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)

    @admin.display(description=gettext_lazy("reviewer"))
    def reviewer(self, entry):
        return entry.review.reviewer.display_name

    @admin.display(description=gettext_lazy("language"))
    def language(self, entry):
        return entry.review.get_language_display()

    @admin.display(description=gettext_lazy("status"))
    def review_status(self, entry):
        return status_badge(entry.review.status, entry.review.get_status_display())


@admin.register(Issue)
class IssueAdmin(ImportDeskMixin, IssuePagesMixin, IssuePreviewMixin, SortableAdminBase, admin.ModelAdmin):
    form = IssueChangeForm
    add_form = IssueAddForm
    list_display = ["__str__", "series", "period", "status_label", "capacity", "planned_for", "published_at"]
    list_filter = ["status", CapacityFilter, "series", "series__language"]
    search_fields = ["slug", "series__name"]
    list_select_related = ["series"]
    autocomplete_fields = ["translation_of"]
    inlines = [IssueEntryInline]
    date_hierarchy = "period_start"

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin_issue.js"]

    # --- permissions ----------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        """A published issue is a record: it can be viewed, previewed, exported and translated."""
        return super().has_change_permission(request, obj) and not (obj and obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)

    # --- the list -------------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series").annotate(entry_count=Count("entries"))

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

    def get_inlines(self, request, obj=None):
        return self.inlines if obj is not None else []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "translation_of":  # link an existing issue; no pencil or plus beside it
            formfield.widget.can_add_related = formfield.widget.can_change_related = False
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = self.get_object(request, object_id)
        if issue is not None:
            extra_context = {**(extra_context or {}), **self.issue_tools(request, issue)}
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError:
            if request.method != "POST":
                raise
            # The issue or its entries changed between validation and saving (the services said so
            # and everything was rolled back). Running the form again reports it and keeps the input.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.create_issue(**form.service_arguments())
            obj.pk, obj._state.adding = created.pk, False
            obj.refresh_from_db()
            return
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.EDITABLE_FIELDS}
        if fields:
            services.update_issue(obj, by=request.user, **fields)

    def save_formset(self, request, form, formset, change):
        if not isinstance(formset, EntryFormSet):
            return super().save_formset(request, form, formset, change)
        issue = form.instance
        order, removed = formset.order_and_removals()
        before = list(issue.entries.order_by("position", "id").values_list("pk", flat=True))
        if removed:
            services.remove_entries(issue, removed, by=request.user)
        moved = order != [pk for pk in before if pk not in removed]
        if moved:
            services.reorder_entries(issue, order, by=request.user)
        # What the admin's history records (ModelAdmin.construct_change_message reads these).
        formset.new_objects = []
        formset.deleted_objects = [f.instance for f in formset.deleted_forms]
        formset.changed_objects = [
            (f.instance, ["position"]) for f in formset.initial_forms if moved and f.instance.pk in order
        ]

    # --- what the change page shows above the form ----------------------------------------------

    def issue_tools(self, request, issue):
        may_compile = self.has_compile_permission(request)
        capacity = Capacity.of(issue)
        published_on = (
            date_format(timezone.localtime(issue.published_at), "DATETIME_FORMAT") if issue.published_at else ""
        )
        return {
            "capacity": capacity,
            "published_on": published_on,
            "public_url": safe_url(issue.published_url),
            "public_page": issue.get_absolute_url() if issue.is_published else "",
            "tools": {
                "add_reviews": may_compile and not issue.is_published,
                "split": may_compile and not issue.is_published and capacity.count > 1,
                "translate": may_compile and issue.entry_count > 0,
                "publish": may_compile and not issue.is_published,
            },
            "page_urls": {
                name: reverse(f"admin:digest_issue_{name}", args=[issue.pk])
                for name in ("add_reviews", "split", "translate", "publish")
            },
        }
