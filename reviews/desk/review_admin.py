"""Reviews in the admin: the changelist, the change page (source beside preview, paper, events,
decisions, translations) and the bulk actions. The small views live in review_views.py, what the
changelist reads in review_list.py."""

import html
from functools import lru_cache

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ObjectDoesNotExist
from django.forms import Media
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.formats import date_format, get_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .. import rules, services
from ..enums import ReviewStatus, Role, targets_from
from ..models import Review, ReviewEvent
from ..names import display_name
from . import review_views
from .filters import NamedRelatedFilter, ReviewerFilter, ScheduledFilter
from .forms import ReviewAdminForm
from .review_list import ReviewChangeList
from .saving import SavedThroughServices
from .search import search_reviews
from .widgets import ActionForm, TranslationSelect

# The decisions an editor takes on the change page, in the order of the buttons.
DECISIONS = {
    ReviewStatus.APPROVED: _("Approve"),
    ReviewStatus.CHANGES_REQUESTED: _("Request changes…"),
    ReviewStatus.REJECTED: _("Reject…"),
}
SAFE_URL_PREFIXES = ("https://", "http://")


def status_badge(status, label):
    return format_html('<span class="desk-badge desk-badge--{}">{}</span>', status, label)


def reviewer_link(url, title, reviewer):
    return format_html('<a href="{}" title="{}">{}</a>', url, title, reviewer)


def issue_link(url, issue):
    return format_html('<a href="{}">{}</a>', url, issue)


@lru_cache(maxsize=4096)
def day_label(day, day_format, language):
    """date_format() of a day, kept per process: the list's dates are a few hundred days, formatted
    ~50 µs each (the format is the active language's, which also names the months)."""
    return dateformat.format(day, day_format)


def safe_url(url):
    """Only web links become links; anything else stored in a URL field is shown as text."""
    return url if url and url.lower().startswith(SAFE_URL_PREFIXES) else ""


def import_notes_of(review):
    """What the importer noted about this review (kept on its issue entry), [] for a review not imported."""
    try:
        return review.issue_entry.import_notes or []
    except ObjectDoesNotExist:
        return []


def note_text(note):
    """A stored import note in the reader's language: its message is a msgid of the catalogue."""
    try:
        return gettext(note["message"]) % note.get("params", {}) if note.get("message") else note.get("text", "")
    except (KeyError, TypeError, ValueError):
        return note.get("text", "")


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "by", "from_status", "to_status", "comment"]
    readonly_fields = fields
    verbose_name_plural = _("Event history")

    @admin.display(description=_("by"))
    def by(self, obj):
        if obj.actor is None:
            return "—"
        return display_name(obj.actor)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor__reviewer")


