"""People: reviewer profiles, sign-up, invitations, claiming a paper and starting to write."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..models import Invitation, Paper, Reviewer
from ..rules import is_editor
from .assignments import claim_paper
from .errors import NotAllowed, WorkflowError
from .writing import start_review


def reviewer_for_user(user):
    """The user's reviewer profile, created on first use from the account's name."""
    reviewer, _created = Reviewer.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name() or user.get_username().split("@")[0]}
    )
    return reviewer


# (added with the reviewer's journey on the web; views call these, never the ORM directly)


@transaction.atomic
def register_member(user, *, display_name, invitation=None, language=""):
    """Save a new account from the sign-up form as a reviewer (never staff) and accept the invitation.

    `language` is the interface language the person signed up in: their mail comes in it.
    """
    user.is_staff = user.is_superuser = False
    user.save()
    language = language if language in dict(settings.LANGUAGES) else ""
    reviewer = Reviewer.objects.create(user=user, display_name=display_name.strip(), language=language)
    if invitation is not None:
        accepted = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not accepted:
            raise WorkflowError(_("This invitation has been used already."), code="invitation_used")
    return reviewer


@transaction.atomic
def sign_up(user, *, display_name, language=""):
    """An open sign-up. The answer is the same whether or not the address has an account: the mail differs.

    A new address gets an inactive account and a link to confirm it; an address with an account
    gets a mail saying so (how to log in or reset the password); an unconfirmed one, the link again.
    """
    existing = get_user_model().objects.filter(username__iexact=user.username).first()
    if existing is None:
        user.is_active = False
        register_member(user, display_name=display_name, language=language)
        notifications.signup_confirmation(user)
    elif not existing.is_active and not existing.last_login:
        notifications.signup_confirmation(existing)
    else:
        notifications.signup_exists(existing)


@transaction.atomic
def confirm_sign_up(user):
    """The link in the sign-up mail was followed: the account becomes active."""
    get_user_model().objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    return user


def update_profile(reviewer, *, by, display_name, chat_handle="", blog_handle="", bio="", language=None):
    """Change the member's public name, handles and interface language (their own profile only).

    `language` None leaves the chosen language as it is; "" goes back to the site's.
    """
    if reviewer.user_id != by.pk:
        raise NotAllowed(_("You can only change your own profile."))
    reviewer.display_name = display_name.strip()
    reviewer.chat_handle = chat_handle.strip()
    reviewer.blog_handle = blog_handle.strip()
    reviewer.bio = bio.strip()
    if language is not None:
        reviewer.language = language if language in dict(settings.LANGUAGES) else ""
    reviewer.save(update_fields=["display_name", "chat_handle", "blog_handle", "bio", "language"])
    return reviewer


def set_interface_language(user, language):
    """Remember the language chosen in the switcher on the person's profile: their mail follows it.

    An account without a reviewer profile (an editor who never reviewed) keeps the site's language
    for mail until they save their profile.
    """
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        Reviewer.objects.filter(user=user).exclude(language=language).update(language=language)


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
    notifications.invitation_created(invitation.pk)  # queued in this transaction
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
