"""The issue's own pages in the admin and the workspace's pool and publishing: add approved reviews,
split into parts, compile in another language, publish. Each does what it says for an editor, or
refuses with the reasons and changes nothing. (The workspace's own views: test_workspace.py.)"""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from digest import services
from digest.export.formats import export_issue
from digest.models import Issue
from reviews.models import Review
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def url(name, issue):
    return reverse(f"admin:digest_issue_{name}", args=[issue.pk])


def titles(issue):
    return list(issue.entries.order_by("position", "id").values_list("review__paper__title", flat=True))


def approved(title, language="en", days_ago=0):
    return ReviewFactory(
        status="approved",
        language=language,
        paper__title=title,
        decided_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- add approved reviews -----------------------------------------------------------------------


def test_the_pool_lists_approved_unscheduled_reviews_in_the_issue_language_oldest_first(client, editor):
    issue = IssueFactory(series=SeriesFactory(language="en"))
    approved("Newer", days_ago=1)
    approved("Older", days_ago=5)
    approved("Russian", language="ru")
    ReviewFactory(status="submitted", paper__title="Submitted")
    IssueEntryFactory(review=approved("Scheduled"))
    client.force_login(editor)
    response = client.get(url("workspace", issue))
    assert [review.paper.title for review in response.context["space"].pool] == ["Older", "Newer"]
    response = client.get(url("workspace", issue), {"q": "newer"})
    assert [review.paper.title for review in response.context["space"].pool] == ["Newer"]


def test_ticked_reviews_are_appended_in_the_pool_order(client, editor):
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, position=1, review__paper__title="Already in")
    newer, older = approved("Newer", days_ago=1), approved("Older", days_ago=3)
    client.force_login(editor)
    response = client.post(url("add_reviews", issue), {"reviews": [newer.pk, older.pk]}, follow=True)
    assert response.redirect_chain == [(url("workspace", issue), 302)]
    assert messages_of(response) == ["2 reviews added."]
    assert titles(issue) == ["Already in", "Older", "Newer"]
    assert LogEntry.objects.get().get_change_message() == "Added 2 reviews."


def test_adding_refuses_with_the_reasons_adds_none_and_keeps_the_ticks(client, editor):
    issue = IssueFactory()
    good = approved("Good")
    taken = approved("Taken meanwhile")
    IssueEntryFactory(review=taken)
    foreign = approved("Russian", language="ru")
    client.force_login(editor)
    response = client.post(url("add_reviews", issue), {"reviews": [good.pk, taken.pk, foreign.pk]})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "“Taken meanwhile” is already in an issue.",
        "“Russian” is in Russian; the issue is in English.",
    ]
    assert response.context["checked"] == {str(good.pk), str(taken.pk), str(foreign.pk)}
    assert f'value="{good.pk}" id="review-{good.pk}" checked' in response.content.decode()
    assert issue.entries.count() == 0


def test_adding_nothing_asks_to_tick_reviews(client, editor):
    issue = IssueFactory()
    approved("Waiting")
    client.force_login(editor)
    response = client.post(url("add_reviews", issue), {})
    assert response.context["form"].errors == {"reviews": ["Tick the reviews to add."]}


def test_an_empty_pool_says_what_to_do_next(client, editor):
    issue = IssueFactory(series=SeriesFactory(language="ru"))
    client.force_login(editor)
    page = client.get(url("workspace", issue)).content.decode()
    assert "No approved review in Russian is waiting for an issue." in page
    assert "Decide on submitted reviews" in page


def test_a_published_issue_takes_no_more_reviews(client, editor):
    issue = IssueFactory()
    IssueEntryFactory(issue=issue)
    services.publish_issue(issue, by=editor, url="https://example.org/post")
    review = approved("Late")
    client.force_login(editor)
    response = client.post(url("add_reviews", issue), {"reviews": [review.pk]})
    assert "This issue is published: nothing can be added to it any more." in response.content.decode()
    assert issue.entries.count() == 1


def test_the_pool_reads_as_many_queries_for_30_reviews_as_for_1(client, editor):
    issue = IssueFactory()
    approved("First")
    client.force_login(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("workspace", issue)).status_code == 200
        return len(captured)

    queries()
    with_one = queries()
    for n in range(29):
        approved(f"Paper {n}")
    assert queries() == with_one


# --- split into parts ---------------------------------------------------------------------------


def overfull_issue():
    series = SeriesFactory(slug="reading", target_min_entries=2, target_max_entries=3)
    issue = services.create_issue(series=series, period_start=D(2020, 4, 1))
    for n in range(1, 6):
        IssueEntryFactory(issue=issue, position=n, review__paper__title=f"Paper {n}")
    return issue


