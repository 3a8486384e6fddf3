"""The review changelist: filters, search, columns, and “Add to issue…”."""

import datetime

import pytest
from django.conf import settings

from digest.models import IssueEntry
from reviews.desk.filters import NamedRelatedFilter
from reviews.models import Review, Topic
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
    TopicFactory,
    UserFactory,
)

CHANGELIST = "/admin/reviews/review/"


def listed(client, **params):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return sorted(review.pk for review in response.context["cl"].result_list)


# --- filters and search ------------------------------------------------------------------------


@pytest.mark.django_db
def test_filters_by_status_language_series_reviewer_topic_and_scheduling(client, editor):
    topic, _other_topic = TopicFactory(name="Vision"), TopicFactory(name="Speech")
    SeriesFactory(slug="another-series")  # a filter with one choice only is hidden by Django
    ann = ReviewerFactory(display_name="Ann")
    in_issue = IssueEntryFactory(
        issue=IssueFactory(series=SeriesFactory(slug="en-series")), review__reviewer=ann
    ).review
    russian = ReviewFactory(language="ru", status="submitted", paper=PaperFactory())
    russian.paper.topics.add(topic)
    draft = ReviewFactory(reviewer=ann)
    client.force_login(editor)
    assert listed(client, status__exact="submitted") == [russian.pk]
    assert listed(client, language__exact="ru") == [russian.pk]
    assert listed(client, issue_entry__issue__series__id__exact=in_issue.issue_entry.issue.series_id) == [in_issue.pk]
    assert listed(client, reviewer=ann.pk) == sorted([in_issue.pk, draft.pk])
    assert listed(client, paper__topics__id__exact=topic.pk) == [russian.pk]
    assert listed(client, scheduled="yes") == [in_issue.pk]
    assert listed(client, scheduled="no") == sorted([russian.pk, draft.pk])


@pytest.mark.django_db
def test_bad_filter_values_are_refused_cleanly(client, editor):
    client.force_login(editor)
    for params in [{"reviewer": "abc"}, {"scheduled": "maybe"}]:
        response = client.get(CHANGELIST, params)
        assert (response.status_code, response["Location"]) == (302, f"{CHANGELIST}?e=1")


@pytest.mark.django_db
def test_reviewer_filter_shows_the_chosen_reviewer_for_the_autocomplete(client, editor):
    ann = ReviewerFactory(display_name="Ann Author")
    client.force_login(editor)
    page = client.get(CHANGELIST, {"reviewer": ann.pk}).content.decode()
    assert f'<option value="{ann.pk}" selected>Ann Author</option>' in page
    assert 'data-field-name="reviewer"' in page and "js/admin_filters.js" in page


@pytest.mark.django_db
def test_search_finds_title_words_body_words_reviewers_and_arxiv_ids(client, editor):
    linformer = ReviewFactory(paper=PaperFactory(title="Linformer: Self-Attention", arxiv_id="2006.04768"))
    by_name = ReviewFactory(reviewer=ReviewerFactory(display_name="Svyatoslav Skoblov", chat_handle="error_derivative"))
    by_text = ReviewFactory(body="We discuss gradient noise at length.")
    client.force_login(editor)
    assert listed(client, q="linformer") == [linformer.pk]
    assert listed(client, q="Self-Attention linformer") == [linformer.pk]
    assert listed(client, q="skoblov") == [by_name.pk]
    assert listed(client, q="error_derivative") == [by_name.pk]
    assert listed(client, q="gradient noise") == [by_text.pk]
    assert listed(client, q="arXiv:2006.04768") == [linformer.pk]
    assert listed(client, q="nothing-like-this") == []


