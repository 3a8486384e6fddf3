"""What the issue workspace shows: the entries in order, the pool of approved reviews to add, the
capacity against the series' target, the exports with the pre-export check, and whether the issue
can be published. Reads only; the writes go through digest.services (workspace_views.py).

A fixed number of queries whatever the number of entries and the size of the pool: the issue, its
entries (with reviews, papers, reviewers), one page of the pool and its count, and for the post
(digest/export/post.py, built from the same issue and entries) the papers' links, the previous
issues and, when its exports are not in the cache yet, its two text columns.
"""

import hashlib
from dataclasses import dataclass, field
from html import unescape

from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import F
from django.utils.html import escape
from django.utils.translation import get_language

from reviews.desk.filters import in_an_issue
from reviews.desk.search import search_reviews
from reviews.enums import ReviewStatus
from reviews.models import Review

from .. import services
from ..archive.prepared import PK, PreparedObjects
from ..export import html
from ..export.checks import check_post
from ..export.formats import FORMATS, render_post
from ..export.post import build_post, issue_rows
from ..models import Issue
from ..release import release_digest
from .capacity import UNDER, Capacity

POOL_PAGE = 25
EXPORTS_TIMEOUT = 60 * 60 * 24  # seconds; entries of posts nobody opens again expire


_issue = PreparedObjects(
    lambda pk: Issue.objects.select_related("series", "post_import__imported_by").filter(pk=pk), PK
)
BIGGEST_ID = 2**63 - 1


def workspace_issue(pk):
    """The issue with its series and its import record (if any), or None. Compiled once per thread
    (digest/archive/prepared.py), like the entries' rows: every view of the workspace reads it."""
    pk = int(pk)
    found = _issue(pk) if 0 < pk <= BIGGEST_ID else []
    return found[0] if found else None


@dataclass(frozen=True)
class Entry:
    """An entry as the workspace lists it: its review, the paper's title, the reviewer, the state."""

    review_id: int
    title: str
    reviewer_name: str
    status: str

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, self.status)


STATUS_LABELS = dict(ReviewStatus.choices)


def issue_entries(issue):
    """The entries in the order of the post (Entry), and the rows and papers' links the post is
    built from (digest/export/post.py: issue_rows): two queries, values rather than instances."""
    rows, links = issue_rows(issue.pk)
    entries = [Entry(row["pk"], row["title"], row["reviewer_name"], row["status"]) for row in rows]
    return entries, rows, links


def review_pool(issue, term=""):
    """Approved reviews in the issue's language that are in no issue yet, oldest decision first."""
    pool = Review.objects.approved().filter(language=issue.series.language).filter(~in_an_issue())
    if term.strip():
        pool = search_reviews(pool, term)
    return (
        pool.without_texts().select_related("paper", "reviewer").order_by(F("decided_at").asc(nulls_first=True), "pk")
    )


@dataclass
class Export:
    format: str
    label: str
    html: str  # the text escaped for the page's source box: the cache keeps only this (escaping ~300 KB costs ms)

    @property
    def text(self):
        return unescape(self.html)


@dataclass
class Workspace:
    issue: Issue
    entries: list
    capacity: Capacity
    pool: object  # a Paginator page, or None for a published issue
    term: str
    post: object = None
    exports: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    blockers: list = field(default_factory=list)
    fingerprint: str = ""

    @property
    def missing(self):
        """How many entries the issue lacks to reach the series' target (0 when it does)."""
        return max(self.capacity.low - self.capacity.count, 0)

    @property
    def needs_confirmation(self):
        return self.capacity.state == UNDER

    @property
    def entry_reviews(self):
        return [entry.review_id for entry in self.entries]


def pool_page(issue, term="", page=None):
    """One page of the pool, or None for a published issue (nothing can be added to it)."""
    return None if issue.is_published else Paginator(review_pool(issue, term), POOL_PAGE).get_page(page)


def workspace_for(issue, *, site_url, term="", page=None, pool_only=False):
    """Everything the workspace page shows of `issue` (an Issue with its series); with `pool_only`,
    the pool alone (the search answers with it)."""
    pool = pool_page(issue, term, page)
    if pool_only:
        return Workspace(issue=issue, entries=[], capacity=Capacity.of(issue, count=0), pool=pool, term=term)
    entries, rows, links = issue_entries(issue)
    capacity = Capacity.of(issue, count=len(entries))
    post = build_post(issue, site_url=site_url, rows=(rows, links))
    escaped, warnings, fingerprint = exports_of(post)
    exports = [Export(fmt, FORMATS[fmt].label, escaped[fmt]) for fmt in FORMATS]
    return Workspace(
        issue=issue,
        entries=entries,
        capacity=capacity,
        pool=pool,
        term=term,
        post=post,
        exports=exports,
        warnings=warnings,
        blockers=[] if issue.is_published else services.blockers_of((e.title, e.status) for e in entries),
        fingerprint=fingerprint,
    )


def exports_of(post):
    """({format: the post in it, escaped for HTML}, the pre-export warnings, the Markdown's
    text_fingerprint), kept in the cache under the post's fingerprint: an editor's every click on
    the workspace shows them, and rendering four formats, checking every image and escaping the
    texts for the page costs most of it. Any change of what the post shows gives a new fingerprint
    (the reviews' texts by their version and last change), so nothing is stale. They have a cache
    of their own ("exports"), a small one without Redis: a few MB each, they must neither fill a
    worker's memory nor push the pages out."""
    parts = [release_digest(), get_language() or "", post.fingerprint()]
    key = "workspace-exports:" + hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()
    found = caches["exports"].get(key)
    if found is None:
        texts = {fmt: html.render(post) if fmt == "html" else render_post(post, fmt) for fmt in FORMATS}
        escaped = {fmt: escape(text) for fmt, text in texts.items()}
        found = (escaped, check_post(post), services.text_fingerprint(texts["markdown"]))
        caches["exports"].set(key, found, EXPORTS_TIMEOUT)
    return found
