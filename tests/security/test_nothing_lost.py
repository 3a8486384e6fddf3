"""Nothing people did is lost: failures leave the database as it was, every version comes back,
and a form that fails shows everything that was typed.

"As it was" is checked on every table of the project (auth, sessions, history and axes included),
row by row, before and after. Failures halfway are real: the importer meets a review it must not
overwrite on the fifth entry, and a database trigger (not a mock of our code) refuses a write in
the middle of a publication.
"""

import contextlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection

from digest import services as issue_services
from digest.importer import read_post
from digest.importer.load import import_post
from reviews import services
from reviews.markdown import render_markdown
from reviews.models import Paper, Review, Reviewer, ReviewEvent
from tests.factories import IssueEntryFactory, IssueFactory, ReviewerFactory, ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db

POSTS = Path(__file__).resolve().parents[2] / "digest" / "demo"  # the example posts, shipped as demo content


def every_table():
    """Every row of every model's table, as plain values, by model and primary key."""
    return {
        model._meta.label: sorted(model._base_manager.values_list(), key=repr)
        for model in apps.get_models(include_auto_created=True)
    }


@contextlib.contextmanager
def failing_update(table, pk):
    """A database trigger that refuses any UPDATE of one row, as a full disk or a lost connection would."""
    name = f"digest_test_refuse_{table}"
    if connection.vendor == "sqlite":
        create = [
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW WHEN OLD.id = {int(pk)} "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"
        ]
        drop = [f"DROP TRIGGER {name}"]
    else:
        create = [
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused by the test trigger'; END $$",
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW WHEN (OLD.id = {int(pk)}) "
            f"EXECUTE FUNCTION {name}()",
        ]
        drop = [f"DROP TRIGGER {name} ON {table}", f"DROP FUNCTION {name}()"]
    with connection.cursor() as cursor:
        for statement in create:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in drop:
                cursor.execute(statement)


# --- imports ------------------------------------------------------------------------------------


CUT_OFF = (POSTS / "ods-2019-07-09-ru.txt").read_text(encoding="utf-8")[:3000]  # cut off in the middle


@pytest.mark.parametrize(
    ("raw", "flags"),
    [
        ("Just a line of text, not a post.\n", []),
        ("Title. May 2021\n\nIntro.\n\nArticles for today:\n\n1. A Paper (Lab, 2021)\n\n2. Another Paper\n", []),
        (CUT_OFF, ["--strict"]),
    ],
)
def test_a_malformed_post_is_refused_with_its_line_and_writes_nothing(tmp_path, raw, flags):
    call_command("seed_demo", stdout=io.StringIO())
    before = every_table()
    path = tmp_path / "post.txt"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(CommandError, match=r"post\.txt: (line \d+: )?\w"):
        call_command("import_post", str(path), "--series", "Reading articles for you", *flags, stdout=io.StringIO())
    assert every_table() == before


def test_a_post_cut_off_in_the_middle_keeps_what_it_holds_and_names_what_it_lost():
    report = import_post(CUT_OFF, series_name="Читаем статьи за вас")
    assert [row.title for row in report.reviews] == [
        "Layer rotation: a surprisingly powerful indicator of generalization in deep networks?"
    ]
    lost = [note for note in report.notes if note.code == "contents_without_review"]
    assert len(lost) == 8
    assert (
        lost[0]
        == "line 12: the contents list “Parameter-Efficient Transfer Learning for NLP”, but no review of it was found"
    )


def test_a_post_failing_on_its_fifth_review_leaves_every_table_as_it_was(tmp_path):
    """Four reviews are written before the fifth turns out to clash: all of it is rolled back."""
    raw = (POSTS / "ods-2019-07-09-ru.txt").read_text(encoding="utf-8")
    fifth = read_post(raw).entries[4]
    paper = Paper.objects.create(title=fifth.title)
    reviewer = ReviewerFactory(user=None, display_name=fifth.reviewer_name, chat_handle=fifth.chat_handle)
    ReviewFactory(paper=paper, reviewer=reviewer, language="ru", status="draft", body="My unfinished draft.")
    before = every_table()
    path = tmp_path / "post.txt"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(CommandError, match=r"review 5 .* already has a review of this paper .* “Draft”"):
        call_command("import_post", str(path), stdout=io.StringIO())
    assert every_table() == before
    assert Review.objects.get(paper=paper).body == "My unfinished draft."


