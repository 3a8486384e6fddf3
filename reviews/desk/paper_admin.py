"""Papers in the admin: triage with possible duplicates, reject (as a duplicate), assign a reviewer."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import rules, services
from ..enums import PaperStatus, ReviewStatus
from ..models import Assignment, Paper, PaperLink, Review
from .filters import HasDuplicatesFilter, ReadingFilter, same_title_papers
from .forms import AssignForm, DuplicateForm
from .inlines import LabelledTabularInline


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages to read an object's history, without its "Revert".

    Reverting saves the old row whole, status included, behind the services' back.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


TIMES = ["created_at", "updated_at"]
# How far a review got, for the paper's status column: published beats approved beats the rest.
REVIEW_PROGRESS = Case(
    When(status=ReviewStatus.PUBLISHED, then=Value(5)),
    When(status=ReviewStatus.APPROVED, then=Value(4)),
    When(status=ReviewStatus.SUBMITTED, then=Value(3)),
    When(status=ReviewStatus.CHANGES_REQUESTED, then=Value(2)),
    When(status=ReviewStatus.DRAFT, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
# A URL typed without a scheme means https (Django 6's default; 5.2 warns unless told).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class PaperLinkInline(LabelledTabularInline):
    model = PaperLink
    extra = 0
    fields = ["kind", "label", "url", "position"]
    formfield_overrides = URL_FIELDS


def _context(model_admin, request, **extra):
    return {**model_admin.admin_site.each_context(request), "opts": model_admin.model._meta, **extra}


@admin.register(Paper)
class PaperAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "year", "arxiv_id", "status_label", "reader", "duplicates"]
    list_filter = [ReadingFilter, HasDuplicatesFilter, "status", "year", "topics"]
    search_fields = ["title", "authors", "arxiv_id", "affiliations"]
    autocomplete_fields = ["topics", "proposed_by"]
    readonly_fields = ["status_label", "possible_duplicates", "duplicate_of", "created_at", "updated_at"]
    inlines = [PaperLinkInline]
    formfield_overrides = URL_FIELDS
    actions = ["assign_reviewer", "reject_papers"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["title", "authors", "affiliations", "year", "topics"]}),
        (gettext_lazy("Where to find it"), {"fields": ["original_url", "arxiv_id"]}),
        (
            gettext_lazy("Triage"),
            {"fields": ["status_label", "possible_duplicates", "duplicate_of", "proposed_by", *TIMES]},
        ),
    ]

    def has_triage_permission(self, request):
        return rules.is_editor(request.user)

    def get_queryset(self, request):
        duplicates = same_title_papers().order_by().values("normalized_title").annotate(n=Count("pk")).values("n")
        active = Assignment.objects.active().select_related("reviewer")
        # The paper's own status says only proposed/rejected; its review says how far it got.
        reviews = Review.objects.filter(paper=OuterRef("pk")).exclude(status=ReviewStatus.WITHDRAWN)
        furthest = reviews.annotate(rank=REVIEW_PROGRESS).order_by("-rank", "-updated_at").values("status")
        return (
            super()
            .get_queryset(request)
            .annotate(duplicate_count=Coalesce(Subquery(duplicates[:1]), 0), review_status=Subquery(furthest[:1]))
            .prefetch_related(Prefetch("assignments", queryset=active, to_attr="active_assignments"))
        )

    def get_search_results(self, request, queryset, search_term):
        if request.GET.get("field_name") == "duplicate_of":
            queryset = queryset.proposed()  # the paper to keep is never a rejected one
        return super().get_search_results(request, queryset, search_term)

    # --- columns and read-only fields -----------------------------------------------------------

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        """Where the paper stands: rejected, or its review's state, or being read, or proposed."""
        review_status = getattr(obj, "review_status", None)
        if obj.status == PaperStatus.PROPOSED and review_status:
            label = _("Review: %(status)s") % {"status": ReviewStatus(review_status).label}
            return format_html('<span class="desk-badge desk-badge--{}">{}</span>', review_status, label)
        if obj.status == PaperStatus.PROPOSED and getattr(obj, "active_assignments", None):
            return format_html('<span class="desk-badge desk-badge--paper-read">{}</span>', _("Being read"))
        label = obj.get_status_display()
        return format_html('<span class="desk-badge desk-badge--paper-{}">{}</span>', obj.status, label)

    @admin.display(description=gettext_lazy("read by"))
    def reader(self, obj):
        if not obj.active_assignments:
            return "—"
        assignment = obj.active_assignments[0]
        return format_html(
            '<span class="{}">{}, {}</span>',
            "desk-overdue" if assignment.is_overdue else "",
            assignment.reviewer,
            _("due %(date)s") % {"date": date_format(assignment.due_date)},
        )

    @admin.display(description=gettext_lazy("possible duplicates"), ordering="duplicate_count")
    def duplicates(self, obj):
        if not obj.duplicate_count:
            return "—"
        url = reverse("admin:reviews_paper_changelist") + "?" + urlencode({"normalized_title": obj.normalized_title})
        label = ngettext("%(count)d with the same title", "%(count)d with the same title", obj.duplicate_count) % {
            "count": obj.duplicate_count
        }
        return format_html('<a class="desk-duplicates" href="{}">{}</a>', url, label)

    @admin.display(description=gettext_lazy("possible duplicates"))
    def possible_duplicates(self, obj):
        found = services.find_duplicates(title=obj.title, arxiv_id=obj.arxiv_id, exclude_pk=obj.pk)
        papers = list(found.order_by("created_at", "pk")[:20])
        reject_url = reverse("admin:reviews_paper_reject", args=[obj.pk])
        context = {"paper": obj, "papers": papers, "reject_url": reject_url}
        context["can_reject"] = obj.status == PaperStatus.PROPOSED
        return render_to_string("admin/reviews/paper/_duplicates.html", context)

    # --- change page tools and pages ------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        paper = self.get_object(request, unquote(object_id))
        if paper is not None and paper.status == PaperStatus.PROPOSED and self.has_triage_permission(request):
            extra_context["assign_url"] = reverse("admin:reviews_assignment_add") + f"?paper={paper.pk}"
            extra_context["reject_url"] = reverse("admin:reviews_paper_reject", args=[paper.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path("<path:object_id>/reject/", self.admin_site.admin_view(self.reject_view), name="reviews_paper_reject"),
            *super().get_urls(),
        ]

    def reject_view(self, request, object_id):
        """Reject one paper, as a duplicate of another or not; a confirmation page first."""
        paper = self.get_object(request, unquote(object_id))
        if paper is None:
            raise Http404(_("There is no such paper."))
        if not self.has_triage_permission(request):
            raise PermissionDenied
        initial = {}
        if (wanted := request.GET.get("duplicate_of", "")).isdigit():
            initial["duplicate_of"] = wanted
        form = DuplicateForm(request.POST or None, initial=initial, papers=[paper])
        if request.method == "POST" and form.is_valid():
            self._reject(request, [paper], form.cleaned_data["duplicate_of"])
            return redirect(reverse("admin:reviews_paper_change", args=[paper.pk]))
        return self._page(
            request, _("Reject a paper"), form, [paper], reverse("admin:reviews_paper_change", args=[paper.pk])
        )

    # --- actions --------------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Assign a reviewer to selected papers…"), permissions=["triage"])
    def assign_reviewer(self, request, queryset):
        papers = list(queryset)
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reviewer, due_date = form.cleaned_data["reviewer"], form.cleaned_data["due_date"]
            for paper in papers:
                try:
                    assignment = services.assign_paper(paper, reviewer=reviewer, by=request.user, due_date=due_date)
                except services.WorkflowError as error:
                    self.message_user(request, f"“{paper.title}”: {error.messages[0]}", messages.ERROR)
                else:
                    self.log_addition(request, assignment, f"Offered to {reviewer}, due {due_date}.")
                    self.message_user(request, form.offered_message(paper), messages.SUCCESS)
            return None
        return self._page(request, _("Assign a reviewer"), form, papers, action=True)

    @admin.action(description=gettext_lazy("Reject selected papers (as duplicates)…"), permissions=["triage"])
    def reject_papers(self, request, queryset):
        papers = list(queryset)
        initial = {}
        if len(papers) == 1:
            paper = papers[0]
            found = services.find_duplicates(title=paper.title, arxiv_id=paper.arxiv_id, exclude_pk=paper.pk)
            if first := found.order_by("created_at", "pk").first():
                initial["duplicate_of"] = first.pk
        form = DuplicateForm(request.POST if "apply" in request.POST else None, initial=initial, papers=papers)
        if form.is_bound and form.is_valid():
            self._reject(request, papers, form.cleaned_data["duplicate_of"])
            return None
        return self._page(request, _("Reject papers"), form, papers, action=True)

    def _reject(self, request, papers, duplicate_of):
        for paper in papers:
            try:
                services.reject_paper(paper, by=request.user, duplicate_of=duplicate_of)
            except services.WorkflowError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                log = f"Rejected as a duplicate of {duplicate_of}." if duplicate_of else "Rejected."
                self.log_change(request, paper, log)
                text = (
                    _("“%(title)s” is rejected as a duplicate of “%(original)s”.")
                    if duplicate_of
                    else _("“%(title)s” is rejected.")
                )
                self.message_user(request, text % {"title": paper.title, "original": duplicate_of}, messages.SUCCESS)

    def _page(self, request, title, form, papers, cancel_url=None, action=False):
        context = _context(
            self,
            request,
            title=title,
            form=form,
            papers=papers,
            media=self.media + form.media,
            action=request.POST.get("action") if action else None,
            action_checkbox_name=ACTION_CHECKBOX_NAME,
            cancel_url=cancel_url or reverse("admin:reviews_paper_changelist"),
        )
        return TemplateResponse(request, "admin/reviews/paper/action_form.html", context)
