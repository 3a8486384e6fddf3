"""Reads of issues and reviews used by views, feeds, the sitemap and the admin.

Everything public reads only published issues and reviews. Each function makes a fixed number
of queries, whatever the size of the archive.
"""

from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, Window, prefetch_related_objects
from django.db.models.functions import Coalesce, RowNumber

from reviews.enums import ReviewStatus
from reviews.markdown import render_markdown
from reviews.models import REVIEW_TEXTS, PaperLink, Review, Topic, texts_of

from ..export.post import entries_of, entry_columns, issue_links
from ..models import Issue, IssueEntry, Series
from .prepared import PK, SLUG, Prepared, PreparedObjects, prefetched

# The order of issues within a series: by period, then part (no part first), then creation.
SERIES_ORDER = ("period_start", "period_end", "part_order", "id")
# A review's large text columns; lists leave them in the database.


def entries_with_reviews():
    return IssueEntry.objects.select_related("review__paper", "review__reviewer").order_by("position", "id")


def published_issues():
    return Issue.objects.published().select_related("series").order_by("-published_at", "-id")


def issue_with_entries(queryset=None):
    """Issues with their entries, reviews, papers, reviewers and paper links in a fixed number of queries."""
    queryset = queryset if queryset is not None else Issue.objects.all()
    return queryset.select_related("series").prefetch_related(
        Prefetch("entries", queryset=entries_with_reviews()),
        "entries__review__paper__links",
    )


def published_reviews():
    return Review.objects.published().select_related("paper", "reviewer", "issue_entry__issue__series")


# --- home and series ----------------------------------------------------------------------------


def latest_issues_by_series(*, per_series=4, max_series=20):
    """The latest published issues of every series, newest series activity first.

    Returns [(series, [issue, ...]), ...]; the first issue of each series carries its entries
    (with papers) for the table of contents. Two queries whatever the size of the archive.
    """
    ranked = (
        Issue.objects.published()
        .select_related("series")
        .annotate(part_order=Coalesce("part", 0))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("series_id")],
                order_by=[F(field).desc() for field in SERIES_ORDER],
            ),
            series_latest=Window(Max("published_at"), partition_by=[F("series_id")]),
        )
        .filter(rank__lte=per_series)
        .order_by("-series_latest", "series_id", "rank")
    )[: per_series * max_series]
    issues = list(ranked)
    with_table_of_contents([issue for issue in issues if issue.rank == 1])
    groups = []
    for issue in issues:
        if issue.rank == 1:
            groups.append((issue.series, []))
        groups[-1][1].append(issue)
    return groups


class TocLine(NamedTuple):
    """One line of a table of contents: "Title (affiliations, year)", linking to #review-<id>."""

    review_id: int
    title: str
    affiliations: str
    year: int | None


def with_table_of_contents(issues):
    """Give each issue a `toc`: TocLines of its published entries, in order. One query."""
    by_issue = {issue.pk: issue for issue in issues}
    for issue in issues:
        issue.toc = []
    if issues:
        rows = (
            IssueEntry.objects.filter(issue__in=list(by_issue), review__status=ReviewStatus.PUBLISHED)
            .order_by("position", "id")
            .values_list(
                "issue_id", "review_id", "review__paper__title", "review__paper__affiliations", "review__paper__year"
            )
        )
        for issue_id, *line in rows:
            by_issue[issue_id].toc.append(TocLine(*line))
    return issues


def in_series_order(issues, *, newest_first=False):
    """Issues in the order of their series (SERIES_ORDER)."""
    if "part_order" not in issues.query.annotations:
        issues = issues.annotate(part_order=Coalesce("part", 0))
    return issues.order_by(*(f"-{field}" if newest_first else field for field in SERIES_ORDER))


def series_issues(series):
    """A series' published issues, newest period first."""
    return in_series_order(Issue.objects.published().filter(series=series).select_related("series"), newest_first=True)


# --- one issue ----------------------------------------------------------------------------------


def published_entries():
    """Entries whose review is published: an entry added to a published issue later stays hidden.

    The markdown source and the search text stay in the database; pages show `body_html`.
    """
    return (
        entries_with_reviews()
        .filter(review__status=ReviewStatus.PUBLISHED)
        .defer(*texts_of("review", keep=["body_html"]))
    )


# Reads of one row by a unique key leave out the models' default ORDER BY: SQLite would copy the
# row (a review's body included) into a sorter to sort it, half of what such a read costs.
_published_issue_alone = PreparedObjects(
    lambda slug: (
        Issue.objects.published().defer("published_text").filter(slug=slug).select_related("series").order_by()[:1]
    ),
    SLUG,
)


def published_issue_alone(slug):
    """The published issue with this slug and its series, or None (not the text as published:
    it can be the size of the whole post). Its page reads the entries as the post words them:
    published_post_entries."""
    found = _published_issue_alone(slug)
    return found[0] if found else None


