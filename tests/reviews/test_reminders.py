"""Reminders about due dates: the daily job (service and `send_reminders` command) and the editor's action."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reviews import reminders
from reviews.models import Assignment
from tests.factories import AssignmentFactory, PaperFactory, ReviewerFactory, UserFactory

TODAY = datetime.date(2026, 3, 10)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def assignment(due_in, *, status="accepted", last_reminded=None, title="Linformer", **kwargs):
    return AssignmentFactory(
        paper=PaperFactory(title=title),
        due_date=day(due_in),
        status=status,
        last_reminded_on=None if last_reminded is None else day(last_reminded),
        **kwargs,
    )


@pytest.mark.parametrize(
    ("due_in", "last_reminded", "expected"),
    [
        (3, None, "upcoming"),  # exactly N days before
        (1, None, "upcoming"),  # a missed cron day still gets its reminder
        (0, None, "upcoming"),  # due today
        (4, None, None),  # not yet
        (2, -5, "upcoming"),  # reminded long before the window
        (2, -1, None),  # already reminded in the window (by cron or by hand)
        (-1, None, "overdue"),
        (-1, -3, "overdue"),  # the upcoming reminder does not stop the overdue one
        (-3, -2, None),  # already reminded since it became overdue
        (-3, 0, None),  # never twice on the same day
        (2, 0, None),
    ],
)
@pytest.mark.django_db
def test_reminder_kind_follows_the_due_date_and_the_last_reminder(due_in, last_reminded, expected):
    item = assignment(due_in, last_reminded=last_reminded)
    assert reminders.reminder_kind(item, today=TODAY, days_before=3) == expected


@pytest.mark.parametrize("status", ["done", "declined", "cancelled"])
@pytest.mark.django_db
def test_finished_assignments_are_never_reminded(status, mailoutbox):
    assignment(-2, status=status)
    assignment(1, status=status)
    assert reminders.remind_assignments(today=TODAY, days_before=3) == []
    assert mailoutbox == []


@pytest.mark.django_db
def test_remind_assignments_mails_due_and_overdue_reviewers_once(mailoutbox, django_capture_on_commit_callbacks):
    soon = assignment(2, title="Linformer", reviewer=ReviewerFactory(user=UserFactory(username="soon@example.org")))
    late = assignment(-4, title="PointRend", reviewer=ReviewerFactory(user=UserFactory(username="late@example.org")))
    assignment(10, title="Far away")

    with django_capture_on_commit_callbacks(execute=True):  # the worker sends what was queued
        sent = reminders.remind_assignments(today=TODAY, days_before=3)

    assert [(r.assignment.pk, r.overdue, r.sent) for r in sent] == [(late.pk, True, True), (soon.pk, False, True)]
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("late@example.org", "[Digest] Overdue: PointRend"),
        ("soon@example.org", "[Digest] Reminder: Linformer"),
    ]
    assert set(Assignment.objects.values_list("last_reminded_on", flat=True)) == {TODAY, None}
    assert reminders.remind_assignments(today=TODAY, days_before=3) == []
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_dry_run_sends_and_records_nothing(mailoutbox):
    item = assignment(1)
    planned = reminders.remind_assignments(today=TODAY, days_before=3, dry_run=True)
    assert [(r.assignment.pk, r.sent, r.problem) for r in planned] == [(item.pk, False, "")]
    item.refresh_from_db()
    assert (item.last_reminded_on, mailoutbox) == (None, [])


@pytest.mark.django_db
def test_reviewer_without_account_is_reported_not_marked(mailoutbox):
    item = assignment(-1, reviewer=ReviewerFactory(user=None))
    [result] = reminders.remind_assignments(today=TODAY, days_before=3)
    assert (result.sent, result.problem) == (False, "the reviewer has no e-mail address")
    item.refresh_from_db()
    assert (item.last_reminded_on, mailoutbox) == (None, [])


@pytest.mark.django_db
def test_send_reminders_by_an_editor_reminds_any_active_assignment_once_a_day(
    editor, mailoutbox, django_capture_on_commit_callbacks
):
    far = assignment(20)
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_reminders([far], by=editor, today=TODAY)
        again = reminders.send_reminders([Assignment.objects.get(pk=far.pk)], by=editor, today=TODAY)
    assert [(r.sent, r.problem) for r in first] == [(True, "")]
    assert [(r.sent, r.problem) for r in again] == [(False, "already reminded today")]
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_send_reminders_refuses_finished_assignments(editor, mailoutbox):
    done = assignment(-1, status="done")
    [result] = reminders.send_reminders([done], by=editor, today=TODAY)
    assert (result.sent, result.problem) == (False, "it is done")
    assert mailoutbox == []


@pytest.mark.django_db
def test_only_editors_send_reminders_by_hand(author, mailoutbox):
    with pytest.raises(reminders.NotAllowed):
        reminders.send_reminders([assignment(1)], by=author.user, today=TODAY)
    assert mailoutbox == []


# --- the command -------------------------------------------------------------------------------


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def relative(days):
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.mark.django_db
def test_command_prints_each_reminder_and_a_summary(mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.DIGEST_REMINDER_DAYS_BEFORE = 3
    reviewer = ReviewerFactory(display_name="Ann Author", user=UserFactory(username="ann@example.org"))
    AssignmentFactory(paper=PaperFactory(title="Linformer"), reviewer=reviewer, due_date=relative(3))
    AssignmentFactory(paper=PaperFactory(title="PointRend"), reviewer=reviewer, due_date=relative(-2))
    AssignmentFactory(paper=PaperFactory(title="Done already"), reviewer=reviewer, due_date=relative(-2), status="done")

    with django_capture_on_commit_callbacks(execute=True):
        out, err = run()

    lines = out.splitlines()
    assert lines[0].startswith("Reminded Ann Author <ann@example.org> about “PointRend”, overdue since ")
    assert lines[0].endswith("(2 days).")
    assert lines[1].startswith("Reminded Ann Author <ann@example.org> about “Linformer”, due ")
    assert lines[2] == "Sent 2 reminders: 1 due soon, 1 overdue."
    assert (len(lines), err, len(mailoutbox)) == (3, "", 2)
    assert run()[0] == "Sent 0 reminders: 0 due soon, 0 overdue.\n"


@pytest.mark.django_db
def test_command_days_before_option_and_dry_run(mailoutbox):
    AssignmentFactory(paper=PaperFactory(title="Linformer"), due_date=relative(6))
    assert run("--days-before", "5")[0] == "Sent 0 reminders: 0 due soon, 0 overdue.\n"
    out, _err = run("--days-before", "6", "--dry-run")
    assert out.splitlines()[-1] == "Would send 1 reminder: 1 due soon, 0 overdue."
    assert out.startswith("Would remind ")
    assert (mailoutbox, Assignment.objects.get().last_reminded_on) == ([], None)


@pytest.mark.django_db
def test_command_reports_reviewers_it_cannot_reach():
    AssignmentFactory(
        paper=PaperFactory(title="Linformer"),
        reviewer=ReviewerFactory(display_name="Nobody", user=None),
        due_date=relative(-1),
    )
    out, err = run()
    assert err.startswith("Not reminded: Nobody about “Linformer”, overdue since ")
    assert out == "Sent 0 reminders: 0 due soon, 0 overdue. 1 could not be sent (see above).\n"


def test_command_refuses_a_negative_number_of_days():
    with pytest.raises(CommandError, match="cannot be negative"):
        run("--days-before", "-1")
