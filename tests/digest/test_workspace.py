"""The issue workspace: one page per issue where an editor orders, adds, removes (each saved at once,
as JSON), previews the post as readers see it, exports and publishes."""

import datetime
import json
import re

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import timezone
from django.utils.formats import date_format

from digest.desk.workspace_views import issue_urls
from digest.models import Issue
from reviews.models import Review
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db
URL = "https://habr.com/ru/articles/461735/"
JSON = {"accept": "application/json"}


def url(name, issue):
    return reverse(f"admin:digest_issue_{name}", args=[issue.pk])


def approved(title, language="en", days_ago=0):
    return ReviewFactory(
        status="approved",
        language=language,
        paper__title=title,
        decided_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def titles(issue):
    return list(issue.entries.order_by("position", "id").values_list("review__paper__title", flat=True))


def post_json(client, target, reviews):
    return client.post(
        target,
        json.dumps({"reviews": reviews}),
        content_type="application/json",
        headers={"accept": "application/json"},
    )


@pytest.fixture
def issue(db):
    return IssueFactory(series=SeriesFactory(language="en", target_min_entries=3, target_max_entries=5))


def filled(issue, *names):
    reviews = [approved(name) for name in names]
    for position, review in enumerate(reviews, start=1):
        IssueEntryFactory(issue=issue, review=review, position=position)
    return reviews


# --- the page ---------------------------------------------------------------------------------------


def test_workspace_shows_the_entries_in_order_the_pool_of_the_issue_language_and_the_capacity(client, editor, issue):
    filled(issue, "First", "Second")
    approved("Older in the pool", days_ago=5)
    approved("Newer in the pool", days_ago=1)
    approved("Russian", language="ru")
    ReviewFactory(status="submitted", paper__title="Submitted")
    client.force_login(editor)
    response = client.get(url("workspace", issue))
    assert response.status_code == 200
    space = response.context["space"]
    assert [entry.title for entry in space.entries] == ["First", "Second"]
    assert [review.paper.title for review in space.pool] == ["Older in the pool", "Newer in the pool"]
    assert space.capacity.label == "2 of 3–5 entries" and space.missing == 1
    html = response.content.decode()
    assert "needs 1 more review" in html
    assert f'src="{url("workspace_preview", issue)}"' in html
    for fmt in ("markdown", "habr", "html", "text", "zip"):
        assert reverse("admin:digest_issue_export", args=[issue.pk, fmt]) in html


def test_the_pool_is_searched_without_leaving_the_page(client, editor, issue):
    approved("Attention is all you need")
    approved("Layer rotation")
    client.force_login(editor)
    response = client.get(url("workspace_pool", issue), {"q": "rotation"})
    html = response.content.decode()
    assert 'data-region="pool"' in html and "Layer rotation" in html and "Attention" not in html


def test_an_empty_issue_cannot_be_published_and_says_why(client, editor, issue):
    client.force_login(editor)
    html = client.get(url("workspace", issue)).content.decode()
    assert 'class="button ws-publish" disabled aria-describedby="publish-reason"' in html
    assert "The issue has no entries." in html


def test_entries_not_approved_disable_publish_with_each_reason(client, editor, issue):
    IssueEntryFactory(issue=issue, review=ReviewFactory(status="submitted", paper__title="Still waiting"))
    client.force_login(editor)
    html = client.get(url("workspace", issue)).content.decode()
    assert 'disabled aria-describedby="publish-reason"' in html
    assert "“Still waiting” is submitted, not approved." in html


# --- changes, saved at once ----------------------------------------------------------------------


def test_a_new_order_is_saved_at_once_and_the_regions_come_back(client, editor, issue):
    first, second, third = filled(issue, "First", "Second", "Third")
    client.force_login(editor)
    response = post_json(client, url("workspace_order", issue), [third.pk, first.pk, second.pk])
    assert response.status_code == 200
    answer = response.json()
    assert answer["ok"] and answer["message"] == "The new order is saved."
    assert titles(issue) == ["Third", "First", "Second"]
    assert set(answer["regions"]) == {"entries", "pool", "capacity", "exports", "publish"}
    entries = answer["regions"]["entries"]
    assert entries.index("Third") < entries.index("First") < entries.index("Second")
    assert "## 1. Third" in answer["regions"]["exports"]  # the exports follow the order


def test_an_order_that_misses_an_entry_added_meanwhile_is_refused_and_changes_nothing(client, editor, issue):
    first, second = filled(issue, "First", "Second")
    IssueEntryFactory(issue=issue, review=approved("Added by someone else"), position=3)
    client.force_login(editor)
    response = post_json(client, url("workspace_order", issue), [second.pk, first.pk])
    assert response.status_code == 409
    assert response.json()["errors"] == [
        "Someone added or removed reviews of this issue meanwhile: the entries are shown as they are now."
    ]
    assert "Added by someone else" in response.json()["regions"]["entries"]
    assert titles(issue) == ["First", "Second", "Added by someone else"]


def test_ticked_reviews_are_added_in_order_and_leave_the_pool(client, editor, issue):
    filled(issue, "First")
    one, two = approved("One"), approved("Two")
    client.force_login(editor)
    answer = post_json(client, url("workspace_add", issue), [two.pk, one.pk]).json()
    assert answer["ok"] and answer["message"] == "2 reviews added."
    assert titles(issue) == ["First", "Two", "One"]
    assert "One" not in answer["regions"]["pool"]
    assert "3 of 3–5 entries" in answer["regions"]["capacity"]


def test_a_review_in_another_language_is_refused_with_the_reason_and_nothing_is_added(client, editor, issue):
    russian = approved("По-русски", language="ru")
    english = approved("In English")
    client.force_login(editor)
    response = post_json(client, url("workspace_add", issue), [english.pk, russian.pk])
    assert response.status_code == 409
    assert response.json()["errors"] == ["“По-русски” is in Russian; the issue is in English."]
    assert titles(issue) == []


def test_removing_an_entry_puts_its_review_back_in_the_pool(client, editor, issue):
    first, second = filled(issue, "First", "Second")
    client.force_login(editor)
    answer = post_json(client, url("workspace_remove", issue), [first.pk]).json()
    assert answer["message"] == "1 entry removed; its review is back in the pool."
    assert titles(issue) == ["Second"]
    assert "First" in answer["regions"]["pool"]
    assert Review.objects.get(pk=first.pk).status == "approved"


def test_without_javascript_the_pool_form_adds_and_comes_back_to_the_workspace(client, editor, issue):
    review = approved("One")
    client.force_login(editor)
    response = client.post(url("workspace_add", issue), {"reviews": [review.pk]}, follow=True)
    assert response.redirect_chain == [(url("workspace", issue), 302)]
    assert [str(message) for message in response.context["messages"]] == ["1 review added."]


def test_garbage_is_refused_without_a_server_error(client, editor, issue):
    client.force_login(editor)
    response = client.post(
        url("workspace_order", issue),
        "not json",
        content_type="application/json",
        headers={"accept": "application/json"},
    )
    assert response.status_code == 409
    assert response.json()["errors"] == ["The request could not be read; reload the page."]
    assert client.get(url("workspace_order", issue)).status_code == 405


def test_a_published_issue_is_shown_without_any_tool_and_refuses_changes(client, editor, issue):
    (review,) = filled(issue, "First")
    from digest import services

    services.publish_issue(issue, by=editor, url=URL)
    client.force_login(editor)
    response = client.get(url("workspace", issue))
    html = response.content.decode()
    assert response.context["space"].pool is None
    assert "ws-entries--sortable" not in html and "Published on" in html and 'id="publish-url"' not in html
    answer = post_json(client, url("workspace_remove", issue), [review.pk]).json()
    assert answer["errors"] == ["This issue is already published."]


# --- publish -----------------------------------------------------------------------------------------


def publish(client, issue, **extra):
    page = client.get(url("workspace", issue))
    expected = page.context["space"].fingerprint
    return client.post(url("publish", issue), {"url": URL, "expected": expected, **extra})


def test_under_the_target_publishing_asks_for_confirmation_saying_how_many_are_missing(client, editor, issue):
    filled(issue, "Only one")
    client.force_login(editor)
    response = publish(client, issue)
    assert response.status_code == 200
    assert "The issue has 1 of the 3–5 entries the series aims for: 2 are missing. Publish it anyway?" in (
        response.content.decode()
    )
    assert Issue.objects.get(pk=issue.pk).status == "planned"
    response = publish(client, issue, confirm_short="1")
    assert response.status_code == 302 and response["Location"] == url("workspace", issue)
    issue.refresh_from_db()
    assert (issue.status, issue.published_url) == ("published", URL)
    assert Review.objects.get().status == "published"


def test_within_the_target_publishing_needs_no_confirmation_and_keeps_the_text(client, editor, issue):
    filled(issue, "One", "Two", "Three")
    client.force_login(editor)
    page = client.get(url("workspace", issue))
    markdown = page.context["space"].exports[0].text
    response = client.post(url("publish", issue), {"url": URL, "expected": page.context["space"].fingerprint})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == "published" and issue.published_text == markdown


def test_publishing_a_post_that_changed_since_the_page_was_opened_is_refused(client, editor, issue):
    filled(issue, "One", "Two", "Three")
    client.force_login(editor)
    expected = client.get(url("workspace", issue)).context["space"].fingerprint
    IssueEntryFactory(issue=issue, review=approved("Four"), position=4)
    response = client.post(url("publish", issue), {"url": URL, "expected": expected})
    assert response.status_code == 400
    assert "The issue changed since you opened this page" in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).status == "planned"


