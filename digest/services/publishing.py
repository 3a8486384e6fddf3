"""Publishing an issue and its reviews in one transaction; recording imported publications."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.enums import ReviewStatus
from reviews.models import Review
from reviews.services import transition_review

from ..chat import announce as chat
from ..export.formats import export_issue
from ..models import Issue, IssueStatus
from .common import require_editor


def publication_blockers(issue):
    """What stops the issue from being published: a list of messages, empty when it can go out."""
    return blockers_of(issue.entries.order_by("position", "id").values_list("review__paper__title", "review__status"))


def blockers_of(entries):
    """publication_blockers of an issue from its entries as (paper title, review status) pairs, in order."""
    entries = list(entries)
    problems = [] if entries else [_("The issue has no entries.")]
    labels = dict(ReviewStatus.choices)
    for title, status in entries:
        if status != ReviewStatus.APPROVED:
            problems.append(
                _("“%(title)s” is %(status)s, not approved.")
                % {"title": title, "status": str(labels.get(status, status)).lower()}
            )
    return problems


@transaction.atomic
def publish_issue(issue, *, by, url, text=""):
    """Publish the issue and every review in it, in one transaction, keeping the text as published.

    Refused, with the list of what blocks it, unless every entry is approved.
    """
    require_editor(by, _("Only editors may publish issues."))
    URLValidator(schemes=["http", "https"], message=_("Enter the web address (http or https) of the post."))(url)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.is_published:
        raise ValidationError(_("This issue is already published."))
    problems = publication_blockers(issue)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    entries = list(issue.entries.select_related("review"))
    # The issue first: the reviewers' mails, queued by each transition, carry the post's address.
    issue = _mark_published(issue, url=url, at=now, text=text)
    for entry in entries:
        transition_review(entry.review, to=ReviewStatus.PUBLISHED, by=by, at=now)
    chat.issue_published(issue)  # the series' chat channels, queued in this transaction
    return issue


def text_fingerprint(text):
    """A short digest of an export: what the editor was shown, to compare with what goes out."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@transaction.atomic
def publish_exported_issue(issue, *, by, url, fmt="markdown", expected=None, site_url=None):
    """publish_issue, keeping the issue's export in `fmt` as the text as published (its images and
    links written from `site_url`, the site's address the editor used; default settings.SITE_URL).

    The issue and its reviews are locked before the export is made, so nobody can change a review
    between the text being written out and the review being published. `expected` is the
    text_fingerprint of the export the editor saw: if the post changed since, nothing is published.
    """
    require_editor(by, _("Only editors may publish issues."))
    Issue.objects.select_for_update().get(pk=issue.pk)
    list(Review.objects.select_for_update(of=("self",)).filter(issue_entry__issue=issue).values_list("pk"))
    text = export_issue(issue, fmt, site_url=site_url)
    if expected is not None and text_fingerprint(text) != expected:
        raise ValidationError(
            _("The issue changed since you opened this page (entries, their order or their texts): check it again."),
            code="stale",
        )
    return publish_issue(issue, by=by, url=url, text=text)


@transaction.atomic
def record_imported_publication(issue, *, at, url="", text=""):
    """Mark an issue read from the back catalogue as published, when and where it was.

    Unlike publish_issue nobody publishes anything now: its reviews were imported already
    published (reviews.services.import_review_status); this only records the fact.
    """
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.is_published:
        raise ValidationError(_("This issue is already published."))
    entries = list(issue.entries.select_related("review__paper"))
    problems = [] if entries else [_("The issue has no entries.")]
    problems += [
        _("“%(title)s” is %(status)s, not published.")
        % {"title": entry.review.paper.title, "status": entry.review.get_status_display().lower()}
        for entry in entries
        if entry.review.status != ReviewStatus.PUBLISHED
    ]
    if problems:
        raise ValidationError(problems)
    return _mark_published(issue, url=url, at=at, text=text)


def _mark_published(issue, *, url, at, text):
    """The one place an issue's status becomes published (the caller holds its row lock)."""
    issue.status = IssueStatus.PUBLISHED
    issue.published_url = url
    issue.published_at = at
    issue.published_text = text
    issue.save(update_fields=["status", "published_url", "published_at", "published_text", "updated_at"])
    return issue
