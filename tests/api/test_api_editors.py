"""Editors through the API: decisions, planning, ordering, export and publishing by the desk's services."""

import datetime

import pytest

from digest.models import Issue
from reviews.models import Review
from reviews.outbox.models import Message
from tests.chat_server import ChatServer, connect_channel
from tests.factories import ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_decides_with_the_same_rules_and_events_as_the_desk(as_role, author, editor):
    review = ReviewFactory(reviewer=author, status="submitted")
    desk = as_role("editor")
    response = desk.post(
        f"/desk/reviews/{review.pk}/decision", json={"decision": "request_changes", "comment": "Add a table."}
    )
    assert (response.status_code, response.json()["status"]) == (200, "changes_requested")
    event = Review.objects.get(pk=review.pk).events.get()
    assert (event.actor, event.comment) == (editor, "Add a table.")
    assert Message.objects.get(kind="review_changes_requested").recipients == "author@example.org"

    again = desk.post(f"/desk/reviews/{review.pk}/decision", json={"decision": "approve"})
    assert again.status_code == 409


def test_an_editor_plans_orders_exports_and_publishes_an_issue(as_role, editor):
    series = SeriesFactory(name="Reading articles for you", slug="reading")
    first, second = (ReviewFactory(status="approved", paper__title=title) for title in ("First", "Second"))
    desk = as_role("editor")
    with ChatServer() as chat:
        connect_channel(series, f"{chat.url}/hook", events=["issue_published"])

        planned = desk.post("/desk/issues", json={"series": "reading", "period_start": "2020-04-01"})
        assert planned.status_code == 201
        issue_id = planned.json()["id"]
        added = desk.post(f"/desk/issues/{issue_id}/entries", json={"review_ids": [first.pk, second.pk]}).json()
        assert [entry["title"] for entry in added["entries"]] == ["First", "Second"]
        order = [entry["id"] for entry in reversed(added["entries"])]
        ordered = desk.put(f"/desk/issues/{issue_id}/order", json={"entry_ids": order}).json()
        assert [entry["title"] for entry in ordered["entries"]] == ["Second", "First"]

        exported = desk.get(f"/desk/issues/{issue_id}/export/markdown").json()
        assert exported["text"].index("Second") < exported["text"].index("First")
        stale = desk.post(
            f"/desk/issues/{issue_id}/publish", json={"url": "https://habr.com/p/1/", "fingerprint": "0" * 32}
        )
        assert stale.status_code == 400
        published = desk.post(
            f"/desk/issues/{issue_id}/publish",
            json={"url": "https://habr.com/p/1/", "fingerprint": exported["fingerprint"]},
        )
        assert (published.status_code, published.json()["status"]) == (200, "published")
        assert [body["text"].splitlines()[0] for body in chat.delivered] == [
            "New issue out: Reading articles for you. April 2020"
        ]
    issue = Issue.objects.get(pk=issue_id)
    assert (issue.published_text, issue.published_at.date()) == (exported["text"], datetime.date.today())
    assert set(Review.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"published"}


def test_members_tokens_do_not_open_the_desk(as_role):
    response = as_role("author").get("/desk/issues")
    assert (response.status_code, response.json()["detail"]) == (403, "Only editors may use this.")
