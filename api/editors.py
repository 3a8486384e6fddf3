"""Editors with a personal token: decisions, planning and ordering issues, export, publishing.

The same services as the desk (reviews.services, digest.services): every rule and every event
(mail, chat, the audit trail) is the same as when an editor clicks in the admin.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from digest import services as issue_services
from digest.export.formats import FORMATS, export_issue
from digest.models import Issue, Series
from digest.titles import issue_title
from reviews import services
from reviews.models import Review

from . import schemas
from .access import EditorToken

router = Router(auth=EditorToken(), tags=["editors"])

DECISIONS = {
    "approve": services.approve_review,
    "request_changes": services.request_changes,
    "reject": services.reject_review,
}


@router.post(
    "/desk/reviews/{int:pk}/decision", response=schemas.DecisionOut, summary="Approve, request changes, reject"
)
def decide(request, pk: int, data: schemas.DecisionIn):
    if data.decision not in DECISIONS:
        raise ValidationError({"decision": [f"Choose one of: {', '.join(DECISIONS)}."]})
    review = get_object_or_404(Review, pk=pk)
    review = DECISIONS[data.decision](review, by=request.auth, comment=data.comment)
    return {"id": review.pk, "status": review.status}


def planned_issue_data(issue):
    entries = [
        {"id": entry.pk, "position": entry.position, "review_id": entry.review_id,
         "title": entry.review.paper.title, "status": entry.review.status}
        for entry in issue.entries.select_related("review__paper").order_by("position", "id")
    ]  # fmt: skip
    return {"id": issue.pk, "slug": issue.slug, "title": issue_title(issue), "series": issue.series.slug,
            "status": issue.status, "planned_for": issue.planned_for, "entries": entries}  # fmt: skip


def issue_of(pk):
    return get_object_or_404(Issue.objects.select_related("series"), pk=pk)


@router.get("/desk/issues", response=list[schemas.PlannedIssueOut], summary="Planned issues")
def planned_issues(request):
    return [planned_issue_data(issue) for issue in Issue.objects.planned().select_related("series")[:100]]


@router.post("/desk/issues", response={201: schemas.PlannedIssueOut}, summary="Plan an issue")
def plan_issue(request, data: schemas.IssuePlanIn):
    series = Series.objects.filter(slug=data.series).first()
    if series is None:
        raise ValidationError({"series": ["No series with this slug."]})
    issue = issue_services.create_issue(series=series, period_start=data.period_start, period_end=data.period_end,
                                        part=data.part, planned_for=data.planned_for)  # fmt: skip
    return Status(201, planned_issue_data(issue))


@router.get("/desk/issues/{int:pk}", response=schemas.PlannedIssueOut, summary="An issue and its entries")
def read_issue(request, pk: int):
    return planned_issue_data(issue_of(pk))


@router.post("/desk/issues/{int:pk}/entries", response=schemas.PlannedIssueOut, summary="Add approved reviews")
def add_entries(request, pk: int, data: schemas.ReviewIdsIn):
    issue = issue_of(pk)
    found = Review.objects.in_bulk(data.review_ids)
    if len(found) != len(set(data.review_ids)):
        raise ValidationError({"review_ids": ["Some of these reviews do not exist."]})
    issue_services.add_reviews_to_issue(issue, [found[pk] for pk in data.review_ids], by=request.auth)
    return planned_issue_data(issue)


@router.put("/desk/issues/{int:pk}/order", response=schemas.PlannedIssueOut, summary="Order the entries")
def order_entries(request, pk: int, data: schemas.OrderIn):
    issue = issue_of(pk)
    issue_services.reorder_entries(issue, data.entry_ids, by=request.auth)
    return planned_issue_data(issue)


@router.get("/desk/issues/{int:pk}/export/{fmt}", response=schemas.ExportOut, summary="The compiled post")
def export(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404("No such format.")
    text = export_issue(issue_of(pk), fmt)
    return {"format": fmt, "text": text, "fingerprint": issue_services.text_fingerprint(text)}


@router.post("/desk/issues/{int:pk}/publish", response=schemas.PlannedIssueOut, summary="Publish the issue")
def publish(request, pk: int, data: schemas.PublishIn):
    if data.format not in FORMATS:
        raise ValidationError({"format": [f"Choose one of: {', '.join(FORMATS)}."]})
    issue = issue_services.publish_exported_issue(
        issue_of(pk), by=request.auth, url=data.url, fmt=data.format, expected=data.fingerprint
    )
    return planned_issue_data(issue)
