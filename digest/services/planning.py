"""Planning issues: periods, slugs, creating and changing planned issues."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reviews.enums import ReviewStatus
from reviews.models import unique_slug

from ..models import Issue
from .common import lock_planned, require_editor

SCHEDULABLE = {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}
# What an editor may still change on an issue; the rest is set by create_issue and publish_issue.
EDITABLE_FIELDS = ("planned_for", "intro", "outro", "translation_of")


def month_start(day):
    return datetime.date(day.year, day.month, 1)


def issue_slug(series, start, end, part=None):
    slug = f"{series.slug}-{start:%Y-%m}"
    if (start.year, start.month) != (end.year, end.month):
        slug += f"-{end:%Y-%m}"
    if part:
        slug += f"-part-{part}"
    return slugify(slug, allow_unicode=True)


def issue_period(period_start, period_end=None):
    """(first month, last month) as the first days of the months; the last defaults to the first."""
    start = month_start(period_start)
    end = month_start(period_end or period_start)
    if end < start:
        raise ValidationError({"period_end": _("The last month cannot be before the first month.")})
    return start, end


def period_taken(series, start, end, part=None):
    return Issue.objects.filter(series=series, period_start=start, period_end=end, part=part).exists()


def check_new_issue(*, series, period_start, period_end=None, part=None):
    """Raise ValidationError (by field) unless create_issue would accept these; forms ask this first."""
    start, end = issue_period(period_start, period_end)
    if period_taken(series, start, end, part):
        raise ValidationError({"part": _("This series already has an issue for that period and part.")})
    return start, end


@transaction.atomic
def create_issue(*, series, period_start, period_end=None, part=None, planned_for=None, translation_of=None):
    """A new planned issue for `series` covering the months from period_start to period_end."""
    start, end = issue_period(period_start, period_end)
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
        raise ValidationError({"part": _("This series already has an issue for that period and part.")}) from error


def check_issue_translation(issue, original):
    """Raise ValidationError unless `issue` may be recorded as the translation of `original` (or None)."""
    if original is None:
        return
    if original.pk == issue.pk or original.series.language == issue.series.language:
        raise ValidationError(
            {"translation_of": _("An issue translates an issue in another language, never itself.")},
            code="same_language",
        )
    if original.translation_of_id is not None:
        raise ValidationError(
            {"translation_of": _("That issue is itself a translation: link to the issue it translates.")},
            code="translation_of_translation",
        )


@transaction.atomic
def update_issue(issue, *, by, **fields):
    """Change what an editor may change on a planned issue: EDITABLE_FIELDS."""
    require_editor(by, _("Only editors may change issues."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"update_issue cannot change {', '.join(sorted(unknown))}")
    current = lock_planned(issue)
    if "translation_of" in fields:
        check_issue_translation(current, fields["translation_of"])
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=[*fields, "updated_at"])
    return current
