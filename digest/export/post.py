"""An issue gathered once into a plain structure that every export target writes out.

`compile_post` reads the issue and its series, the entries with their reviews, papers and
reviewers, the paper links, and the previous issues of the series: four queries whatever the
number of entries. The wording of every line comes from the series' labels
(digest/labels.py); the targets only decide the markup.

The entries are read as rows, not model instances: for a 50-review issue that is a third of the
CPU time of digest.archive.selectors.issue_with_entries (instances plus a prefetch queryset per paper),
and the export needs nothing but the values. The reviews' long texts (`body`, `body_html`, about
1.4 MB each for 50 reviews) are read when a target first asks for one of them, for every entry
in one query: each target needs only one of the two.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from reviews.enums import ReviewStatus
from reviews.models import PaperLink, Review

from ..archive.paths import path_to
from ..archive.prepared import PK, Prepared
from ..labels import labels_for
from ..models import Issue, IssueEntry
from ..titles import format_period, issue_title
from .addresses import absolute_url
from .inert import is_safe_address

ROW = {
    "pk": "review_id",
    "version": "review__version",
    "updated_at": "review__updated_at",
    "status": "review__status",
    "paper_id": "review__paper_id",
    "title": "review__paper__title",
    "authors": "review__paper__authors",
    "affiliations": "review__paper__affiliations",
    "year": "review__paper__year",
    "original_url": "review__paper__original_url",
    "reviewer_name": "review__reviewer__display_name",
    "chat_handle": "review__reviewer__chat_handle",
    "blog_handle": "review__reviewer__blog_handle",
    "reviewer_slug": "review__reviewer__slug",
}


class ReviewTexts:
    """The long texts of the reviews of one post, each column read for all of them when first asked for."""

    COLUMNS = ("body", "body_html")

    def __init__(self, pks, columns=None):
        """`columns`: {column: {pk: text}} already read with the entries (the public page reads `body_html`)."""
        self.pks, self.columns = list(pks), dict(columns or {})

    def get(self, column, pk):
        if column not in self.COLUMNS:
            raise ValueError(f"Not a text column of a review: {column!r}.")
        if column not in self.columns:
            self.columns[column] = dict(Review.objects.filter(pk__in=self.pks).values_list("pk", column))
        return self.columns[column][pk]


@dataclass(frozen=True)
class ReviewRow:
    """What an export needs of a review: its identity and version, its state, its two bodies."""

    pk: int
    version: int
    status: str
    texts: ReviewTexts = field(repr=False, compare=False)

    @property
    def body(self):
        return self.texts.get("body", self.pk)

    @property
    def body_html(self):
        return self.texts.get("body_html", self.pk)

    def get_status_display(self):
        return ReviewStatus(self.status).label

    def get_absolute_url(self):
        return path_to("review_detail", self.pk)


@dataclass(frozen=True)
class PostLink:
    label: str
    url: str = ""
    kind: str = "other"


@dataclass
class PostEntry:
    number: int
    review: ReviewRow
    title: str
    authors: str
    affiliations: str
    year: int | None
    original_url: str
    links: list  # PostLink, the original article first
    reviewer_name: str
    handles: list  # (label, handle) pairs that exist
    updated_at: object = None  # of the review: with its version, says whether its texts changed
    reviewer_slug: str = ""

    @property
    def anchor(self):
        return f"review-{self.number}"

    @property
    def details(self):
        """ "affiliations, year" as far as known."""
        return ", ".join(part for part in (self.affiliations, str(self.year or "")) if part)

    @property
    def authors_text(self):
        """ "authors (affiliations, year)": the authors line after its label, "" without authors."""
        if not self.authors:
            return ""
        return f"{self.authors} ({self.details})" if self.details else self.authors

    @property
    def handles_text(self):
        """ "in Slack ann, on Habr annr": the reviewer's handles with their labels."""
        return ", ".join(f"{label} {handle}" if label else handle for label, handle in self.handles)

    @property
    def has_links(self):
        """Whether the paper has an address or links to show (the exports write the line anyway)."""
        return bool(self.original_url) or len(self.links) > 1

    @property
    def reviewer_url(self):
        return path_to("reviewer_detail", self.reviewer_slug) if self.reviewer_slug else ""

    @property
    def toc_line(self):
        return f"{self.title} ({self.details})" if self.details else self.title


