"""The desk's nav sidebar is Django's, kept per kind of visitor (digest/desk/nav_sidebar.py): the
same HTML as the admin's own template renders, following the user's permissions, the page and the
language from one request to the next."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from reviews.roles import EDITORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REVIEWS, PAPERS = "/admin/reviews/review/", "/admin/reviews/paper/"


def sidebar(client, path):
    page = client.get(path).content.decode()
    start = page.index('<button class="sticky toggle-nav-sidebar"')
    return page[start : page.index("</nav>", start) + len("</nav>")]


def djangos_sidebar(user, path, language="en"):
    request = RequestFactory().get(path)
    request.user = user
    with translation.override(language):
        html = render_to_string(
            "admin/nav_sidebar.html", {"available_apps": admin.site.get_app_list(request), "request": request}
        )
    return html.strip()


@pytest.mark.parametrize("path", [REVIEWS, PAPERS, "/admin/reviews/assignment/"])
def test_an_editors_sidebar_is_the_one_djangos_template_renders(client, editor, path):
    client.force_login(editor)
    for _ in range(2):  # rendered, then kept
        assert sidebar(client, path) == djangos_sidebar(editor, path)


def test_a_superusers_sidebar_is_the_one_djangos_template_renders(client, editor, superuser):
    client.force_login(editor)
    sidebar(client, REVIEWS)
    client.force_login(superuser)
    assert sidebar(client, REVIEWS) == djangos_sidebar(superuser, REVIEWS)
    assert 'href="/admin/auth/user/"' in sidebar(client, REVIEWS)


def test_the_sidebar_marks_the_page_it_is_on(client, editor):
    client.force_login(editor)
    assert 'href="/admin/reviews/review/" aria-current="page"' in sidebar(client, REVIEWS)
    on_papers = sidebar(client, PAPERS)
    assert 'href="/admin/reviews/paper/" aria-current="page"' in on_papers
    assert 'href="/admin/reviews/review/" aria-current="page"' not in on_papers


def test_a_permission_taken_away_leaves_the_sidebar_on_the_next_request(client, editor):
    client.force_login(editor)
    assert f'href="{PAPERS}"' in sidebar(client, REVIEWS)
    papers = Permission.objects.filter(content_type__model="paper", content_type__app_label="reviews")
    Group.objects.get(name=EDITORS).permissions.remove(*papers)
    assert f'href="{PAPERS}"' not in sidebar(client, REVIEWS)
    assert sidebar(client, REVIEWS) == djangos_sidebar(editor, REVIEWS)


def test_a_staff_user_with_one_permission_sees_one_model(client, editor):
    client.force_login(editor)
    sidebar(client, REVIEWS)
    clerk = UserFactory(username="clerk@example.org", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_review"))
    client.force_login(clerk)
    assert sidebar(client, REVIEWS) == djangos_sidebar(clerk, REVIEWS)
    assert f'href="{PAPERS}"' not in sidebar(client, REVIEWS)


def test_the_sidebar_speaks_the_pages_language(client, editor):
    client.force_login(editor)
    english = sidebar(client, REVIEWS)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    russian = sidebar(client, REVIEWS)
    assert russian != english
    assert russian == djangos_sidebar(editor, REVIEWS, language="ru")
