"""Write a parsed post into the database, in one transaction, through the services.

Papers are matched by arXiv id or normalised title, reviewers by handle or name, reviews by
(paper, reviewer, language), the issue by (series, period, part): importing an overlapping post
reuses what exists, importing the same post twice creates nothing. Any problem raises
PostImportError and the transaction leaves the database as it was.

Tolerant by default: every review the reader found is imported with the fields it could read, and
the notes on what is missing or unsure are kept on the issue and on each entry (PostImport,
IssueEntry.import_notes). strict=True keeps the all-or-nothing reader.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from reviews import services as review_services
from reviews.enums import ReviewStatus
from reviews.models import Review

from .. import services
from ..export.bodies import markdown_block
from ..labels import defaults_for, labels_for
from ..models import Issue, IssueEntry, Series
from ..titles import issue_title
from . import read_post
from .detect import period_from_years, series_name_from_title
from .header import arxiv_id_of
from .notes import Note, as_data
from .structure import UNKNOWN_REVIEWER, PostImportError

IMPORTABLE = {"published": ReviewStatus.PUBLISHED, "approved": ReviewStatus.APPROVED}
SERIES_LABELS = ("toc_heading", "previous_heading", "authors_label", "original_label", "review_author_label")


@dataclass
class ReviewReport:
    """What became of one review of the post."""

    number: int
    title: str
    paper: str  # "paper created", "paper reused (same arXiv id)" …
    reviewer: str
    review: str
    review_id: int | None = None
    notes: list = field(default_factory=list)  # notes.Note


@dataclass
class ImportReport:
    issue: Issue | None = None
    created: Counter = field(default_factory=Counter)
    reused: Counter = field(default_factory=Counter)
    lines: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    post: object = None  # the ParsedPost
    reviews: list = field(default_factory=list)  # ReviewReport, in the order of the post
    dry_run: bool = False

    def summary(self):
        def counts(counter):
            words = [f"{count} {kind if count != 1 else kind[:-1]}" for kind, count in counter.items() if count]
            return ", ".join(words) or "nothing"

        return f"Created {counts(self.created)}; reused {counts(self.reused)}."


class DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _valid_url(url, report, what):
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        report.notes.append(Note("not_an_address", what=what, url=url))
        return ""
    return url[:500]


def _plain(markdown):
    return " ".join(markdown_block(markdown, "text").split())


def split_known_outro(post, outro):
    """Plain text cannot tell the last review from the outro: cut the series' outro off if it ends the post."""
    if post.outro or not outro or not post.entries:
        return
    last, wanted = post.entries[-1], _plain(outro)
    paragraphs = last.body.split("\n\n")
    for cut in range(len(paragraphs) - 1, 0, -1):
        if _plain("\n\n".join(paragraphs[cut:])) == wanted:
            last.body, post.outro = "\n\n".join(paragraphs[:cut]), outro
            return


