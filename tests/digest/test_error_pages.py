"""Not found, not allowed and server error: pages of the site's own look that say what to do next."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

from tests.factories import IssueFactory
from tests.html_checks import page_problems

pytestmark = pytest.mark.django_db


def test_an_unknown_address_is_a_404_page_with_the_site_around_it(client):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in page
    assert 'href="/reviews/"' in page and 'class="site-header"' in page  # somewhere to go from here
    assert page_problems(page) == []


def test_an_unpublished_issue_answers_the_same_404_page(client):
    issue = IssueFactory()  # planned
    response = client.get(f"/issues/{issue.slug}/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_the_404_page_speaks_the_readers_language(client):
    response = client.get("/no-such-page/", headers={"accept-language": "ru"})
    assert "<h1>Страница не найдена</h1>" in response.content.decode()


def test_a_refused_page_says_not_allowed_and_offers_the_members_pages(client, editor):
    client.force_login(editor)
    response = client.get("/admin/auth/user/")  # only superusers manage accounts
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in page and 'href="/me/"' in page
    assert page_problems(page) == []


def test_the_server_error_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in page and "/static/css/digest" in page
    assert page_problems(page) == []