def published_issue(slug):
    """The published issue with this slug, with its published entries, their reviews, papers and links, or None."""
    issue = published_issue_alone(slug)
    if issue is not None:
        prefetch_related_objects(
            [issue], Prefetch("entries", queryset=published_entries()), "entries__review__paper__links"
        )
    return issue


POST_TEXTS = ("body_html",)
_published_entry_rows = Prepared(
    lambda issue: (
        IssueEntry.objects.filter(issue_id=issue, review__status=ReviewStatus.PUBLISHED)
        .order_by("position", "id")
        .values_list(*entry_columns(POST_TEXTS).values())
    ),
    PK,
)


def published_post_entries(issue, labels):
    """The entries of the published issue whose review is published, as the post words them
    (digest.export.post.PostEntry), with their `body_html`; links stay relative to the site.
    Two queries, compiled once: the entries, the links of the issue's papers."""
    columns = entry_columns(POST_TEXTS)
    rows = [dict(zip(columns, values, strict=True)) for values in _published_entry_rows(issue.pk)]
    return entries_of(rows, issue_links(issue.pk), labels, texts=POST_TEXTS)


# What a link to another issue does not need: its texts (the text as published is the whole post).
LINKED_ISSUE_TEXTS = ("published_text", "intro", "outro", "series__intro", "series__outro")


_issues_in_series = Prepared(
    lambda series: in_series_order(Issue.objects.published().filter(series_id=series)).values_list("pk"), PK
)
_linked_issues = PreparedObjects(
    lambda first, second: (
        Issue.objects.filter(pk__in=[first, second]).select_related("series").defer(*LINKED_ISSUE_TEXTS).order_by()
    ),  # found by their ids: no order
    PK,
    PK - 1,
)


def issue_neighbours(issue):
    """(previous, next) published issues of the same series, by period; either may be None.

    Two queries compiled once: the ids of the series' issues in order (a few hundred short
    rows at most), then the two neighbours."""
    order = [pk for (pk,) in _issues_in_series(issue.series_id)]
    if issue.pk not in order:
        return None, None
    at = order.index(issue.pk)
    wanted = (order[at - 1] if at > 0 else None, order[at + 1] if at + 1 < len(order) else None)
    if wanted == (None, None):
        return None, None
    found = {linked.pk: linked for linked in _linked_issues(*(pk or 0 for pk in wanted))}
    return tuple(found.get(pk) for pk in wanted)


_issue_translations = PreparedObjects(
    lambda root, issue: (
        Issue.objects.published()
        .filter(Q(pk=root) | Q(translation_of_id=root))
        .exclude(pk=issue)
        .select_related("series")
        .defer(*LINKED_ISSUE_TEXTS)
        .order_by("series__language", "id")
    ),
    PK,
    PK - 1,
)


def issue_translations(issue):
    """The other published language versions of the issue (its original and the original's translations)."""
    return _issue_translations(issue.translation_of_id or issue.pk, issue.pk)


@lru_cache(maxsize=512)
def markdown_html(text):
    """Series and issue intros/outros: few distinct texts, rendered once per process."""
    return render_markdown(text) if text else ""


def issue_intro_outro(issue):
    """(intro_html, outro_html) of the issue: its own text when set, else the series'."""
    return (
        markdown_html(issue.intro or issue.series.intro),
        markdown_html(issue.outro or issue.series.outro),
    )


# --- reviews ------------------------------------------------------------------------------------


# What a row of the archive shows of an issue and its series: their long texts stay behind.
ISSUE_TEXT_FIELDS = tuple(
    f"issue_entry__issue__{field}" for field in ("published_text", "intro", "outro", "series__intro", "series__outro")
)


def archive_reviews():
    """Every published review, newest first, ready for the archive list (bodies left in the database)."""
    return published_reviews().defer(*REVIEW_TEXTS, *ISSUE_TEXT_FIELDS).order_by("-published_at", "-id")


# What a row of the archive (digest/archive/rows.py) does not show: left in the database.
ROW_LEAVES = (
    *("version", "created_at", "updated_at", "submitted_at", "decided_at"),
    *(f"paper__{name}" for name in ("affiliations", "original_url", "arxiv_id", "normalized_title", "created_at")),
    *(f"reviewer__{name}" for name in ("chat_handle", "blog_handle", "bio", "created_at")),
    "issue_entry__import_notes",
    "issue_entry__issue__series__review_template",
)
ROWS_AT_ONCE = 21  # views.paging.PER_PAGE + 1: a page reads one row more than it shows
_archive_rows = PreparedObjects(
    lambda *ids: archive_reviews().filter(pk__in=ids).defer(*ROW_LEAVES), *(PK - n for n in range(ROWS_AT_ONCE))
)


