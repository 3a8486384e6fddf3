"""Changelist filters of the desk. Each costs at most one small query, whatever the row count."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import PaperStatus
from ..models import Assignment, Paper, Reviewer


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


class ScheduledFilter(YesNoFilter):
    title = _("in an issue")
    parameter_name = "scheduled"

    def yes(self, queryset):
        return queryset.filter(issue_entry__isnull=False)

    def no(self, queryset):
        return queryset.filter(issue_entry__isnull=True)


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


class HasDuplicatesFilter(YesNoFilter):
    title = _("possible duplicates")
    parameter_name = "duplicates"

    def yes(self, queryset):
        return queryset.filter(Exists(same_title_papers()))

    def no(self, queryset):
        return queryset.filter(~Exists(same_title_papers()))


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
        if value == "open":
            return queryset.filter(pk__in=Paper.objects.open().values("pk"))
        if value == "assigned":
            return queryset.filter(pk__in=Assignment.objects.active().values("paper_id"))
        if value == "overdue":
            return queryset.filter(pk__in=Assignment.objects.overdue(timezone.localdate()).values("paper_id"))
        if value is not None:
            raise IncorrectLookupParameters("unknown triage filter")
        return queryset


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
