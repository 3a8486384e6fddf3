"""What the API answers and accepts (pydantic models: they make the OpenAPI description)."""

import datetime

from ninja import Schema


class SeriesOut(Schema):
    slug: str
    name: str
    language: str
    url: str


class ReviewerOut(Schema):
    slug: str
    display_name: str
    chat_handle: str
    blog_handle: str
    bio: str
    url: str


class LinkOut(Schema):
    kind: str
    label: str
    url: str


class PaperOut(Schema):
    id: int
    title: str
    authors: str
    affiliations: str
    year: int | None
    arxiv_id: str
    original_url: str
    links: list[LinkOut]


class ReviewOut(Schema):
    id: int
    paper: PaperOut
    reviewer: ReviewerOut
    language: str
    published_at: datetime.datetime
    issue: str | None
    body: str | None = None
    body_html: str | None = None
    url: str


class IssueOut(Schema):
    slug: str
    title: str
    series: SeriesOut
    period_start: datetime.date
    period_end: datetime.date
    part: int | None
    published_at: datetime.datetime
    published_url: str
    url: str


class EntryOut(Schema):
    position: int
    review_id: int
    title: str


class IssueDetailOut(IssueOut):
    entries: list[EntryOut]
    exports: dict[str, str]


class Page(Schema):
    next: str | None


class IssuePage(Page):
    results: list[IssueOut]


class ReviewPage(Page):
    results: list[ReviewOut]


class ReviewerPage(Page):
    results: list[ReviewerOut]


class PaperPage(Page):
    results: list[PaperOut]


class SeriesPage(Page):
    results: list[SeriesOut]


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


# --- members -----------------------------------------------------------------------------------


class AssignmentOut(Schema):
    id: int
    paper: PaperOut
    status: str
    due_date: datetime.date
    is_overdue: bool


class MyReviewOut(Schema):
    id: int
    paper_id: int
    paper_title: str
    language: str
    status: str
    version: int
    body: str
    updated_at: datetime.datetime


class ProposeIn(Schema):
    title: str
    authors: str = ""
    affiliations: str = ""
    year: int | None = None
    original_url: str = ""
    arxiv: str = ""
    confirm_duplicate: bool = False


class ClaimOut(Schema):
    assignment: AssignmentOut
    review: MyReviewOut


class DraftIn(Schema):
    body: str
    version: int


# --- editors -----------------------------------------------------------------------------------


class DecisionIn(Schema):
    decision: str  # approve, request_changes, reject
    comment: str = ""


class DecisionOut(Schema):
    id: int
    status: str


class IssuePlanIn(Schema):
    series: str  # slug
    period_start: datetime.date
    period_end: datetime.date | None = None
    part: int | None = None
    planned_for: datetime.date | None = None


class PlannedEntryOut(Schema):
    id: int
    position: int
    review_id: int
    title: str
    status: str


class PlannedIssueOut(Schema):
    id: int
    slug: str
    title: str
    series: str
    status: str
    planned_for: datetime.date | None
    entries: list[PlannedEntryOut]


class ReviewIdsIn(Schema):
    review_ids: list[int]


class OrderIn(Schema):
    entry_ids: list[int]


class ExportOut(Schema):
    format: str
    text: str
    fingerprint: str


class PublishIn(Schema):
    url: str
    format: str = "markdown"
    fingerprint: str | None = None