def archive_rows(ids):
    """The archive's rows of these reviews (see views.paging.keyset_page_of: ids first), in no
    particular order. Up to a page's worth, by a query compiled once (the last id repeated to fill it)."""
    ids = list(ids)
    if not ids or len(ids) > ROWS_AT_ONCE:
        return archive_reviews().filter(pk__in=ids).defer(*ROW_LEAVES)
    return _archive_rows(*ids, *[ids[-1]] * (ROWS_AT_ONCE - len(ids)))


# What the review page does not show of the rows it reads, left in the database: the driver
# converts every column it gets (the read took 0.48 ms of CPU with them at 100,000 reviews on
# SQLite, 0.36 ms without). The original of a translation is linked by its id and language.
REVIEW_PAGE_LEAVES = (
    *("created_at", "submitted_at", "decided_at"),
    *(f"paper__{name}" for name in ("arxiv_id", "normalized_title", "status", "duplicate_of", "proposed_by")),
    *(f"paper__{name}" for name in ("created_at", "updated_at")),
    *(f"reviewer__{name}" for name in ("user", "bio", "language", "created_at")),
    *(f"translation_of__{name}" for name in ("paper", "reviewer", "translation_of", "version")),
    *(f"translation_of__{name}" for name in ("created_at", "updated_at", "submitted_at", "decided_at", "published_at")),
    "issue_entry__position",
    "issue_entry__import_notes",
)

_published_review = PreparedObjects(
    lambda pk: (
        published_reviews()
        .select_related("translation_of")
        .defer("body", "search_document", *texts_of("translation_of"), *ISSUE_TEXT_FIELDS, *REVIEW_PAGE_LEAVES)
        .filter(pk=pk)
        .order_by()[:1]  # one row by its key: see _published_issue_alone
    ),
    PK,
)
_paper_links = PreparedObjects(lambda paper: PaperLink.objects.filter(paper_id=paper), PK)
_paper_topics = PreparedObjects(lambda paper: Topic.objects.filter(papers=paper), PK)
# By the foreign key alone, the status checked in Python: with a status condition next to it,
# SQLite prefers the status index and walks every published review. Sorted in Python; the page
# links each by its id and language, so their papers are not read.
_translations = PreparedObjects(
    lambda root: Review.objects.filter(translation_of_id=root).without_texts().order_by(), PK
)


def published_review(pk):
    """The published review with this id, with its paper's links and topics, or None.

    The review page's reads, each compiled once (prepared.PreparedObjects): four queries."""
    if not -(2**63) <= pk < 2**63:  # more than the database's integers hold: no such row
        return None
    found = _published_review(pk)
    if not found:
        return None
    review = found[0]
    prefetched(review.paper, "links", _paper_links(review.paper_id))
    prefetched(review.paper, "topics", _paper_topics(review.paper_id))
    return review


def review_translations(review):
    """The other published language versions of the review (`review` from `published_review`):
    the original (`translation_of`) and its translations."""
    root = review.translation_of or review
    versions = [root, *_translations(root.pk)]
    return sorted(
        (other for other in versions if other.pk != review.pk and other.status == ReviewStatus.PUBLISHED),
        key=lambda other: (other.language, other.pk),
    )


def public_issue_of(review):
    """The published issue the review appeared in, or None."""
    entry = getattr(review, "issue_entry", None)
    if entry is not None and entry.issue.is_published:
        return entry.issue
    return None


def public_topics():
    """Topics with at least one published review: the archive's topic filter."""
    published = Review.objects.published().filter(paper__topics=OuterRef("pk"))
    return Topic.objects.filter(Exists(published)).order_by("name")


def public_series():
    """Series with at least one published issue."""
    return Series.objects.filter(Exists(Issue.objects.published().filter(series=OuterRef("pk")))).order_by("name")


def archive_filter_choices(version=None):
    """{"topic": [(slug, name, pk)], "series": [...]}: the archive's filter choices.

    Finding the topics that have a published review costs tens of milliseconds at 100,000
    reviews, and the answer changes only with what is published: with the archive's
    `freshness.publications_version` it is read from the cache, computed once per version.
    """
    cached = version is not None and settings.DIGEST_PAGE_CACHE_SECONDS
    key = f"archive-choices:{version.token}" if cached else None
    choices = caches["pages"].get(key) if key else None
    if choices is None:
        choices = {
            "topic": list(public_topics().values_list("slug", "name", "pk")),
            "series": list(public_series().values_list("slug", "name", "pk")),
        }
        if key:
            caches["pages"].set(key, choices, settings.DIGEST_PAGE_CACHE_SECONDS)
    return choices


def reviews_by(reviewer):
    """A reviewer's published reviews, newest first."""
    return archive_reviews().filter(reviewer=reviewer)
