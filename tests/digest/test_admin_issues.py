"""The issue's add and change pages in the admin and its workspace: planning through create_issue,
the entries' order and removal through the services, the capacity hint, and what a published issue
still allows."""

import datetime
import json

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digest import services
from digest.models import Issue
from reviews.models import Review
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db
D = datetime.date
ADD_URL = reverse("admin:digest_issue_add")


def change_url(issue):
    return reverse("admin:digest_issue_change", args=[issue.pk])


def titles(issue):
    return list(issue.entries.order_by("position", "id").values_list("review__paper__title", flat=True))


def make_entries(issue, count):
    return [IssueEntryFactory(issue=issue, position=n, review__paper__title=f"Paper {n}") for n in range(1, count + 1)]


def workspace_url(issue, name=""):
    return reverse(f"admin:digest_issue_workspace{name}", args=[issue.pk])


def change_data(issue, **fields):
    """The details form as the browser posts it."""
    return {
        "planned_for": issue.planned_for.isoformat() if issue.planned_for else "",
        "intro": issue.intro,
        "outro": issue.outro,
        "translation_of": issue.translation_of_id or "",
        **fields,
    }


def post_reviews(client, issue, name, entries):
    """What the workspace's script posts: the entries' reviews, as JSON."""
    return client.post(
        workspace_url(issue, f"_{name}"),
        json.dumps({"reviews": [entry.review_id for entry in entries]}),
        content_type="application/json",
        headers={"accept": "application/json"},
    )


# --- the add form -------------------------------------------------------------------------------


def test_editor_plans_an_issue_for_a_range_of_months_and_the_service_names_it(client, editor):
    series = SeriesFactory(slug="reading")
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        {
            "series": series.pk,
            "period_start": "2019-07",
            "period_end": "2019-09",
            "part": "2",
            "planned_for": "2019-10-01",
        },
    )
    issue = Issue.objects.get()
    assert response.status_code == 302 and response["Location"] == workspace_url(issue)
    assert (issue.slug, issue.period_start, issue.period_end, issue.part, issue.planned_for, issue.status) == (
        "reading-2019-07-2019-09-part-2",
        D(2019, 7, 1),
        D(2019, 9, 1),
        2,
        D(2019, 10, 1),
        "planned",
    )


def test_one_month_needs_only_the_first_month(client, editor):
    series = SeriesFactory(slug="reading")
    client.force_login(editor)
    response = client.post(ADD_URL, {"series": series.pk, "period_start": "2020-04"})
    issue = Issue.objects.get()
    assert response["Location"] == reverse("admin:digest_issue_workspace", args=[issue.pk])
    logged = LogEntry.objects.get()
    assert (logged.object_id, logged.action_flag, logged.object_repr) == (str(issue.pk), ADDITION, str(issue))
    assert (issue.slug, issue.period_start, issue.period_end, issue.part) == (
        "reading-2020-04",
        D(2020, 4, 1),
        D(2020, 4, 1),
        None,
    )


BACKWARDS = "The last month cannot be before the first month."
TAKEN = "This series already has an issue for that period and part."


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"period_start": "2019-09", "period_end": "2019-07"}, {"period_end": [BACKWARDS]}),
        ({"period_start": "2020-04", "part": "1"}, {"part": [TAKEN]}),
        ({"period_start": "April"}, {"period_start": ["Enter a valid date."]}),
        ({"period_start": "2020-05", "part": "0"}, {"part": ["Ensure this value is greater than or equal to 1."]}),
    ],
)
def test_the_add_form_shows_each_refusal_on_its_field_and_keeps_the_input(client, editor, data, errors):
    series = SeriesFactory()
    services.create_issue(series=series, period_start=D(2020, 4, 1), part=1)
    client.force_login(editor)
    response = client.post(ADD_URL, {"series": series.pk, **data})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == errors
    assert form.data["period_start"] == data["period_start"]
    assert Issue.objects.count() == 1


def test_the_add_form_asks_for_months_and_the_status_is_not_a_field(client, editor):
    client.force_login(editor)
    page = client.get(ADD_URL).content.decode()
    assert '<input type="month" name="period_start"' in page and '<input type="month" name="period_end"' in page
    assert 'name="status"' not in page and 'name="slug"' not in page and 'name="published_url"' not in page


# --- the change form: fields --------------------------------------------------------------------


def test_change_form_saves_the_planned_date_and_intro_and_keeps_period_and_series_read_only(client, editor):
    issue = IssueFactory(period_start=D(2020, 4, 1))
    client.force_login(editor)
    response = client.post(
        change_url(issue),
        change_data(issue, planned_for="2020-05-02", intro="Hello", period_start="2001-01-01", series=999),
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.planned_for, issue.intro, issue.period_start) == (D(2020, 5, 2), "Hello", D(2020, 4, 1))


