"""An issue gathered once into a plain structure that every export target writes out.

`compile_post` reads the issue, its entries, reviews, papers, reviewers, paper links and the
previous issues of the series in a fixed number of queries. The wording of every line comes from
the series' labels (digest/export/labels.py); the targets only decide the markup.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from ..models import Issue
from ..selectors import issue_with_entries
from ..titles import format_period, issue_title
from .labels import labels_for


@dataclass(frozen=True)
class PostLink:
    label: str
    url: str = ""
    kind: str = "other"


@dataclass
class PostEntry:
    number: int
    review: object
    title: str
    authors: str
    details: str  # "affiliations, year" as far as known
    links: list  # PostLink, the original article first
    reviewer_name: str
    handles: list  # (label, handle) pairs that exist

    @property
    def anchor(self):
        return f"review-{self.number}"

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

    def authors_line(self, entry):
        if not entry.authors:
            return ""
        details = f" ({entry.details})" if entry.details else ""
        return f"{self.labels['authors_label']}: {entry.authors}{details}"

    def links_line(self, entry, render_link):
        """`render_link(PostLink)` writes one link in the target's markup."""
        prefix = self.labels["links_prefix"]
        joined = self.labels["links_separator"].join(render_link(link) for link in entry.links)
        return f"{prefix} {joined}" if prefix else joined

    def reviewer_line(self, entry):
        handles = ", ".join(f"{label} {handle}" if label else handle for label, handle in entry.handles)
        suffix = f" ({handles})" if handles else ""
        return f"{self.labels['review_author_label']}: {entry.reviewer_name}{suffix}"


def _details(paper):
    return ", ".join(part for part in (paper.affiliations.strip(), str(paper.year or "")) if part)


def _entry(number, review, labels):
    paper, reviewer = review.paper, review.reviewer
    links = [PostLink(labels["original_label"], paper.original_url, "original")]
    links += [PostLink(link.label or link.get_kind_display(), link.url, link.kind) for link in paper.links.all()]
    handles = [
        (label, handle.strip())
        for label, handle in (
            (labels["chat_label"], reviewer.chat_handle),
            (labels["blog_label"], reviewer.blog_handle),
        )
        if handle.strip()
    ]
    return PostEntry(
        number=number,
        review=review,
        title=" ".join(paper.title.split()),
        authors=" ".join(paper.authors.split()),
        details=_details(paper),
        links=links,
        reviewer_name=reviewer.display_name,
        handles=handles,
    )


def previous_issues(issue, count):
    """The `count` latest published issues of the series before this one, newest first (one query)."""
    if count <= 0:
        return []
    before = Q(period_start__lt=issue.period_start)
    if issue.part:
        before |= Q(period_start=issue.period_start, period_end=issue.period_end, part__lt=issue.part)
    earlier = Issue.objects.published().filter(before, series_id=issue.series_id).exclude(pk=issue.pk)
    return list(earlier.order_by("-period_start", "-part", "-id")[:count])


def previous_link(issue, labels, language):
    label = format_period(issue.period_start, issue.period_end, language, labels["period_format"])
    if issue.part:
        label = f"{label}. {labels['part_pattern'].format(part=issue.part)}"
    return PostLink(label, issue.published_url or f"{settings.SITE_URL}{issue.get_absolute_url()}", "issue")


def compile_post(issue):
    """The post of `issue` (an Issue or its pk), ready for any target."""
    issue = issue_with_entries(Issue.objects.filter(pk=getattr(issue, "pk", issue))).get()
    series = issue.series
    labels = labels_for(series)
    post = Post(
        issue=issue,
        language=series.language,
        labels=labels,
        title=issue_title(issue, labels),
        intro=(issue.intro or series.intro).strip(),
        outro=(issue.outro or series.outro).strip(),
    )
    post.entries = [_entry(number, entry.review, labels) for number, entry in enumerate(issue.entries.all(), start=1)]
    post.previous = [
        previous_link(earlier, labels, series.language)
        for earlier in previous_issues(issue, series.previous_links_count)
    ]
    return post
