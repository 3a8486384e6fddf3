"""Reminders to reviewers about their due dates: the daily job and an editor's "Send reminder".

One reminder when the due date is near (`DIGEST_REMINDER_DAYS_BEFORE` days or closer), one once
it has passed, and whatever an editor sends by hand — never two on the same day, never for a
done, declined or cancelled assignment. Today's reminder is claimed in the database before the
mail goes out, so two runs at once (cron and an editor) cannot both send it.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import announcements, notifications
from .enums import ACTIVE_ASSIGNMENT
from .models import Assignment
from .rules import is_editor
from .services import NotAllowed

logger = logging.getLogger("digest.reminders")


@dataclass(frozen=True)
class Reminder:
    """One reminder: sent, or (`sent` False) would be sent in a dry run, or refused with `problem`."""

    assignment: Assignment
    overdue: bool
    sent: bool = False
    problem: str = ""


def reminder_kind(assignment, *, today, days_before):
    """Which automatic reminder `assignment` is due for today: "upcoming", "overdue" or None.

    One reminder when the due date is `days_before` days away or closer, one once it has passed,
    never two on the same day. A reminder an editor sent by hand counts, so cron adds none on top.
    """
    if assignment.status not in ACTIVE_ASSIGNMENT:
        return None
    due, last = assignment.due_date, assignment.last_reminded_on
    if last == today:
        return None
    if due < today:
        return "overdue" if last is None or last <= due else None
    if (due - today).days <= days_before:
        return "upcoming" if last is None or last < due - datetime.timedelta(days=days_before) else None
    return None


def _remind(assignment, *, today, dry_run=False):
    overdue = assignment.due_date < today
    user = assignment.reviewer.user
    if user is None or not user.email:
        return Reminder(assignment, overdue, problem=_("the reviewer has no e-mail address"))
    if dry_run:
        return Reminder(assignment, overdue)
    with transaction.atomic():
        # Claim today's reminder first: a second run (cron, another editor) finds nothing to claim.
        claimed = (
            Assignment.objects.active()
            .filter(pk=assignment.pk)
            .exclude(last_reminded_on=today)
            .update(last_reminded_on=today)
        )
        if not claimed:
            return Reminder(assignment, overdue, problem=_("already reminded today, or no longer active"))
        notifications.assignment_reminder(assignment, overdue=overdue)
        announcements.announce(announcements.ASSIGNMENT_REMINDER, assignment_id=assignment.pk, overdue=overdue)
    assignment.last_reminded_on = today
    return Reminder(assignment, overdue, sent=True)


def remind_assignments(*, today=None, days_before=None, dry_run=False):
    """The daily job: mail every reviewer whose reminder is due today. Returns the reminders.

    Safe to run any number of times a day; done, declined and cancelled assignments are never reminded.
    """
    today = today or timezone.localdate()
    days_before = settings.DIGEST_REMINDER_DAYS_BEFORE if days_before is None else days_before
    candidates = (
        Assignment.objects.active()
        .filter(due_date__lte=today + datetime.timedelta(days=days_before))
        .select_related("paper", "reviewer__user")
        .order_by("due_date", "id")
    )
    return [
        _remind_safely(assignment, today=today, dry_run=dry_run)
        for assignment in candidates
        if reminder_kind(assignment, today=today, days_before=days_before)
    ]


def _remind_safely(assignment, *, today, dry_run):
    """One reminder; whatever goes wrong with it is reported and the next one still goes out."""
    try:
        return _remind(assignment, today=today, dry_run=dry_run)
    except Exception as error:
        logger.exception("Reminder for assignment %s failed", assignment.pk)
        return Reminder(assignment, assignment.due_date < today, problem=f"{type(error).__name__}: {error}")


def daily_reminders():
    """The queue's daily schedule: `remind_assignments` with the settings' defaults. A summary for the log."""
    results = remind_assignments()
    sent = sum(1 for result in results if result.sent)
    return f"{sent} reminders queued, {len(results) - sent} not sent"


def send_reminders(assignments, *, by, today=None):
    """An editor reminds the reviewers of `assignments` now, at most once a day each."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may send reminders."))
    today = today or timezone.localdate()
    results = []
    for assignment in assignments:
        if assignment.status not in ACTIVE_ASSIGNMENT:
            results.append(
                Reminder(
                    assignment,
                    overdue=False,
                    problem=_("it is %(status)s") % {"status": assignment.get_status_display().lower()},
                )
            )
        elif assignment.last_reminded_on == today:
            overdue = assignment.due_date < today
            results.append(Reminder(assignment, overdue, problem=_("already reminded today")))
        else:
            results.append(_remind_safely(assignment, today=today, dry_run=False))
    return results
