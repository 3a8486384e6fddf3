"""Everything that writes papers, assignments and reviews. The workflow lives here.

`transition_review` is the only writer of `Review.status`: it locks the row, checks the
transition table and the actor's role, stamps the time, records an event, and mails the
people concerned once the transaction has committed.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications
from .enums import (
    ACTIVE_ASSIGNMENT,
    COMMENT_REQUIRED,
    TRANSITIONS,
    AssignmentStatus,
    PaperStatus,
    ReviewStatus,
    Role,
)
from .models import Assignment, Invitation, Paper, PaperLink, Review, Reviewer, normalize_title, parse_arxiv_id
from .rules import editable_states, is_editor, roles_of


class WorkflowError(ValidationError):
    """A move the current state or the actor's role does not allow. Nothing was changed."""


class InvalidTransition(WorkflowError):
    def __init__(self, current, target):
        self.current, self.target = current, target
        super().__init__(
            _("A review that is “%(current)s” cannot become “%(target)s”.")
            % {"current": ReviewStatus(current).label, "target": ReviewStatus(target).label},
            code="invalid_transition",
        )


class NotAllowed(WorkflowError):
    def __init__(self, message):
        super().__init__(message, code="not_allowed")


class EditConflict(WorkflowError):
    """The review was saved elsewhere since the form was opened; `current` is what is stored now."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            _("This review was changed by someone else (now version %(version)s) since you opened it.")
            % {"version": current.version},
            code="edit_conflict",
        )


# --- the workflow -------------------------------------------------------------------------------

STAMPS = {
    ReviewStatus.SUBMITTED: "submitted_at",
    ReviewStatus.APPROVED: "decided_at",
    ReviewStatus.CHANGES_REQUESTED: "decided_at",
    ReviewStatus.REJECTED: "decided_at",
    ReviewStatus.PUBLISHED: "published_at",
}


@transaction.atomic
def transition_review(review, *, to, by, comment="", at=None, expected_status=None):
    """Move `review` to state `to` on behalf of user `by`. Raises WorkflowError if not allowed.

    `expected_status` is the state the person saw when deciding: if someone else moved the review
    meanwhile, the decision is refused rather than stacked on top of theirs.
    """
    review = Review.objects.select_for_update().select_related("reviewer").get(pk=review.pk)
    previous = review.status
    if expected_status is not None and expected_status != previous:
        raise WorkflowError(
            _("Someone else decided meanwhile: this review is now “%(current)s”. Nothing was changed.")
            % {"current": ReviewStatus(previous).label},
            code="stale",
        )
    required_role = TRANSITIONS.get((previous, to))
    if required_role is None:
        raise InvalidTransition(previous, to)
    if required_role not in roles_of(by, review):
        raise NotAllowed(
            _("Only %(role)s may move a review from “%(current)s” to “%(target)s”.")
            % {
                "role": Role(required_role).label,
                "current": ReviewStatus(previous).label,
                "target": ReviewStatus(to).label,
            }
        )
    comment = (comment or "").strip()
    if to in COMMENT_REQUIRED and not comment:
        raise WorkflowError(_("Say what should change: a comment is required."), code="comment_required")
    if to == ReviewStatus.SUBMITTED and not review.body.strip():
        raise WorkflowError(_("Write the review before submitting it."), code="empty_body")

    now = at or timezone.now()
    review.status = to
    fields = ["status", "updated_at"]
    if to in STAMPS:
        setattr(review, STAMPS[to], now)
        fields.append(STAMPS[to])
    review.save(update_fields=fields)
    review.events.create(actor=by, from_status=previous, to_status=to, comment=comment, created_at=now)
    if to == ReviewStatus.SUBMITTED:
        Assignment.objects.active().filter(paper_id=review.paper_id, reviewer_id=review.reviewer_id).update(
            status=AssignmentStatus.DONE, updated_at=now
        )
    transaction.on_commit(lambda: notifications.review_status_changed(review.pk, previous, to, comment))
    return review


@transaction.atomic
def import_review_status(review, *, to, by=None, at=None, comment=""):
    """Reviews brought in from the back catalogue arrive approved or published.

    The one other writer of status besides transition_review: only from a fresh draft, only to
    those two states, recorded as an event like any move, and without mail.
    """
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.DRAFT or to not in {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}:
        raise InvalidTransition(review.status, to)
    now = at or timezone.now()
    review.status = to
    review.decided_at = now
    fields = ["status", "decided_at", "updated_at"]
    if to == ReviewStatus.PUBLISHED:
        review.published_at = now
        fields.append("published_at")
    review.save(update_fields=fields)
    review.events.create(actor=by, from_status=ReviewStatus.DRAFT, to_status=to, comment=comment, created_at=now)
    return review


def submit_review(review, *, by):
    return transition_review(review, to=ReviewStatus.SUBMITTED, by=by)


def approve_review(review, *, by, comment=""):
    return transition_review(review, to=ReviewStatus.APPROVED, by=by, comment=comment)


def request_changes(review, *, by, comment):
    return transition_review(review, to=ReviewStatus.CHANGES_REQUESTED, by=by, comment=comment)


def reject_review(review, *, by, comment):
    return transition_review(review, to=ReviewStatus.REJECTED, by=by, comment=comment)


def withdraw_review(review, *, by):
    return transition_review(review, to=ReviewStatus.WITHDRAWN, by=by)


# --- writing ------------------------------------------------------------------------------------


def start_review(*, paper, reviewer, by, language="en", body="", translation_of=None):
    """Create a draft review (or return the reviewer's existing one for this paper and language)."""
    if translation_of is not None and translation_of.language == language:
        raise ValidationError(
            {"language": _("A translation must be in another language than the review it translates.")}
        )
    existing = Review.objects.filter(paper=paper, reviewer=reviewer, language=language).first()
    if existing:
        return existing
    review = Review(paper=paper, reviewer=reviewer, language=language, body=body, translation_of=translation_of)
    review._history_user = by
    review.save()
    return review


@transaction.atomic
def update_review(review, *, by, body, expected_version, language=None):
    """Save a new body if nobody else saved since `expected_version`; else raise EditConflict.

    Every successful save is a new version in the review's history.
    """
    current = Review.objects.select_for_update().select_related("reviewer", "paper").get(pk=review.pk)
    if current.status not in editable_states(roles_of(by, current)):
        raise NotAllowed(_("You cannot edit a review that is “%(status)s”.") % {"status": current.get_status_display()})
    if int(expected_version) != current.version:
        raise EditConflict(current)
    if current.body == body and (language is None or language == current.language):
        return current
    current.body = body
    if language:
        current.language = language
    current.version += 1  # safe: the row is locked until commit
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def restore_review_version(review, *, history_id, by):
    """Bring back the body of an earlier version; the restore is itself a new version."""
    old = review.history.get(history_id=history_id)
    current = Review.objects.select_for_update().get(pk=review.pk)
    return update_review(current, by=by, body=old.body, expected_version=current.version)


# --- papers and assignments ---------------------------------------------------------------------


def find_duplicates(*, title="", arxiv_id="", exclude_pk=None):
    """Papers with the same arXiv id or the same normalised title (proposed, claimed or reviewed)."""
    from django.db.models import Q

    query = Q()
    if arxiv_id := parse_arxiv_id(arxiv_id):
        query |= Q(arxiv_id=arxiv_id)
    if normalized := normalize_title(title):
        query |= Q(normalized_title=normalized)
    if not query:
        return Paper.objects.none()
    papers = Paper.objects.filter(query).exclude(status=PaperStatus.REJECTED)
    return papers.exclude(pk=exclude_pk) if exclude_pk else papers


@transaction.atomic
def propose_paper(
    *, by, title, authors="", affiliations="", year=None, original_url="", arxiv_id="", links=(), topics=()
):
    """Create a proposed paper with its links; `links` is a list of (kind, label, url)."""
    try:
        with transaction.atomic():
            paper = Paper.objects.create(
                title=title.strip(),
                authors=authors.strip(),
                affiliations=affiliations.strip(),
                year=year,
                original_url=original_url.strip(),
                arxiv_id=arxiv_id,
                proposed_by=by if by and by.is_authenticated else None,
            )
    except IntegrityError as error:
        raise ValidationError({"arxiv_id": _("A paper with this arXiv id already exists.")}) from error
    for position, (kind, label, url) in enumerate(links):
        PaperLink.objects.create(paper=paper, kind=kind, label=label, url=url, position=position)
    if topics:
        paper.topics.set(topics)
    return paper


@transaction.atomic
def reject_paper(paper, *, by, duplicate_of=None):
    if not is_editor(by):
        raise NotAllowed(_("Only editors may reject papers."))
    current = Paper.objects.select_for_update().only("status").get(pk=paper.pk)
    if current.status == PaperStatus.REJECTED:
        raise WorkflowError(_("“%(title)s” is already rejected.") % {"title": paper.title}, code="paper_rejected")
    if duplicate_of is not None and (duplicate_of.pk == paper.pk or duplicate_of.status == PaperStatus.REJECTED):
        raise WorkflowError(
            _("A paper can only be a duplicate of another paper that is not rejected."), code="bad_duplicate"
        )
    paper.status = PaperStatus.REJECTED
    paper.duplicate_of = duplicate_of
    paper.save(update_fields=["status", "duplicate_of", "updated_at"])
    Assignment.objects.active().filter(paper=paper).update(status=AssignmentStatus.CANCELLED)
    return paper


def default_due_date(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=settings.DIGEST_DEFAULT_DUE_DAYS)


def _create_assignment(*, paper, reviewer, by, due_date, status):
    if paper.status == PaperStatus.REJECTED:
        raise WorkflowError(_("This paper was rejected and cannot be assigned."), code="paper_rejected")
    try:
        with transaction.atomic():
            return Assignment.objects.create(
                paper=paper, reviewer=reviewer, assigned_by=by, due_date=due_date, status=status
            )
    except IntegrityError as error:
        raise WorkflowError(_("Someone is already reading this paper."), code="already_assigned") from error


@transaction.atomic
def assign_paper(paper, *, reviewer, by, due_date=None):
    """An editor offers a paper to a reviewer, who is told by mail."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may assign papers."))
    assignment = _create_assignment(
        paper=paper, reviewer=reviewer, by=by, due_date=due_date or default_due_date(), status=AssignmentStatus.OFFERED
    )
    transaction.on_commit(lambda: notifications.assignment_created(assignment.pk))
    return assignment


@transaction.atomic
def claim_paper(paper, *, reviewer, by, due_date=None):
    """A member takes an open paper for themself; only editors may set another due date."""
    if due_date is not None and not is_editor(by):
        raise NotAllowed(_("Only editors may choose the due date."))
    return _create_assignment(
        paper=paper, reviewer=reviewer, by=by, due_date=due_date or default_due_date(), status=AssignmentStatus.ACCEPTED
    )


ASSIGNMENT_MOVES = {
    AssignmentStatus.ACCEPTED: {AssignmentStatus.OFFERED},
    AssignmentStatus.DECLINED: {AssignmentStatus.OFFERED},
    AssignmentStatus.DONE: ACTIVE_ASSIGNMENT,
    AssignmentStatus.CANCELLED: ACTIVE_ASSIGNMENT,
}


@transaction.atomic
def set_assignment_status(assignment, *, to, by):
    """Accept or decline an offer (the reviewer), or mark done / cancel (the reviewer or an editor)."""
    assignment = Assignment.objects.select_for_update().select_related("reviewer").get(pk=assignment.pk)
    is_own = assignment.reviewer.user_id is not None and assignment.reviewer.user_id == by.pk
    if not (is_own or is_editor(by)):
        raise NotAllowed(_("This assignment is not yours."))
    if assignment.status not in ASSIGNMENT_MOVES.get(to, set()):
        raise WorkflowError(
            _("An assignment that is “%(current)s” cannot become “%(target)s”.")
            % {"current": assignment.get_status_display(), "target": AssignmentStatus(to).label},
            code="invalid_assignment_move",
        )
    assignment.status = to
    assignment.save(update_fields=["status", "updated_at"])
    return assignment


# --- the editors' desk: translations -----------------------------------------------------------


def check_translation_link(review, original):
    """Raise ValidationError unless `review` may be recorded as the translation of `original`.

    Translations form a star around the original review, so the review in language X of any
    original is found in one step (compiling an issue in another language relies on it).
    """
    if original is None:
        return
    if review.pk is not None and original.pk == review.pk:
        raise ValidationError(_("A review cannot be a translation of itself."), code="self_translation")
    if original.language == review.language:
        raise ValidationError(
            _("A translation must be in another language than the review it translates."), code="same_language"
        )
    if original.translation_of_id is not None:
        raise ValidationError(
            _("“%(title)s” (%(language)s) is itself a translation: link to the review it translates instead.")
            % {"title": original.paper.title, "language": original.get_language_display()},
            code="translation_of_translation",
        )
    if review.pk is not None and review.translations.exists():
        raise ValidationError(
            _("This review has translations of its own, so it cannot be a translation."), code="has_translations"
        )
    taken = original.translations.filter(language=review.language)
    if review.pk is not None:
        taken = taken.exclude(pk=review.pk)
    if taken.exists():
        raise ValidationError(
            _("That review already has a translation in %(language)s.") % {"language": review.get_language_display()},
            code="language_taken",
        )


@transaction.atomic
def link_translation(review, *, original, by):
    """Record `review` as the translation of `original` (or unlink it when `original` is None)."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may link translations."))
    review = Review.objects.select_for_update().select_related("paper").get(pk=review.pk)
    if original is not None:
        original = Review.objects.select_related("paper").get(pk=original.pk)
    check_translation_link(review, original)
    review.translation_of = original
    review._history_user = by
    review.save(update_fields=["translation_of", "updated_at"])
    return review


