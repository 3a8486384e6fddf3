"""The public API over HTTP: only what is published, every export, the archive's filters, keyset pages, cache."""

import datetime

import pytest
from openapi_spec_validator import validate

from digest import services as issue_services
from tests.factories import IssueEntryFactory, IssueFactory, ReviewerFactory, ReviewFactory, SeriesFactory

pytestmark = pytest.mark.django_db(transaction=True)


def publish(editor, series, month, *titles, language="en"):
    issue = IssueFactory(
        series=series, period_start=datetime.date(2020, month, 1), period_end=datetime.date(2020, month, 1)
    )
    for position, title in enumerate(titles, start=1):
        review = ReviewFactory(status="approved", paper__title=title, language=language)
        IssueEntryFactory(issue=issue, review=review, position=position)
    return issue_services.publish_issue(issue, by=editor, url=f"https://habr.com/post/{month}/")


def test_the_openapi_document_is_served_and_valid(http):
    response = http.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["info"]["title"] == "Digest API"
    assert {"MemberToken", "EditorToken"} <= set(document["components"]["securitySchemes"])


def test_a_published_issue_comes_with_its_post_in_every_export_format(http, editor):
    series = SeriesFactory(name="Reading articles for you")
    issue = publish(editor, series, 4, "Layer rotation", "Attention")
    IssueFactory(series=series, slug="planned-one")
    listing = http.get("/issues").json()
    assert [row["slug"] for row in listing["results"]] == [issue.slug]
    assert listing["next"] is None

    detail = http.get(f"/issues/{issue.slug}").json()
    assert detail["title"] == "Reading articles for you. April 2020"
    assert [entry["title"] for entry in detail["entries"]] == ["Layer rotation", "Attention"]
    assert sorted(detail["exports"]) == ["habr", "html", "markdown", "text"]
    assert "1. Layer rotation" in detail["exports"]["text"]
    assert detail["exports"]["html"].startswith("<!doctype html>")
    assert http.get("/issues/planned-one").status_code == 404


def test_nothing_unpublished_leaks(http, author):
    draft = ReviewFactory(reviewer=author, status="approved", paper__title="Secret approved paper")
    bodies = [http.get(path).text for path in ("/reviews", "/papers", "/reviewers", "/issues", "/series")]
    assert all("Secret approved paper" not in body and "Ann Author" not in body for body in bodies)
    assert http.get(f"/reviews/{draft.pk}").status_code == 404
    assert http.get(f"/reviewers/{author.slug}").status_code == 404


def test_reviews_filter_as_on_the_archive_and_page_by_keyset(http, editor):
    series = SeriesFactory()
    publish(editor, series, 1, *[f"English paper {n}" for n in range(25)])
    publish(editor, SeriesFactory(language="ru"), 2, "Русская статья", language="ru")

    first = http.get("/reviews", params={"language": "en"}).json()
    assert len(first["results"]) == 20
    assert "after=" in first["next"] and "language=en" in first["next"]
    second = http.get(first["next"]).json()
    assert len(second["results"]) == 5 and second["next"] is None
    titles = [row["paper"]["title"] for row in first["results"] + second["results"]]
    assert sorted(titles) == sorted(f"English paper {n}" for n in range(25))

    russian = http.get("/reviews", params={"language": "ru"}).json()["results"]
    assert [row["paper"]["title"] for row in russian] == ["Русская статья"]
    assert http.get("/reviews", params={"year": "nonsense"}).json()["errors"] == {"year": ["Enter a number."]}


def test_public_answers_are_cached_and_change_as_soon_as_something_is_published(http, editor):
    series = SeriesFactory()
    publish(editor, series, 1, "First")
    assert [row["paper"]["title"] for row in http.get("/reviews").json()["results"]] == ["First"]
    publish(editor, series, 2, "Second")
    assert [row["paper"]["title"] for row in http.get("/reviews").json()["results"]] == ["Second", "First"]


def test_a_client_with_a_current_copy_gets_304(http, editor):
    series = SeriesFactory()
    publish(editor, series, 1, "First")
    etag = http.get("/reviews").headers["ETag"]
    assert http.get("/reviews", headers={"If-None-Match": etag}).status_code == 304
    publish(editor, series, 2, "Second")
    assert http.get("/reviews", headers={"If-None-Match": etag}).status_code == 200


def test_a_wrong_token_is_refused_even_where_none_is_needed(http):
    response = http.get("/issues", headers={"Authorization": "Bearer dgst_not-a-real-token"})
    assert (response.status_code, response.json()["detail"]) == (
        401, "A valid personal token is needed: Authorization: Bearer dgst_…"
    )  # fmt: skip


def test_the_api_is_rate_limited(http, settings):
    settings.DIGEST_RATE_LIMITS = {**settings.DIGEST_RATE_LIMITS, "api": "3/m"}
    answers = [http.get("/series").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert http.get("/series").headers["Retry-After"] == "60"


def test_reviewers_list_only_those_with_a_published_review(http, editor):
    published = ReviewFactory(status="approved", reviewer=ReviewerFactory(display_name="Pia Published"))
    issue = IssueFactory()
    IssueEntryFactory(issue=issue, review=published)
    issue_services.publish_issue(issue, by=editor, url="https://habr.com/post/9/")
    ReviewerFactory(display_name="Nora Nothing")
    names = [row["display_name"] for row in http.get("/reviewers").json()["results"]]
    assert names == ["Pia Published"]
