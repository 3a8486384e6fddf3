"""The import desk in the admin: paste or upload a post, see what was read before anything is
written (fields, unsure fields marked, notes, what would be created), correct, import; the notes
stay on the issue and on each review."""

import datetime
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digest.models import Issue, IssueEntry, PostImport, Series
from reviews.models import Paper, Review, Reviewer
from tests.factories import IssueFactory, SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/digest/issue/import/"
CORPUS = Path(__file__).resolve().parent / "import_corpus"
DEMO = Path(__file__).resolve().parents[2] / "digest" / "demo"
D = datetime.date


def counts():
    return [model.objects.count() for model in (Series, Issue, IssueEntry, Paper, Review, Reviewer, PostImport)]


def corpus(name):
    return (CORPUS / name).read_text(encoding="utf-8")


def preview(client, **data):
    return client.post(URL, {"action": "preview", "status": "published", **data})


def test_the_desk_is_linked_from_the_dashboard_and_the_issue_list(client, editor):
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()
    assert URL in client.get("/admin/digest/issue/").content.decode()


def test_only_editors_who_compile_issues_may_import(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(is_staff=True))  # staff, but not an editor
    assert client.get(URL).status_code == 403


def test_a_pasted_post_is_previewed_review_by_review_and_nothing_is_written(client, editor):
    SeriesFactory(name="Reading articles for you", language="en")
    client.force_login(editor)
    before = counts()
    response = preview(client, text=corpus("v16-2019-en-every-header-line-optional.txt"))
    assert response.status_code == 200
    assert counts() == before
    page = response.content.decode()
    rows = response.context["rows"]
    assert [row["entry"].title for row in rows] == [
        "Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
        "Self-Attention Generative Adversarial Networks",
        "Deep Double Descent: Where Bigger Models and More Data Hurt",
        "Billion-scale semi-supervised learning for image classification",
    ]
    assert [row["unsure"] for row in rows] == [
        {"original"},
        {"authors", "original"},
        {"original", "reviewer"},
        {"authors", "original", "reviewer"},
    ]
    assert "no review author line: filed under “Unknown reviewer”" in page
    assert 'data-field="reviewer">—' in page and "desk-import-unsure" in page
    assert "Nothing is written yet" in page
    assert response.context["report"].issue.series.name == "Reading articles for you"  # found from the title
    assert "paper created; reviewer Petr Ivanov created; review created" in page
    form = response.context["form"]
    assert (form.initial["period_start"], form.initial["period_end"]) == (D(2019, 4, 1), D(2019, 4, 1))


def test_importing_with_a_corrected_series_and_period_lands_on_the_issue_with_its_notes(client, editor):
    series = SeriesFactory(name="Paper club", language="en")
    client.force_login(editor)
    response = client.post(
        URL,
        {
            "action": "import", "text": corpus("v14-2020-lost-cyrillic.txt"), "source": "pasted text",
            "series": series.pk, "language": "en", "period_start": "2020-06", "period_end": "2020-07",
            "part": "2", "status": "published",
        },
    )  # fmt: skip
    issue = Issue.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/digest/issue/{issue.pk}/workspace/"
    assert (issue.series, issue.period_start, issue.period_end, issue.part) == (series, D(2020, 6, 1), D(2020, 7, 1), 2)
    assert issue.entries.count() == 3
    record = issue.post_import
    assert (record.source, record.source_format, record.is_strict, record.imported_by) == (
        "pasted text", "text", False, editor,
    )  # fmt: skip
    assert record.summary == {
        "reviews": 3,
        "with_notes": 3,
        "created": {"papers": 3, "reviewers": 3, "reviews": 3, "issues": 1},
        "reused": {},
    }
    first = issue.entries.order_by("position").first()
    assert [note["code"] for note in first.import_notes] == ["no_links", "reviewer_handle_only"]
    assert LogEntry.objects.get(object_id=str(issue.pk)).change_message.startswith("Imported from pasted text:")
    page = client.get(response["Location"]).content.decode()
    assert "Imported “Paper club. June — July 2020. Part 2” with 3 reviews." in page
    assert 'id="import-notes"' in page
    assert "the review author&#x27;s name is missing: only the handle “dulyanov”" in page


