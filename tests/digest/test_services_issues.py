"""The issue desk's services: plan, change, order, remove, split, translate and publish with the export."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from digest import services
from digest.export.formats import export_issue
from digest.models import Issue
from reviews.models import Review, ReviewEvent
from reviews.services import NotAllowed, update_review
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def entries_of(issue):
    return [(entry.review.paper.title, entry.position) for entry in issue.entries.select_related("review__paper")]


def make_entries(issue, count, **review):
    return [
        IssueEntryFactory(issue=issue, position=n, review__paper__title=f"Paper {n}", **review)
        for n in range(1, count + 1)
    ]


# --- planning -----------------------------------------------------------------------------------


def test_check_new_issue_snaps_months_and_names_the_field_of_each_problem():
    series = SeriesFactory()
    assert services.check_new_issue(series=series, period_start=D(2019, 7, 15)) == (D(2019, 7, 1), D(2019, 7, 1))
    with pytest.raises(ValidationError) as backwards:
        services.check_new_issue(series=series, period_start=D(2019, 9, 1), period_end=D(2019, 7, 1))
    assert backwards.value.message_dict == {"period_end": ["The last month cannot be before the first month."]}
    services.create_issue(series=series, period_start=D(2019, 7, 1), part=2)
    with pytest.raises(ValidationError) as taken:
        services.check_new_issue(series=series, period_start=D(2019, 7, 20), part=2)
    assert taken.value.message_dict == {"part": ["This series already has an issue for that period and part."]}


def test_update_issue_changes_the_editable_fields_only_on_a_planned_issue(editor):
    issue = IssueFactory()
    services.update_issue(issue, by=editor, planned_for=D(2020, 5, 1), intro="Hello.")
    issue.refresh_from_db()
    assert (issue.planned_for, issue.intro) == (D(2020, 5, 1), "Hello.")
    with pytest.raises(ValueError, match="cannot change status"):
        services.update_issue(issue, by=editor, status="published")
    published = IssueFactory(status="published", published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError, match="already published"):
        services.update_issue(published, by=editor, intro="Too late.")
    with pytest.raises(NotAllowed):
        services.update_issue(issue, by=UserFactory(is_staff=True), intro="Not an editor.")


def test_update_issue_links_a_translation_only_across_languages(editor):
    original = IssueFactory(series=SeriesFactory(language="ru"))
    translation = IssueFactory(series=SeriesFactory(language="en"))
    services.update_issue(translation, by=editor, translation_of=original)
    assert Issue.objects.get(pk=translation.pk).translation_of == original
    with pytest.raises(ValidationError) as same:
        services.update_issue(IssueFactory(series=SeriesFactory(language="ru")), by=editor, translation_of=original)
    assert same.value.messages == ["An issue translates an issue in another language, never itself."]


# --- scheduling and ordering --------------------------------------------------------------------


def test_add_reviews_refuses_reviews_in_another_language_and_adds_none(editor):
    issue = IssueFactory(series=SeriesFactory(language="ru"))
    russian = ReviewFactory(status="approved", language="ru")
    english = ReviewFactory(status="approved", language="en", paper__title="In English")
    with pytest.raises(ValidationError) as error:
        services.add_reviews_to_issue(issue, [russian, english], by=editor)
    assert error.value.messages == ["“In English” is in English; the issue is in Russian."]
    assert issue.entries.count() == 0


def test_add_reviews_to_a_published_issue_is_refused(editor):
    issue = IssueFactory(status="published", published_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    with pytest.raises(ValidationError, match="already published"):
        services.add_reviews_to_issue(issue, [ReviewFactory(status="approved")], by=editor)


def test_reorder_entries_is_for_editors_and_planned_issues(editor):
    issue = IssueFactory()
    first, second = make_entries(issue, 2)
    with pytest.raises(NotAllowed):
        services.reorder_entries(issue, [second.pk, first.pk], by=UserFactory(is_staff=True))
    services.reorder_entries(issue, [second.pk, first.pk], by=editor)
    assert entries_of(issue) == [("Paper 2", 1), ("Paper 1", 2)]
    Issue.objects.filter(pk=issue.pk).update(status="published", published_at=datetime.datetime.now(datetime.UTC))
    with pytest.raises(ValidationError, match="already published"):
        services.reorder_entries(issue, [first.pk, second.pk], by=editor)
    assert entries_of(issue) == [("Paper 2", 1), ("Paper 1", 2)]


def test_remove_entries_puts_the_reviews_back_in_the_pool(editor):
    issue = IssueFactory()
    first, second, third = make_entries(issue, 3)
    services.remove_entries(issue, [second.pk], by=editor)
    assert entries_of(issue) == [("Paper 1", 1), ("Paper 3", 3)]
    assert Review.objects.approved().unscheduled().get() == second.review
    with pytest.raises(ValidationError, match="not in this issue"):
        services.remove_entries(issue, [IssueEntryFactory().pk], by=editor)
    with pytest.raises(NotAllowed):
        services.remove_entries(issue, [first.pk], by=UserFactory(is_staff=True))
    assert issue.entries.count() == 2


# --- splitting ----------------------------------------------------------------------------------


def test_split_moves_the_entries_beyond_the_target_into_new_parts_in_order(editor):
    series = SeriesFactory(slug="reading", target_min_entries=2, target_max_entries=3)
    issue = services.create_issue(series=series, period_start=D(2020, 4, 1), planned_for=D(2020, 5, 1))
    make_entries(issue, 7)
    parts = services.split_issue(issue, by=editor)
    assert [(part.part, part.slug) for part in parts] == [
        (1, "reading-2020-04-part-1"),
        (2, "reading-2020-04-part-2"),
        (3, "reading-2020-04-part-3"),
    ]
    assert [entries_of(part) for part in parts] == [
        [("Paper 1", 1), ("Paper 2", 2), ("Paper 3", 3)],
        [("Paper 4", 1), ("Paper 5", 2), ("Paper 6", 3)],
        [("Paper 7", 1)],
    ]
    assert {(part.series_id, part.period_start, part.planned_for, part.status) for part in parts} == {
        (series.pk, D(2020, 4, 1), D(2020, 5, 1), "planned")
    }


def test_split_with_a_size_takes_the_next_free_part_numbers(editor):
    series = SeriesFactory()
    services.create_issue(series=series, period_start=D(2020, 4, 1), part=1)
    issue = services.create_issue(series=series, period_start=D(2020, 4, 1), part=2)
    make_entries(issue, 4)
    parts = services.split_issue(issue, by=editor, size=2)
    assert [(part.part, entries_of(part)) for part in parts] == [
        (2, [("Paper 1", 1), ("Paper 2", 2)]),
        (3, [("Paper 3", 1), ("Paper 4", 2)]),
    ]


def test_split_is_refused_when_nothing_is_over_or_the_issue_is_published_or_changed(editor):
    issue = IssueFactory(series=SeriesFactory(target_max_entries=12))
    entries = make_entries(issue, 12)
    with pytest.raises(ValidationError, match="no more than 12 entries"):
        services.split_issue(issue, by=editor)
    with pytest.raises(ValidationError, match="changed since you opened"):
        services.split_issue(issue, by=editor, size=5, expected=[entry.pk for entry in entries[:11]])
    with pytest.raises(NotAllowed):
        services.split_issue(issue, by=UserFactory(is_staff=True), size=5)
    Issue.objects.filter(pk=issue.pk).update(status="published", published_at=datetime.datetime.now(datetime.UTC))
    with pytest.raises(ValidationError, match="already published"):
        services.split_issue(issue, by=editor, size=5)
    assert Issue.objects.count() == 1
    assert entries_of(issue) == [(f"Paper {n}", n) for n in range(1, 13)]


# --- translations -------------------------------------------------------------------------------


def translate(review, language, status="approved", **fields):
    return ReviewFactory(
        paper=review.paper, reviewer=review.reviewer, language=language, translation_of=review, status=status, **fields
    )


def russian_issue_with_entries(count):
    russian = SeriesFactory(slug="chitaem", language="ru")
    english = SeriesFactory(slug="reading", language="en", translation_of=russian)
    issue = services.create_issue(series=russian, period_start=D(2019, 7, 1), period_end=D(2019, 9, 1), part=2)
    entries = make_entries(issue, count, review__language="ru")
    return issue, english, entries


def test_compile_translation_fills_a_new_issue_with_the_translations_in_order(editor):
    issue, english, entries = russian_issue_with_entries(3)
    translations = [translate(entry.review, "en") for entry in entries]
    services.reorder_entries(issue, [entries[2].pk, entries[0].pk, entries[1].pk], by=editor)
    result = services.compile_translation(issue, series=english, by=editor)
    translated = result.issue
    assert (translated.series, translated.period_start, translated.period_end, translated.part) == (
        english,
        D(2019, 7, 1),
        D(2019, 9, 1),
        2,
    )
    assert (translated.translation_of, translated.slug, result.missing) == (issue, "reading-2019-07-2019-09-part-2", [])
    assert [entry.review for entry in translated.entries.all()] == [translations[2], translations[0], translations[1]]


def test_compile_translation_leaves_out_and_lists_entries_without_an_approved_free_translation(editor):
    issue, english, entries = russian_issue_with_entries(4)
    ready = translate(entries[0].review, "en")
    translate(entries[1].review, "en", status="draft")
    elsewhere = translate(entries[2].review, "en")
    other = services.create_issue(series=english, period_start=D(2020, 1, 1))
    services.add_reviews_to_issue(other, [elsewhere], by=editor)
    result = services.compile_translation(issue, series=english, by=editor)
    assert [entry.review for entry in result.issue.entries.all()] == [ready]
    assert result.missing == [
        "“Paper 2”: the English translation is draft, not approved.",
        f"“Paper 3”: the English translation is already in “{other}”.",
        "“Paper 4” has no translation in English.",
    ]


def test_compile_translation_finds_the_original_from_a_translated_issue(editor):
    issue, english, entries = russian_issue_with_entries(1)
    translation = translate(entries[0].review, "en")
    english_issue = services.compile_translation(issue, series=english, by=editor).issue
    spanish = SeriesFactory(language="es")
    spanish_review = translate(entries[0].review, "es")
    result = services.compile_translation(english_issue, series=spanish, by=editor)
    assert (result.issue.translation_of, [e.review for e in result.issue.entries.all()]) == (issue, [spanish_review])
    assert translation.issue_entry.issue == english_issue


def test_compile_translation_without_any_translation_creates_nothing(editor):
    issue, english, _entries = russian_issue_with_entries(2)
    with pytest.raises(ValidationError) as error:
        services.compile_translation(issue, series=english, by=editor)
    assert error.value.messages == [
        "“Paper 1” has no translation in English.",
        "“Paper 2” has no translation in English.",
    ]
    assert not Issue.objects.filter(series=english).exists()


def test_compile_translation_is_refused_for_the_same_language_a_taken_period_and_non_editors(editor):
    issue, english, entries = russian_issue_with_entries(1)
    translate(entries[0].review, "en")
    with pytest.raises(ValidationError, match="another language than Russian"):
        services.compile_translation(issue, series=SeriesFactory(language="ru"), by=editor)
    with pytest.raises(NotAllowed):
        services.compile_translation(issue, series=english, by=UserFactory(is_staff=True))
    services.compile_translation(issue, series=english, by=editor)
    with pytest.raises(ValidationError, match="already has an issue for that period and part"):
        services.compile_translation(issue, series=english, by=editor)
    assert Issue.objects.filter(series=english).count() == 1


# --- publishing ---------------------------------------------------------------------------------


def test_publish_exported_issue_keeps_the_markdown_export_as_published(editor):
    issue = IssueFactory()
    make_entries(issue, 2)
    expected_text = export_issue(issue, "markdown")
    services.publish_exported_issue(
        issue, by=editor, url="https://habr.com/ru/articles/1/", expected=services.text_fingerprint(expected_text)
    )
    issue.refresh_from_db()
    assert (issue.status, issue.published_url, issue.published_text) == (
        "published",
        "https://habr.com/ru/articles/1/",
        expected_text,
    )
    assert set(Review.objects.values_list("status", flat=True)) == {"published"}


def test_publish_exported_issue_is_refused_when_the_post_changed_since_it_was_shown(editor):
    issue = IssueFactory()
    entry = make_entries(issue, 1)[0]
    shown = services.text_fingerprint(export_issue(issue, "markdown"))
    update_review(entry.review, by=editor, body="A better text.", expected_version=1)
    with pytest.raises(ValidationError, match="changed since you opened this page"):
        services.publish_exported_issue(issue, by=editor, url="https://habr.com/ru/articles/1/", expected=shown)
    issue.refresh_from_db()
    assert (issue.status, Review.objects.get().status, ReviewEvent.objects.count()) == ("planned", "approved", 0)


@pytest.mark.parametrize("url", ["", "habr", "javascript:alert(1)", "ftp://example.org/post"])
def test_publish_refuses_anything_but_a_web_address(editor, url):
    issue = IssueFactory()
    make_entries(issue, 1)
    with pytest.raises(ValidationError, match="web address"):
        services.publish_issue(issue, by=editor, url=url)
    assert Issue.objects.get().status == "planned"


def test_publishing_is_for_editors(editor):
    issue = IssueFactory()
    make_entries(issue, 1)
    member = ReviewerFactory().user
    with pytest.raises(NotAllowed):
        services.publish_exported_issue(issue, by=member, url="https://example.org/post")
    assert Issue.objects.get().status == "planned"