@dataclass
class Post:
    issue: object
    language: str
    labels: dict
    title: str
    intro: str  # markdown
    outro: str  # markdown
    entries: list = field(default_factory=list)
    previous: list = field(default_factory=list)  # PostLink to earlier issues of the series
    site_url: str = ""  # the site's address: site-relative images and links are written from it

    def authors_line(self, entry):
        return f"{self.labels['authors_label']}: {entry.authors_text}" if entry.authors_text else ""

    def links_line(self, entry, render_link, escape=str):
        """`render_link(PostLink)` writes one link in the target's markup, `escape` the labels' text."""
        prefix = escape(self.labels["links_prefix"])
        joined = escape(self.labels["links_separator"]).join(render_link(link) for link in entry.links)
        return f"{prefix} {joined}" if prefix else joined

    def fingerprint(self):
        """A digest of everything the targets read of this post: the issue's and the series' fields,
        the entries' lines, the previous issues, the site's address, and each review by its
        identity (id, version, last change, status) in place of its long texts, which are not
        read. Equal fingerprints, equal exports (for the same code and interface language)."""
        reviews = [(e.review.pk, e.review.version, e.updated_at, e.review.status) for e in self.entries]
        lines = [(e.number, e.title, e.authors, e.affiliations, e.year, e.links, e.reviewer_name, e.handles)
                 for e in self.entries]  # fmt: skip
        parts = (
            [(f.attname, getattr(self.issue, f.attname)) for f in self.issue._meta.concrete_fields],
            [(f.attname, getattr(self.issue.series, f.attname)) for f in self.issue.series._meta.concrete_fields],
            self.language, self.labels, self.title, self.intro, self.outro, self.previous, self.site_url,
            reviews, lines,
        )  # fmt: skip
        return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()

    def reviewer_line(self, entry):
        suffix = f" ({entry.handles_text})" if entry.handles_text else ""
        return f"{self.labels['review_author_label']}: {entry.reviewer_name}{suffix}"


def web_address(url):
    """`url` if a reader may follow it (http, https, mailto or relative), else "": no export links
    to `javascript:` or `data:`, whatever an old import or a shell session left in the database."""
    url = (url or "").strip()
    return url if is_safe_address(url) else ""


def _entry(number, row, links, labels, texts, site):
    handles = [
        (label, handle.strip())
        for label, handle in ((labels["chat_label"], row["chat_handle"]), (labels["blog_label"], row["blog_handle"]))
        if handle.strip()
    ]
    return PostEntry(
        number=number,
        review=ReviewRow(row["pk"], row["version"], row["status"], texts),
        title=" ".join(row["title"].split()),
        authors=" ".join(row["authors"].split()),
        affiliations=row["affiliations"].strip(),
        year=row["year"],
        original_url=absolute_url(web_address(row["original_url"]), site),
        links=[
            PostLink(labels["original_label"], absolute_url(web_address(row["original_url"]), site), "original"),
            *(PostLink(link.label, absolute_url(link.url, site), link.kind) for link in links),
        ],
        reviewer_name=row["reviewer_name"],
        handles=handles,
        updated_at=row["updated_at"],
        reviewer_slug=row["reviewer_slug"],
    )


LINK_KINDS = dict(PaperLink._meta.get_field("kind").flatchoices)


def paper_link(kind, label, url):
    """A paper's link as the post shows it: its label (else its kind's name), a safe address or none."""
    return PostLink(label or str(LINK_KINDS.get(kind, kind)), web_address(url), kind)


def entry_columns(texts=()):
    """The columns of an entry's row: ROW's, then the `texts` columns of its review."""
    return {**ROW, **{column: f"review__{column}" for column in texts}}


def entry_rows(issue, entries=None, *, texts=()):
    """The entries of `issue` in order, each a dict of ROW's values, and their papers' links (two queries).

    `entries`: which of the issue's entries (default: all of them, as the exports and the preview
    show them); `texts`: long text columns of the reviews read with them, e.g. ("body_html",).
    """
    entries = IssueEntry.objects.filter(issue=issue) if entries is None else entries
    columns = entry_columns(texts)
    rows = [
        dict(zip(columns, values, strict=True))
        for values in entries.order_by("position", "id").values_list(*columns.values())
    ]
    links = PaperLink.objects.filter(paper_id__in={row["paper_id"] for row in rows}).order_by("position", "id")
    return rows, links_by_paper(links.values_list("paper_id", "kind", "label", "url"))


def links_by_paper(values):
    """{paper id: [PostLink, …]} of (paper_id, kind, label, url) rows in order."""
    links = {}
    for paper_id, kind, label, url in values:
        links.setdefault(paper_id, []).append(paper_link(kind, label, url))
    return links


_issue_rows = Prepared(
    lambda pk: IssueEntry.objects.filter(issue_id=pk).order_by("position", "id").values_list(*ROW.values()), PK
)
_issue_links = Prepared(
    lambda pk: (
        PaperLink.objects.filter(paper_id__in=IssueEntry.objects.filter(issue_id=pk).values("review__paper_id"))
        .order_by("position", "id")
        .values_list("paper_id", "kind", "label", "url")
    ),
    PK,
)


