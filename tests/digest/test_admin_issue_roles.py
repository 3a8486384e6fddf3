"""Who may reach the issue desk: editors and superusers do everything editorial; members and
anonymous visitors are sent to the admin's login; staff outside the Editors group are refused,
even with permission to view issues; only superusers change series labels."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from digest import services
from digest.models import Issue, Series
from reviews.models import Review
from tests.factories import IssueEntryFactory, ReviewerFactory, ReviewFactory, SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db
PAGES = ["workspace", "workspace_preview", "change", "split", "translate", "history"]


def make_user(role, editor, superuser):
    if role == "editor":
        return editor
    if role == "superuser":
        return superuser
    if role == "member":
        return ReviewerFactory().user
    user = UserFactory(is_staff=True)
    if role == "issue viewer":  # staff who may look at issues but are not editors
        user.user_permissions.add(*Permission.objects.filter(codename__in=["view_issue", "view_issueentry"]))
    return user


@pytest.fixture
def issue():
    russian = SeriesFactory(language="ru")
    SeriesFactory(language="en", translation_of=russian)
    issue = services.create_issue(series=russian, period_start=datetime.date(2020, 4, 1))
    for n in range(1, 4):
        IssueEntryFactory(issue=issue, position=n, review__language="ru")
    return issue


def get(client, name, issue):
    args = [issue.pk] if name != "add" else []
    return client.get(reverse(f"admin:digest_issue_{name}", args=args))


@pytest.mark.parametrize("role", ["editor", "superuser"])
@pytest.mark.parametrize("name", [*PAGES, "add", "changelist"])
def test_editors_and_superusers_open_every_issue_page(client, editor, superuser, issue, role, name):
    client.force_login(make_user(role, editor, superuser))
    if name == "changelist":
        response = client.get(reverse("admin:digest_issue_changelist"))
    else:
        response = get(client, name, issue)
    assert response.status_code == 200


@pytest.mark.parametrize("role", [None, "member"])
@pytest.mark.parametrize("name", [*PAGES, "add"])
def test_anonymous_visitors_are_sent_to_the_admin_login_and_members_told_the_desk_is_for_editors(
    client, editor, superuser, issue, role, name
):
    if role:
        client.force_login(make_user(role, editor, superuser))
    response = get(client, name, issue)
    if role:  # a member: the desk is for editors, in the site's look
        assert response.status_code == 403 and "The desk is for editors" in response.content.decode()
    else:
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ["staff", "issue viewer"])
@pytest.mark.parametrize("name", ["add_reviews", "split", "translate", "add"])
def test_staff_outside_the_editors_group_are_refused(client, editor, superuser, issue, role, name):
    client.force_login(make_user(role, editor, superuser))
    assert get(client, name, issue).status_code == 403


def test_an_issue_viewer_sees_the_issue_without_any_tool(client, issue):
    viewer = make_user("issue viewer", None, None)
    client.force_login(viewer)
    response = get(client, "change", issue)
    assert response.status_code == 200 and response.context["has_change_permission"] is False
    response = get(client, "workspace", issue)
    page = response.content.decode()
    assert response.status_code == 200 and response.context["may_change"] is False
    assert "ws-entries--sortable" not in page and 'name="url"' not in page and "ws-add-form" not in page
    assert "Compile in another language…" not in page and "Editors publish issues." in page


@pytest.mark.parametrize("role", ["member", "staff", "issue viewer"])
def test_no_issue_action_goes_through_for_those_who_are_not_editors(client, editor, superuser, issue, role):
    client.force_login(make_user(role, editor, superuser))
    english = Series.objects.get(language="en")
    review = ReviewFactory(status="approved", language="ru")
    entries = list(issue.entries.values_list("pk", flat=True))
    posts = {
        "add_reviews": {"reviews": [review.pk]},
        "split": {"size": "1", "expected": ",".join(map(str, entries))},
        "translate": {"series": english.pk},
        "publish": {"url": "https://example.org/post", "expected": "x"},
    }
    for name, data in posts.items():
        response = client.post(reverse(f"admin:digest_issue_{name}", args=[issue.pk]), data)
        assert response.status_code in (302, 403), name
    reviews = list(issue.entries.values_list("review_id", flat=True))
    for name, ids in (("order", reviews[::-1]), ("add", [review.pk]), ("remove", reviews[:1])):
        response = client.post(
            reverse(f"admin:digest_issue_workspace_{name}", args=[issue.pk]),
            {"reviews": ids},
            content_type="application/json",
        )
        assert response.status_code in (302, 403), name
    response = client.post(reverse("admin:digest_issue_add"), {"series": english.pk, "period_start": "2021-01"})
    assert response.status_code in (302, 403)
    assert Issue.objects.count() == 1
    assert (issue.entries.count(), Issue.objects.get().status) == (3, "planned")
    assert set(Review.objects.values_list("status", flat=True)) == {"approved"}


def test_only_superusers_change_series_labels(client, editor, superuser):
    series = SeriesFactory(name="Reading", slug="reading", toc_heading="")
    data = {
        "name": "Reading",
        "slug": "reading",
        "language": "en",
        "target_min_entries": 8,
        "target_max_entries": 12,
        "previous_links_count": 0,
        "toc_heading": "Papers today:",
    }
    client.force_login(editor)
    assert client.post(reverse("admin:digest_series_change", args=[series.pk]), data).status_code == 403
    assert Series.objects.get().toc_heading == ""
    client.force_login(superuser)
    assert client.post(reverse("admin:digest_series_change", args=[series.pk]), data).status_code == 302
    assert Series.objects.get().toc_heading == "Papers today:"