# --- people -------------------------------------------------------------------------------------


def reviewer_for_user(user):
    """The user's reviewer profile, created on first use from the account's name."""
    reviewer, _created = Reviewer.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name() or user.get_username().split("@")[0]}
    )
    return reviewer


# --- the members' pages: accounts, invitations, claiming ----------------------------------------
# (added with the reviewer's journey on the web; views call these, never the ORM directly)


@transaction.atomic
def register_member(user, *, display_name, invitation=None):
    """Save a new account from the sign-up form as a reviewer (never staff) and accept the invitation."""
    user.is_staff = user.is_superuser = False
    user.save()
    reviewer = Reviewer.objects.create(user=user, display_name=display_name.strip())
    if invitation is not None:
        accepted = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not accepted:
            raise WorkflowError(_("This invitation has been used already."), code="invitation_used")
    return reviewer


def update_profile(reviewer, *, by, display_name, chat_handle="", blog_handle="", bio=""):
    """Change the member's public name and handles (their own profile only)."""
    if reviewer.user_id != by.pk:
        raise NotAllowed(_("You can only change your own profile."))
    reviewer.display_name = display_name.strip()
    reviewer.chat_handle = chat_handle.strip()
    reviewer.blog_handle = blog_handle.strip()
    reviewer.bio = bio.strip()
    reviewer.save(update_fields=["display_name", "chat_handle", "blog_handle", "bio"])
    return reviewer