@admin.register(Review)
class ReviewAdmin(SavedThroughServices, admin.ModelAdmin):
    form = ReviewAdminForm
    action_form = ActionForm
    list_display = ["paper_title", "reviewer_name", "language", "status_label", "updated", "issue"]
    list_display_links = ["paper_title"]
    list_filter = [
        "status",
        "language",
        ("issue_entry__issue__series", NamedRelatedFilter),
        ReviewerFilter,
        ("paper__topics", NamedRelatedFilter),
        ScheduledFilter,
    ]
    list_select_related = False  # see ReviewChangeList
    list_per_page = 50
    show_full_result_count = False  # one COUNT of the filtered rows is enough
    # The search itself is get_search_results; these make the search box (and autocompletes) appear.
    search_fields = ["paper__title", "reviewer__display_name"]
    search_help_text = _("Words of the title, the authors or the review; a reviewer's name or handle; an arXiv id.")
    autocomplete_fields = ["paper", "reviewer", "translation_of"]
    inlines = [ReviewEventInline]
    changed_meanwhile = services.WorkflowError
    actions = ["approve", "request_changes", "reject"]  # digest adds "Add to an issue…" (digest/desk/scheduling.py)

    # --- permissions ----------------------------------------------------------------------------

    def has_decide_permission(self, request):
        return rules.is_editor(request.user)

    # --- changelist -----------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("paper", "reviewer")

    def get_changelist(self, request, **kwargs):
        return ReviewChangeList

    @property
    def media(self):
        # The reviewer filter is a select2 autocomplete like the admin's own.
        autocomplete = AutocompleteSelect(Review._meta.get_field("reviewer"), self.admin_site).media
        return (
            super().media
            + autocomplete
            + Media(js=["admin/js/jquery.init.js", "js/admin_filters.js"], css={"all": ["css/admin_import.css"]})
        )

    def get_search_results(self, request, queryset, search_term):
        if request.GET.get("field_name") == "translation_of" and request.GET.get("model_name") == "review":
            # The "translation of" autocomplete: originals only, in another language, never the review itself.
            queryset = queryset.filter(translation_of__isnull=True)
            if other_than := request.GET.get("other_than"):
                queryset = queryset.exclude(language=other_than)
            if (exclude := request.GET.get("exclude", "")).isdigit():
                queryset = queryset.exclude(pk=exclude)
        if not search_term.strip():
            return queryset, False
        return search_reviews(queryset, search_term), False

    @admin.display(description=_("paper"), ordering="paper__title")
    def paper_title(self, obj):
        return obj.paper.title

    @admin.display(description=_("reviewer"), ordering="reviewer__display_name")
    def reviewer_name(self, obj):
        url = reverse("admin:reviews_review_changelist") + f"?reviewer={obj.reviewer_id}"
        return reviewer_link(url, _("Only this reviewer's reviews"), obj.reviewer)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return status_badge(obj.status, ReviewStatus(obj.status).label)

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return date_format(timezone.localtime(obj.updated_at))

    @admin.display(description=_("issue"))
    def issue(self, obj):
        try:
            issue = obj.issue_entry.issue
        except ObjectDoesNotExist:
            return "—"
        return issue_link(reverse("admin:digest_issue_workspace", args=[issue.pk]), issue)

    def list_columns(self):
        """The display methods above for a whole list: what every row shares (links, words, labels,
        dates) is found once, not once a row. reviews/templatetags/desk_lists.py renders with them."""
        # The link of reviewer_link() with its address and title escaped once: a row fills in the
        # reviewer's id and escaped name (format_html, ~10 µs, for each of 50 rows).
        reviewer_link_format = "".join(
            [
                '<a href="',
                escape(reverse("admin:reviews_review_changelist")),
                '?reviewer={}" title="',
                escape(gettext("Only this reviewer's reviews")),
                '">{}</a>',
            ]
        )
        badges = {status: status_badge(status, label) for status, label in ReviewStatus.choices}
        workspace = reverse("admin:digest_issue_workspace", args=[0]).rsplit("/0/", 1)
        zone, day_format, language = timezone.get_current_timezone(), get_format("DATE_FORMAT"), get_language()

        def issue(obj):
            try:
                issue = obj.issue_entry.issue
            except ObjectDoesNotExist:
                return "—"
            return issue_link(f"{workspace[0]}/{issue.pk}/{workspace[1]}", issue)

        return {
            "reviewer_name": lambda obj: mark_safe(
                reviewer_link_format.format(obj.reviewer_id, html.escape(str(obj.reviewer)))
            ),
            "status_label": lambda obj: badges[obj.status],
            "updated": lambda obj: day_label(timezone.localtime(obj.updated_at, zone).date(), day_format, language),
            "issue": issue,
        }

    def view_on_site(self, obj):
        """Only published reviews have a public page."""
        return obj.get_absolute_url() if obj.status == ReviewStatus.PUBLISHED else None

    # --- change page ----------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        body = (_("Review"), {"fields": ["body"], "classes": ["desk-body-fieldset"]})
        if obj is None:
            return [(None, {"fields": ["paper", "reviewer", "language", "translation_of"]}), body]
        workflow = ["status_label", "version", "created_at", "updated_at", "submitted_at", "decided_at", "published_at"]
        notes = [(_("Import notes"), {"fields": ["import_notes"], "classes": ["desk-import-notes"]})]
        return [
            (None, {"fields": ["paper_card", "reviewer_card", "language", "translation_of", "translations_list"]}),
            *(notes if import_notes_of(obj) else []),
            body,
            (_("Workflow"), {"fields": [*workflow, "issue", "expected_version"], "classes": ["collapse"]}),
        ]

    def get_inlines(self, request, obj=None):
        return self.inlines if obj is not None else []  # a new review has no history yet

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "paper_card",
            "reviewer_card",
            "translations_list",
            "status_label",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
            "published_at",
            "issue",
            "import_notes",
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "translation_of":
            kwargs["widget"] = TranslationSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # "Add a translation" links here with ?translation_of=<id>: same paper, the original's reviewer.
        original_id = initial.get("translation_of")
        if original_id and str(original_id).isdigit():
            original = Review.objects.filter(pk=original_id).values("paper_id").first()
            if original:
                initial.setdefault("paper", original["paper_id"])
        return initial

    @admin.display(description=_("paper"))
    def paper_card(self, obj):
        paper = obj.paper
        links = [(_("Original article"), safe_url(paper.original_url))] if paper.original_url else []
        links += [(link.label or link.get_kind_display(), safe_url(link.url)) for link in paper.links.all()]
        return render_to_string(
            "admin/reviews/review/_paper_card.html",
            {"paper": paper, "links": links, "url": reverse("admin:reviews_paper_change", args=[paper.pk])},
        )

    @admin.display(description=_("reviewer"))
    def reviewer_card(self, obj):
        reviewer = obj.reviewer
        handles = ", ".join(handle for handle in [reviewer.chat_handle, reviewer.blog_handle] if handle)
        return format_html(
            '<a href="{}">{}</a>{}',
            reverse("admin:reviews_reviewer_change", args=[reviewer.pk]),
            reviewer.display_name,
            f" ({handles})" if handles else "",
        )

    @admin.display(description=_("what the post did not say"))
    def import_notes(self, obj):
        notes = import_notes_of(obj)
        if not notes:
            return "—"
        items = format_html_join("", "<li>{}</li>", ((note_text(note),) for note in notes))
        return format_html('<ul class="desk-import-note-list" id="review-import-notes">{}</ul>', items)

    @admin.display(description=_("translations"))
    def translations_list(self, obj):
        translations = list(obj.translations.select_related("reviewer").order_by("language"))
        add_url = ""
        if obj.translation_of_id is None:
            add_url = reverse("admin:reviews_review_add") + f"?translation_of={obj.pk}&reviewer={obj.reviewer_id}"
        return render_to_string(
            "admin/reviews/review/_translations.html",
            {"review": obj, "translations": translations, "add_url": add_url},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        review = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if review is not None:
            extra_context.update(
                decisions=self.decisions_for(request, review),
                status_badge=status_badge(review.status, review.get_status_display()),
                versions_url=reverse("admin:reviews_review_versions", args=[review.pk]),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def decisions_for(self, request, review):
        if not self.has_decide_permission(request):
            return []
        allowed = targets_from(review.status, Role.EDITOR)
        return [
            {
                "to": to,
                "label": label,
                "url": reverse("admin:reviews_review_decide", args=[review.pk, to]),
                "asks_comment": to != ReviewStatus.APPROVED,
            }
            for to, label in DECISIONS.items()
            if to in allowed
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.is_relation and hasattr(formfield, "widget") and hasattr(formfield.widget, "can_add_related"):
            # A review links papers, reviewers and other reviews; they are edited on their own pages.
            formfield.widget.can_add_related = formfield.widget.can_change_related = False
            formfield.widget.can_view_related = formfield.widget.can_delete_related = False
        return formfield

    def create(self, request, form):
        data = form.cleaned_data
        return services.start_review(
            paper=data["paper"], reviewer=data["reviewer"], language=data["language"], body=data["body"],
            translation_of=data.get("translation_of"), by=request.user,
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        if not change:
            return  # made by create()
        obj._history_user = request.user
        data = form.cleaned_data
        if form.text_changed:
            saved = services.update_review(
                obj,
                by=request.user,
                body=data["body"],
                language=data["language"],
                expected_version=data["expected_version"],
            )
            obj.version, obj.body_html, obj.updated_at = saved.version, saved.body_html, saved.updated_at
        if "translation_of" in form.changed_data:
            services.link_translation(obj, original=data["translation_of"], by=request.user)

    # --- extra pages ----------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/decide/<str:to>/",
                view(review_views.DecideView.as_view(model_admin=self)),
                name="reviews_review_decide",
            ),
            path(
                "<path:object_id>/versions/",
                view(review_views.VersionsView.as_view(model_admin=self)),
                name="reviews_review_versions",
            ),
            path(
                "<path:object_id>/versions/restore/",
                view(review_views.RestoreView.as_view(model_admin=self)),
                name="reviews_review_restore",
            ),
            *super().get_urls(),
        ]

    # --- bulk actions ---------------------------------------------------------------------------

    @admin.action(description=_("Approve selected reviews"), permissions=["decide"])
    def approve(self, request, queryset):
        return review_views.decide_many(self, request, queryset, to=ReviewStatus.APPROVED)

    @admin.action(description=_("Request changes to selected reviews"), permissions=["decide"])
    def request_changes(self, request, queryset):
        return review_views.decide_many(self, request, queryset, to=ReviewStatus.CHANGES_REQUESTED)

    @admin.action(description=_("Reject selected reviews"), permissions=["decide"])
    def reject(self, request, queryset):
        return review_views.decide_many(self, request, queryset, to=ReviewStatus.REJECTED)
