"""E-mails about reviews and assignments, written to the outbox inside the transaction of the change.

Each mail is a template in templates/emails/: the first line is the subject, the rest the body,
so a community can reword them without touching code. A worker sends them (reviews/outbox/):
a mail server that fails never fails the person's action, and nothing is lost.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .enums import ReviewStatus
from .names import display_name
from .outbox.services import queue_message
from .rules import DECIDE_PERMISSION

# Messages carrying a log-in link: the outbox in the desk does not show their text to editors.
SECRET_KINDS = {"signup_confirm", "password_reset"}


def _send(template, context, recipients):
    """Queue the mail `template` for `recipients`; returns how many messages were queued (0 or 1)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    context = {**context, "site_url": settings.SITE_URL}
    # The mails are written in the site's language, not in the language of whoever's request sent them
    # (an editor working in Russian must not put Russian dates into an English mail).
    with translation.override(settings.LANGUAGE_CODE):
        subject, _, body = render_to_string(f"emails/{template}.txt", context).strip().partition("\n")
    payload = {"secret": True} if template in SECRET_KINDS else {}
    queue_message(kind=template, recipients=recipients, subject=subject, body=body.strip() + "\n", payload=payload)
    return 1


def editor_emails():
    app_label, codename = DECIDE_PERMISSION.split(".")
    perm = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    group_perm = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    users = get_user_model().objects.filter(is_active=True).filter(perm | group_perm | Q(is_superuser=True))
    return list(users.exclude(email="").values_list("email", flat=True).distinct())


TEMPLATES = {
    ReviewStatus.CHANGES_REQUESTED: "review_changes_requested",
    ReviewStatus.APPROVED: "review_approved",
    ReviewStatus.REJECTED: "review_rejected",
    ReviewStatus.PUBLISHED: "review_published",
}


def review_status_changed(review_id, previous, status, comment=""):
    from .models import Review

    review = Review.objects.select_related("paper", "reviewer__user").get(pk=review_id)
    entry = getattr(review, "issue_entry", None)  # scheduled already: the mail names the issue
    context = {
        "review": review,
        "issue": entry.issue if entry else None,
        "comment": comment,
        "previous": ReviewStatus(previous).label,
        "edit_url": settings.SITE_URL + reverse("review_edit", args=[review.pk]),
        "admin_url": settings.SITE_URL + reverse("admin:reviews_review_change", args=[review.pk]),
    }
    if status == ReviewStatus.SUBMITTED:
        return _send("review_submitted", context, editor_emails())
    if status in TEMPLATES and review.reviewer.user:
        return _send(TEMPLATES[status], context, [review.reviewer.user.email])
    return 0


def assignment_created(assignment_id):
    from .models import Assignment

    assignment = Assignment.objects.select_related("paper", "reviewer__user").get(pk=assignment_id)
    if not assignment.reviewer.user:
        return 0
    context = {"assignment": assignment, "my_work_url": settings.SITE_URL + reverse("my_work")}
    return _send("assignment_created", context, [assignment.reviewer.user.email])


def assignment_reminder(assignment, *, overdue):
    context = {
        "assignment": assignment,
        "overdue": overdue,
        "my_work_url": settings.SITE_URL + reverse("my_work"),
    }
    user = assignment.reviewer.user
    return _send("assignment_reminder", context, [user.email] if user else [])


def invitation_created(invitation_id):
    from .models import Invitation

    invitation = Invitation.objects.select_related("invited_by__reviewer").get(pk=invitation_id)
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "inviter_name": display_name(inviter),
        "signup_url": settings.SITE_URL + invitation.get_absolute_url(),
    }
    return _send("invitation", context, [invitation.email])


def signup_confirmation(user):
    from .tokens import signup_link_parts

    context = {
        "display_name": display_name(user),
        "confirm_url": settings.SITE_URL + reverse("signup_confirm", kwargs=signup_link_parts(user)),
    }
    return _send("signup_confirm", context, [user.email or user.get_username()])


def signup_exists(user):
    context = {
        "login_url": settings.SITE_URL + reverse("login"),
        "reset_url": settings.SITE_URL + reverse("password_reset"),
    }
    return _send("signup_exists", context, [user.email or user.get_username()])


def password_reset(subject, body, recipient):
    """Django's password-reset mail, through the outbox like every other."""
    payload = {"secret": True}
    queue_message(kind="password_reset", recipients=[recipient], subject=subject, body=body, payload=payload)