def test_a_bad_url_is_refused_and_kept(client, editor, issue):
    filled(issue, "One", "Two", "Three")
    client.force_login(editor)
    expected = client.get(url("workspace", issue)).context["space"].fingerprint
    response = client.post(url("publish", issue), {"url": "javascript:alert(1)", "expected": expected})
    assert response.status_code == 400
    assert 'value="javascript:alert(1)"' in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).status == "planned"


# --- the preview ------------------------------------------------------------------------------------


def test_the_preview_is_the_public_issue_page_framed_only_by_the_desk(client, editor, issue):
    filled(issue, "First", "Second")
    client.force_login(editor)
    response = client.get(url("workspace_preview", issue))
    html = response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "/static/css/digest.css" in html and "/static/css/archive.css" in html and "katex.min.js" in html
    assert html.index("1. First") < html.index("2. Second")
    assert 'class="prose post"' in html


def test_the_workspace_itself_may_not_be_framed(client, editor, issue):
    client.force_login(editor)
    response = client.get(url("workspace", issue))
    assert response["X-Frame-Options"] == "DENY"


# --- the old paths lead here ------------------------------------------------------------------------


def test_the_old_pages_lead_to_the_workspace(client, editor, issue):
    client.force_login(editor)
    workspace = url("workspace", issue)
    assert client.get(url("preview", issue))["Location"] == workspace + "#preview"
    assert client.get(url("add_reviews", issue))["Location"] == workspace + "#pool"
    assert client.get(url("publish", issue))["Location"] == workspace + "#publish"
    changelist = client.get(reverse("admin:digest_issue_changelist")).content.decode()
    assert f'href="{workspace}"' in changelist


