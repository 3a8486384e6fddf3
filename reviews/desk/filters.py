"""Changelist filters of the desk. Each costs at most one small query, whatever the row count."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import PaperStatus, ReviewStatus
from ..models import Assignment, Paper, Review, Reviewer


class YesNoFilter(admin.SimpleListFilter):
    """A filter with the choices Yes / No; subclasses say what "yes" means."""

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def yes(self, queryset):
        raise NotImplementedError

    def no(self, queryset):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return self.yes(queryset)
        if self.value() == "no":
            return self.no(queryset)
        if self.value() is not None:
            raise IncorrectLookupParameters(f"{self.parameter_name} must be yes or no")
        return queryset


def in_an_issue():
    """EXISTS (an issue entry for the outer review): PostgreSQL estimates it well, unlike LEFT JOIN … IS NULL."""
    entry = Review._meta.get_field("issue_entry").related_model  # digest.IssueEntry, without importing digest
    return Exists(entry.objects.filter(review=OuterRef("pk")))


class ScheduledFilter(YesNoFilter):
    title = _("in an issue")
    parameter_name = "scheduled"

    def yes(self, queryset):
        return queryset.filter(in_an_issue())

    def no(self, queryset):
        return queryset.filter(~in_an_issue())


class OverdueFilter(YesNoFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def yes(self, queryset):
        return queryset.overdue()

    def no(self, queryset):
        return queryset.exclude(pk__in=Assignment.objects.overdue().values("pk"))


def same_title_papers():
    """Other papers, not rejected, with the normalised title of the outer paper."""
    return (
        Paper.objects.filter(normalized_title=OuterRef("normalized_title"))
        .exclude(pk=OuterRef("pk"))
        .exclude(status=PaperStatus.REJECTED)
        .exclude(normalized_title="")
    )


def shared_titles():
    """Normalised titles that more than one paper (not rejected) has: one GROUP BY, not a probe per row."""
    papers = Paper.objects.exclude(status=PaperStatus.REJECTED).exclude(normalized_title="")
    return papers.values("normalized_title").annotate(n=Count("pk")).filter(n__gt=1).values("normalized_title")


class HasDuplicatesFilter(YesNoFilter):
    title = _("possible duplicates")
    parameter_name = "duplicates"

    def yes(self, queryset):
        return queryset.exclude(status=PaperStatus.REJECTED).filter(normalized_title__in=shared_titles())

    def no(self, queryset):
        return queryset.exclude(Q(normalized_title__in=shared_titles()) & ~Q(status=PaperStatus.REJECTED))


class ReadingFilter(admin.SimpleListFilter):
    """Where a paper stands: nobody reads it yet, someone does, or it was reviewed."""

    title = _("triage")
    parameter_name = "reading"

    def lookups(self, request, model_admin):
        return [
            ("open", _("Open: nobody reads it")),
            ("assigned", _("Someone reads it")),
            ("overdue", _("Its review is overdue")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        # EXISTS on the outer paper: the planner walks the newest papers and stops at a page.
        active = Assignment.objects.active().filter(paper=OuterRef("pk"))
        if value == "open":
            live = Review.objects.filter(paper=OuterRef("pk")).exclude(status=ReviewStatus.WITHDRAWN)
            return queryset.filter(status=PaperStatus.PROPOSED).filter(~Exists(active), ~Exists(live))
        if value == "assigned":
            return queryset.filter(Exists(active))
        if value == "overdue":
            return queryset.filter(Exists(active.filter(due_date__lt=timezone.localdate())))
        if value is not None:
            raise IncorrectLookupParameters("unknown triage filter")
        return queryset


class NamedRelatedFilter(admin.RelatedFieldListFilter):
    """RelatedFieldListFilter for models shown by their name (series, topics): their ids and names
    are read, not whole rows (a series carries its post's labels and texts)."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        related = field.remote_field.model._default_manager.complex_filter(field.get_limit_choices_to())
        if ordering:
            related = related.order_by(*ordering)
        return list(related.values_list(field.remote_field.get_related_field().attname, "name"))


class ReviewerFilter(admin.SimpleListFilter):
    """Filter by reviewer through an autocomplete (there may be thousands of reviewers)."""

    title = _("reviewer")
    parameter_name = "reviewer"
    template = "admin/reviews/reviewer_filter.html"

    def __init__(self, request, params, model, model_admin):
        self.selected = None
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        value = self.value()
        if value is None:
            return []
        if not value.isdigit():
            raise IncorrectLookupParameters("reviewer must be an id")
        self.selected = Reviewer.objects.filter(pk=value).only("pk", "display_name").first()
        return [(value, self.selected.display_name if self.selected else value)]

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        if self.value() is not None:
            return queryset.filter(reviewer_id=self.value())
        return queryset