def test_split_page_shows_the_parts_for_the_target_or_the_size_asked(client, editor):
    issue = overfull_issue()
    client.force_login(editor)
    response = client.get(url("split", issue))
    groups = [[entry.review.paper.title for entry in group] for group in response.context["groups"]]
    assert groups == [["Paper 1", "Paper 2", "Paper 3"], ["Paper 4", "Paper 5"]]
    response = client.get(url("split", issue), {"size": "2"})
    assert [len(group) for group in response.context["groups"]] == [2, 2, 1]
    assert "Split into 3 issues" in response.content.decode()


def test_confirming_the_split_makes_the_parts(client, editor):
    issue = overfull_issue()
    client.force_login(editor)
    expected = ",".join(str(pk) for pk in issue.entries.order_by("position").values_list("pk", flat=True))
    response = client.post(url("split", issue), {"size": "3", "expected": expected}, follow=True)
    assert response.redirect_chain == [(url("workspace", issue), 302)]
    second = Issue.objects.get(part=2)
    assert messages_of(response) == [
        f'The issue is split into 2 parts; the new ones: <a href="{url("workspace", second)}">{second}</a>.'
    ]
    issue.refresh_from_db()
    assert (issue.slug, titles(issue), second.slug, titles(second)) == (
        "reading-2020-04-part-1",
        ["Paper 1", "Paper 2", "Paper 3"],
        "reading-2020-04-part-2",
        ["Paper 4", "Paper 5"],
    )


def test_a_split_of_entries_that_changed_meanwhile_is_refused(client, editor):
    issue = overfull_issue()
    client.force_login(editor)
    response = client.post(url("split", issue), {"size": "3", "expected": "1,2,3"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The entries of this issue changed since you opened this page: check the parts again."
    ]
    assert Issue.objects.count() == 1 and Issue.objects.get().part is None


def test_nothing_to_split_is_said_so(client, editor):
    issue = IssueFactory(series=SeriesFactory(target_max_entries=12))
    IssueEntryFactory(issue=issue)
    client.force_login(editor)
    page = client.get(url("split", issue)).content.decode()
    assert "Nothing to split at 12 entries per part: the issue has 1 entry." in page


# --- compile in another language ----------------------------------------------------------------


def russian_issue(*titles_):
    russian = SeriesFactory(slug="chitaem", name="Читаем статьи за вас", language="ru")
    english = SeriesFactory(slug="reading", name="Reading articles for you", language="en", translation_of=russian)
    issue = services.create_issue(series=russian, period_start=D(2019, 7, 1))
    reviews = [
        IssueEntryFactory(issue=issue, position=n, review__paper__title=title, review__language="ru").review
        for n, title in enumerate(titles_, start=1)
    ]
    return issue, english, reviews


def translation_of(review, status="approved"):
    return ReviewFactory(paper=review.paper, language="en", translation_of=review, status=status)


def test_translate_page_proposes_the_translation_series_and_shows_each_entry_languages(client, editor):
    issue, english, (first, second) = russian_issue("First", "Second")
    translation = translation_of(first, status="submitted")
    SeriesFactory(language="es", name="Leemos")
    client.force_login(editor)
    response = client.get(url("translate", issue))
    assert [str(choice) for choice in response.context["form"].fields["series"].queryset] == [
        "Reading articles for you",
        "Leemos",
    ]
    assert response.context["form"]["series"].initial == english.pk
    assert [(entry.review.paper.title, versions) for entry, versions in response.context["rows"]] == [
        ("First", [translation]),
        ("Second", []),
    ]


def test_compiling_makes_the_translated_issue_and_lists_what_is_left_out(client, editor):
    issue, english, (first, second) = russian_issue("First", "Second")
    translation = translation_of(first)
    client.force_login(editor)
    response = client.post(url("translate", issue), {"series": english.pk}, follow=True)
    translated = Issue.objects.get(series=english)
    assert response.redirect_chain == [(url("workspace", translated), 302)]
    assert [entry.review for entry in translated.entries.all()] == [translation]
    assert messages_of(response) == [
        f"{translated} is compiled with 1 translated review.",
        "Left out: “Second” has no translation in English.",
    ]


def test_compiling_without_any_translation_creates_nothing_and_says_why(client, editor):
    issue, english, _reviews = russian_issue("First")
    client.force_login(editor)
    response = client.post(url("translate", issue), {"series": english.pk})
    assert response.context["form"].non_field_errors() == ["“First” has no translation in English."]
    assert Issue.objects.filter(series=english).count() == 0


def test_without_a_series_in_another_language_the_page_says_who_adds_one(client, editor):
    issue = IssueFactory(series=SeriesFactory(language="ru"))
    IssueEntryFactory(issue=issue, review__language="ru")
    client.force_login(editor)
    page = client.get(url("translate", issue)).content.decode()
    assert "There is no series in another language than Russian yet." in page
    assert 'name="series"' not in page


# --- publish ------------------------------------------------------------------------------------


def ready_issue():
    issue = IssueFactory(slug="april")
    for n in (1, 2):
        IssueEntryFactory(issue=issue, position=n, review__paper__title=f"Paper {n}")
    return issue


def publish_data(client, issue, url_="https://habr.com/ru/articles/461735/"):
    expected = client.get(url("workspace", issue)).context["space"].fingerprint
    return {"url": url_, "expected": expected, "confirm_short": "1"}  # 2 entries, under the target


def test_publishing_asks_for_the_url_then_publishes_the_issue_and_its_reviews(client, editor):
    issue = ready_issue()
    text = export_issue(issue, "markdown")
    client.force_login(editor)
    page = client.get(url("workspace", issue)).content.decode()
    assert "Publishing marks the issue and its 2 reviews published" in page
    response = client.post(url("publish", issue), publish_data(client, issue), follow=True)
    assert response.redirect_chain == [(url("workspace", issue), 302)]
    issue.refresh_from_db()
    assert (issue.status, issue.published_url, issue.published_text) == (
        "published",
        "https://habr.com/ru/articles/461735/",
        text,
    )
    assert set(Review.objects.values_list("status", flat=True)) == {"published"}
    assert messages_of(response) == [
        f'Published: {issue} is at <a href="https://habr.com/ru/articles/461735/">https://habr.com/ru/articles/461735/'
        "</a>, and its 2 reviews are published."
    ]
    assert client.get(issue.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("", "This field is required."),
        ("not a url", "Enter a valid URL."),
        ("ftp://example.org/a", "Enter a valid URL."),
    ],
)
def test_a_bad_url_is_refused_on_its_field_and_kept(client, editor, given, error):
    issue = ready_issue()
    client.force_login(editor)
    response = client.post(url("publish", issue), publish_data(client, issue, given))
    assert response.context["publish_form"].errors == {"url": [error]}
    assert response.context["publish_form"]["url"].value() == given
    assert Issue.objects.get().status == "planned"


