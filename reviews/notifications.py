"""E-mails about reviews and assignments, written to the outbox inside the transaction of the change.

Each mail is a template in templates/emails/: the first line is the subject, the rest the body,
so a community can reword them without touching code. A worker sends them (reviews/outbox/):
a mail server that fails never fails the person's action, and nothing is lost.

Each person gets their mail in their own interface language (Reviewer.language, chosen in the
language switcher or the profile), whoever's request sent it: templates/emails/<language>/ holds
the translated templates, and dates and labels follow the same language. An address without an
account (an invitation) gets the site's language.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation

from .enums import ReviewStatus
from .names import display_name
from .outbox.services import queue_message
from .rules import DECIDE_PERMISSION

# Messages carrying a log-in link: the outbox in the desk does not show their text to editors.
SECRET_KINDS = {"signup_confirm", "password_reset"}


def language_of(user):
    """The language `user` reads the site and their mail in: their choice, else the site's."""
    reviewer = getattr(user, "reviewer", None) if user is not None else None
    chosen = reviewer.language if reviewer is not None else ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_mail(template, context, language):
    """-> (subject, body) of `template` in `language`, never in the language of the current request."""
    with translation.override(language):
        chosen = select_template([f"emails/{language}/{template}.txt", f"emails/{template}.txt"])
        subject, _, body = chosen.render(context).strip().partition("\n")
    return subject, body.strip() + "\n"


def _send(template, context, recipients):
    """Queue the mail `template` for `recipients` (users, or bare addresses); one message per language.

    Returns how many messages were queued.
    """
    by_language = {}
    for recipient in recipients:
        if isinstance(recipient, str):
            address, language = recipient, settings.LANGUAGE_CODE
        else:
            address, language = recipient.email or recipient.get_username(), language_of(recipient)
        if address:
            by_language.setdefault(language, set()).add(address)
    context = {**context, "site_url": settings.SITE_URL}
    payload = {"secret": True} if template in SECRET_KINDS else {}
    for language, addresses in sorted(by_language.items()):
        subject, body = render_mail(template, context, language)
        queue_message(kind=template, recipients=sorted(addresses), subject=subject, body=body, payload=payload)
    return len(by_language)


def editors():
    """Everyone who decides on reviews, with their profile (for their language)."""
    app_label, codename = DECIDE_PERMISSION.split(".")
    perm = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    group_perm = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    users = get_user_model().objects.filter(is_active=True).filter(perm | group_perm | Q(is_superuser=True))
    pks = users.exclude(email="").values("pk")
    return list(get_user_model().objects.filter(pk__in=pks).select_related("reviewer").order_by("pk"))


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
        return _send("review_submitted", context, editors())
    if status in TEMPLATES and review.reviewer.user:
        return _send(TEMPLATES[status], context, [review.reviewer.user])
    return 0


def assignment_created(assignment_id):
    from .models import Assignment

    assignment = Assignment.objects.select_related("paper", "reviewer__user").get(pk=assignment_id)
    if not assignment.reviewer.user:
        return 0
    context = {"assignment": assignment, "my_work_url": settings.SITE_URL + reverse("my_work")}
    return _send("assignment_created", context, [assignment.reviewer.user])


def assignment_reminder(assignment, *, overdue):
    context = {
        "assignment": assignment,
        "overdue": overdue,
        "my_work_url": settings.SITE_URL + reverse("my_work"),
    }
    user = assignment.reviewer.user
    return _send("assignment_reminder", context, [user] if user else [])


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
    return _send("signup_confirm", context, [user])


def signup_exists(user):
    context = {
        "login_url": settings.SITE_URL + reverse("login"),
        "reset_url": settings.SITE_URL + reverse("password_reset"),
    }
    return _send("signup_exists", context, [user])


def password_reset(subject, body, recipient):
    """Django's password-reset mail, through the outbox like every other."""
    payload = {"secret": True}
    queue_message(kind="password_reset", recipients=[recipient], subject=subject, body=body, payload=payload)
