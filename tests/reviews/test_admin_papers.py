"""Paper triage in the admin: duplicates shown, reject (as a duplicate), assign a reviewer."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from django.utils.formats import date_format

from reviews.models import Assignment, Paper
from tests.factories import AssignmentFactory, PaperFactory, UserFactory

CHANGELIST = "/admin/reviews/paper/"


def listed(client, **params):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return sorted(paper.pk for paper in response.context["cl"].result_list)


@pytest.fixture
def twins():
    """The same paper proposed twice, the second without an arXiv id."""
    first = PaperFactory(title="Linformer: Self-Attention with Linear Complexity", arxiv_id="2006.04768")
    second = PaperFactory(title="Linformer — self-attention with linear complexity", arxiv_id="")
    return first, second


# --- triage ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_changelist_shows_possible_duplicates_and_filters_them(client, editor, twins):
    alone = PaperFactory(title="Something else")
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert page.count("1 with the same title") == 2
    assert "?normalized_title=linformer+self+attention+with+linear+complexity" in page
    assert listed(client, duplicates="yes") == sorted(paper.pk for paper in twins)
    assert listed(client, duplicates="no") == [alone.pk]
    assert listed(client, normalized_title=twins[0].normalized_title) == sorted(paper.pk for paper in twins)


@pytest.mark.django_db
def test_triage_filter_separates_open_assigned_and_overdue_papers(client, editor):
    open_paper = PaperFactory()
    assigned = AssignmentFactory().paper
    late = AssignmentFactory(due_date=timezone.localdate() - datetime.timedelta(days=1)).paper
    client.force_login(editor)
    assert listed(client, reading="open") == [open_paper.pk]
    assert listed(client, reading="assigned") == sorted([assigned.pk, late.pk])
    assert listed(client, reading="overdue") == [late.pk]
    page = client.get(CHANGELIST).content.decode()
    assert '<span class="desk-overdue">' in page  # the late reader stands out


@pytest.mark.django_db
def test_change_page_lists_duplicates_with_a_way_to_reject(client, editor, twins):
    first, second = twins
    client.force_login(editor)
    page = client.get(f"/admin/reviews/paper/{second.pk}/change/").content.decode()
    assert f'<a href="/admin/reviews/paper/{first.pk}/change/">{first.title}</a>' in page
    assert f"/admin/reviews/paper/{second.pk}/reject/?duplicate_of={first.pk}" in page
    assert f"/admin/reviews/assignment/add/?paper={second.pk}" in page


# --- rejecting ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reject_as_duplicate_from_the_paper_page(client, editor, twins):
    first, second = twins
    offer = AssignmentFactory(paper=second, status="offered")
    client.force_login(editor)
    form = client.get(f"/admin/reviews/paper/{second.pk}/reject/?duplicate_of={first.pk}").context["form"]
    assert form.initial == {"duplicate_of": str(first.pk)}
    response = client.post(f"/admin/reviews/paper/{second.pk}/reject/", {"duplicate_of": first.pk}, follow=True)
    assert f"“{second.title}” is rejected as a duplicate of “{first.title}”." in response.content.decode()
    second.refresh_from_db()
    offer.refresh_from_db()
    assert (second.status, second.duplicate_of, offer.status) == ("rejected", first, "cancelled")


@pytest.mark.django_db
def test_a_paper_cannot_duplicate_itself_or_a_rejected_paper(client, editor, twins):
    first, second = twins
    Paper.objects.filter(pk=first.pk).update(status="rejected")
    client.force_login(editor)
    for target in (second, first):
        response = client.post(f"/admin/reviews/paper/{second.pk}/reject/", {"duplicate_of": target.pk})
        assert response.status_code == 200 and response.context["form"].errors
    second.refresh_from_db()
    assert second.status == "proposed"


@pytest.mark.django_db
def test_rejecting_a_rejected_paper_shows_a_message(client, editor):
    paper = PaperFactory()
    Paper.objects.filter(pk=paper.pk).update(status="rejected")
    client.force_login(editor)
    response = client.post(f"/admin/reviews/paper/{paper.pk}/reject/", {"duplicate_of": ""}, follow=True)
    assert f"“{paper.title}” is already rejected." in response.content.decode()


@pytest.mark.django_db
def test_reject_action_with_the_original_prefilled(client, editor, twins):
    first, second = twins
    client.force_login(editor)
    page = client.post(CHANGELIST, {"action": "reject_papers", "_selected_action": [second.pk]})
    assert page.context["form"].initial == {"duplicate_of": first.pk}
    client.post(
        CHANGELIST, {"action": "reject_papers", "_selected_action": [second.pk], "apply": "1", "duplicate_of": first.pk}
    )
    second.refresh_from_db()
    assert (second.status, second.duplicate_of_id) == ("rejected", first.pk)


@pytest.mark.django_db
def test_reject_action_refuses_an_original_among_the_rejected(client, editor, twins):
    client.force_login(editor)
    ids = [paper.pk for paper in twins]
    response = client.post(
        CHANGELIST, {"action": "reject_papers", "_selected_action": ids, "apply": "1", "duplicate_of": ids[0]}
    )
    assert "Choose a paper that is not being rejected" in response.content.decode()
    assert set(Paper.objects.values_list("status", flat=True)) == {"proposed"}


@pytest.mark.django_db
def test_reject_is_refused_to_staff_without_the_editors_group(client, twins):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_paper", "change_paper"]))
    client.force_login(staff)
    assert client.post(f"/admin/reviews/paper/{twins[1].pk}/reject/", {"duplicate_of": twins[0].pk}).status_code == 403
    client.post(CHANGELIST, {"action": "reject_papers", "_selected_action": [twins[1].pk], "apply": "1"})
    assert set(Paper.objects.values_list("status", flat=True)) == {"proposed"}


# --- assigning ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_assign_action_offers_papers_to_a_reviewer_who_is_mailed(
    client, editor, author, mailoutbox, django_capture_on_commit_callbacks
):
    paper = PaperFactory(title="Linformer")
    due = timezone.localdate() + datetime.timedelta(days=10)
    client.force_login(editor)
    form = client.post(CHANGELIST, {"action": "assign_reviewer", "_selected_action": [paper.pk]}).context["form"]
    assert form.initial["due_date"] == timezone.localdate() + datetime.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CHANGELIST,
            {"action": "assign_reviewer", "_selected_action": [paper.pk], "apply": "1", "reviewer": author.pk,
             "due_date": due.isoformat()},
            follow=True,
        )  # fmt: skip
    assert "“Linformer” is offered to Ann Author" in response.content.decode()
    assignment = Assignment.objects.get()
    assert (assignment.reviewer, assignment.status, assignment.due_date, assignment.assigned_by) == (
        author,
        "offered",
        due,
        editor,
    )
    assert [m.to for m in mailoutbox] == [["author@example.org"]]


@pytest.mark.django_db
def test_assign_action_reports_papers_someone_already_reads(client, editor, author, other_reviewer):
    taken = AssignmentFactory(reviewer=other_reviewer).paper
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {"action": "assign_reviewer", "_selected_action": [taken.pk], "apply": "1", "reviewer": author.pk,
         "due_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
        follow=True,
    )  # fmt: skip
    assert f"“{taken.title}”: Someone is already reading this paper." in response.content.decode()
    assert list(Assignment.objects.values_list("reviewer", flat=True)) == [other_reviewer.pk]


@pytest.mark.django_db
def test_assign_page_prefills_the_paper_and_refuses_a_past_due_date(client, editor, author):
    paper = PaperFactory()
    client.force_login(editor)
    form = client.get(f"/admin/reviews/assignment/add/?paper={paper.pk}").context["form"]
    assert form.initial["paper"] == str(paper.pk)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        "/admin/reviews/assignment/add/",
        {"paper": paper.pk, "reviewer": author.pk, "due_date": yesterday.isoformat()},
    )
    assert "The due date cannot be in the past." in response.content.decode()
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_assign_page_creates_the_assignment_through_the_service(client, editor, author):
    paper = PaperFactory()
    client.force_login(editor)
    due = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(
        "/admin/reviews/assignment/add/", {"paper": paper.pk, "reviewer": author.pk, "due_date": due.isoformat()}
    )
    assert response.status_code == 302
    assert list(Assignment.objects.values_list("paper", "reviewer", "status", "assigned_by")) == [
        (paper.pk, author.pk, "offered", editor.pk)
    ]
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert told == [f"“{paper.title}” is offered to Ann Author, due {date_format(due)}; they are told by e-mail."]


@pytest.mark.django_db
def test_assign_page_is_refused_to_staff_without_the_editors_group(client, author):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_assignment", "add_assignment"]))
    client.force_login(staff)
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        "/admin/reviews/assignment/add/", {"paper": PaperFactory().pk, "reviewer": author.pk, "due_date": due}
    )
    assert response.status_code == 403
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_simple_history_revert_of_a_paper_is_refused(client, editor, twins):
    first, second = twins
    old = second.history.earliest()
    client.force_login(editor)
    client.post(f"/admin/reviews/paper/{second.pk}/reject/", {"duplicate_of": first.pk})
    response = client.post(f"/admin/reviews/paper/{second.pk}/history/{old.history_id}/", {"title": second.title})
    assert response.status_code == 403
    second.refresh_from_db()
    assert second.status == "rejected"


# --- the status column says where each paper stands ---------------------------------------------


@pytest.mark.django_db
def test_the_status_column_tells_the_truth_about_each_paper(client, editor):
    from tests.factories import ReviewFactory

    proposed = PaperFactory(title="Nobody reads it")
    read = AssignmentFactory(paper__title="Someone reads it").paper
    published = ReviewFactory(status="published", paper__title="Reviewed and out").paper
    ReviewFactory(paper=published, status="withdrawn")  # an abandoned second review changes nothing
    submitted = ReviewFactory(status="submitted", paper__title="Waiting for a decision").paper
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    rows = {
        paper.title: page.split(paper.title, 1)[1].split("</tr>", 1)[0]
        for paper in (proposed, read, published, submitted)
    }
    assert ">Proposed<" in rows["Nobody reads it"]
    assert ">Being read<" in rows["Someone reads it"]
    assert ">Review: Published<" in rows["Reviewed and out"] and "Proposed" not in rows["Reviewed and out"]
    assert ">Review: Submitted<" in rows["Waiting for a decision"]
    change = client.get(f"/admin/reviews/paper/{published.pk}/change/").content.decode()
    assert "Review: Published" in change
