"""Everything that writes series, issues and entries: schedule, order, publish."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reviews.enums import ReviewStatus
from reviews.models import Review, unique_slug
from reviews.rules import is_editor
from reviews.services import NotAllowed

from .models import Issue, IssueEntry, IssueStatus

SCHEDULABLE = {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}


def month_start(day):
    return datetime.date(day.year, day.month, 1)


def issue_slug(series, start, end, part=None):
    slug = f"{series.slug}-{start:%Y-%m}"
    if (start.year, start.month) != (end.year, end.month):
        slug += f"-{end:%Y-%m}"
    if part:
        slug += f"-part-{part}"
    return slugify(slug, allow_unicode=True)


@transaction.atomic
def create_issue(*, series, period_start, period_end=None, part=None, planned_for=None, translation_of=None):
    """A new planned issue for `series` covering the months from period_start to period_end."""
    start = month_start(period_start)
    end = month_start(period_end or period_start)
    if end < start:
        raise ValidationError({"period_end": _("The last month cannot be before the first month.")})
    slug = unique_slug(Issue, issue_slug(series, start, end, part), max_length=110)
    try:
        with transaction.atomic():
            return Issue.objects.create(
                series=series,
                slug=slug,
                period_start=start,
                period_end=end,
                part=part,
                planned_for=planned_for,
                translation_of=translation_of,
            )
    except IntegrityError as error:
        raise ValidationError(_("This series already has an issue for that period and part.")) from error


@transaction.atomic
def add_reviews_to_issue(issue, reviews, *, by):
    """Append reviews to the issue in the given order. Each review may be in one issue only."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may schedule reviews."))
    return _append_entries(issue, reviews)


@transaction.atomic
def add_imported_reviews_to_issue(issue, reviews):
    """The importer's path (digest.importer): no person acts, the post being read decides the order.

    The same checks as add_reviews_to_issue except who may act: the issue is not published yet,
    each review is approved or published and in no other issue.
    """
    return _append_entries(issue, reviews)


def _append_entries(issue, reviews):
    if issue.is_published:
        raise ValidationError(_("This issue is already published."))
    ids = [review.pk for review in reviews]
    fresh = Review.objects.select_for_update().select_related("paper").in_bulk(ids)
    reviews = [fresh[pk] for pk in ids]
    problems = []
    for review in reviews:
        if review.status not in SCHEDULABLE:
            problems.append(
                _("“%(title)s” is %(status)s, not approved.")
                % {"title": review.paper.title, "status": review.get_status_display().lower()}
            )
        elif IssueEntry.objects.filter(review=review).exists():
            problems.append(_("“%(title)s” is already in an issue.") % {"title": review.paper.title})
    if problems:
        raise ValidationError(problems)
    start = (issue.entries.aggregate(top=Max("position"))["top"] or 0) + 1
    return [
        IssueEntry.objects.create(issue=issue, review=review, position=start + offset)
        for offset, review in enumerate(reviews)
    ]


@transaction.atomic
def reorder_entries(issue, entry_ids):
    """Set the order of the issue's entries to `entry_ids` (every entry, each once)."""
    entries = {entry.pk: entry for entry in issue.entries.all()}
    if sorted(entries) != sorted(int(pk) for pk in entry_ids):
        raise ValidationError(_("The new order must list every entry of the issue exactly once."))
    for position, pk in enumerate(entry_ids, start=1):
        entry = entries[int(pk)]
        if entry.position != position:
            entry.position = position
            entry.save(update_fields=["position"])


def publication_blockers(issue):
    """What stops the issue from being published: a list of messages, empty when it can go out."""
    problems = []
    entries = list(issue.entries.select_related("review__paper"))
    if not entries:
        problems.append(_("The issue has no entries."))
    for entry in entries:
        if entry.review.status != ReviewStatus.APPROVED:
            problems.append(
                _("“%(title)s” is %(status)s, not approved.")
                % {"title": entry.review.paper.title, "status": entry.review.get_status_display().lower()}
            )
    return problems


@transaction.atomic
def publish_issue(issue, *, by, url, text=""):
    """Publish the issue and every review in it, in one transaction, keeping the text as published.

    Refused, with the list of what blocks it, unless every entry is approved.
    """
    from reviews.services import transition_review

    if not is_editor(by):
        raise NotAllowed(_("Only editors may publish issues."))
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.is_published:
        raise ValidationError(_("This issue is already published."))
    problems = publication_blockers(issue)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    for entry in issue.entries.select_related("review"):
        transition_review(entry.review, to=ReviewStatus.PUBLISHED, by=by, at=now)
    issue.status = IssueStatus.PUBLISHED
    issue.published_url = url
    issue.published_at = now
    issue.published_text = text
    issue.save(update_fields=["status", "published_url", "published_at", "published_text", "updated_at"])
    return issue


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
    issue.status = IssueStatus.PUBLISHED
    issue.published_url = url
    issue.published_at = at
    issue.published_text = text
    issue.save(update_fields=["status", "published_url", "published_at", "published_text", "updated_at"])
    return issue
