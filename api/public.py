"""Public, read-only: what the archive shows, nothing more (published issues and reviews, their
papers and reviewers, the series). Answers are cached like the pages: under the version of what
they show (digest.freshness), so a change is seen at once and nothing is invalidated by hand."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models import Exists, OuterRef
from django.http import Http404
from ninja import Router

from digest.archive import freshness, selectors
from digest.archive.filters import ReviewFilter, SearchTooBroad, full_text_planning
from digest.export.formats import FORMATS, export_issue
from digest.models import Series
from digest.titles import issue_title
from reviews.models import Paper, Review, Reviewer

from . import paging, schemas
from .access import public_access

router = Router(auth=public_access, tags=["public"])


class NotModified(Exception):
    """The client's copy (If-None-Match) is current: 304, nothing read or rendered."""


def cached(version_of):
    """Keep the answer under the version of what it shows; 404 when `version_of` finds nothing.

    The same version gives the answer's ETag (main.DigestAPI.create_response sets it), so a
    client that sends it back in If-None-Match gets 304, as for the pages.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            version = version_of(**kwargs)
            if version is None:
                raise Http404("Not published.")
            address = f"{version.token}|{request.get_host()}|{request.get_full_path()}"
            digest = hashlib.sha256(address.encode()).hexdigest()
            request.api_etag = f'"{digest[:32]}"'
            if request.api_etag in request.headers.get("If-None-Match", ""):
                raise NotModified
            key = "api:" + digest
            data = caches["pages"].get(key)
            if data is None:
                data = view(request, **kwargs)
                if settings.DIGEST_PAGE_CACHE_SECONDS:
                    caches["pages"].set(key, data, settings.DIGEST_PAGE_CACHE_SECONDS)
            return data

        return wrapper

    return decorator


def absolute(request, path):
    return request.build_absolute_uri(path)


def series_data(request, series):
    return {"slug": series.slug, "name": series.name, "language": series.language,
            "url": absolute(request, series.get_absolute_url())}  # fmt: skip


def reviewer_data(request, reviewer):
    return {
        "slug": reviewer.slug, "display_name": reviewer.display_name, "chat_handle": reviewer.chat_handle,
        "blog_handle": reviewer.blog_handle, "bio": reviewer.bio, "url": absolute(request, reviewer.get_absolute_url()),
    }  # fmt: skip


def paper_data(paper):
    return {
        "id": paper.pk, "title": paper.title, "authors": paper.authors, "affiliations": paper.affiliations,
        "year": paper.year, "arxiv_id": paper.arxiv_id, "original_url": paper.original_url,
        "links": [{"kind": link.kind, "label": link.label, "url": link.url} for link in paper.links.all()],
    }  # fmt: skip


def review_data(request, review, *, full=False):
    entry = getattr(review, "issue_entry", None)
    data = {
        "id": review.pk, "paper": paper_data(review.paper), "reviewer": reviewer_data(request, review.reviewer),
        "language": review.language, "published_at": review.published_at,
        "issue": entry.issue.slug if entry and entry.issue.is_published else None,
        "url": absolute(request, review.get_absolute_url()),
    }  # fmt: skip
    if full:
        data |= {"body": review.body, "body_html": review.body_html}
    return data


def issue_data(request, issue):
    return {
        "slug": issue.slug, "title": issue_title(issue), "series": series_data(request, issue.series),
        "period_start": issue.period_start, "period_end": issue.period_end, "part": issue.part,
        "published_at": issue.published_at, "published_url": issue.published_url,
        "url": absolute(request, issue.get_absolute_url()),
    }  # fmt: skip


# --- issues ------------------------------------------------------------------------------------


@router.get("/issues", response=schemas.IssuePage, summary="Published issues, newest first")
@cached(freshness.publications_version)
def list_issues(request, series: str = "", after: str = "", before: str = ""):
    issues = selectors.published_issues()
    if series:
        issues = issues.filter(series__slug=series)
    rows, following = paging.by_publication(request, issues)
    return {"results": [issue_data(request, issue) for issue in rows], "next": following}


@router.get("/issues/{slug}", response=schemas.IssueDetailOut, summary="A published issue and its post in every format")
@cached(lambda slug: freshness.issue_version(slug))
def get_issue(request, slug: str):
    issue = selectors.published_issue(slug)
    if issue is None:
        raise Http404("No published issue here.")
    entries = [{"position": entry.position, "review_id": entry.review_id, "title": entry.review.paper.title}
               for entry in issue.entries.all()]  # fmt: skip
    exports = {fmt: export_issue(issue, fmt, standalone=fmt == "html") for fmt in FORMATS}
    return issue_data(request, issue) | {"entries": entries, "exports": exports}


# --- reviews -----------------------------------------------------------------------------------


def review_rows(ids):
    return selectors.archive_reviews().filter(pk__in=ids).prefetch_related("paper__links")


@router.get("/reviews", response=schemas.ReviewPage, summary="Published reviews, filtered as on /reviews/")
@cached(freshness.publications_version)
def list_reviews(
    request, q: str = "", topic: str = "", year: str = "", language: str = "", series: str = "",
    reviewer: str = "", after: str = "", before: str = "",
):  # fmt: skip
    params = {name: value for name, value in request.GET.items() if name in ReviewFilter.base_filters and value}
    filters = ReviewFilter(params or None, queryset=selectors.archive_reviews(), request=request)
    if filters.is_bound and not filters.is_valid():
        raise FilterError(filters.errors)
    try:
        with full_text_planning(bool(params.get("q", "").strip())):
            rows, following = paging.by_publication(request, filters.qs, rows=review_rows)
    except SearchTooBroad:
        raise FilterError({"q": ["This search matches too many reviews to sort in time: add a rarer word."]})
    return {"results": [review_data(request, review) for review in rows], "next": following}


class FilterError(Exception):
    def __init__(self, errors):
        self.errors = {name: [str(message) for message in messages] for name, messages in errors.items()}


@router.get("/reviews/{int:pk}", response=schemas.ReviewOut, summary="A published review with its text")
@cached(lambda pk: freshness.review_version(pk))
def get_review(request, pk: int):
    review = selectors.published_reviews().prefetch_related("paper__links").filter(pk=pk).first()
    if review is None:
        raise Http404("No published review here.")
    return review_data(request, review, full=True)


# --- reviewers, papers, series -------------------------------------------------------------------


def public_reviewers():
    return Reviewer.objects.filter(Exists(Review.objects.published().filter(reviewer=OuterRef("pk"))))


@router.get("/reviewers", response=schemas.ReviewerPage, summary="Reviewers with a published review")
@cached(freshness.publications_version)
def list_reviewers(request, after: str = ""):
    rows, following = paging.by_id(request, public_reviewers())
    return {"results": [reviewer_data(request, reviewer) for reviewer in rows], "next": following}


@router.get("/reviewers/{slug}", response=schemas.ReviewerOut, summary="A reviewer with a published review")
@cached(lambda slug: freshness.reviewer_version(slug))
def get_reviewer(request, slug: str):
    reviewer = public_reviewers().filter(slug=slug).first()
    if reviewer is None:
        raise Http404("No such reviewer.")
    return reviewer_data(request, reviewer)


@router.get("/papers", response=schemas.PaperPage, summary="Papers with a published review")
@cached(freshness.publications_version)
def list_papers(request, after: str = ""):
    papers = Paper.objects.filter(Exists(Review.objects.published().filter(paper=OuterRef("pk"))))
    rows, following = paging.by_id(request, papers.prefetch_related("links"))
    return {"results": [paper_data(paper) for paper in rows], "next": following}


@router.get("/series", response=schemas.SeriesPage, summary="Series with a published issue")
@cached(freshness.publications_version)
def list_series(request, after: str = ""):
    rows, following = paging.by_id(request, selectors.public_series())
    return {"results": [series_data(request, series) for series in rows], "next": following}


@router.get("/series/{slug}", response=schemas.SeriesOut, summary="A series")
@cached(lambda slug: freshness.series_version(slug))
def get_series(request, slug: str):
    series = Series.objects.filter(slug=slug).first()
    if series is None:
        raise Http404("No such series.")
    return series_data(request, series)