def test_change_form_refuses_a_translation_link_in_the_same_language(client, editor):
    issue, other = IssueFactory(series=SeriesFactory(language="en")), IssueFactory(series=SeriesFactory(language="en"))
    client.force_login(editor)
    response = client.post(change_url(issue), change_data(issue, translation_of=other.pk, intro="Kept"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "translation_of": ["An issue translates an issue in another language, never itself."]
    }
    assert response.context["adminform"].form.data["intro"] == "Kept"
    assert Issue.objects.get(pk=issue.pk).translation_of is None


# --- the workspace: entries ---------------------------------------------------------------------


def test_a_new_order_is_saved_through_reorder_entries(client, editor):
    issue = IssueFactory()
    first, second, third = make_entries(issue, 3)
    client.force_login(editor)
    response = post_reviews(client, issue, "order", [third, first, second])
    assert response.status_code == 200
    assert titles(issue) == ["Paper 3", "Paper 1", "Paper 2"]
    assert list(issue.entries.values_list("position", flat=True)) == [1, 2, 3]


def test_removed_entries_send_their_reviews_back_to_the_pool(client, editor):
    issue = IssueFactory()
    first, second, third = make_entries(issue, 3)
    client.force_login(editor)
    post_reviews(client, issue, "remove", [first])
    assert titles(issue) == ["Paper 2", "Paper 3"]
    assert list(Review.objects.approved().unscheduled()) == [first.review]


def test_entries_removed_meanwhile_stop_the_new_order_with_a_message(client, editor):
    issue = IssueFactory()
    first, second = make_entries(issue, 2)
    services.remove_entries(issue, [first.pk], by=editor)  # another editor removed it
    client.force_login(editor)
    response = post_reviews(client, issue, "order", [second, first])
    assert response.status_code == 409
    assert response.json()["errors"] == [
        "Someone added or removed reviews of this issue meanwhile: the entries are shown as they are now."
    ]
    assert titles(issue) == ["Paper 2"]


def test_the_details_page_has_no_entries_and_leads_back_to_the_workspace(client, editor):
    issue = IssueFactory()
    make_entries(issue, 1)
    client.force_login(editor)
    page = client.get(change_url(issue)).content.decode()
    assert 'name="entries-0-position"' not in page and "Save and add another" not in page
    assert f'href="{workspace_url(issue)}">Back to the workspace</a>' in page
    issue.entries.all().delete()
    page = client.get(workspace_url(issue)).content.decode()
    assert "No entries yet. Tick approved reviews below and add them." in page


# --- the capacity hint --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "state", "label", "advice"),
    [
        (7, "under", "7 of 8–12 entries", "needs 1 more review"),
        (8, "within", "8 of 8–12 entries", "within the target"),
        (13, "over", "13 of 8–12 entries", "1 over the target"),
    ],
)
def test_issue_page_shows_the_capacity_against_the_series_target(client, editor, count, state, label, advice):
    issue = IssueFactory(series=SeriesFactory(target_min_entries=8, target_max_entries=12))
    make_entries(issue, count)
    client.force_login(editor)
    page = client.get(workspace_url(issue)).content.decode()
    assert f'<span id="ws-capacity-label" class="desk-capacity desk-capacity--{state}">{label}</span>' in page
    assert f'<span class="ws-capacity-advice">{advice}</span>' in page
    split_link = f'href="{reverse("admin:digest_issue_split", args=[issue.pk])}">Split into parts…</a>'
    assert (split_link in page) == (state == "over")


def test_issue_list_shows_the_capacity_and_filters_on_it(client, editor):
    series = SeriesFactory(target_min_entries=2, target_max_entries=3)
    for count, slug in ((1, "short"), (2, "full"), (4, "over")):
        make_entries(IssueFactory(series=series, slug=slug), count)
    client.force_login(editor)
    page = client.get(reverse("admin:digest_issue_changelist")).content.decode()
    assert '<span class="desk-capacity desk-capacity--over" title="1 over the target">4 of 2–3 entries</span>' in page
    for fullness, slug in (("under", "short"), ("within", "full"), ("over", "over")):
        response = client.get(reverse("admin:digest_issue_changelist"), {"fullness": fullness})
        assert [issue.slug for issue in response.context["cl"].result_list] == [slug]


# --- a published issue --------------------------------------------------------------------------


def test_a_published_issue_is_a_record_with_its_url_and_public_page(client, editor):
    issue = IssueFactory(slug="april")
    make_entries(issue, 2)
    services.publish_issue(issue, by=editor, url="https://habr.com/ru/articles/1/")
    client.force_login(editor)
    assert client.get(change_url(issue)).context["has_change_permission"] is False
    page = client.get(workspace_url(issue)).content.decode()
    assert '<a href="https://habr.com/ru/articles/1/" rel="noopener">https://habr.com/ru/articles/1/</a>' in page
    assert '<a href="/issues/april/">Public page</a>' in page
    assert 'name="url"' not in page and "ws-add-form" not in page and "Compile in another language…" in page
    assert client.post(change_url(issue), change_data(issue, intro="Changed")).status_code == 403
    assert client.get(reverse("admin:digest_issue_delete", args=[issue.pk])).status_code == 403


# --- query counts -------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_issue_page_reads_as_many_queries_for_30_entries_as_for_1(client, editor):
    issue = IssueFactory(translation_of=IssueFactory(series=SeriesFactory(language="ru")))
    make_entries(issue, 1)
    client.force_login(editor)
    count_queries(client, workspace_url(issue))  # warm per-process caches (content types, permissions)
    with_one = count_queries(client, workspace_url(issue))
    for n in range(2, 31):
        IssueEntryFactory(issue=issue, position=n, review=ReviewFactory(status="approved", decided_at=timezone.now()))
    count_queries(client, workspace_url(issue))  # the new bodies converted once
    assert count_queries(client, workspace_url(issue)) == with_one


def test_published_issue_page_reads_as_many_queries_for_30_entries_as_for_1(client, editor):
    issue, other = IssueFactory(), IssueFactory()
    make_entries(issue, 1)
    for n in range(1, 31):
        IssueEntryFactory(issue=other, position=n)
    for published in (issue, other):
        services.publish_issue(published, by=editor, url="https://example.org/post")
    client.force_login(editor)
    count_queries(client, workspace_url(issue))
    count_queries(client, workspace_url(other))
    assert count_queries(client, workspace_url(other)) == count_queries(client, workspace_url(issue))
