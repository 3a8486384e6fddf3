"""Who reaches the desk: editors do everything editorial, reviewers and plain staff are kept out,
only superusers manage accounts and series labels."""

import pytest

from digest.models import Series
from tests.factories import AssignmentFactory, ReviewFactory, SeriesFactory, UserFactory

DESK_PAGES = [
    "/admin/reviews/review/",
    "/admin/reviews/review/{review}/change/",
    "/admin/reviews/review/{review}/versions/",
    "/admin/reviews/review/{review}/decide/changes_requested/",
    "/admin/reviews/paper/",
    "/admin/reviews/paper/{paper}/change/",
    "/admin/reviews/paper/{paper}/reject/",
    "/admin/reviews/assignment/",
    "/admin/reviews/assignment/add/",
    "/admin/reviews/assignment/{assignment}/change/",
]


@pytest.fixture
def objects(author):
    review = ReviewFactory(reviewer=author, status="submitted")
    return {"review": review.pk, "paper": review.paper.pk, "assignment": AssignmentFactory().pk}


@pytest.fixture
def people(author, editor, superuser):
    return {
        "anonymous": None,
        "reviewer": author.user,
        "staff without the Editors group": UserFactory(username="staff@example.org", is_staff=True),
        "editor": editor,
        "superuser": superuser,
    }


EXPECTED = {
    "anonymous": "login",
    "reviewer": "login",
    "staff without the Editors group": 403,
    "editor": 200,
    "superuser": 200,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("page", DESK_PAGES)
def test_desk_pages_by_role(client, objects, people, role, page):
    if people[role] is not None:
        client.force_login(people[role])
    response = client.get(page.format(**objects))
    expected = EXPECTED[role]
    if expected == "login" and people[role] is not None:  # a member: the desk is for editors
        assert response.status_code == 403 and "The desk is for editors" in response.content.decode()
    elif expected == "login":
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == expected


@pytest.mark.django_db
def test_plain_staff_sees_an_empty_index_without_the_dashboard(client):
    client.force_login(UserFactory(is_staff=True))
    page = client.get("/admin/").content.decode()
    assert "You don’t have permission to view or edit anything." in page
    assert "desk-dashboard" not in page


@pytest.mark.django_db
def test_editors_only_view_series(client, editor):
    series = SeriesFactory(name="Reading articles for you")
    client.force_login(editor)
    assert client.get("/admin/digest/series/add/").status_code == 403
    assert client.post(f"/admin/digest/series/{series.pk}/change/", {"name": "Renamed"}).status_code == 403
    assert client.post(f"/admin/digest/series/{series.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Series.objects.get().name == "Reading articles for you"


@pytest.mark.django_db
def test_superusers_change_series_labels(client, superuser):
    series = SeriesFactory(name="Reading articles for you", slug="reading")
    client.force_login(superuser)
    response = client.post(
        f"/admin/digest/series/{series.pk}/change/",
        {"name": series.name, "slug": "reading", "language": "en", "target_min_entries": 8, "target_max_entries": 12,
         "previous_links_count": 0, "toc_heading": "Papers of the day:"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Series.objects.get().toc_heading == "Papers of the day:"


@pytest.mark.django_db
def test_only_superusers_manage_accounts(client, editor, superuser):
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{editor.pk}/change/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    client.force_login(superuser)
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get(f"/admin/auth/user/{editor.pk}/change/").status_code == 200