def test_planning_an_issue_opens_its_workspace(client, editor):
    series = SeriesFactory()
    client.force_login(editor)
    response = client.post(reverse("admin:digest_issue_add"), {"series": series.pk, "period_start": "2020-04"})
    created = Issue.objects.get()
    assert response.status_code == 302 and response["Location"] == url("workspace", created)


def test_saving_the_details_comes_back_to_the_workspace(client, editor, issue):
    client.force_login(editor)
    response = client.post(url("change", issue), {"planned_for": "2020-05-01", "intro": "Hello", "outro": ""})
    assert response.status_code == 302 and response["Location"] == url("workspace", issue)
    assert Issue.objects.get(pk=issue.pk).intro == "Hello"


# --- who may --------------------------------------------------------------------------------------


def test_staff_without_the_editors_rights_may_look_but_not_change(client, issue):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_issue"))
    (review,) = filled(issue, "First")
    client.force_login(viewer)
    assert client.get(url("workspace", issue)).status_code == 200
    assert post_json(client, url("workspace_remove", issue), [review.pk]).status_code == 403
    assert titles(issue) == ["First"]


def test_an_issue_that_does_not_exist_is_not_found_whatever_its_id(client, editor, issue):
    client.force_login(editor)
    for pk in (issue.pk + 1000, 2**63, 10**30):
        assert client.get(f"/admin/digest/issue/{pk}/workspace/").status_code == 404, pk
    assert client.get(f"/admin/digest/issue/{issue.pk}/workspace/").status_code == 200


def test_the_workspace_links_are_the_issue_s_own_and_follow_the_address_the_site_is_served_under(client, editor, issue):
    client.force_login(editor)
    other = IssueFactory(series=SeriesFactory(language="en"))
    for shown in (issue, other, issue):
        html = client.get(url("workspace", shown)).content.decode()
        assert f'data-order-url="/admin/digest/issue/{shown.pk}/workspace/order/"' in html
        assert f'href="/admin/digest/issue/{shown.pk}/export/zip/"' in html
    plain = issue_urls(issue.pk)
    plain["workspace"] = "changed by a caller"
    set_script_prefix("/digest/")  # what the WSGI handler does for a site served under /digest
    try:
        under = issue_urls(issue.pk)
    finally:
        set_script_prefix("/")
    assert under["workspace_order"] == f"/digest/admin/digest/issue/{issue.pk}/workspace/order/"
    assert under["bundle"] == f"/digest/admin/digest/issue/{issue.pk}/export/zip/"
    assert issue_urls(issue.pk)["workspace"] == f"/admin/digest/issue/{issue.pk}/workspace/"