def test_an_import_the_database_refuses_halfway_leaves_every_table_as_it_was():
    """The importer updates a known reviewer's handles; the database refuses that write mid-import."""
    raw = (POSTS / "ods-2019-07-09-ru.txt").read_text(encoding="utf-8")
    third = read_post(raw).entries[2]
    known = Reviewer.objects.create(display_name=third.reviewer_name)  # no handles yet: the import adds them
    before = every_table()
    with failing_update("reviews_reviewer", known.pk), pytest.raises(DatabaseError, match="refused by the test"):
        import_post(raw, series_name="Читаем статьи за вас")
    assert every_table() == before


# --- publishing ---------------------------------------------------------------------------------


def test_a_refused_publication_changes_nothing_and_says_what_blocks_it(editor):
    issue = IssueFactory()
    IssueEntryFactory(issue=issue)
    draft = IssueEntryFactory(issue=issue, review=ReviewFactory(status="submitted"))
    before = every_table()
    with pytest.raises(ValidationError) as refusal:
        issue_services.publish_issue(issue, by=editor, url="https://example.org/post")
    assert refusal.value.messages == [f"“{draft.review.paper.title}” is submitted, not approved."]
    assert every_table() == before


def test_a_publication_failing_on_its_third_review_publishes_none(editor, django_capture_on_commit_callbacks):
    issue = IssueFactory()
    entries = [IssueEntryFactory(issue=issue) for _ in range(5)]
    before = every_table()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        failing_update("reviews_review", entries[2].review_id),
        pytest.raises(DatabaseError, match="refused by the test"),
    ):
        issue_services.publish_issue(issue, by=editor, url="https://example.org/post")
    assert every_table() == before
    assert callbacks == []  # and nobody is told their review was published


# --- versions -----------------------------------------------------------------------------------


def versions_of(review):
    return list(review.history.order_by("history_id").values_list("history_id", "body"))


def test_every_saved_version_can_be_restored_and_the_restore_is_a_version_too(author, editor):
    review = ReviewFactory(reviewer=author, body="First words.")
    for version, text in enumerate(["Second, longer words.", "Third: $x^2$ and a table.", ""], start=1):
        review = services.update_review(review, by=author.user, body=text, expected_version=version)
    saved = versions_of(review)
    assert [body for _id, body in saved] == ["First words.", "Second, longer words.", "Third: $x^2$ and a table.", ""]
    for history_id, body in saved:
        previous = (review.body, review.version)
        review = services.restore_review_version(review, history_id=history_id, by=author.user)
        assert (review.body, review.body_html) == (body, render_markdown(body))
        assert review.version == previous[1] + (body != previous[0])  # the same text again is no new version
    assert versions_of(review)[: len(saved)] == saved  # restoring never rewrites history
    assert len(versions_of(review)) == 2 * len(saved)  # each restore a new version (none equals its predecessor)


def test_an_editor_restores_a_version_of_an_approved_review_without_moving_it(author, editor):
    review = ReviewFactory(reviewer=author, body="Draft one.")
    review = services.update_review(review, by=author.user, body="Draft two.", expected_version=1)
    services.submit_review(review, by=author.user)
    services.approve_review(review, by=editor)
    first = versions_of(review)[0][0]
    review = services.restore_review_version(review, history_id=first, by=editor)
    assert (review.body, review.status, review.version) == ("Draft one.", "approved", 3)
    with pytest.raises(services.NotAllowed):  # the author may not touch an approved review
        services.restore_review_version(review, history_id=first, by=author.user)


