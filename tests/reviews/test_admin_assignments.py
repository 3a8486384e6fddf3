"""Assignments in the admin: overdue ones stand out, reminders and cancelling."""

import datetime

import pytest
from django.utils import timezone

from reviews.models import Assignment
from tests.factories import AssignmentFactory, PaperFactory, UserFactory

CHANGELIST = "/admin/reviews/assignment/"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def act(client, action, assignments):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [a.pk for a in assignments]}, follow=True)


@pytest.mark.django_db
def test_overdue_assignments_are_marked_and_filtered(client, editor):
    late = AssignmentFactory(due_date=days(-3), paper=PaperFactory(title="Late paper"))
    on_time = AssignmentFactory(due_date=days(3))
    AssignmentFactory(due_date=days(-3), status="done")
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert page.count('<span class="desk-overdue">') == 1
    assert "3 days overdue" in page
    assert [a.pk for a in client.get(CHANGELIST, {"overdue": "yes"}).context["cl"].result_list] == [late.pk]
    assert on_time.pk in [a.pk for a in client.get(CHANGELIST, {"overdue": "no"}).context["cl"].result_list]


@pytest.mark.django_db
def test_send_reminder_mails_each_reviewer_once_a_day(
    client, editor, author, mailoutbox, django_capture_on_commit_callbacks
):
    assignment = AssignmentFactory(reviewer=author, due_date=days(-1), paper=PaperFactory(title="Linformer"))
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, "send_reminder", [assignment])
    assert "1 reminder sent." in response.content.decode()
    assert [(m.to, m.subject) for m in mailoutbox] == [(["author@example.org"], "[Digest] Overdue: Linformer")]
    again = act(client, "send_reminder", [assignment])
    assert "No reminder about “Linformer”: already reminded today." in again.content.decode()
    assignment.refresh_from_db()
    assert (assignment.last_reminded_on, len(mailoutbox)) == (timezone.localdate(), 1)


@pytest.mark.parametrize("status", ["done", "declined", "cancelled"])
@pytest.mark.django_db
def test_send_reminder_refuses_finished_assignments(client, editor, status, mailoutbox):
    assignment = AssignmentFactory(status=status, paper=PaperFactory(title="Finished"))
    client.force_login(editor)
    response = act(client, "send_reminder", [assignment])
    assert f"No reminder about “Finished”: it is {status}." in response.content.decode()
    assignment.refresh_from_db()
    assert (assignment.last_reminded_on, mailoutbox) == (None, [])


@pytest.mark.django_db
def test_cancel_action_cancels_active_and_refuses_finished_assignments(client, editor):
    active = AssignmentFactory(status="offered")
    done = AssignmentFactory(status="done", paper=PaperFactory(title="Reviewed"))
    client.force_login(editor)
    page = act(client, "cancel_assignments", [active, done]).content.decode()
    assert "1 assignment cancelled." in page
    assert "“Reviewed”: An assignment that is “Done” cannot become “Cancelled”." in page
    assert dict(Assignment.objects.values_list("pk", "status")) == {active.pk: "cancelled", done.pk: "done"}


@pytest.mark.django_db
def test_reminders_and_cancelling_are_refused_without_the_editors_group(client, mailoutbox):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_assignment", "change_assignment"]))
    assignment = AssignmentFactory(due_date=days(-1))
    client.force_login(staff)
    assert client.get(CHANGELIST).context["action_form"] is None
    act(client, "send_reminder", [assignment])
    act(client, "cancel_assignments", [assignment])
    assignment.refresh_from_db()
    assert (assignment.status, assignment.last_reminded_on, mailoutbox) == ("accepted", None, [])


@pytest.mark.django_db
def test_editor_moves_a_due_date_but_not_the_status(client, editor):
    assignment = AssignmentFactory(due_date=days(2))
    client.force_login(editor)
    response = client.post(
        f"/admin/reviews/assignment/{assignment.pk}/change/", {"due_date": days(9).isoformat(), "status": "done"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.due_date, assignment.status) == (days(9), "accepted")
