"""A member's work with a personal token: assignments, proposing, claiming, drafts, submitting.

Every write goes through the same services as the members' pages (reviews.services), so the
rules, the version check and the events (mail, chat) are the same.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from reviews import rules, selectors, services
from reviews.forms import PaperForm
from reviews.markdown import check_body_size
from reviews.models import Paper

from . import public, schemas
from .access import MemberToken
from .public import paper_data

router = Router(auth=MemberToken(), tags=["members"])


def assignment_data(assignment):
    return {"id": assignment.pk, "paper": paper_data(assignment.paper), "status": assignment.status,
            "due_date": assignment.due_date, "is_overdue": assignment.is_overdue}  # fmt: skip


def my_review_data(review):
    return {
        "id": review.pk, "paper_id": review.paper_id, "paper_title": review.paper.title, "language": review.language,
        "status": review.status, "version": review.version, "body": review.body, "updated_at": review.updated_at,
    }  # fmt: skip


def own_review(request, pk):
    """The caller's own review (editors: any), or 404: nobody learns that another's exists."""
    return get_object_or_404(selectors.reviews_visible_to(request.auth).select_related("paper"), pk=pk)


@router.get("/me/assignments", response=list[schemas.AssignmentOut], summary="My assignments")
def my_assignments(request):
    reviewer = rules.reviewer_of(request.auth)
    if reviewer is None:
        return []
    return [assignment_data(a) for a in selectors.assignments_of(reviewer).prefetch_related("paper__links")]


@router.get("/me/reviews", response=list[schemas.MyReviewOut], summary="My reviews, drafts included")
def my_reviews(request):
    reviewer = rules.reviewer_of(request.auth)
    if reviewer is None:
        return []
    return [my_review_data(review) for review in selectors.reviews_of(reviewer).order_by("-updated_at", "-id")]


# POST /papers shares its address with the public list (GET): one router per address in django-ninja.
@public.router.post(
    "/papers", auth=MemberToken(), tags=["members"], response={201: schemas.PaperOut, 409: schemas.Problem},
    summary="Propose a paper",
)  # fmt: skip
def propose(request, data: schemas.ProposeIn):
    form = PaperForm(data.dict())
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    cleaned = form.cleaned_data
    duplicates = list(services.find_duplicates(title=cleaned["title"], arxiv_id=cleaned["arxiv"])[:5])
    if duplicates and not cleaned["confirm_duplicate"]:
        titles = [f"{paper.pk}: {paper.title}" for paper in duplicates]
        return Status(409, {"detail": "This paper may have been proposed already; send confirm_duplicate to go on.",
                     "errors": {"duplicates": titles}})  # fmt: skip
    paper = services.propose_paper(
        by=request.auth, title=cleaned["title"], authors=cleaned["authors"], affiliations=cleaned["affiliations"],
        year=cleaned["year"], original_url=cleaned["original_url"], arxiv_id=cleaned["arxiv"],
    )  # fmt: skip
    return Status(201, paper_data(paper))


@router.post("/papers/{int:pk}/claim", response={201: schemas.ClaimOut}, summary="Claim an open paper")
def claim(request, pk: int):
    paper = get_object_or_404(Paper, pk=pk)
    assignment, review = services.claim_and_start_review(
        paper, reviewer=services.reviewer_for_user(request.auth), by=request.auth
    )
    return Status(201, {"assignment": assignment_data(assignment), "review": my_review_data(review)})


@router.get("/me/reviews/{int:pk}", response=schemas.MyReviewOut, summary="Read one of my reviews")
def read_review(request, pk: int):
    return my_review_data(own_review(request, pk))


@router.put("/me/reviews/{int:pk}", response={200: schemas.MyReviewOut, 409: schemas.Problem},
            summary="Save a draft (send the version you read; 409 if someone saved since)")  # fmt: skip
def save_review(request, pk: int, data: schemas.DraftIn):
    review = own_review(request, pk)
    check_body_size(data.body)  # the editor's limit (DIGEST_MAX_BODY_BYTES): 400
    try:
        saved = services.update_review(review, by=request.auth, body=data.body, expected_version=data.version)
    except services.EditConflict as conflict:
        return Status(409, {"detail": conflict.messages[0], "errors": {"version": [str(conflict.current.version)]}})
    return my_review_data(saved)


@router.post("/me/reviews/{int:pk}/submit", response=schemas.MyReviewOut, summary="Submit a review for a decision")
def submit(request, pk: int):
    return my_review_data(services.submit_review(own_review(request, pk), by=request.auth))
