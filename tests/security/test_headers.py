"""Security headers on every kind of page: a strict CSP without inline code, nosniff, referrer policy."""

import io

import pytest
from django.core.management import call_command

from digest.models import Issue
from tests.security.crawl import crawl

PAGES = ["/", "/reviews/", "/accounts/login/", "/accounts/signup/", "/admin/login/"]
STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_sends_a_strict_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_html_has_no_inline_script_or_style(client, url):
    html = client.get(url).content.decode()
    assert "<script>" not in html and '<script type="text/javascript">' not in html
    assert ' style="' not in html and "<style" not in html


# --- every page each role reaches in the demo content --------------------------------------------

# django-simple-history's history page: <p class="paginator" style="border-top: 0"> (its template,
# simple_history/object_history_list.html). The policy blocks the attribute; the paginator keeps
# the admin's border. Reported; fixing it means overriding the whole template.
THIRD_PARTY_INLINE = {("/history/", 'style="border-top: 0" on <p class="paginator">')}
STARTS = {
    "anonymous": ["/", "/reviews/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/", "/admin/"],
    "reviewer": ["/", "/me/", "/me/profile/", "/papers/", "/papers/propose/"],
    "other reviewer": ["/me/", "/me/profile/", "/papers/"],
    "editor": ["/admin/", "/me/", "/papers/"],
    "superuser": ["/admin/"],
}


def person(role):
    from django.contrib.auth import get_user_model

    from tests.factories import ReviewerFactory, UserFactory

    users = get_user_model().objects
    if role == "reviewer":
        return users.get(username="reviewer@example.org")
    if role == "editor":
        return users.get(username="editor@example.org")
    if role == "other reviewer":
        return ReviewerFactory(user=UserFactory(username="someone.else@example.org")).user
    if role == "superuser":
        return UserFactory(username="root@example.org", is_staff=True, is_superuser=True)
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(STARTS))
@pytest.mark.filterwarnings(  # main's paper admin builds URLFields without assume_scheme (the desk branch sets it)
    "ignore:The default scheme will be changed:django.utils.deprecation.RemovedInDjango60Warning"
)
def test_every_page_a_role_reaches_sends_the_policy_and_has_no_inline_code(client, role):
    call_command("seed_demo", stdout=io.StringIO())
    if user := person(role):
        client.force_login(user)
    starts = STARTS[role] + [
        f"/admin/digest/issue/{pk}/workspace/" for pk in Issue.objects.values_list("pk", flat=True)
    ]
    visits = crawl(client, starts if role in {"editor", "superuser"} else STARTS[role])
    pages = [visit for visit in visits if visit.headers.get("Content-Type", "").startswith("text/html")]
    assert len(pages) >= {"anonymous": 12, "reviewer": 20, "other reviewer": 12, "editor": 70, "superuser": 70}[role]
    assert [(visit.url, visit.status) for visit in visits if visit.status >= 500] == []
    problems = []
    for visit in pages:
        policy = visit.headers.get("Content-Security-Policy", "")
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        # The workspace's preview is framed by the workspace, and by no other site.
        strict = {**STRICT, "frame-ancestors": "'self'"} if visit.url.endswith("/workspace/preview/") else STRICT
        if {key: directives.get(key) for key in STRICT} != strict or "unsafe" in policy:
            problems.append((visit.url, f"policy {policy!r}"))
        if visit.headers.get("X-Content-Type-Options") != "nosniff":
            problems.append((visit.url, "no nosniff"))
        if visit.headers.get("Referrer-Policy") != "strict-origin-when-cross-origin":
            problems.append((visit.url, "referrer policy"))
        problems += [
            (visit.url, part)
            for part in visit.inline
            if not any(where in visit.url and part == known for where, known in THIRD_PARTY_INLINE)
        ]
    assert problems == []
