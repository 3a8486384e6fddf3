"""A user's permissions are read in one query a request (digest/permissions.py), and a change to
them, to the user's own or to one of their groups', counts from the next request on."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.roles import EDITORS
from tests.factories import UserFactory

REVIEWS = "/admin/reviews/review/"


def permission(codename):
    return Permission.objects.get(codename=codename)


def permission_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries.captured_queries if "auth_permission" in query["sql"]]


@pytest.mark.django_db
def test_a_desk_page_reads_the_editors_permissions_in_one_query(client, editor):
    client.force_login(editor)
    response, reads = permission_queries(client, REVIEWS)
    assert response.status_code == 200
    assert len(reads) == 1


@pytest.mark.django_db
def test_a_permission_taken_from_the_editors_group_counts_on_the_next_request(client, editor):
    client.force_login(editor)
    assert client.get(REVIEWS).status_code == 200
    Group.objects.get(name=EDITORS).permissions.remove(permission("view_review"), permission("change_review"))
    assert client.get(REVIEWS).status_code == 403


@pytest.mark.django_db
def test_a_permission_given_to_a_staff_user_directly_opens_only_its_page(client):
    user = UserFactory(username="clerk@example.org", is_staff=True)
    client.force_login(user)
    assert client.get(REVIEWS).status_code == 403
    user.user_permissions.add(permission("view_review"))
    assert client.get(REVIEWS).status_code == 200
    assert client.get("/admin/reviews/paper/").status_code == 403


@pytest.mark.django_db
def test_a_staff_user_in_a_group_has_the_groups_and_their_own_permissions(client):
    user = UserFactory(username="clerk@example.org", is_staff=True)
    group = Group.objects.create(name="Paper clerks")
    group.permissions.add(permission("view_paper"))
    user.groups.add(group)
    user.user_permissions.add(permission("view_review"))
    client.force_login(user)
    assert client.get("/admin/reviews/paper/").status_code == 200
    assert client.get(REVIEWS).status_code == 200
    assert client.get("/admin/reviews/assignment/").status_code == 403


@pytest.mark.django_db
def test_an_inactive_editor_has_no_permission(editor):
    editor.is_active = False
    assert not editor.has_perm("reviews.view_review")
    assert editor.get_all_permissions() == set()


@pytest.mark.django_db
def test_a_superuser_has_every_permission(superuser):
    assert superuser.get_all_permissions() == {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
