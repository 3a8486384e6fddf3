"""Control characters in one-line fields, and mail that must go out whatever a title holds.

Found by an outside test: a paper title with "\r" made `send_reminders` die with BadHeaderError
(every later reminder that day was never sent) and answered 500 to the member after the
submission was saved.
"""

import datetime
import importlib
import io

import pytest
from django.core.management import call_command

from reviews.models import Paper, Reviewer
from reviews.outbox import services as outbox
from reviews.outbox.models import Message
from tests.factories import AssignmentFactory, PaperFactory, ReviewerFactory, ReviewFactory, UserFactory
from tests.smtp import MailServer

ONE_LINE = "Keep this on one line: remove line breaks, tabs and other control characters."


@pytest.fixture
def smtp(settings):
    with MailServer() as server:
        server.django_settings(settings)
        yield server.handler


def propose(client, **fields):
    data = {"arxiv": "", "title": "A title", "authors": "", "affiliations": "", "year": "", "original_url": "",
            "links-TOTAL_FORMS": "1", "links-INITIAL_FORMS": "0", "links-0-kind": "code"}  # fmt: skip
    return client.post("/papers/propose/", {**data, **fields})


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["title", "authors", "affiliations"])
@pytest.mark.parametrize("bad", ["Line\rBcc: all@example.org", "Line\nnext", "Tab\there", "Null\x00byte", "Sep\u2028x"])
def test_proposing_a_paper_refuses_control_characters_in_one_line_fields(client, author, field, bad):
    client.force_login(author.user)
    response = propose(client, **{field: bad})
    assert response.status_code == 200
    assert ONE_LINE in response.context["form"].errors[field]
    assert response.context["form"][field].value() == bad  # what was typed stays in the form
    assert not Paper.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["display_name", "chat_handle", "blog_handle"])
def test_the_profile_refuses_control_characters_in_names_and_handles(client, author, field):
    client.force_login(author.user)
    data = {"display_name": "Ann", "chat_handle": "ann", "blog_handle": "ann", "bio": "Two\nlines are fine here."}
    response = client.post("/me/profile/", {**data, field: "ann\r\nX-Injected: 1"})
    assert response.context["form"].errors[field] == [ONE_LINE]
    assert Reviewer.objects.get(pk=author.pk).display_name == "Ann Author"


@pytest.mark.django_db
def test_a_series_label_with_a_line_break_is_refused_in_the_desk(client, superuser):
    from digest.models import Series

    client.force_login(superuser)
    response = client.post("/admin/digest/series/add/", {"name": "Reading\nclub", "slug": "reading", "language": "en",
                                                         "target_min_entries": 8, "target_max_entries": 12,
                                                         "previous_links_count": 3})  # fmt: skip
    assert response.status_code == 200
    assert ONE_LINE in response.content.decode()
    assert not Series.objects.exists()


@pytest.mark.django_db
def test_titles_coming_in_another_way_are_stored_on_one_line():
    paper = Paper.objects.create(title="Layer rotation:\r\n a surprisingly\tpowerful indicator")
    reviewer = Reviewer.objects.create(display_name="Ann\nAuthor")
    assert Paper.objects.get(pk=paper.pk).title == "Layer rotation: a surprisingly powerful indicator"
    assert Reviewer.objects.get(pk=reviewer.pk).display_name == "Ann Author"


@pytest.mark.django_db
def test_rows_stored_before_with_control_characters_are_made_one_line_by_the_migration():
    from django.apps import apps

    migration = importlib.import_module("reviews.migrations.0008_one_line_fields")
    paper = PaperFactory()
    Paper.objects.filter(pk=paper.pk).update(title="Evil\r\nBcc: everyone@example.org", authors="A,\nB")
    migration.make_one_line(apps, None)
    assert Paper.objects.values_list("title", "authors").get(pk=paper.pk) == ("Evil Bcc: everyone@example.org", "A, B")


@pytest.mark.django_db
def test_submitting_a_review_of_a_paper_imported_with_a_line_break_in_its_title_answers_normally_and_mails(
    client, author, editor, smtp, django_capture_on_commit_callbacks
):
    paper = Paper.objects.create(title="Evil\r\nBcc: everyone@example.org")  # as the importer creates papers
    review = ReviewFactory(reviewer=author, paper=paper, status="draft", body="Done.")
    client.force_login(author.user)
    data = {"body": "Done.", "version": review.version, "language": review.language, "submit": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/me/reviews/{review.pk}/edit/", data)
    assert (response.status_code, response["Location"]) == (302, "/me/")
    assert smtp.subjects == ["[Digest] Review submitted: Evil Bcc: everyone@example.org"]
    assert smtp.received[0]["Bcc"] is None


@pytest.mark.django_db
def test_send_reminders_sends_every_reminder_whatever_the_titles_hold(smtp, django_capture_on_commit_callbacks):
    titles = ["First\rpaper", "Second paper", "Third\u2028paper"]
    for n, title in enumerate(titles):
        reviewer = ReviewerFactory(user=UserFactory(username=f"r{n}@example.org"))
        AssignmentFactory(reviewer=reviewer, paper=Paper.objects.create(title=title), due_date=datetime.date.today())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    assert sorted(smtp.subjects) == [
        "[Digest] Reminder: First paper",
        "[Digest] Reminder: Second paper",
        "[Digest] Reminder: Third paper",
    ]


@pytest.mark.django_db
def test_one_message_the_mail_server_refuses_does_not_stop_the_others(smtp, settings):
    settings.DIGEST_OUTBOX_RETRY_DELAYS = [0]
    smtp.refuse_recipients = {"gone@example.org"}
    for address in ["ann@example.org", "gone@example.org", "bob@example.org"]:
        outbox.queue_message(kind="test", recipients=[address], subject=f"To {address}", body="Hello.")
    outbox.deliver_due()
    outbox.deliver_due()
    assert sorted(smtp.subjects) == ["To ann@example.org", "To bob@example.org"]
    assert dict(Message.objects.values_list("recipients", "status")) == {
        "ann@example.org": "sent", "gone@example.org": "failed", "bob@example.org": "sent",
    }  # fmt: skip