class Loader:
    def __init__(self, post, series, *, status, period, part, url, published_at, source):
        self.post, self.series, self.source = post, series, source
        self.status = IMPORTABLE[status]
        self.report = ImportReport(notes=list(post.notes), post=post)
        self.period, self.part, self.url, self.published_at = period, part, url, published_at

    def run(self):
        post, report = self.post, self.report
        start, end = self.resolve_period()
        self.at = self.published_at or min(
            timezone.make_aware(datetime.datetime(end.year + end.month // 12, end.month % 12 + 1, 1, 12)),
            timezone.now(),
        )
        reviews = [self.load_entry(entry) for entry in post.entries]
        if post.previous:
            report.notes.append(
                Note("previous_links", count=len(post.previous), limit=self.series.previous_links_count)
            )
        issue = self.load_issue(start, end, reviews)
        report.issue = issue
        exported = issue_title(issue)
        if post.title and " ".join(post.title.split()) != exported:
            report.notes.append(Note("title_exports_as", title=post.title, exported=exported))
        return report

    def resolve_period(self):
        post, report = self.post, self.report
        if self.period:
            return self.period
        if post.period_start:
            return post.period_start, post.period_end
        guessed = period_from_years(entry.year for entry in post.entries)
        if not guessed:
            raise PostImportError(
                "no period in the title and no paper years: pass --period YYYY-MM[:YYYY-MM]", code="no_period"
            )
        report.notes.append(Note("period_from_years", start=f"{guessed[0]:%Y-%m}", end=f"{guessed[1]:%Y-%m}"))
        return guessed

    # --- papers, reviewers, reviews ---------------------------------------------------------------

    def load_paper(self, entry):
        report = self.report
        original_url = _valid_url(entry.original_url, report, f"review {entry.number}")
        arxiv_id = arxiv_id_of(original_url)
        candidates = list(review_services.find_duplicates(title=entry.title, arxiv_id=arxiv_id)[:2])
        if candidates:
            paper = next((paper for paper in candidates if arxiv_id and paper.arxiv_id == arxiv_id), candidates[0])
            report.reused["papers"] += 1
            how = "arXiv id" if arxiv_id and paper.arxiv_id == arxiv_id else "title"
            return paper, f"paper reused (same {how})"
        year = entry.year if entry.year and 1900 <= entry.year <= 2100 else None
        links = [
            (link.kind, link.label[:200], _valid_url(link.url, report, f"review {entry.number}"))
            for link in entry.links
        ]
        try:
            paper = review_services.propose_paper(
                by=None,
                title=entry.title[:500],
                authors=entry.authors,
                affiliations=entry.affiliations[:500],
                year=year,
                original_url=original_url,
                arxiv_id=arxiv_id,
                links=links,
                announce=False,
            )
        except ValidationError as error:  # e.g. the arXiv id of a paper rejected earlier
            raise PostImportError(f"review {entry.number} “{entry.title}”: {' '.join(error.messages)}", entry.line)
        report.created["papers"] += 1
        return paper, "paper created"

    def load_reviewer(self, entry):
        report = self.report
        unknown = UNKNOWN_REVIEWER.get(self.post.language, UNKNOWN_REVIEWER["en"])
        reviewer, how = review_services.find_or_create_imported_reviewer(
            name=entry.reviewer_name,
            chat_handle=entry.chat_handle,
            blog_handle=entry.blog_handle,
            address=entry.reviewer_address,
            fallback_name=unknown,
        )
        if how == "created":
            report.created["reviewers"] += 1
            return reviewer, f"reviewer {reviewer.display_name} created"
        report.reused["reviewers"] += 1
        return reviewer, f"reviewer {reviewer.display_name} reused (same {how})"

    def load_entry(self, entry):
        report = self.report
        paper, paper_note = self.load_paper(entry)
        reviewer, reviewer_note = self.load_reviewer(entry)
        language = self.post.language
        review = Review.objects.filter(paper=paper, reviewer=reviewer, language=language).first()
        if review is not None:
            if review.status not in {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}:
                raise PostImportError(
                    f"review {entry.number} “{entry.title}”: {reviewer.display_name} already has a review of this "
                    f"paper in this language that is “{review.get_status_display()}”; finish or withdraw it first",
                    entry.line,
                )
            report.reused["reviews"] += 1
            if review.body.strip() != entry.body.strip():
                report.notes.append(Note("body_kept", number=entry.number))
            review_note = "review reused"
        else:
            review = review_services.start_review(
                paper=paper, reviewer=reviewer, by=None, language=language, body=entry.body
            )
            review = review_services.import_review_status(
                review, to=self.status, at=self.at, comment=f"Imported from {self.source or 'a published post'}."
            )
            report.created["reviews"] += 1
            review_note = "review created"
        report.lines.append(f"{entry.number}. {entry.title}: {paper_note}; {reviewer_note}; {review_note}")
        row = ReviewReport(entry.number, entry.title, paper_note, reviewer_note, review_note, review.pk)
        row.notes = list(entry.notes)
        report.reviews.append(row)
        return review

    # --- the issue ------------------------------------------------------------------------------

    def load_issue(self, start, end, reviews):
        post, report, series = self.post, self.report, self.series
        issue = Issue.objects.filter(series=series, period_start=start, period_end=end, part=self.part).first()
        wanted = [review.pk for review in reviews]
        if issue is not None:
            present = list(issue.entries.values_list("review_id", flat=True))
            if set(present) - set(wanted) or (issue.is_published and present != wanted):
                raise PostImportError(
                    f"the series already has an issue for this period (“{issue}”, {issue.slug}) with other reviews; "
                    "pass --part or --period to import this post as another issue",
                    code="issue_exists",
                    issue=str(issue),
                )
            report.reused["issues"] += 1
            report.lines.insert(0, f"Issue “{issue}” ({issue.slug}) reused")
        else:
            try:
                issue = services.create_issue(series=series, period_start=start, period_end=end, part=self.part)
            except ValidationError as error:
                raise PostImportError(" ".join(error.messages)) from error
            issue = services.set_imported_texts(issue, intro=post.intro, outro=post.outro)
            report.created["issues"] += 1
            report.lines.insert(0, f"Issue “{issue}” ({issue.slug}) created")
        present = set(issue.entries.values_list("review_id", flat=True))
        elsewhere = IssueEntry.objects.filter(review_id__in=wanted).exclude(issue=issue).select_related("issue")
        if entry := elsewhere.select_related("review__paper", "issue__series").first():
            raise PostImportError(f"“{entry.review.paper.title}” is already in the issue “{entry.issue}”")
        missing = [review for review in reviews if review.pk not in present]
        try:
            if missing:
                services.add_imported_reviews_to_issue(issue, missing)
            if self.status == ReviewStatus.PUBLISHED and not issue.is_published:
                url = _valid_url(self.url or post.url, self.report, "the post's address")
                issue = services.record_imported_publication(issue, at=self.at, url=url, text=post.text)
                report.lines.insert(
                    1,
                    f"Issue published {self.at:%Y-%m-%d}"
                    + (f" at {issue.published_url}" if issue.published_url else ""),
                )
        except ValidationError as error:
            raise PostImportError(" ".join(error.messages)) from error
        return issue


def find_series(name):
    return Series.objects.filter(name__iexact=name).first() or Series.objects.filter(slug__iexact=name).first()


def resolve_series(post, name, *, may_create=True):
    """The series named on the command line, else one whose name is in the title; created if new
    (unless `may_create` is false: the desk of an editor who may not add series)."""
    series = find_series(name) if name else None
    if series is None and not name and post.title:
        series = next((s for s in Series.objects.all() if s.name.casefold() in post.title.casefold()), None)
        name = series_name_from_title(post.title, defaults_for(post.language)["title_pattern"])
    if series is not None:
        labels = labels_for(series)
        differing = [
            key
            for key in SERIES_LABELS
            if post.labels.get(key) and post.labels[key].rstrip(":") != labels[key].rstrip(":")
        ]
        if differing:
            return series, [Note("labels_differ", labels=", ".join(differing))]
        return series, []
    if not name:
        raise PostImportError("cannot tell which series this post belongs to: pass --series NAME", code="no_series")
    if not may_create:
        raise PostImportError(
            f"there is no series “{name}” yet, and you may not add series: choose an existing series, "
            "or ask an administrator to create this one",
            code="series_not_allowed",
            name=name,
        )
    defaults = defaults_for(post.language)
    own = {
        key: post.labels[key]
        for key in SERIES_LABELS
        if post.labels.get(key) and post.labels[key].rstrip(":") != defaults[key].rstrip(":")
    }
    series = services.create_imported_series(
        name=name, language=post.language, intro=post.intro, previous_links_count=len(post.previous), labels=own
    )
    return series, [Note("series_created", name=series.name, language=series.language)]


def import_post(
    raw, *, series_name="", language=None, status="published", period=None, part=None, url="",
    published_at=None, source="", dry_run=False, strict=False, by=None, may_create_series=True,
):  # fmt: skip
    """Read `raw` and write it; returns an ImportReport. Raises PostImportError, having written nothing.

    `by` is the person importing (the desk), None for the command; `may_create_series` false refuses
    a post whose series does not exist yet."""
    if status not in IMPORTABLE:
        raise PostImportError(f"status must be one of {', '.join(IMPORTABLE)}, not “{status}”")
    known = find_series(series_name) if series_name else None
    post = read_post(
        raw,
        language=language or (known.language if known else None),
        series_labels=labels_for(known) if known else None,
        strict=strict,
    )
    try:
        with transaction.atomic():
            series, notes = resolve_series(post, series_name, may_create=may_create_series)
            split_known_outro(post, series.outro)
            loader = Loader(
                post, series, status=status, period=period, part=part or post.part, url=url,
                published_at=published_at, source=source,
            )  # fmt: skip
            report = loader.run()
            report.notes = notes + report.notes
            services.record_post_import(
                report.issue,
                source=source,
                source_format=post.source_format,
                strict=strict,
                notes=[as_data(note) for note in report.notes],
                review_notes={row.review_id: [as_data(note) for note in row.notes] for row in report.reviews},
                summary={
                    "reviews": len(report.reviews),
                    "with_notes": sum(1 for row in report.reviews if row.notes),
                    "created": dict(report.created),
                    "reused": dict(report.reused),
                },
                by=by,
            )
            if dry_run:
                raise DryRun
    except DryRun:
        report.dry_run = True
        report.lines.insert(0, "Dry run: nothing was written.")
    return report
