"""States and the review workflow as data. A leaf module: it imports nothing of ours."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Role(models.TextChoices):
    AUTHOR = "author", _("the review's author")
    EDITOR = "editor", _("an editor")


S = ReviewStatus

# (from, to) -> the role allowed to make that move. Anything not listed is forbidden.
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): Role.AUTHOR,
    (S.DRAFT, S.WITHDRAWN): Role.AUTHOR,
    (S.SUBMITTED, S.APPROVED): Role.EDITOR,
    (S.SUBMITTED, S.CHANGES_REQUESTED): Role.EDITOR,
    (S.SUBMITTED, S.REJECTED): Role.EDITOR,
    (S.SUBMITTED, S.WITHDRAWN): Role.AUTHOR,
    (S.CHANGES_REQUESTED, S.SUBMITTED): Role.AUTHOR,
    (S.CHANGES_REQUESTED, S.WITHDRAWN): Role.AUTHOR,
    (S.APPROVED, S.CHANGES_REQUESTED): Role.EDITOR,
    (S.APPROVED, S.PUBLISHED): Role.EDITOR,
}

# Moves that must carry a comment for the other side to act on.
COMMENT_REQUIRED = {S.CHANGES_REQUESTED, S.REJECTED}

# Where the author may still change the text; editors may edit anything not yet published.
AUTHOR_EDITABLE = {S.DRAFT, S.CHANGES_REQUESTED}
EDITOR_EDITABLE = {S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED}
FINAL = {S.PUBLISHED, S.REJECTED, S.WITHDRAWN}


def targets_from(status, role):
    """The states `role` may move a review to from `status`, in declaration order."""
    return [to for (frm, to), allowed in TRANSITIONS.items() if frm == status and allowed == role]


class AssignmentStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_ASSIGNMENT = {AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED}


class PaperStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    REJECTED = "rejected", _("Rejected")


class LinkKind(models.TextChoices):
    CODE = "code", _("Code")
    PROJECT = "project", _("Project page")
    BLOG = "blog", _("Blog")
    VIDEO = "video", _("Video")
    DEMO = "demo", _("Demo")
    OTHER = "other", _("Other")