def test_the_notes_show_on_each_review_in_the_readers_language(client, editor):
    SeriesFactory(name="Reading articles for you", language="en")
    client.force_login(editor)
    client.post(URL, {"action": "import", "text": corpus("v16-2019-en-every-header-line-optional.txt"),
                      "status": "published"})  # fmt: skip
    review = Review.objects.get(paper__title="Deep Double Descent: Where Bigger Models and More Data Hurt")
    assert review.reviewer.display_name == "Unknown reviewer"
    page = client.get(f"/admin/reviews/review/{review.pk}/change/").content.decode()
    assert 'id="review-import-notes"' in page
    assert "no review author line: filed under “Unknown reviewer”" in page
    page = client.get(f"/admin/reviews/review/{review.pk}/change/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "нет строки автора обзора: обзор записан за «Unknown reviewer»" in page


def test_an_uploaded_page_is_read_like_the_command_reads_it(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("ods.html", (DEMO / "ods-2018-02-03-en.html").read_bytes(), "text/html")
    response = client.post(URL, {"action": "preview", "file": upload, "status": "published", "language": ""})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 6
    assert response.context["form"].initial["url"] == "https://habr.com/ru/post/352518/"
    assert response.context["blocker"] == "Choose the series this post belongs to: its title does not name one."
    assert "disabled>" in response.content.decode().split('value="import"')[1][:40]
    assert counts() == [0, 0, 0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a file or paste the post&#x27;s text."),
        ({"text": "Just a note.\n\nNothing else here.\n"}, "This cannot be imported: line 1: expected a post"),
        ({"text": "x", "file": SimpleUploadedFile("a.txt", b"y")}, "Give the post once: either a file or its text"),
        ({"file": SimpleUploadedFile("a.txt", "Caf\xe9".encode("latin-1"))}, "The file is not UTF-8 text."),
        ({"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")}, "Choose a .txt, .md or .html file."),
        ({"file": SimpleUploadedFile("a.txt", b"a" * (2 * 1024 * 1024 + 1))}, "The file is larger than 2 MB"),
    ],
)
def test_what_cannot_be_read_is_said_on_the_form_and_the_text_is_kept(client, editor, data, message):
    client.force_login(editor)
    response = preview(client, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    if "text" in data and "file" not in data:
        assert response.context["form"]["text"].value() == data["text"]
    assert counts() == [0, 0, 0, 0, 0, 0, 0]


def test_changing_the_text_goes_back_to_the_form_with_the_text(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"action": "edit", "text": "1. A title\n\nAuthors: A, B (Lab, 2019)\n"})
    assert response.context["form"]["text"].value() == "1. A title\n\nAuthors: A, B (Lab, 2019)\n"
    assert "Read the post" in response.content.decode()


def test_a_new_series_is_for_those_who_may_add_series(client, editor, superuser):
    client.force_login(editor)
    assert "new_series" not in client.get(URL).context["form"].fields
    client.post(URL, {"action": "import", "text": corpus("v20-2019-en-no-contents.txt"), "new_series": "Sneaky",
                      "status": "published"})  # fmt: skip
    assert not Series.objects.filter(name="Sneaky").exists()
    client.force_login(superuser)
    response = client.post(URL, {"action": "import", "text": corpus("v20-2019-en-no-contents.txt"),
                                 "new_series": "Reading club", "status": "approved"})  # fmt: skip
    issue = Issue.objects.get(series__name="Reading club")
    assert response["Location"] == f"/admin/digest/issue/{issue.pk}/workspace/"
    assert (issue.status, set(Review.objects.values_list("status", flat=True))) == ("planned", {"approved"})


def test_strict_reading_refuses_what_the_tolerant_one_reads(client, editor):
    SeriesFactory(name="Reading articles for you", language="en")
    client.force_login(editor)
    text = corpus("v16-2019-en-every-header-line-optional.txt")
    response = preview(client, text=text, strict="on")
    assert "This cannot be imported: line 30: review 3" in response.content.decode()
    assert counts()[1:] == [0, 0, 0, 0, 0, 0]


def test_an_import_refused_at_the_last_step_writes_nothing_and_says_why(client, editor):
    series = SeriesFactory(name="Reading articles for you", language="en")
    IssueFactory(series=series, period_start=D(2019, 4, 1), period_end=D(2019, 4, 1), status="published",
                 published_at=timezone.now())  # fmt: skip
    client.force_login(editor)
    before = counts()
    response = client.post(URL, {"action": "import", "text": corpus("v16-2019-en-every-header-line-optional.txt"),
                                 "status": "published"})  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Nothing was imported: The series already has an issue for this period (“Reading articles for you. "
        "April 2019”) with other reviews: give another part or another period." in page
    )
    assert counts() == before


def test_the_list_of_recent_imports_costs_the_same_for_one_and_for_thirty(
    client, editor, django_assert_max_num_queries
):
    client.force_login(editor)

    def recorded(count):
        for _ in range(count):
            PostImport.objects.create(
                issue=IssueFactory(), source="post.txt", source_format="text", imported_by=editor,
                imported_at=timezone.now(), notes=[],
            )  # fmt: skip

    recorded(1)
    with django_assert_max_num_queries(12) as one:
        client.get(URL)
    recorded(29)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(URL)
    assert len(response.context["recent"]) == 10


def test_corrections_that_do_not_hold_are_shown_on_the_preview_and_the_text_is_kept(client, editor):
    series = SeriesFactory(name="Paper club", language="en")
    client.force_login(editor)
    text = corpus("v14-2020-lost-cyrillic.txt")
    response = client.post(
        URL,
        {"action": "preview", "stage": "preview", "text": text, "series": series.pk, "period_start": "2020-06",
         "period_end": "2019-12"},
    )  # fmt: skip
    assert response.templates[0].name == "admin/digest/import/preview.html"
    page = response.content.decode()
    assert "The last month cannot be before the first month." in page
    assert "Correct the fields marked below, then read it again." in page
    assert response.context["form"]["text"].value() == text
    assert len(response.context["rows"]) == 3
    assert counts() == [1, 0, 0, 0, 0, 0, 0]
