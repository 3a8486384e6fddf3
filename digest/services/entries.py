"""Entries of an issue: scheduling reviews, ordering, removing, splitting an overfull issue into parts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from reviews.models import Review, unique_slug

from ..models import Issue, IssueEntry
from .common import lock_planned, require_editor
from .planning import SCHEDULABLE, create_issue, issue_slug


@transaction.atomic
def add_reviews_to_issue(issue, reviews, *, by):
    """Append reviews to the issue in the given order. Each review may be in one issue only,
    and must be written in the language of the issue's series."""
    require_editor(by, _("Only editors may schedule reviews."))
    return _append_entries(issue, reviews, language=issue.series.language)


@transaction.atomic
def add_imported_reviews_to_issue(issue, reviews):
    """The importer's path (digest.importer): no person acts, the post being read decides the order.

    The same checks as add_reviews_to_issue except who may act: the issue is not published yet,
    each review is approved or published and in no other issue.
    """
    return _append_entries(issue, reviews)


def _append_entries(issue, reviews, *, language=None):
    issue = lock_planned(issue)
    ids = [review.pk for review in reviews]
    fresh = Review.objects.select_for_update().select_related("paper").in_bulk(ids)
    reviews = [fresh[pk] for pk in ids]
    scheduled = set(IssueEntry.objects.filter(review_id__in=ids).values_list("review_id", flat=True))
    problems = []
    for review in reviews:
        if review.status not in SCHEDULABLE:
            problems.append(
                _("“%(title)s” is %(status)s, not approved.")
                % {"title": review.paper.title, "status": review.get_status_display().lower()}
            )
        elif review.pk in scheduled:
            problems.append(_("“%(title)s” is already in an issue.") % {"title": review.paper.title})
        elif language and review.language != language:
            problems.append(
                _("“%(title)s” is in %(language)s; the issue is in %(issue_language)s.")
                % {
                    "title": review.paper.title,
                    "language": review.get_language_display(),
                    "issue_language": issue.series.get_language_display(),
                }
            )
    if problems:
        raise ValidationError(problems)
    start = (issue.entries.aggregate(top=Max("position"))["top"] or 0) + 1
    return [
        IssueEntry.objects.create(issue=issue, review=review, position=start + offset)
        for offset, review in enumerate(reviews)
    ]


@transaction.atomic
def reorder_entries(issue, entry_ids, *, by):
    """Set the order of the issue's entries to `entry_ids` (every entry, each once)."""
    require_editor(by, _("Only editors may order issues."))
    issue = lock_planned(issue)
    entries = {entry.pk: entry for entry in issue.entries.all()}
    if sorted(entries) != sorted(int(pk) for pk in entry_ids):
        raise ValidationError(_("The new order must list every entry of the issue exactly once."))
    for position, pk in enumerate(entry_ids, start=1):
        entry = entries[int(pk)]
        if entry.position != position:
            entry.position = position
            entry.save(update_fields=["position"])


@transaction.atomic
def remove_entries(issue, entry_ids, *, by):
    """Take entries out of a planned issue; their reviews go back to the pool of approved reviews."""
    require_editor(by, _("Only editors may change issues."))
    issue = lock_planned(issue)
    ids = {int(pk) for pk in entry_ids}
    entries = issue.entries.filter(pk__in=ids)
    if entries.count() != len(ids):
        raise ValidationError(_("Some of these entries are not in this issue (any more)."))
    entries.delete()


def split_plan(issue, size=None):
    """The entries of `issue` in groups of `size` (default: the series' target maximum), in order."""
    size = size or issue.series.target_max_entries
    if size < 1:
        raise ValidationError({"size": _("A part holds at least one entry.")})
    entries = list(issue.entries.select_related("review__paper", "review__reviewer").order_by("position", "id"))
    return [entries[start : start + size] for start in range(0, len(entries), size)]


@transaction.atomic
def split_issue(issue, *, by, size=None, expected=None):
    """Move the entries beyond `size` (default: the series' target maximum) into new issues of the
    same series and period, in groups of `size`, keeping their order. The issue becomes part 1 if
    it had no part; the new issues take the next free part numbers. Returns every part, in order.
    `expected` lists the entry ids in the order the editor saw: if they changed, nothing is moved.
    """
    require_editor(by, _("Only editors may split issues."))
    issue = lock_planned(issue)
    groups = split_plan(issue, size)
    if expected is not None and [entry.pk for group in groups for entry in group] != list(expected):
        raise ValidationError(_("The entries of this issue changed since you opened this page: check the parts again."))
    if len(groups) < 2:
        raise ValidationError(
            _("Nothing to split: the issue has no more than %(size)s entries.")
            % {"size": size or issue.series.target_max_entries}
        )
    same_period = Issue.objects.filter(
        series=issue.series, period_start=issue.period_start, period_end=issue.period_end
    )
    next_part = max(same_period.aggregate(top=Max("part"))["top"] or 0, 1) + 1
    if issue.part is None and same_period.filter(part=1).exists():
        raise ValidationError(_("This period has a part 1 already: give this issue a part number first."))
    if issue.part is None:
        issue.part = 1
        issue.slug = unique_slug(
            Issue, issue_slug(issue.series, issue.period_start, issue.period_end, 1), max_length=110
        )
        issue.save(update_fields=["part", "slug", "updated_at"])
    parts = [issue]
    for offset, group in enumerate(groups[1:]):
        part = create_issue(
            series=issue.series,
            period_start=issue.period_start,
            period_end=issue.period_end,
            part=next_part + offset,
            planned_for=issue.planned_for,
        )
        part.intro, part.outro = issue.intro, issue.outro
        part.save(update_fields=["intro", "outro", "updated_at"])
        for position, entry in enumerate(group, start=1):
            entry.issue, entry.position = part, position
            entry.save(update_fields=["issue", "position"])
        parts.append(part)
    return parts