def test_restoring_a_version_in_the_admin_brings_the_text_back_and_keeps_the_state(client, author, editor):
    review = ReviewFactory(reviewer=author, body="v1")
    review = services.update_review(review, by=author.user, body="v2", expected_version=1)
    services.submit_review(review, by=author.user)
    services.approve_review(review, by=editor)
    client.force_login(editor)
    first = versions_of(review)[0][0]
    client.post(f"/admin/reviews/review/{review.pk}/versions/restore/", {"history_id": first})
    review.refresh_from_db()
    assert (review.body, review.status, review.version) == ("v1", "approved", 3)
    assert ReviewEvent.objects.filter(review=review).count() == 2  # submitted, approved: nothing behind their back


# --- forms that fail keep what was typed ----------------------------------------------------------

TYPED = "My review of *this* paper, with a formula $x^2$ & <angle brackets>.\n\nSecond paragraph."


def test_the_review_editor_with_an_invalid_submit_shows_everything_typed(client, author):
    review = ReviewFactory(reviewer=author, body="Stored text.")
    client.force_login(author.user)
    response = client.post(
        f"/me/reviews/{review.pk}/edit/", {"body": TYPED, "language": "xx", "version": "1", "submit": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page  # and says what was wrong
    assert "My review of *this* paper, with a formula $x^2$ &amp; &lt;angle brackets&gt;.\n\nSecond paragraph." in page
    review.refresh_from_db()
    assert (review.body, review.status, review.version) == ("Stored text.", "draft", 1)


def test_saving_in_a_tab_after_submitting_in_another_keeps_the_text_on_the_page(client, author):
    review = ReviewFactory(reviewer=author, body="Stored text.")
    client.force_login(author.user)
    services.submit_review(review, by=author.user)  # the other tab
    response = client.post(f"/me/reviews/{review.pk}/edit/", {"body": TYPED, "language": "en", "version": "1"})
    assert response.status_code == 200
    assert "My review of *this* paper" in response.content.decode()


def test_the_propose_form_with_errors_shows_every_field_typed(client, author):
    client.force_login(author.user)
    data = {
        "arxiv": "", "title": "", "authors": "Ada Lovelace, Alan Turing", "affiliations": "Analytical Engines Ltd",
        "year": "1843x", "original_url": "not a url",
        "links-TOTAL_FORMS": "2", "links-INITIAL_FORMS": "0",
        "links-0-kind": "code", "links-0-label": "Notes on the engine", "links-0-url": "https://example.org/notes",
        "links-1-kind": "video", "links-1-label": "Talk", "links-1-url": "",
    }  # fmt: skip
    response = client.post("/papers/propose/", data)
    page = response.content.decode()
    assert response.status_code == 200 and Paper.objects.count() == 0
    for typed in ["Ada Lovelace, Alan Turing", "Analytical Engines Ltd", "1843x", "not a url", "Notes on the engine"]:
        assert f'value="{typed}"' in page, typed
    assert 'value="https://example.org/notes"' in page and 'value="Talk"' in page
    assert '<option value="video" selected>' in page


def test_the_profile_form_with_errors_shows_every_field_typed(client, author):
    client.force_login(author.user)
    data = {"display_name": "", "chat_handle": "ann_chat", "blog_handle": "ann_blog", "bio": "I read papers & <b>."}
    response = client.post("/me/profile/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="ann_chat"' in page and 'value="ann_blog"' in page and "I read papers &amp; &lt;b&gt;." in page
    assert Reviewer.objects.get(pk=author.pk).chat_handle != "ann_chat"


def test_the_signup_form_with_errors_keeps_the_name_and_address(client):
    UserFactory(username="taken@example.org")
    data = {"email": "taken@example.org", "display_name": "Nina New", "password1": "x", "password2": "y"}
    page = client.post("/accounts/signup/", data).content.decode()
    assert 'value="taken@example.org"' in page and 'value="Nina New"' in page