def test_the_workspace_hides_the_nav_sidebar_that_the_other_desk_pages_show(client, editor, issue):
    client.force_login(editor)
    changelist = client.get(reverse("admin:digest_issue_changelist")).content.decode()
    sidebar = changelist[changelist.index('id="nav-sidebar"') :]
    assert reverse("admin:reviews_review_changelist") in sidebar and reverse("admin:digest_issue_changelist") in sidebar
    assert 'id="nav-sidebar"' not in client.get(url("workspace", issue)).content.decode()


# --- a bounded number of queries ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["workspace", "workspace_preview", "workspace_pool"])
def test_the_workspace_reads_as_many_queries_for_30_entries_and_reviews_as_for_1(
    client, editor, django_assert_max_num_queries, name
):
    counts = {}
    for size in (1, 30):
        issue = IssueFactory(series=SeriesFactory(language="en"))
        for index in range(size):
            IssueEntryFactory(issue=issue, review=approved(f"Entry {size}-{index}"), position=index)
            approved(f"Pool {size}-{index}")
        client.force_login(editor)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(url(name, issue))  # warm the converted-bodies cache like a second look would
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, issue)).status_code == 200
        counts[size] = len(queries)
    print(f"{name}: {counts[1]} queries with 1 entry and 1 pooled review, {counts[30]} with 30 and 30")
    assert counts[30] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(url(name, issue))


# --- the rows of the entries and the pool -----------------------------------------------------------


def test_the_entries_and_the_pool_show_each_title_escaped_and_a_review_not_approved_with_its_state(
    client, editor, issue
):
    waiting = ReviewFactory(status="submitted", language="en", paper__title='<i>Tagged</i> & "quoted"')
    IssueEntryFactory(issue=issue, review=waiting, position=1)
    first, second = filled(issue, "Second entry", "Third entry")
    pooled = approved("<b>Pooled</b> & co", days_ago=3)
    client.force_login(editor)
    html = client.get(url("workspace", issue)).content.decode()
    title = "&lt;i&gt;Tagged&lt;/i&gt; &amp; &quot;quoted&quot;"
    assert f'<a class="ws-entry-title" href="/admin/reviews/review/{waiting.pk}/change/">{title}</a>' in html
    assert f'aria-label="Move “{title}” up" disabled>↑</button>' in html
    assert f'aria-label="Move “{title}” down">↓</button>' in html
    assert f'value="{waiting.pk}" aria-label="Remove “{title}” from the issue">Remove</button>' in html
    assert '<span class="desk-badge desk-badge--submitted">Submitted</span>' in html
    assert html.count('class="desk-badge desk-badge--') == 2  # the issue's state and the submitted review's
    assert 'aria-label="Move “Third entry” down" disabled>↓</button>' in html
    assert [int(pk) for pk in re.findall(r'<li class="ws-entry" data-review="(\d+)" draggable="true">', html)] == [
        waiting.pk,
        first.pk,
        second.pk,
    ]
    assert f'<label for="pool-{pooled.pk}">&lt;b&gt;Pooled&lt;/b&gt; &amp; co</label>' in html
    decided = date_format(timezone.localtime(pooled.decided_at), "SHORT_DATE_FORMAT")
    assert f'<td class="ws-date">{decided}</td>' in html
    russian = client.get(url("workspace", issue), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f'aria-label="Переместить «{title}» выше" disabled>↑</button>' in russian
    assert '<span class="desk-badge desk-badge--submitted">На проверке</span>' in russian


def test_a_reader_without_the_right_to_change_sees_the_entries_without_tools(client, editor, issue):
    filled(issue, "First", "Second")
    issue.status = "published"
    issue.published_at = timezone.now()
    issue.save()
    client.force_login(editor)
    html = client.get(url("workspace", issue)).content.decode()
    assert html.count('<li class="ws-entry" data-review=') == 2 and "draggable" not in html
    assert "ws-entry-tools" not in html and "ws-handle" not in html
