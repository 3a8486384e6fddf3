"""Everything that writes series, issues and entries: plan, schedule, order, split, translate, publish."""

import datetime
import hashlib
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reviews.enums import ReviewStatus
from reviews.models import Review, unique_slug
from reviews.rules import is_editor
from reviews.services import NotAllowed

from .models import Issue, IssueEntry, IssueStatus

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


def _planned(issue):
    """The issue, locked until the end of the transaction; refused if it is published already."""
    issue = Issue.objects.select_for_update().select_related("series").get(pk=issue.pk)
    if issue.is_published:
        raise ValidationError(_("This issue is already published."), code="published")
    return issue


def _editor(by, message):
    if not is_editor(by):
        raise NotAllowed(message)


@transaction.atomic
def update_issue(issue, *, by, **fields):
    """Change what an editor may change on a planned issue: EDITABLE_FIELDS."""
    _editor(by, _("Only editors may change issues."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"update_issue cannot change {', '.join(sorted(unknown))}")
    current = _planned(issue)
    if "translation_of" in fields:
        check_issue_translation(current, fields["translation_of"])
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=[*fields, "updated_at"])
    return current


@transaction.atomic
def add_reviews_to_issue(issue, reviews, *, by):
    """Append reviews to the issue in the given order. Each review may be in one issue only,
    and must be written in the language of the issue's series."""
    _editor(by, _("Only editors may schedule reviews."))
    return _append_entries(issue, reviews, language=issue.series.language)


@transaction.atomic
def add_imported_reviews_to_issue(issue, reviews):
    """The importer's path (digest.importer): no person acts, the post being read decides the order.

    The same checks as add_reviews_to_issue except who may act: the issue is not published yet,
    each review is approved or published and in no other issue.
    """
    return _append_entries(issue, reviews)


def _append_entries(issue, reviews, *, language=None):
    issue = _planned(issue)
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
    _editor(by, _("Only editors may order issues."))
    issue = _planned(issue)
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
    _editor(by, _("Only editors may change issues."))
    issue = _planned(issue)
    ids = {int(pk) for pk in entry_ids}
    entries = issue.entries.filter(pk__in=ids)
    if entries.count() != len(ids):
        raise ValidationError(_("Some of these entries are not in this issue (any more)."))
    entries.delete()


# --- splitting ----------------------------------------------------------------------------------


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
    _editor(by, _("Only editors may split issues."))
    issue = _planned(issue)
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


# --- translations -------------------------------------------------------------------------------


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
        .defer("body", "body_html", "search_document")
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
    _editor(by, _("Only editors may compile issues."))
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

    _editor(by, _("Only editors may publish issues."))
    URLValidator(schemes=["http", "https"], message=_("Enter the web address (http or https) of the post."))(url)
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


def text_fingerprint(text):
    """A short digest of an export: what the editor was shown, to compare with what goes out."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@transaction.atomic
def publish_exported_issue(issue, *, by, url, fmt="markdown", expected=None):
    """publish_issue, keeping the issue's export in `fmt` as the text as published.

    The issue and its reviews are locked before the export is made, so nobody can change a review
    between the text being written out and the review being published. `expected` is the
    text_fingerprint of the export the editor saw: if the post changed since, nothing is published.
    """
    from .export.formats import export_issue

    _editor(by, _("Only editors may publish issues."))
    Issue.objects.select_for_update().get(pk=issue.pk)
    list(Review.objects.select_for_update(of=("self",)).filter(issue_entry__issue=issue).values_list("pk"))
    text = export_issue(issue, fmt)
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
    issue.status = IssueStatus.PUBLISHED
    issue.published_url = url
    issue.published_at = at
    issue.published_text = text
    issue.save(update_fields=["status", "published_url", "published_at", "published_text", "updated_at"])
    return issue
