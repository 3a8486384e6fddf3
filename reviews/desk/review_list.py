"""What the review changelist reads: the page's reviews with only what their rows show."""

from django.contrib.admin.views.main import ChangeList
from django.db.models import Prefetch, prefetch_related_objects

from ..models import Review

ROW_RELATIONS = ("paper", "reviewer")
# What a row shows of the review, its paper and reviewer; everything else stays in the database
# (each column read is converted and set on a model for nothing: dates cost most). The status
# and the date come with the page's ids (PAGE_FIELDS): see ReviewChangeList.
ROW_FIELDS = ("paper", "reviewer", "language", "paper__title", "reviewer__display_name")
PAGE_FIELDS = ("status", "updated_at")
# What a row does not show of its issue entry and issue: their long texts.
ENTRY_TEXTS = (
    "import_notes",
    *(f"issue__{name}" for name in ("published_text", "intro", "outro")),
    *(f"issue__series__{name}" for name in ("intro", "outro")),
)


def with_issue_entries(rows):
    """Each row's issue entry with its issue, or None, cached on it for the issue column: in queries
    of their own (joined to the rows, PostgreSQL plans six tables, ~2 ms, and hashes every entry),
    and the entries read only when one of the rows has one (most of the rows waiting for a
    decision have none)."""
    relation = Review._meta.get_field("issue_entry")
    entries = relation.related_model.objects  # digest.IssueEntry, without importing digest
    scheduled = set(entries.filter(review__in=[row.pk for row in rows]).values_list("review", flat=True))
    prefetch_related_objects(
        [row for row in rows if row.pk in scheduled],
        Prefetch("issue_entry", queryset=entries.select_related("issue__series").defer(*ENTRY_TEXTS)),
    )
    for row in rows:
        if row.pk not in scheduled:
            relation.set_cached_value(row, None)
    return rows


class ReviewChangeList(ChangeList):
    """The list never shows the texts: they stay in the database (they can be large). The page's
    reviews are found first, without joins, so the database sorts and limits the reviews before
    anything is joined to them; then the rows of those ids are read with their papers and
    reviewers, and their issue entries with their issues in a query of their own. The first query
    also reads the status and the date the index of the list's order holds: on SQLite a review's
    columns after its long texts sit in the texts' overflow pages."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).select_related(None).without_texts()

    def get_results(self, request):
        super().get_results(request)
        page = list(self.result_list.values_list("pk", *PAGE_FIELDS))
        ids = [pk for pk, *_ in page]
        rows = Review.objects.filter(pk__in=ids).select_related(*ROW_RELATIONS).only(*ROW_FIELDS).order_by()
        by_id = {row.pk: row for row in with_issue_entries(list(rows))} if ids else {}
        self.result_list = []
        for pk, *values in page:
            if pk in by_id:
                row = by_id[pk]
                for name, value in zip(PAGE_FIELDS, values, strict=True):
                    setattr(row, name, value)
                self.result_list.append(row)
