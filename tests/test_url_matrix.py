"""Who gets what: every URL pattern of the project × five roles, against a table written here.

Walks the whole URLconf (the admin included). A pattern without an entry in MATRIX fails
`test_every_url_pattern_has_an_entry`, so a new URL cannot ship without deciding who may see it.
Each entry gives one or more concrete GET requests and the answer each role must get:
200, 403, 404, 405 (POST-only), LOGIN (302 to the members' login), ADMIN (302 to the admin
login) or REDIRECT (302 elsewhere). Members who open the desk get 403: a page saying it is for editors.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from digest import services as issue_services
from reviews.models import Invitation, ReviewEvent
from tests.chat_server import connect_channel
from tests.factories import (
    AssignmentFactory,
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
    TopicFactory,
)

ROLES = ("anonymous", "reviewer", "author", "editor", "superuser")
LOGIN, ADMIN, REDIRECT = "login", "admin login", "redirect"


def everyone(code):
    return dict.fromkeys(ROLES, code)


def members(code, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], code)}


def admin(editor, superuser=200):
    """Admin pages: anonymous visitors are sent to the admin login; members (logged in, not staff)
    are told that the desk is for editors (403, a page in the site's look leading to My work)."""
    return {"anonymous": ADMIN, "reviewer": 403, "author": 403, "editor": editor, "superuser": superuser}


def own(author, others=404, editor=200, superuser=200):
    """A member page about one object: its author (and editors) see it; anyone else is told it does not exist."""
    return {"anonymous": LOGIN, "reviewer": others, "author": author, "editor": editor, "superuser": superuser}


PUBLIC = everyone(200)
LOGGED_OUT_ONLY = {"anonymous": 200, **dict.fromkeys(ROLES[1:], REDIRECT)}


def model_admin(path, obj, *, view, add, delete, editor_view=200, superuser_add=200, superuser_delete=200):
    """The standard admin URLs of one model, with what an editor may do there."""
    return {
        f"admin/{path}/": [(f"/admin/{path}/", admin(editor_view))],
        f"admin/{path}/add/": [(f"/admin/{path}/add/", admin(add, superuser_add))],
        f"admin/{path}/<path:object_id>/change/": [(f"/admin/{path}/{{{obj}.pk}}/change/", admin(view))],
        f"admin/{path}/<path:object_id>/history/": [(f"/admin/{path}/{{{obj}.pk}}/history/", admin(view))],
        f"admin/{path}/<path:object_id>/delete/": [
            (f"/admin/{path}/{{{obj}.pk}}/delete/", admin(delete, superuser_delete))
        ],
        # Django's redirect from the bare object URL to its change page.
        f"admin/{path}/<path:object_id>/": [(f"/admin/{path}/{{{obj}.pk}}/", admin(REDIRECT, REDIRECT))],
    }


MATRIX = {
    # --- the public archive -------------------------------------------------------------------
    "": [("/", PUBLIC)],
    "healthz": [("/healthz", PUBLIC)],
    "issues/<str:slug>/": [("/issues/{issue.slug}/", PUBLIC), ("/issues/{planned_issue.slug}/", everyone(404))],
    "series/<str:slug>/": [("/series/{series.slug}/", PUBLIC)],
    "reviews/": [("/reviews/", PUBLIC), ("/reviews/?q=rotation&language=en", PUBLIC)],
    "reviews/<int:pk>/": [("/reviews/{published.pk}/", PUBLIC), ("/reviews/{draft.pk}/", everyone(404))],
    "reviewers/<str:slug>/": [
        ("/reviewers/{author_profile.slug}/", PUBLIC),
        ("/reviewers/{unpublished_reviewer.slug}/", everyone(404)),
    ],
    "feeds/issues.rss": [("/feeds/issues.rss", PUBLIC)],
    "feeds/issues.atom": [("/feeds/issues.atom", PUBLIC)],
    "series/<str:slug>/feed.rss": [("/series/{series.slug}/feed.rss", PUBLIC)],
    "series/<str:slug>/feed.atom": [("/series/{series.slug}/feed.atom", PUBLIC)],
    "sitemap.xml": [("/sitemap.xml", PUBLIC)],
    "sitemap-<slug:section>.xml": [("/sitemap-issues.xml", PUBLIC), ("/sitemap-drafts.xml", everyone(404))],
    "^media/(?P<path>.+)$": [("/media/{media_path}", PUBLIC), ("/media/uploads/missing.png", everyone(404))],
    # --- accounts -----------------------------------------------------------------------------
    "accounts/login/": [("/accounts/login/", LOGGED_OUT_ONLY)],
    "accounts/logout/": [("/accounts/logout/", everyone(405))],
    "accounts/signup/": [("/accounts/signup/", LOGGED_OUT_ONLY)],
    "accounts/signup/<str:token>/": [
        ("/accounts/signup/{invitation.token}/", LOGGED_OUT_ONLY),
        ("/accounts/signup/not-a-token/", everyone(404)),
    ],
    "accounts/password_change/": [("/accounts/password_change/", members(200))],
    "accounts/password_change/done/": [("/accounts/password_change/done/", members(200))],
    "accounts/password_reset/": [("/accounts/password_reset/", PUBLIC)],
    "accounts/signup/sent/": [("/accounts/signup/sent/", PUBLIC)],
    "accounts/signup/confirm/<uidb64>/<token>/": [("/accounts/signup/confirm/MQ/nope/", everyone(404))],
    "accounts/password_reset/done/": [("/accounts/password_reset/done/", PUBLIC)],
    "accounts/reset/<uidb64>/<token>/": [("/accounts/reset/MQ/not-a-token/", PUBLIC)],
    "accounts/reset/done/": [("/accounts/reset/done/", PUBLIC)],
    "i18n/setlang/": [("/i18n/setlang/", everyone(REDIRECT))],
    # --- members' pages -------------------------------------------------------------------------
    "papers/": [("/papers/", members(200))],
    "papers/propose/": [("/papers/propose/", members(200))],
    "papers/duplicates/": [("/papers/duplicates/?title=Attention", members(200))],
    "papers/<int:pk>/": [("/papers/{open_paper.pk}/", members(200))],
    "papers/<int:pk>/claim/": [("/papers/{open_paper.pk}/claim/", members(405))],
    "me/": [("/me/", members(200))],
    "me/profile/": [("/me/profile/", members(200))],
    "me/assignments/<int:pk>/respond/": [
        ("/me/assignments/{assignment.pk}/respond/", own(405, others=405, editor=405, superuser=405))
    ],
    "me/assignments/<int:pk>/start/": [
        ("/me/assignments/{assignment.pk}/start/", own(405, others=405, editor=405, superuser=405))
    ],
    "me/reviews/<int:pk>/": [("/me/reviews/{draft.pk}/", own(200))],
    "me/reviews/<int:pk>/edit/": [("/me/reviews/{draft.pk}/edit/", own(200))],
    "me/reviews/<int:pk>/autosave/": [("/me/reviews/{draft.pk}/autosave/", everyone(405))],
    "me/reviews/<int:pk>/withdraw/": [
        ("/me/reviews/{draft.pk}/withdraw/", own(405, others=405, editor=405, superuser=405))
    ],
    "markdownx/markdownify/": [("/markdownx/markdownify/", members(405))],
    "markdownx/upload/": [("/markdownx/upload/", members(405))],
    # --- the JSON API (api/) -------------------------------------------------------------------
    # It ignores the session: public reads answer everyone alike, the rest want a personal token
    # (401 here, whoever is logged in). tests/api/test_api_roles.py runs every route with tokens.
    "api/v1/openapi.json": [("/api/v1/openapi.json", PUBLIC)],
    "api/v1/": [("/api/v1/", everyone(404))],
    "api/v1/issues": [("/api/v1/issues", PUBLIC), ("/api/v1/issues?series={series.slug}", PUBLIC)],
    "api/v1/issues/<slug>": [
        ("/api/v1/issues/{issue.slug}", PUBLIC),
        ("/api/v1/issues/{planned_issue.slug}", everyone(404)),
    ],
    "api/v1/reviews": [("/api/v1/reviews", PUBLIC), ("/api/v1/reviews?q=rotation&language=en", PUBLIC)],
    "api/v1/reviews/<int:pk>": [
        ("/api/v1/reviews/{published.pk}", PUBLIC),
        ("/api/v1/reviews/{draft.pk}", everyone(404)),
    ],
    "api/v1/reviewers": [("/api/v1/reviewers", PUBLIC)],
    "api/v1/reviewers/<slug>": [
        ("/api/v1/reviewers/{author_profile.slug}", PUBLIC),
        ("/api/v1/reviewers/{unpublished_reviewer.slug}", everyone(404)),
    ],
    "api/v1/papers": [("/api/v1/papers", PUBLIC)],
    "api/v1/series": [("/api/v1/series", PUBLIC)],
    "api/v1/series/<slug>": [("/api/v1/series/{series.slug}", PUBLIC)],
    "api/v1/papers/<int:pk>/claim": [("/api/v1/papers/{open_paper.pk}/claim", everyone(405))],
    "api/v1/me/assignments": [("/api/v1/me/assignments", everyone(401))],
    "api/v1/me/reviews": [("/api/v1/me/reviews", everyone(401))],
    "api/v1/me/reviews/<int:pk>": [("/api/v1/me/reviews/{draft.pk}", everyone(401))],
    "api/v1/me/reviews/<int:pk>/submit": [("/api/v1/me/reviews/{draft.pk}/submit", everyone(405))],
    "api/v1/desk/reviews/<int:pk>/decision": [("/api/v1/desk/reviews/{submitted.pk}/decision", everyone(405))],
    "api/v1/desk/issues": [("/api/v1/desk/issues", everyone(401))],
    "api/v1/desk/issues/<int:pk>": [("/api/v1/desk/issues/{planned_issue.pk}", everyone(401))],
    "api/v1/desk/issues/<int:pk>/entries": [("/api/v1/desk/issues/{planned_issue.pk}/entries", everyone(405))],
    "api/v1/desk/issues/<int:pk>/order": [("/api/v1/desk/issues/{planned_issue.pk}/order", everyone(405))],
    "api/v1/desk/issues/<int:pk>/export/<fmt>": [
        ("/api/v1/desk/issues/{planned_issue.pk}/export/markdown", everyone(401))
    ],
    "api/v1/desk/issues/<int:pk>/publish": [("/api/v1/desk/issues/{planned_issue.pk}/publish", everyone(405))],
    # The profile page's token section: POST only.
    "me/tokens/": [("/me/tokens/", members(405))],
    "me/tokens/<int:pk>/revoke/": [("/me/tokens/1/revoke/", members(405))],
    # --- the admin ------------------------------------------------------------------------------
    "admin/": [("/admin/", admin(200))],
    "admin/login/": [
        ("/admin/login/", {"anonymous": 200, "reviewer": 403, "author": 403, "editor": REDIRECT, "superuser": REDIRECT})
    ],
    # Logging out is a POST; people without staff status are sent to the admin index (then its login).
    "admin/logout/": [("/admin/logout/", admin(405, 405) | dict.fromkeys(ROLES[:3], REDIRECT))],
    "admin/password_change/": [("/admin/password_change/", admin(200))],
    "admin/password_change/done/": [("/admin/password_change/done/", admin(200))],
    "admin/autocomplete/": [("/admin/autocomplete/", admin(403, 403))],
    "admin/jsi18n/": [("/admin/jsi18n/", admin(200))],
    "admin/r/<path:content_type_id>/<path:object_id>/": [
        ("/admin/r/{review_type}/{published.pk}/", admin(REDIRECT, REDIRECT))
    ],
    "admin/^(?P<app_label>auth|axes|django_q|reviews|outbox|digest|chat)/$": [
        ("/admin/reviews/", admin(200)),
        ("/admin/auth/", admin(404)),
    ],
    "admin/(?P<url>.*)$": [("/admin/no/such/page/", admin(404, 404))],
    **model_admin("auth/group", "group", view=403, add=403, delete=403, editor_view=403),
    **model_admin("auth/user", "editor_user", view=403, add=403, delete=403, editor_view=403),
    "admin/auth/user/<id>/password/": [("/admin/auth/user/{editor_user.pk}/password/", admin(403))],
    **model_admin("axes/accessattempt", "attempt", view=403, add=403, delete=403, editor_view=403, superuser_add=403),
    **model_admin("axes/accesslog", "access_log", view=403, add=403, delete=403, editor_view=403, superuser_add=403),
    **model_admin(
        "axes/accessfailurelog", "failure_log", view=403, add=403, delete=403, editor_view=403, superuser_add=403
    ),
    # The task queue's own pages (django-q2): superusers only. Editors see mail in the outbox.
    **model_admin("django_q/schedule", "schedule", view=403, add=403, delete=403, editor_view=403),
    **model_admin("django_q/success", "success", view=403, add=403, delete=403, editor_view=403, superuser_add=403),
    **model_admin("django_q/failure", "failure", view=403, add=403, delete=403, editor_view=403, superuser_add=403),
    **model_admin("django_q/ormq", "queued_job", view=403, add=403, delete=403, editor_view=403, superuser_add=403),
    # The outbox: editors read it and send again; nobody writes a message by hand.
    **model_admin("outbox/message", "message", view=200, add=403, delete=403, superuser_add=403),
    # Chat channels of a series: editors connect them and send a test message (a POST).
    **model_admin("chat/chatchannel", "chat_channel", view=200, add=200, delete=200),
    "admin/chat/chatchannel/<path:object_id>/send-test/": [
        ("/admin/chat/chatchannel/{chat_channel.pk}/send-test/", admin(405, 405))
    ],
    **model_admin("reviews/assignment", "assignment", view=200, add=200, delete=200),
    **model_admin("reviews/paper", "open_paper", view=200, add=200, delete=403),
    "admin/reviews/paper/<path:object_id>/reject/": [("/admin/reviews/paper/{open_paper.pk}/reject/", admin(200))],
    "admin/reviews/paper/^([^/]+)/history/([^/]+)/$": [
        ("/admin/reviews/paper/{open_paper.pk}/history/{paper_history_id}/", admin(200))
    ],
    **model_admin("reviews/review", "draft", view=200, add=200, delete=403),
    "admin/reviews/review/<path:object_id>/decide/<str:to>/": [
        ("/admin/reviews/review/{submitted.pk}/decide/approved/", admin(200)),
        ("/admin/reviews/review/{submitted.pk}/decide/published/", admin(404, 404)),
    ],
    "admin/reviews/review/<path:object_id>/versions/": [("/admin/reviews/review/{draft.pk}/versions/", admin(200))],
    "admin/reviews/review/<path:object_id>/versions/restore/": [
        ("/admin/reviews/review/{draft.pk}/versions/restore/", admin(405, 405))
    ],
    **model_admin("reviews/topic", "topic", view=200, add=200, delete=200),
    **model_admin("reviews/reviewer", "author_profile", view=200, add=200, delete=403),
    **model_admin("reviews/invitation", "invitation", view=200, add=200, delete=403),
    **model_admin("digest/series", "series", view=200, add=403, delete=403),
    **model_admin("digest/issue", "planned_issue", view=200, add=200, delete=403),
    "admin/digest/issue/import/": [("/admin/digest/issue/import/", admin(200))],
    "admin/digest/issue/<path:object_id>/export/<str:fmt>/": [
        ("/admin/digest/issue/{issue.pk}/export/markdown/", admin(200)),
        ("/admin/digest/issue/{issue.pk}/export/zip/", admin(200)),
        ("/admin/digest/issue/{issue.pk}/export/pdf/", admin(404, 404)),
    ],
    **{
        f"admin/digest/issue/<path:object_id>/{page}/": [
            (f"/admin/digest/issue/{{planned_issue.pk}}/{page}/", admin(200))
        ]
        for page in ("split", "translate", "workspace", "workspace/preview", "workspace/pool")
    },
    # The old pages of the issue open its workspace; publishing and adding take POSTs there.
    **{
        f"admin/digest/issue/<path:object_id>/{page}/": [
            (f"/admin/digest/issue/{{planned_issue.pk}}/{page}/", admin(REDIRECT, REDIRECT))
        ]
        for page in ("preview", "add-reviews", "publish")
    },
    # Changes saved at once by the workspace's script: POST only.
    **{
        f"admin/digest/issue/<path:object_id>/workspace/{change}/": [
            (f"/admin/digest/issue/{{planned_issue.pk}}/workspace/{change}/", admin(405, 405))
        ]
        for change in ("order", "add", "remove")
    },
}


def url_patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_url_pattern_has_an_entry():
    missing = sorted(set(url_patterns()) - set(MATRIX))
    assert missing == [], "add these URL patterns to MATRIX with who may see them"


def test_the_matrix_names_no_url_that_does_not_exist():
    assert sorted(set(MATRIX) - set(url_patterns())) == []


@pytest.fixture
def world(db, editor, superuser, author, other_reviewer, settings, tmp_path):
    """One of everything, owned by `author` where something has an owner."""
    series = SeriesFactory(slug="reading")
    issue = IssueFactory(series=series, slug="july-2019", period_start=datetime.date(2019, 7, 1))
    published = ReviewFactory(reviewer=author, status="approved", paper=PaperFactory(title="Layer rotation"))
    IssueEntryFactory(issue=issue, review=published)
    issue_services.publish_issue(issue, by=editor, url="https://example.org/post")
    open_paper = PaperFactory()
    PaperLinkFactory(paper=open_paper)
    media = settings.MEDIA_ROOT / "uploads" / "x.png"
    media.parent.mkdir(parents=True)
    media.write_bytes(b"\x89PNG\r\n\x1a\n")
    return {
        "series": series,
        "issue": issue,
        "planned_issue": IssueFactory(series=series, slug="planned"),
        "published": published,
        "draft": ReviewFactory(reviewer=author, status="draft"),
        "submitted": ReviewFactory(reviewer=author, status="submitted"),
        "open_paper": open_paper,
        "paper_history_id": open_paper.history.latest().history_id,
        "assignment": AssignmentFactory(reviewer=author, status="offered"),
        "author_profile": author,
        "unpublished_reviewer": ReviewerFactory(),
        "topic": TopicFactory(),
        "chat_channel": connect_channel(series, "https://chat.example.org/hooks/secret"),
        "invitation": Invitation.objects.create(email="new@example.org", invited_by=editor),
        "group": __import__("django.contrib.auth.models", fromlist=["Group"]).Group.objects.get(name="Editors"),
        "editor_user": editor,
        "attempt": _axes("AccessAttempt"),
        "access_log": _axes("AccessLog"),
        "failure_log": _axes("AccessFailureLog"),
        **_queue_rows(),
        "review_type": ContentType.objects.get_for_model(published).pk,
        "media_path": "uploads/x.png",
        "users": {
            "reviewer": other_reviewer.user,
            "author": author.user,
            "editor": editor,
            "superuser": superuser,
        },
        "events": ReviewEvent.objects.count(),
    }


def _queue_rows():
    from django.utils import timezone
    from django_q.models import Failure, OrmQ, Schedule, Success

    from reviews.outbox.models import Message

    task = {"name": "job", "func": "reviews.outbox.services.deliver_due", "started": timezone.now(),
            "stopped": timezone.now()}  # fmt: skip
    return {
        "schedule": Schedule.objects.create(name="Matrix", func="reviews.outbox.services.deliver_due"),
        "success": Success.objects.create(id="a" * 32, success=True, **task),
        "failure": Failure.objects.create(id="b" * 32, success=False, **task),
        "queued_job": OrmQ.objects.create(key="digest", payload="x", lock=timezone.now()),
        "message": Message.objects.create(kind="invitation", recipients="a@example.org", subject="Join", body="b"),
    }


def _axes(model_name):
    from django.apps import apps
    from django.utils import timezone

    model = apps.get_model("axes", model_name)
    fields = {"user_agent": "test", "ip_address": "203.0.113.1", "username": "x", "attempt_time": timezone.now()}
    if model_name == "AccessAttempt":
        fields |= {"get_data": "", "post_data": "", "http_accept": "", "path_info": "/", "failures_since_start": 1}
    elif model_name == "AccessLog":
        fields |= {"http_accept": "", "path_info": "/"}
    else:
        fields |= {"http_accept": "", "path_info": "/", "locked_out": False}
    return model.objects.create(**fields)


def answer(response):
    if response.streaming:  # media files: reading to the end closes the file (the test client's wrapper)
        b"".join(response.streaming_content)
    if response.status_code in {301, 302}:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN
        if location.startswith("/accounts/login/"):
            return LOGIN
        return REDIRECT
    return response.status_code


CASES = [(pattern, index) for pattern, requests in MATRIX.items() for index in range(len(requests))]


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_answer_on_every_url(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    wrong = []
    for pattern, requests in MATRIX.items():
        for template, expected in requests:
            url = template.format(**world)
            got = answer(client.get(url))
            if got != expected[role]:
                wrong.append(f"{url} ({pattern}): expected {expected[role]}, got {got}")
    assert wrong == [], "\n".join(wrong)
    assert ReviewEvent.objects.count() == world["events"]  # looking changes nothing


# State-changing endpoints answer only POST; here, those who may not act POST to them and must be
# refused without anything changing. (What the allowed roles' POSTs do is tested with each view.)
POST_REFUSED = {
    "/papers/{open_paper.pk}/claim/": {"anonymous": LOGIN},
    "/me/assignments/{assignment.pk}/respond/": {"anonymous": LOGIN, "reviewer": 404},
    "/me/assignments/{assignment.pk}/start/": {"anonymous": LOGIN, "reviewer": 404},
    "/me/reviews/{draft.pk}/edit/": {"anonymous": LOGIN, "reviewer": 404},
    "/me/reviews/{draft.pk}/autosave/": {"anonymous": 200, "reviewer": 404},
    "/me/reviews/{draft.pk}/withdraw/": {"anonymous": LOGIN, "reviewer": 404},
    "/markdownx/markdownify/": {"anonymous": LOGIN},
    "/markdownx/upload/": {"anonymous": LOGIN},
    "/admin/reviews/review/{submitted.pk}/decide/approved/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/reviews/review/{draft.pk}/versions/restore/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/reviews/review/{draft.pk}/change/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/digest/issue/{planned_issue.pk}/change/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/digest/issue/{planned_issue.pk}/publish/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/digest/issue/{planned_issue.pk}/split/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/digest/issue/{planned_issue.pk}/translate/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    "/admin/digest/issue/{planned_issue.pk}/add-reviews/": {"anonymous": ADMIN, "reviewer": 403, "author": 403},
    **{
        f"/admin/digest/issue/{{planned_issue.pk}}/workspace/{change}/": {
            "anonymous": ADMIN,
            "reviewer": 403,
            "author": 403,
        }
        for change in ("order", "add", "remove")
    },
    "/admin/digest/series/{series.pk}/change/": {"editor": 403},
    "/admin/auth/user/{editor_user.pk}/change/": {"editor": 403},
}


def snapshot():
    from digest.models import Issue, IssueEntry
    from reviews.models import Assignment, Paper, Review

    return (
        list(Review.objects.order_by("pk").values_list("pk", "status", "version", "body")),
        list(Assignment.objects.order_by("pk").values_list("pk", "status")),
        list(Paper.objects.order_by("pk").values_list("pk", "status", "title")),
        list(Issue.objects.order_by("pk").values_list("pk", "status", "published_url", "part")),
        list(IssueEntry.objects.order_by("pk").values_list("pk", "issue_id", "position")),
        ReviewEvent.objects.count(),
    )


@pytest.mark.parametrize("role", ["anonymous", "reviewer", "author", "editor"])
def test_refused_posts_change_nothing(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    before = snapshot()
    wrong = []
    for template, expected in POST_REFUSED.items():
        if role in expected:
            url = template.format(**world)
            got = answer(client.post(url, {"body": "Hijacked.", "version": 1, "comment": "x", "name": "Hacked"}))
            if got != expected[role]:
                wrong.append(f"POST {url}: expected {expected[role]}, got {got}")
    assert wrong == [], "\n".join(wrong)
    assert snapshot() == before
