"""A member's work through the API with a personal token: the same services, rules and events as the pages."""

import pytest

from api.tokens import create_token
from reviews.models import Paper, Review
from reviews.outbox.models import Message
from tests.factories import PaperFactory, ReviewFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_proposes_claims_writes_and_submits(as_role, author, editor):
    me = as_role("author")
    proposed = me.post("/papers", json={"title": "Layer rotation", "authors": "S. Carbonnelle", "year": 2018})
    assert proposed.status_code == 201
    paper = Paper.objects.get(pk=proposed.json()["id"])
    assert paper.proposed_by == author.user

    again = me.post("/papers", json={"title": "Layer  Rotation"})
    assert (again.status_code, again.json()["errors"]["duplicates"]) == (409, [f"{paper.pk}: Layer rotation"])

    claimed = me.post(f"/papers/{paper.pk}/claim")
    assert claimed.status_code == 201
    review_id, version = claimed.json()["review"]["id"], claimed.json()["review"]["version"]
    assert me.get("/me/assignments").json()[0]["paper"]["title"] == "Layer rotation"

    saved = me.put(f"/me/reviews/{review_id}", json={"body": "Layers rotate.", "version": version})
    assert (saved.status_code, saved.json()["version"]) == (200, version + 1)
    stale = me.put(f"/me/reviews/{review_id}", json={"body": "Overwrite!", "version": version})
    assert stale.status_code == 409
    assert stale.json()["errors"] == {"version": [str(version + 1)]}
    assert Review.objects.get(pk=review_id).body == "Layers rotate."

    submitted = me.post(f"/me/reviews/{review_id}/submit")
    assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
    assert list(Message.objects.values_list("kind", "recipients")) == [
        ("review_submitted", "editor@example.org, root@example.org")
    ]
    assert Review.objects.get(pk=review_id).events.get().actor == author.user


def test_a_member_cannot_see_or_write_another_members_draft(as_role, author):
    draft = ReviewFactory(reviewer=author, status="draft", body="Mine.")
    other = as_role("reviewer")
    assert other.get(f"/me/reviews/{draft.pk}").status_code == 404
    assert other.put(f"/me/reviews/{draft.pk}", json={"body": "Theirs.", "version": 1}).status_code == 404
    assert other.post(f"/me/reviews/{draft.pk}/submit").status_code == 404
    assert Review.objects.get(pk=draft.pk).body == "Mine."


def test_a_submitted_review_is_not_editable_by_its_author(as_role, author):
    review = ReviewFactory(reviewer=author, status="submitted")
    response = as_role("author").put(f"/me/reviews/{review.pk}", json={"body": "Late edit", "version": review.version})
    assert (response.status_code, response.json()["detail"]) == (403, "You cannot edit a review that is “Submitted”.")


def test_a_draft_larger_than_the_editors_limit_is_refused(as_role, author, settings):
    settings.DIGEST_MAX_BODY_BYTES = 1000
    draft = ReviewFactory(reviewer=author, status="draft", body="Short.")
    response = as_role("author").put(f"/me/reviews/{draft.pk}", json={"body": "x" * 2000, "version": draft.version})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "__all__": ["The text is 2 KB; the limit is 1 KB. Shorten it, or split it into two reviews."]
    }
    assert Review.objects.get(pk=draft.pk).body == "Short."


def test_a_claimed_paper_cannot_be_claimed_again(as_role):
    paper = PaperFactory()
    assert as_role("reviewer").post(f"/papers/{paper.pk}/claim").status_code == 201
    response = as_role("author").post(f"/papers/{paper.pk}/claim")
    assert (response.status_code, response.json()["detail"]) == (409, "Someone is already reading this paper.")


def test_a_revoked_token_is_refused_at_once(http, author):
    from api.tokens import revoke_token

    token, key = create_token(author.user, name="script")
    headers = {"Authorization": f"Bearer {key}"}
    assert http.get("/me/reviews", headers=headers).status_code == 200
    revoke_token(token.pk, by=author.user)
    assert http.get("/me/reviews", headers=headers).status_code == 401
