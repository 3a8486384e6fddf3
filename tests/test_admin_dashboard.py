"""The admin index opens with what needs an editor's attention, in a fixed number of queries."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    AssignmentFactory,
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    ReviewFactory,
    SeriesFactory,
    UserFactory,
)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def card(page, name):
    match = re.search(rf'<div class="module desk-card[^"]*" id="desk-{name}">(.*?)</div>\s*</div>', page, re.S)
    return match.group(1) if match else None


def count_in(html):
    return int(re.search(r'class="desk-count"[^>]*>(\d+)<', html).group(1))


@pytest.mark.django_db
def test_dashboard_shows_decisions_overdue_pool_and_next_issue(client, editor):
    ReviewFactory(status="submitted", paper=PaperFactory(title="Waiting one"), submitted_at=timezone.now())
    ReviewFactory(status="approved", paper=PaperFactory(title="In the pool"))
    IssueEntryFactory(review__status="approved")  # approved but scheduled: not in the pool
    AssignmentFactory(due_date=days(-2), paper=PaperFactory(title="Late review"))
    AssignmentFactory(due_date=days(5))
    series = SeriesFactory(target_min_entries=2, target_max_entries=4)
    later = IssueFactory(series=series, planned_for=days(30))
    sooner = IssueFactory(series=series, planned_for=days(10))
    IssueEntryFactory(issue=sooner, review__status="approved")
    IssueEntryFactory(issue=sooner, review__status="approved")
    client.force_login(editor)

    page = client.get("/admin/").content.decode()

    waiting, overdue, approved, issue = (card(page, name) for name in ["waiting", "overdue", "approved", "next-issue"])
    assert (count_in(waiting), "Waiting one" in waiting) == (1, True)
    assert (count_in(overdue), "Late review" in overdue, "2 days overdue" in overdue) == (1, True, True)
    assert (count_in(approved), "In the pool" in approved) == (1, True)
    assert f'href="/admin/digest/issue/{sooner.pk}/workspace/"' in issue
    assert f'href="/admin/digest/issue/{later.pk}/workspace/"' not in issue
    assert "2 entries; the series aims for 2–4." in issue and "It is full enough to publish." in issue
    assert '<meter min="0" max="4" low="2" high="4" optimum="4" value="2"' in issue
    assert "Papers and reviews" in page  # the usual app list follows


@pytest.mark.django_db
def test_the_pool_card_leads_each_language_to_its_next_issue_or_to_planning_one(client, editor):
    english = SeriesFactory(language="en", name="Reading articles for you")
    issue = IssueFactory(series=english, planned_for=days(10))
    IssueFactory(series=english, planned_for=days(40))
    russian = SeriesFactory(language="ru", name="Читаем статьи за вас")
    for language in ("en", "en", "ru", "zh"):
        ReviewFactory(status="approved", language=language)
    client.force_login(editor)
    approved = card(client.get("/admin/").content.decode(), "approved")
    links = re.findall(r'<a class="desk-more" href="([^"]+)">([^<]+)</a>', approved)
    assert links == [
        (f"/admin/digest/issue/{issue.pk}/workspace/#pool", f"Add 2 in English to {issue}"),
        (f"/admin/digest/issue/add/?series={russian.pk}", "1 in Russian: plan an issue of Читаем статьи за вас"),
    ]
    assert "1 in Chinese: no series publishes in this language yet" in approved


@pytest.mark.django_db
def test_dashboard_empty_states_say_what_to_do(client, editor):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "Nothing to decide: every submitted review has an answer." in page
    assert "Every assignment is on time." in page
    assert "No issue is planned." in page and 'href="/admin/digest/issue/add/"' in page


def _fill(n):
    series = SeriesFactory()
    issue = IssueFactory(series=series, planned_for=days(3))
    for _ in range(n):
        ReviewFactory(status="submitted", submitted_at=timezone.now())
        ReviewFactory(status="approved")
        AssignmentFactory(due_date=days(-1))
        IssueEntryFactory(issue=issue, review__status="approved")


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_data(client, editor):
    client.force_login(editor)
    _fill(1)
    client.get("/admin/")  # warm per-process caches
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/")
    _fill(9)  # ten of each: more than the five rows a card shows
    with CaptureQueriesContext(connection) as ten:
        client.get("/admin/")
    assert len(ten) == len(one)


@pytest.mark.django_db
def test_dashboard_shows_only_what_the_user_may_see(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert "desk-dashboard" not in client.get("/admin/").content.decode()
    staff.user_permissions.add(Permission.objects.get(codename="view_review"))
    staff = type(staff).objects.get(pk=staff.pk)  # fresh permission cache
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert (card(page, "waiting") is not None, card(page, "overdue"), card(page, "next-issue")) == (True, None, None)


@pytest.mark.django_db
def test_reviewers_do_not_reach_the_dashboard_and_are_told_where_their_work_is(client, author):
    client.force_login(author.user)
    response = client.get("/admin/")
    page = response.content.decode()
    assert response.status_code == 403 and "desk-dashboard" not in page
    assert "The desk is for editors" in page and '<a class="button" href="/me/">Go to My work</a>' in page
    assert '<link rel="stylesheet" href="/static/css/digest.css">' in page  # the site's look, not the admin's
    assert 'name="password"' not in page  # not the admin's login form
    assert client.get("/admin/login/?next=/admin/").status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_of_the_desk_get_its_login_form(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [("/admin/login/?next=/admin/", 302)]
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_decisions_and_triage_show_under_recent_actions(client, editor):
    from django.contrib.admin.models import LogEntry

    submitted = ReviewFactory(status="submitted", paper__title="Decided paper")
    duplicate = PaperFactory(title="Twice proposed")
    client.force_login(editor)
    assert "recent-actions-module" not in client.get("/admin/").content.decode()  # no empty box
    client.post(f"/admin/reviews/review/{submitted.pk}/decide/approved/", {"expected_status": "submitted"})
    client.post(
        "/admin/reviews/paper/",
        {"action": "reject_papers", "_selected_action": [duplicate.pk], "apply": "1", "duplicate_of": ""},
    )
    assert [(entry.object_repr, entry.change_message) for entry in LogEntry.objects.order_by("pk")] == [
        (str(submitted), "Status changed from submitted to approved."),
        ("Twice proposed", "Rejected."),
    ]
    page = client.get("/admin/").content.decode()
    assert "recent-actions-module" in page
    assert str(submitted) in page and "Twice proposed" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "field", "name"), [("submitted", "submitted_at", "waiting"), ("approved", "decided_at", "approved")]
)
def test_the_cards_show_the_oldest_five_those_without_a_date_first(client, editor, status, field, name):
    now = timezone.now()
    titles = {}
    for n, age in enumerate([None, 3, 9, None, 1, 7, 5]):
        when = None if age is None else now - datetime.timedelta(days=age)
        titles[n] = ReviewFactory(status=status, paper=PaperFactory(title=f"Paper {n:02d}"), **{field: when})
    client.force_login(editor)
    shown = re.findall(r"Paper \d\d", card(client.get("/admin/").content.decode(), name))
    # undated by id (0, 3), then the oldest dates: 9 days (2), 7 (5), 5 (6)
    assert shown == ["Paper 00", "Paper 03", "Paper 02", "Paper 05", "Paper 06"]


@pytest.mark.django_db
def test_the_cards_oldest_rows_are_read_off_their_indexes():
    """SQLite, in a database with statistics (ANALYZE): each part a walk down its index, the status
    read from it (no row read to check it, no sort). Sorting them took 250 ms at 100,000 reviews."""
    from reviews.desk import dashboard
    from reviews.models import Review

    constraints = connection.introspection.get_constraints(connection.cursor(), "reviews_review")
    assert constraints["review_waiting_order"]["columns"] == ["submitted_at", "id", "status"]
    assert constraints["review_approved_order"]["columns"] == ["decided_at", "id", "status"]
    if connection.vendor != "sqlite":
        return  # PostgreSQL picks its plans by the table's size: a few test rows are read whole
    for status in ["submitted", "approved", "published", "draft"] * 5:
        ReviewFactory(status=status, submitted_at=timezone.now(), decided_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    pool = Review.objects.approved().filter(~dashboard.in_an_issue())
    reads = {
        "review_waiting_order": Review.objects.awaiting_decision()
        .filter(submitted_at__isnull=False)
        .order_by("submitted_at", "pk")
        .values_list("pk"),
        "review_approved_order": pool.filter(decided_at__isnull=False).order_by("decided_at", "pk").values_list("pk"),
        "review_pool_order": pool.order_by().values_list("language").annotate(count=Count("pk")),
    }
    for index, queryset in reads.items():
        sql, params = queryset[:5].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert f"COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan
