"""Compiling an issue in another language from the translations of its reviews."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from reviews.enums import ReviewStatus
from reviews.models import Review

from ..models import Issue
from .common import require_editor
from .entries import add_reviews_to_issue
from .planning import create_issue


class CompiledTranslation(NamedTuple):
    issue: Issue
    missing: list  # a message per entry of the original left out, in the original's order


def translations_for(entries, language):
    """{review id: its version in `language` or None} for the entries' reviews. One query.

    Versions of a review are its original and the original's translations (a star: see
    reviews.services.check_translation_link).
    """
    root_of = {entry.review_id: entry.review.translation_of_id or entry.review_id for entry in entries}
    versions = (
        Review.objects.filter(Q(pk__in=root_of.values()) | Q(translation_of_id__in=root_of.values()), language=language)
        .select_related("paper", "issue_entry__issue__series")
        .without_texts()
    )
    by_root = {version.translation_of_id or version.pk: version for version in versions}
    return {review_id: by_root.get(root) for review_id, root in root_of.items()}


def translation_problem(entry, version, language_name):
    """Why `version` (the entry's review in another language, or None) cannot go in the translated issue."""
    title = entry.review.paper.title
    if version is None:
        return _("“%(title)s” has no translation in %(language)s.") % {"title": title, "language": language_name}
    if version.status != ReviewStatus.APPROVED:
        return _("“%(title)s”: the %(language)s translation is %(status)s, not approved.") % {
            "title": title,
            "language": language_name,
            "status": version.get_status_display().lower(),
        }
    if getattr(version, "issue_entry", None) is not None:
        return _("“%(title)s”: the %(language)s translation is already in “%(issue)s”.") % {
            "title": title,
            "language": language_name,
            "issue": version.issue_entry.issue,
        }
    return None


@transaction.atomic
def compile_translation(issue, *, series, by):
    """The same issue in the language of `series`: a new planned issue of that series for the same
    period and part, recorded as a translation of `issue` (of its original, if `issue` is itself a
    translation), filled with the approved translations of its entries' reviews in the same order.

    Entries whose review has no approved translation free to schedule are left out and listed in
    the result: translations often come in one by one, and the editor adds the late ones from the
    issue page. When not one entry has one, nothing is created and the list is the refusal.
    """
    require_editor(by, _("Only editors may compile issues."))
    if series.language == issue.series.language:
        raise ValidationError(
            {"series": _("Choose a series in another language than %(language)s.")
             % {"language": issue.series.get_language_display()}}
        )  # fmt: skip
    taken = Issue.objects.filter(
        series=series, period_start=issue.period_start, period_end=issue.period_end, part=issue.part
    ).first()
    if taken is not None:
        raise ValidationError(
            _("“%(series)s” already has an issue for that period and part: “%(issue)s”.")
            % {"series": series, "issue": taken}
        )
    entries = list(issue.entries.select_related("review__paper").order_by("position", "id"))
    if not entries:
        raise ValidationError(_("The issue has no entries to translate."))
    versions = translations_for(entries, series.language)
    language_name = series.get_language_display()
    found, missing = [], []
    for entry in entries:
        version = versions[entry.review_id]
        problem = translation_problem(entry, version, language_name)
        if problem:
            missing.append(problem)
        else:
            found.append(version)
    if not found:
        raise ValidationError(missing)
    translated = create_issue(
        series=series,
        period_start=issue.period_start,
        period_end=issue.period_end,
        part=issue.part,
        planned_for=issue.planned_for,
        translation_of=issue.translation_of or issue,
    )
    add_reviews_to_issue(translated, found, by=by)
    return CompiledTranslation(translated, missing)