def test_publishing_with_unapproved_entries_lists_the_blockers_and_changes_nothing(client, editor):
    issue = ready_issue()
    IssueEntryFactory(issue=issue, position=3, review=ReviewFactory(status="changes_requested", paper__title="Late"))
    client.force_login(editor)
    response = client.post(
        url("publish", issue), {"url": "https://example.org/post", "expected": "x", "confirm_short": 1}
    )
    assert response.status_code == 400
    assert response.context["space"].blockers == ["“Late” is changes requested, not approved."]
    assert "Not yet: every entry must be approved" in response.content.decode()
    assert 'name="url"' not in response.content.decode()
    assert (Issue.objects.get().status, sorted(Review.objects.values_list("status", flat=True))) == (
        "planned",
        ["approved", "approved", "changes_requested"],
    )


def test_publishing_a_post_that_changed_since_the_page_was_opened_is_refused(client, editor):
    issue = ready_issue()
    client.force_login(editor)
    data = publish_data(client, issue)
    IssueEntryFactory(issue=issue, position=3, review__paper__title="Added meanwhile")
    response = client.post(url("publish", issue), data)
    assert response.context["publish_form"].non_field_errors() == [
        "The issue changed since you opened this page (entries, their order or their texts): check it again."
    ]
    assert Issue.objects.get().status == "planned"


def test_a_published_issue_has_nothing_left_to_publish(client, editor):
    issue = ready_issue()
    services.publish_issue(issue, by=editor, url="https://example.org/post")
    client.force_login(editor)
    response = client.post(url("publish", issue), {"url": "https://example.org/other", "expected": "x"}, follow=True)
    assert messages_of(response) == ["This issue is already published."]
    assert Issue.objects.get().published_url == "https://example.org/post"


@pytest.mark.parametrize("name", ["split", "translate"])
def test_pages_listing_the_entries_read_as_many_queries_for_30_as_for_1(client, editor, name):
    russian = SeriesFactory(language="ru", target_min_entries=1, target_max_entries=1)
    SeriesFactory(language="en", translation_of=russian)
    issue = services.create_issue(series=russian, period_start=D(2020, 4, 1))

    def add_entry(position):
        review = IssueEntryFactory(issue=issue, position=position, review__language="ru").review
        translation_of(review)

    add_entry(1)
    add_entry(2)
    client.force_login(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(name, issue)).status_code == 200
        return len(captured)

    queries()
    with_two = queries()
    for position in range(3, 31):
        add_entry(position)
    assert queries() == with_two
