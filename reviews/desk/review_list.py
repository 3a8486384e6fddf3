"""What the review changelist reads: the page's reviews with only what their rows show."""

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from django.contrib.admin.views.main import ChangeList
from django.db import connections
from django.utils.http import urlencode

from ..models import Paper, Review, Reviewer

# The status and the date come with the page's ids: the index of the list's order holds them (on
# SQLite a review's columns after its long texts sit in the texts' overflow pages).
PAGE_FIELDS = ("status", "updated_at")
# What a row does not show of its issue entry and issue: their long texts.
ENTRY_TEXTS = (
    "import_notes",
    *(f"issue__{name}" for name in ("published_text", "intro", "outro")),
    *(f"issue__series__{name}" for name in ("intro", "outro")),
)
# The rest of a row, by the page's ids: written once (the ORM built this query for every page,
# ~0.6 ms, and three models a row, ~2 ms for 50 rows). The entry's id says whether the review is in
# an issue (a subquery: joined, PostgreSQL hashed every entry, 3 ms in all instead of 0.9); the
# few entries there are come with their issues in a query of their own.
ROWS_SQL = (
    "SELECT r.id, r.language, p.id, p.title, v.id, v.display_name,"
    " (SELECT e.id FROM {entries} e WHERE e.review_id = r.id)"
    " FROM {reviews} r JOIN {papers} p ON p.id = r.paper_id JOIN {reviewers} v ON v.id = r.reviewer_id"
    " WHERE r.id IN ({ids})"
)


class PaperTitle(NamedTuple):
    id: int
    title: str
    __str__ = Paper.__str__


class ReviewerName(NamedTuple):
    id: int
    display_name: str
    __str__ = Reviewer.__str__


@dataclass(slots=True)
class ReviewRow:
    """A review as its row shows it, with the attributes a Review gives the list's columns (the
    model admin's display methods and Django's own result_list read them the same way)."""

    id: int
    status: str
    updated_at: object
    language: str
    paper: PaperTitle
    reviewer: ReviewerName
    entry: object = None  # its issue entry (with its issue), or None

    _meta = Review._meta  # what Django's list reads of a model's fields (lookup_field)
    __str__ = Review.__str__
    serializable_value = Review.serializable_value

    @property
    def pk(self):
        return self.id

    @property
    def reviewer_id(self):
        return self.reviewer.id

    @property
    def paper_id(self):
        return self.paper.id

    @property
    def issue_entry(self):
        if self.entry is None:
            raise Review.issue_entry.RelatedObjectDoesNotExist("This review is in no issue.")
        return self.entry


def rows_of(page):
    """ReviewRows for `page`, (id, status, updated_at) tuples in the list's order."""
    if not page:
        return []
    entry_model = Review._meta.get_field("issue_entry").related_model  # digest.IssueEntry, without importing digest
    sql = ROWS_SQL.format(
        reviews=Review._meta.db_table,
        papers=Paper._meta.db_table,
        reviewers=Reviewer._meta.db_table,
        entries=entry_model._meta.db_table,
        ids=", ".join(["%s"] * len(page)),
    )
    with connections[Review.objects.db].cursor() as cursor:
        cursor.execute(sql, [pk for pk, *_rest in page])
        found = {pk: rest for pk, *rest in cursor.fetchall()}
    entry_ids = [values[-1] for values in found.values() if values[-1] is not None]
    entries = (
        entry_model.objects.select_related("issue__series").defer(*ENTRY_TEXTS).in_bulk(entry_ids) if entry_ids else {}
    )
    rows = []
    for pk, status, updated_at in page:
        if pk in found:  # a review deleted meanwhile is left out
            language, paper_id, title, reviewer_id, name, entry_id = found[pk]
            paper, reviewer = PaperTitle(paper_id, title), ReviewerName(reviewer_id, name)
            rows.append(ReviewRow(pk, status, updated_at, language, paper, reviewer, entries.get(entry_id)))
    return rows


@lru_cache(maxsize=4096)
def encoded_query(items):
    """urlencode() of a list's query as Django's ChangeList writes it, remembered: a page of the
    list writes ~70 of them (each filter choice, sort header and page link, ~20 µs each), the same
    for every visit of that page."""
    return f"?{urlencode(items, doseq=True)}"


class ReviewChangeList(ChangeList):
    """The list never shows the texts: they stay in the database (they can be large). The page's
    reviews are found first, without joins, so the database sorts and limits the reviews before
    anything is joined to them; then the rest of those rows is read in one query (rows_of). A
    popup (a lookup from another page's form) lists Review models, as Django's own list does."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).select_related(None).without_texts()

    def get_query_string(self, new_params=None, remove=None):
        """Django's, with the query's encoding remembered (encoded_query)."""
        query = self.filter_params.copy()
        for prefix in remove or []:
            for name in [name for name in query if name.startswith(prefix)]:
                del query[name]
        for name, value in (new_params or {}).items():
            if value is None:
                query.pop(name, None)
            else:
                query[name] = value
        items = sorted(query.items())
        try:
            return encoded_query(tuple((name, tuple(v) if isinstance(v, list) else v) for name, v in items))
        except TypeError:  # a value that cannot be a key
            return f"?{urlencode(items, doseq=True)}"

    def get_results(self, request):
        super().get_results(request)
        if self.is_popup or self.to_field or self.list_editable:
            self.result_list = self.result_list.select_related("paper", "reviewer").prefetch_related(
                "issue_entry__issue__series"
            )
            return
        self.result_list = rows_of(list(self.result_list.values_list("pk", *PAGE_FIELDS)))
