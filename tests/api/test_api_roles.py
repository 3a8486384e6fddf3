"""Every API route × every role, over HTTP with each role's personal token, against a table written here.

The session plays no part (tests/test_url_matrix.py checks that a logged-in browser gets nothing
more than anyone). A route missing from ROUTES fails test_every_api_route_has_an_entry. Writes
are sent in a form each role's answer tells apart without changing anything that matters.
"""

import datetime

import pytest

from api.main import api
from digest import services as issue_services
from tests.factories import (
    AssignmentFactory,
    IssueEntryFactory,
    IssueFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
)

from .conftest import ROLES


def everyone(code):
    return dict.fromkeys(ROLES, code)


def members(code, *, others=None, editors=None):
    """401 without a token; `code` for members, `others` for the reviewer who does not own the object."""
    answer = {"anonymous": 401, "reviewer": others or code, "author": code}
    return answer | dict.fromkeys(("editor", "superuser"), editors or code)


def editors(code):
    return {"anonymous": 401, "reviewer": 403, "author": 403, "editor": code, "superuser": code}


ROUTES = {
    "/openapi.json": [("get", "/openapi.json", None, everyone(200))],
    "/issues": [("get", "/issues", None, everyone(200))],
    "/issues/{slug}": [
        ("get", "/issues/{issue.slug}", None, everyone(200)),
        ("get", "/issues/{planned_issue.slug}", None, everyone(404)),
    ],
    "/reviews": [("get", "/reviews?language=en", None, everyone(200)), ("get", "/reviews?year=x", None, everyone(400))],
    "/reviews/{pk}": [
        ("get", "/reviews/{published.pk}", None, everyone(200)),
        ("get", "/reviews/{draft.pk}", None, everyone(404)),
    ],
    "/reviewers": [("get", "/reviewers", None, everyone(200))],
    "/reviewers/{slug}": [
        ("get", "/reviewers/{author_profile.slug}", None, everyone(200)),
        ("get", "/reviewers/{unpublished_reviewer.slug}", None, everyone(404)),
    ],
    "/papers": [("get", "/papers", None, everyone(200)), ("post", "/papers", {}, members(422))],
    "/series": [("get", "/series", None, everyone(200))],
    "/series/{slug}": [("get", "/series/{series.slug}", None, everyone(200))],
    "/papers/{pk}/claim": [("post", "/papers/{taken_paper.pk}/claim", None, members(409))],
    "/me/assignments": [("get", "/me/assignments", None, members(200))],
    "/me/reviews": [("get", "/me/reviews", None, members(200))],
    "/me/reviews/{pk}": [
        ("get", "/me/reviews/{draft.pk}", None, members(200, others=404)),
        ("put", "/me/reviews/{draft.pk}", {"body": "stale", "version": 99}, members(409, others=404)),
        ("get", "/me/reviews/{published.pk}", None, members(200)),  # published: anyone's to read
    ],
    "/me/reviews/{pk}/submit": [("post", "/me/reviews/{submitted.pk}/submit", None, members(409, others=404))],
    "/desk/reviews/{pk}/decision": [
        ("post", "/desk/reviews/{submitted.pk}/decision", {"decision": "maybe"}, editors(400))
    ],
    "/desk/issues": [
        ("get", "/desk/issues", None, editors(200)),
        ("post", "/desk/issues", {"series": "no-such-series", "period_start": "2020-01-01"}, editors(400)),
    ],
    "/desk/issues/{pk}": [("get", "/desk/issues/{planned_issue.pk}", None, editors(200))],
    "/desk/issues/{pk}/entries": [
        ("post", "/desk/issues/{planned_issue.pk}/entries", {"review_ids": ["{draft.pk}"]}, editors(400))
    ],
    "/desk/issues/{pk}/order": [("put", "/desk/issues/{planned_issue.pk}/order", {"entry_ids": [0]}, editors(400))],
    "/desk/issues/{pk}/export/{fmt}": [
        ("get", "/desk/issues/{planned_issue.pk}/export/markdown", None, editors(200)),
        ("get", "/desk/issues/{planned_issue.pk}/export/pdf", None, editors(404)),
    ],
    "/desk/issues/{pk}/publish": [
        ("post", "/desk/issues/{planned_issue.pk}/publish", {"url": "https://example.org/post"}, editors(400))
    ],
}


def api_routes():
    schema = api.get_openapi_schema()
    return {path.removeprefix("/api/v1") for path in schema["paths"]} | {"/openapi.json"}


def test_every_api_route_has_an_entry():
    assert sorted(api_routes() ^ set(ROUTES)) == []


@pytest.fixture
def world(transactional_db, editor, author, other_reviewer):
    series = SeriesFactory(slug="reading")
    issue = IssueFactory(series=series, slug="july-2019", period_start=datetime.date(2019, 7, 1))
    published = ReviewFactory(reviewer=author, status="approved", paper__title="Layer rotation", language="en")
    IssueEntryFactory(issue=issue, review=published)
    issue_services.publish_issue(issue, by=editor, url="https://example.org/post")
    return {
        "series": series,
        "issue": issue,
        "planned_issue": IssueFactory(series=series, slug="planned"),
        "published": published,
        "draft": ReviewFactory(reviewer=author, status="draft"),
        "submitted": ReviewFactory(reviewer=author, status="submitted"),
        "taken_paper": AssignmentFactory(reviewer=other_reviewer).paper,
        "author_profile": author,
        "unpublished_reviewer": ReviewerFactory(),
    }


def fill(value, world):
    if isinstance(value, str):
        text = value.format(**world)
        return int(text) if value.startswith("{") and text.isdigit() else text
    if isinstance(value, list):
        return [fill(item, world) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, world) for key, item in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_answer_on_every_api_route(as_role, world, role):
    caller, wrong = as_role(role), []
    for requests in ROUTES.values():
        for method, path, body, expected in requests:
            url = fill(path, world)
            response = getattr(caller, method)(url, **({"json": fill(body, world)} if body is not None else {}))
            if response.status_code != expected[role]:
                wrong.append(f"{method.upper()} {url}: {response.status_code}, expected {expected[role]}")
    assert wrong == []
