"""The frame of public pages for visitors not logged in is rendered once and filled in: the page is
the same as rendered anew, with the visitor's own CSRF token and return address."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory

from digest.archive.views import frame
from tests.digest.archive import published_issue
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(editor):
    return published_issue(editor, slug="first", series=SeriesFactory(slug="weekly"), entries=2)


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def pages(issue):
    review = issue.entries.order_by("position").first().review
    return [
        "/",
        "/issues/first/",
        "/series/weekly/",
        review.get_absolute_url(),
        "/reviews/",
        '/reviews/?q=rotation&year=2019&x="><script>alert(1)</script>',
        review.reviewer.get_absolute_url(),
    ]


def without_token(response):
    assert response.status_code == 200
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_filled_frame_is_the_page_rendered_anew(client, issue, monkeypatch, language):
    client.cookies["django_language"] = language
    for url in pages(issue):
        filled = [without_token(client.get(url)) for _ in range(2)]  # the second from the kept frame
        monkeypatch.setattr(frame, "ENABLED", False)
        anew = without_token(client.get(url))
        monkeypatch.setattr(frame, "ENABLED", True)
        assert filled[0] == filled[1] == anew, url


def test_each_visitor_gets_their_own_token_and_it_is_accepted(issue):
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get("/issues/first/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
        assert "csrftoken" in response.cookies
        answer = visitor.post("/i18n/setlang/", {"language": "ru", "next": "/", "csrfmiddlewaretoken": token})
        assert answer.status_code == 302


def test_the_language_form_returns_to_the_address_asked_escaped(client, issue):
    client.get("/reviews/")
    html = client.get('/reviews/?q="><b>bold</b>').content.decode()
    assert 'name="next" value="/reviews/?q=%22%3E%3Cb%3Ebold%3C/b%3E"' in html or (
        'name="next" value="/reviews/?q=&quot;&gt;&lt;b&gt;bold&lt;/b&gt;"' in html
    )
    assert "<b>bold</b>" not in html


def test_a_visitor_logged_in_sees_their_own_header_after_anonymous_visits(client, issue, editor):
    client.get("/issues/first/")
    client.force_login(editor)
    html = client.get("/issues/first/").content.decode()
    assert "Log out" in html and "Sign up" not in html
    client.logout()
    html = client.get("/issues/first/").content.decode()
    assert "Sign up" in html and "Log out" not in html


def test_a_visitor_with_a_message_sees_it(client, issue):
    client.get("/issues/first/")
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "A message for this visitor only")
    response = Client().get("/")  # any response to carry the cookie
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    assert "A message for this visitor only" in client.get("/issues/first/").content.decode()
    assert "A message for this visitor only" not in client.get("/issues/first/").content.decode()