@pytest.mark.django_db
def test_search_words_are_prefixes_found_in_the_full_text_index(client, editor):
    """As on PostgreSQL, "transf" finds "transformer" and "former" does not; the words are looked up
    in the index (SQLite's FTS5 table), not in every review's text."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    transformer = ReviewFactory(paper=PaperFactory(title="Transformers at scale"), body="Сети-трансформеры и внимание.")
    ReviewFactory(paper=PaperFactory(title="Convolutions"))
    client.force_login(editor)
    assert listed(client, q="transf") == [transformer.pk]
    assert listed(client, q="TRANSF scal") == [transformer.pk]
    assert listed(client, q="трансф") == [transformer.pk]
    assert listed(client, q="former") == []
    assert listed(client, q='transf" OR "conv') == []  # quotes are not the index's syntax here
    with CaptureQueriesContext(connection) as captured:
        listed(client, q="transf")
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert ("reviews_review_fts" in sql) == (connection.vendor == "sqlite")
    assert "search_document" not in sql.replace("reviews_review_fts", "")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [CHANGELIST, "/admin/reviews/paper/", "/admin/"])
def test_a_nul_in_the_desks_query_is_a_bad_request(client, editor, path):
    client.force_login(editor)
    for query in ["status__exact=%00", "q=a%00b", "%00=1"]:
        assert client.get(f"{path}?{query}").status_code == 400


@pytest.mark.django_db
def test_columns_show_status_badge_reviewer_filter_link_and_issue(client, editor):
    entry = IssueEntryFactory(review__status="approved")
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert '<span class="desk-badge desk-badge--approved">Approved</span>' in page
    assert f'href="/admin/reviews/review/?reviewer={entry.review.reviewer_id}"' in page
    assert f'<a href="/admin/digest/issue/{entry.issue.pk}/workspace/">{entry.issue}</a>' in page


# --- add to issue ------------------------------------------------------------------------------


def add_to_issue(client, reviews, issue=None, **extra):
    data = {"action": "add_to_issue", "_selected_action": [review.pk for review in reviews], **extra}
    if issue is not None:
        data.update(apply="1", issue=issue if isinstance(issue, str) else issue.pk)
    return client.post(CHANGELIST, data, follow=True)


@pytest.fixture
def issue():
    return IssueFactory(series=SeriesFactory(language="en", target_min_entries=2, target_max_entries=3))


@pytest.mark.django_db
def test_add_to_issue_offers_the_planned_issues_of_the_reviews_language_and_new_ones(client, editor, issue):
    IssueFactory(series=issue.series, status="published", published_at="2020-01-01T00:00Z")
    russian = IssueFactory(series=SeriesFactory(language="ru", name="Читаем статьи за вас"))
    approved = ReviewFactory(status="approved", language="en")
    client.force_login(editor)
    response = add_to_issue(client, [approved])
    assert response.context["form"].fields["issue"].choices == [
        (str(issue.pk), f"{issue} — 0 of 2–3 entries"),
        (f"new-{issue.series_id}", f"Plan a new issue of {issue.series}"),
    ]
    assert str(russian) not in response.content.decode()
    assert IssueEntry.objects.count() == 0


@pytest.mark.django_db
def test_add_to_issue_plans_a_new_issue_in_the_same_step_and_opens_its_workspace(client, editor):
    series = SeriesFactory(language="ru", slug="chitaem", name="Читаем статьи за вас")
    review = ReviewFactory(status="approved", language="ru")
    client.force_login(editor)
    response = add_to_issue(client, [review], f"new-{series.pk}", period_start="2020-04")
    created = series.issues.get()
    assert response.redirect_chain == [(f"/admin/digest/issue/{created.pk}/workspace/", 302)]
    assert (created.slug, list(created.entries.values_list("review_id", flat=True))) == ("chitaem-2020-04", [review.pk])
    response = add_to_issue(
        client, [ReviewFactory(status="approved", language="ru")], f"new-{series.pk}", period_start="2020-04"
    )
    assert "This series already has an issue for that period and part." in response.content.decode()
    assert series.issues.count() == 1


@pytest.mark.django_db
def test_add_to_issue_with_reviews_in_two_languages_says_to_select_one(client, editor, issue):
    reviews = [ReviewFactory(status="approved", language="en"), ReviewFactory(status="approved", language="ru")]
    client.force_login(editor)
    page = add_to_issue(client, reviews).content.decode()
    assert "These reviews are in English, Russian; an issue takes reviews in its own language." in page
    assert 'value="Add to the issue"' not in page
    assert IssueEntry.objects.count() == 0


@pytest.mark.django_db
def test_add_to_issue_appends_the_reviews_in_order_of_approval(client, editor, issue):
    first, second = ReviewFactory(status="approved"), ReviewFactory(status="approved")
    first.decided_at, second.decided_at = "2020-01-02T00:00Z", "2020-01-01T00:00Z"
    first.save(update_fields=["decided_at"])
    second.save(update_fields=["decided_at"])
    client.force_login(editor)
    response = add_to_issue(client, [first, second], issue)
    assert response.redirect_chain == [(f"/admin/digest/issue/{issue.pk}/workspace/", 302)]
    assert "2 reviews added to" in response.content.decode()
    assert list(issue.entries.values_list("review_id", "position")) == [(second.pk, 1), (first.pk, 2)]


@pytest.mark.django_db
def test_add_to_issue_refuses_all_when_one_review_cannot_go(client, editor, issue):
    approved, submitted = ReviewFactory(status="approved"), ReviewFactory(status="submitted", paper__title="Unready")
    client.force_login(editor)
    response = add_to_issue(client, [approved, submitted], issue)
    page = response.content.decode()
    assert "Nothing was added." in page and "“Unready” is submitted, not approved." in page
    assert IssueEntry.objects.count() == 0


@pytest.mark.django_db
def test_add_to_issue_refuses_an_issue_in_another_language(client, editor, issue):
    russian = ReviewFactory(status="approved", language="ru", paper__title="Линформер")
    client.force_login(editor)
    response = add_to_issue(client, [russian], issue)
    assert "Select a valid choice." in response.context["form"].errors["issue"][0]  # no Russian issue offered
    assert "There is no series in Russian yet" in response.content.decode()
    assert IssueEntry.objects.count() == 0


@pytest.mark.django_db
def test_add_to_issue_refuses_a_review_already_scheduled(client, editor, issue):
    entry = IssueEntryFactory(review__paper__title="Scheduled")
    client.force_login(editor)
    page = add_to_issue(client, [entry.review], issue).content.decode()
    assert "“Scheduled” is already in an issue." in page
    assert issue.entries.count() == 0


@pytest.mark.django_db
def test_add_to_issue_is_not_offered_without_the_editors_group(client, issue):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_review", "change_review"]))
    approved = ReviewFactory(status="approved")
    client.force_login(staff)
    assert client.get(CHANGELIST).context["action_form"] is None  # no action this user may take
    add_to_issue(client, [approved], issue)
    assert IssueEntry.objects.count() == 0


# --- rows without the admin's per-cell machinery (reviews/templatetags/desk_lists.py) ---------


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"status__exact": "submitted", "o": "2"}])
def test_fast_rows_are_the_rows_the_admin_would_render(client, editor, params):
    from django.contrib.admin.templatetags.admin_list import result_list

    from reviews.templatetags.desk_lists import fast_result_list

    issue = IssueFactory()
    for status in ["submitted", "approved", "draft"]:
        review = ReviewFactory(status=status, paper=PaperFactory(title=f"<b>Bold</b> & {status}"))
    IssueEntryFactory(issue=issue, review=review)
    client.force_login(editor)
    response = client.get(CHANGELIST, params)
    cl = response.context["cl"]
    expected = result_list(cl)
    fast = fast_result_list({}, cl)
    assert [str(row) for row in fast["results"]] == ["".join(str(cell) for cell in row) for row in expected["results"]]
    assert fast["result_headers"] == expected["result_headers"]
    assert fast["num_sorted_fields"] == expected["num_sorted_fields"]
    assert response.content.decode().count('class="action-select"') == len(cl.result_list)


@pytest.mark.django_db
def test_submitted_list_rows_show_title_reviewer_language_status_date_issue_and_checkbox(client, editor):
    review = ReviewFactory(
        status="submitted",
        language="ru",
        paper=PaperFactory(title="Attention & <Friends>"),
        reviewer=ReviewerFactory(display_name="Ann O'Neil"),
    )
    entry = IssueEntryFactory(review=ReviewFactory(status="submitted", language="en"))
    Review.objects.filter(pk=review.pk).update(updated_at=datetime.datetime(2024, 3, 5, 12, tzinfo=datetime.UTC))
    client.force_login(editor)
    page = client.get(CHANGELIST, {"status__exact": "submitted"}).content.decode()
    row = next(row for row in page.split("<tr>") if f'value="{review.pk}"' in row)
    assert row[: row.index("</tr>")] == (
        '<td class="action-checkbox"><input type="checkbox" name="_selected_action" '
        f'value="{review.pk}" class="action-select" aria-label="Select this object for an action - '
        'Attention &amp; &lt;Friends&gt; — Ann O&#x27;Neil"></td>'
        f'<th class="field-paper_title"><a href="/admin/reviews/review/{review.pk}/change/'
        '?_changelist_filters=status__exact%3Dsubmitted">Attention &amp; &lt;Friends&gt;</a></th>'
        f'<td class="field-reviewer_name"><a href="/admin/reviews/review/?reviewer={review.reviewer_id}" '
        'title="Only this reviewer&#x27;s reviews">Ann O&#x27;Neil</a></td>'
        '<td class="field-language">Russian</td>'
        '<td class="field-status_label"><span class="desk-badge desk-badge--submitted">Submitted</span></td>'
        '<td class="field-updated">March 5, 2024</td>'
        '<td class="field-issue">—</td>'
    )
    assert (
        f'<td class="field-issue"><a href="/admin/digest/issue/{entry.issue.pk}/workspace/">{entry.issue}</a></td>'
        in page
    )


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.django_db
def test_submitted_list_costs_the_same_queries_for_1_and_30_reviews(
    client, editor, rows, django_assert_max_num_queries
):
    series = SeriesFactory()
    for n in range(rows):
        review = ReviewFactory(status="submitted", paper=PaperFactory(title=f"Paper {n}"))
        review.paper.topics.add(TopicFactory())
        if n % 2 == 0:
            IssueEntryFactory(review=review, issue=IssueFactory(series=series))
    client.force_login(editor)
    # session, user, 2 × permissions, series and topics choices, count, the page's ids, its rows
    # (each with its issue entry's id), and those entries with their issues
    with django_assert_max_num_queries(10):
        response = client.get(CHANGELIST, {"status__exact": "submitted"})
    page = response.content.decode()
    assert page.count('class="action-select"') == rows
    assert page.count("/workspace/") == (rows + 1) // 2
    assert [row.pk for row in response.context["cl"].result_list] == list(
        Review.objects.order_by("-updated_at", "-pk").values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_the_popup_list_shows_the_same_columns_from_reviews_themselves(client, editor, django_assert_max_num_queries):
    reviews = [ReviewFactory(status="submitted", paper=PaperFactory(title=f"Paper {n}")) for n in range(3)]
    entry = IssueEntryFactory(review=reviews[0])
    client.force_login(editor)
    with django_assert_max_num_queries(12):  # no query a row
        response = client.get(CHANGELIST, {"_popup": "1", "status__exact": "submitted"})
    page = response.content.decode()
    assert all(isinstance(row, Review) for row in response.context["cl"].result_list)
    assert all(f'data-popup-opener="{review.pk}"' in page and review.paper.title in page for review in reviews)
    assert f'<a href="/admin/digest/issue/{entry.issue.pk}/workspace/">{entry.issue}</a>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "params",
    [{}, {"status__exact": "submitted"}, {"language__exact": "ru", "_facets": "True", "o": "2"}, {"q": "x & y"}],
)
def test_fast_filters_are_the_filters_the_admin_would_render(client, editor, params, language):
    from django.contrib.admin.templatetags.admin_list import admin_list_filter
    from django.utils import translation

    from reviews.templatetags.desk_lists import fast_list_filters

    first, second = SeriesFactory(name="Zeta & <b>"), SeriesFactory(name="Alpha")
    IssueEntryFactory(issue=IssueFactory(series=first))
    IssueEntryFactory(issue=IssueFactory(series=second))
    ReviewFactory(paper=PaperFactory()).paper.topics.add(TopicFactory(name="Vision"), TopicFactory(name="Speech"))
    client.force_login(editor)
    cl = client.get(CHANGELIST, params, HTTP_ACCEPT_LANGUAGE=language).context["cl"]
    with translation.override(language):
        expected = "".join(admin_list_filter(cl, spec) for spec in cl.filter_specs)
        assert fast_list_filters(cl) == expected
    series, topics = (spec.lookup_choices for spec in cl.filter_specs if isinstance(spec, NamedRelatedFilter))
    assert series == [(second.pk, "Alpha"), (first.pk, "Zeta & <b>")]
    assert topics == [(topic.pk, topic.name) for topic in Topic.objects.order_by("name")]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_review_list_action_select_is_the_admins_own(client, editor, language):
    from django.contrib.admin.helpers import ActionForm as AdminActionForm
    from django.utils import translation

    from reviews.desk.widgets import ActionForm

    client.force_login(editor)
    choices = client.get(CHANGELIST, HTTP_ACCEPT_LANGUAGE=language).context["action_form"].fields["action"].choices
    assert [value for value, _label in choices] == ["", "approve", "request_changes", "reject", "add_to_issue"]
    with translation.override(language):
        expected = AdminActionForm(auto_id=None)
        expected.fields["action"].choices = choices
        for _ in range(2):  # rendered, then remembered
            form = ActionForm(auto_id=None)
            form.fields["action"].choices = choices
            assert [str(field) for field in form] == [str(field) for field in expected]


@pytest.mark.django_db
def test_the_lists_dates_follow_the_readers_language_from_one_page_to_the_next(client, editor):
    from django.utils import translation
    from django.utils.formats import date_format

    review = ReviewFactory(status="submitted")
    Review.objects.filter(pk=review.pk).update(updated_at=datetime.datetime(2024, 3, 5, 12, tzinfo=datetime.UTC))
    client.force_login(editor)
    for language in ["en", "ru", "en"]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        with translation.override(language):
            day = date_format(datetime.date(2024, 3, 5))
        page = client.get(CHANGELIST, {"status__exact": "submitted"}).content.decode()
        assert f'<td class="field-updated">{day}</td>' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status__exact": "submitted", "o": "2"},
        {"q": "a & b", "language__exact": "ru", "p": "2", "_facets": "True"},
    ],
)
def test_the_lists_query_strings_are_djangos(client, editor, params):
    from django.contrib.admin.views.main import ChangeList

    from reviews.desk.review_list import encoded_query

    client.force_login(editor)
    cl = client.get(CHANGELIST, params).context["cl"]
    changes = [
        ({}, None),
        ({"status__exact": "approved"}, ["status__"]),
        ({"o": "1.-3"}, None),
        ({"p": 3}, None),
        ({"language__exact": None, "reviewer": ["1", "2"]}, ["q"]),
        ({"q": "ünïcode & more"}, ["zzz"]),
    ]
    for _round in range(2):  # written, then remembered
        hits = encoded_query.cache_info().hits
        for new_params, remove in changes:
            assert cl.get_query_string(new_params, remove) == ChangeList.get_query_string(cl, new_params, remove)
    assert encoded_query.cache_info().hits - hits == len(changes)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"status__exact": "submitted", "q": "a & b"}, {"_popup": "1"}])
def test_the_add_link_keeps_the_lists_filters_without_resolving_it(client, editor, params, monkeypatch):
    from urllib.parse import urlencode

    from django.contrib.admin.templatetags import admin_urls

    from reviews.templatetags.desk_lists import add_link_filters

    client.force_login(editor)
    context = client.get(CHANGELIST, params).context
    for url in ["/admin/reviews/review/add/", "/admin/reviews/review/add/?language=ru"]:
        for popup, to_field in [(False, None), (True, None), (False, "id")]:
            expected = admin_urls.add_preserved_filters(context, url, popup, to_field)
            assert add_link_filters(context, url, popup, to_field) == expected
    if "_popup" in params:
        return  # a popup's link is Django's own
    monkeypatch.setattr(admin_urls, "resolve", lambda path: pytest.fail(f"resolved {path}"))
    page = client.get(CHANGELIST, params).content.decode()
    query = "?" + urlencode({"_changelist_filters": urlencode(params)}) if params else ""
    assert f'<a href="/admin/reviews/review/add/{query.replace("&", "&amp;")}" class="addlink">' in page