@transaction.atomic
def invite_reviewer(*, email, by, invitation=None):
    """An editor invites someone by e-mail; the link to sign up is mailed after commit.

    `invitation` is an unsaved Invitation (the admin's add form); else one is made for `email`.
    """
    if not is_editor(by):
        raise NotAllowed(_("Only editors may invite reviewers."))
    invitation = invitation or Invitation()
    invitation.email = email.strip()
    invitation.invited_by = by
    invitation.save()
    transaction.on_commit(lambda: notifications.invitation_created(invitation.pk))
    return invitation


def content_language(language_code):
    """The review language matching the interface language, or English."""
    available = {code for code, _label in settings.CONTENT_LANGUAGES}
    code = (language_code or "").split("-")[0]
    return code if code in available else "en"


@transaction.atomic
def claim_and_start_review(paper, *, reviewer, by, due_date=None, language="en"):
    """A member takes an open paper and gets a draft to write in: one assignment, one review."""
    if not Paper.objects.open().filter(pk=paper.pk).exists():
        raise WorkflowError(_("Someone is already reading this paper."), code="already_assigned")
    assignment = claim_paper(paper, reviewer=reviewer, by=by, due_date=due_date)
    review = start_review(paper=paper, reviewer=reviewer, by=by, language=language)
    return assignment, review