def issue_links(pk):
    """{paper id: [PostLink, …]} of the papers of the issue `pk`'s entries (a query compiled once)."""
    return links_by_paper(_issue_links(pk))


def issue_rows(pk):
    """entry_rows of every entry of the issue `pk`, with the queries compiled once per thread
    (digest/archive/prepared.py): the workspace reads them on every look."""
    return [dict(zip(ROW, values, strict=True)) for values in _issue_rows(pk)], issue_links(pk)


def post_entries(issue, labels, entries=None, *, texts=(), site=""):
    """The PostEntries of `issue` (of `entries`, see entry_rows), numbered from 1 (two queries).
    The `texts` columns come with the rows; other long texts are read when first asked for."""
    rows, links = entry_rows(issue, entries, texts=texts)
    return entries_of(rows, links, labels, texts=texts, site=site)


def entries_of(rows, links, labels, *, texts=(), site=""):
    """The PostEntries of entry rows (dicts of entry_columns(texts)) and their papers' links, numbered from 1."""
    read = {column: {row["pk"]: row.pop(column) for row in rows} for column in texts}
    review_texts = ReviewTexts((row["pk"] for row in rows), read)
    return [
        _entry(number, row, links.get(row["paper_id"], []), labels, review_texts, site)
        for number, row in enumerate(rows, start=1)
    ]


def entry_for_review(review, labels, *, number=1):
    """The PostEntry of one review, from the instance with its paper (its links prefetched or
    read here) and reviewer: its page shows the same lines as the post. The review's `body_html`
    is taken from the instance, `body` read if asked for."""
    paper, reviewer = review.paper, review.reviewer
    row = {name: getattr(review, name) for name in ("pk", "version", "updated_at", "status")}
    row |= {name: getattr(paper, name) for name in ("title", "authors", "affiliations", "year", "original_url")}
    row |= {
        "paper_id": paper.pk,
        "reviewer_name": reviewer.display_name,
        "chat_handle": reviewer.chat_handle,
        "blog_handle": reviewer.blog_handle,
        "reviewer_slug": reviewer.slug,
    }
    links = [paper_link(link.kind, link.label, link.url) for link in paper.links.all()]
    texts = ReviewTexts([review.pk], {"body_html": {review.pk: review.body_html}})
    return _entry(number, row, links, labels, texts, "")


def previous_issues(issue, count):
    """The `count` latest published issues of the series before this one, newest first (one query)."""
    if count <= 0:
        return []
    before = Q(period_start__lt=issue.period_start)
    if issue.part:
        before |= Q(period_start=issue.period_start, period_end=issue.period_end, part__lt=issue.part)
    earlier = Issue.objects.published().filter(before, series_id=issue.series_id).exclude(pk=issue.pk)
    return list(earlier.order_by("-period_start", "-part", "-id")[:count])


def previous_link(issue, labels, language, site):
    label = format_period(issue.period_start, issue.period_end, language, labels["period_format"])
    if issue.part:
        label = f"{label}. {labels['part_pattern'].format(part=issue.part)}"
    return PostLink(label, web_address(issue.published_url) or f"{site}{issue.get_absolute_url()}", "issue")


def compile_post(issue, *, site_url=None):
    """The post of `issue` (an Issue or its pk), ready for any target. `site_url` is the site's
    address that site-relative images and links are written from (default: settings.SITE_URL;
    digest.export.addresses.site_address(request) gives the one an editor is using)."""
    issue = Issue.objects.select_related("series").get(pk=getattr(issue, "pk", issue))
    return build_post(issue, site_url=site_url)


def build_post(issue, *, site_url=None, rows=None):
    """compile_post of an Issue just read with its series, without reading it again. `rows`: its
    entry_rows (rows, links) if the caller has just read them too (digest/desk/workspace.py);
    else they are read here."""
    site = (site_url or settings.SITE_URL).rstrip("/")
    series = issue.series
    labels = labels_for(series)
    post = Post(
        issue=issue,
        language=series.language,
        labels=labels,
        title=issue_title(issue, labels),
        intro=(issue.intro or series.intro).strip(),
        outro=(issue.outro or series.outro).strip(),
        site_url=site,
    )
    post.entries = entries_of(*(entry_rows(issue) if rows is None else rows), labels, site=site)
    earlier = previous_issues(issue, series.previous_links_count)
    post.previous = [previous_link(previous, labels, series.language, site) for previous in earlier]
    return post
