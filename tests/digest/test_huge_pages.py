"""Page numbers and cursors of any size answer 404, never 500 (found by an outside test)."""

import pytest

from tests.factories import PaperFactory, ReviewerFactory, ReviewFactory, SeriesFactory


@pytest.fixture
def archive(db):
    reviewer = ReviewerFactory(slug="ann")
    ReviewFactory(reviewer=reviewer, status="published")
    SeriesFactory(slug="reading")
    return reviewer


HUGE = ["10000000000000000000", "99999999999999999999999999", "-1", "0", "1e19", "x"]
CURSORS = ["10000000000000000000.1", "99999999999999999999.99999999999999999999", "1.10000000000000000000", "1e19",
           "-5.1", "1.2.3"]  # fmt: skip


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("path", ["/reviewers/ann/", "/series/reading/"])
def test_a_page_number_of_any_size_is_not_found(client, archive, path, number):
    assert client.get(path, {"page": number}).status_code == 404


@pytest.mark.parametrize("cursor", CURSORS)
@pytest.mark.parametrize("direction", ["after", "before"])
def test_an_archive_cursor_of_any_size_is_not_found(client, archive, direction, cursor):
    assert client.get("/reviews/", {direction: cursor}).status_code == 404


def test_an_id_past_the_databases_integers_is_not_found(client, archive):
    assert client.get("/reviews/10000000000000000000/").status_code == 404


@pytest.mark.parametrize("number", HUGE)
def test_the_open_papers_list_answers_any_page_number(client, author, number):
    PaperFactory()
    client.force_login(author.user)
    assert client.get("/papers/", {"page": number}).status_code == 200  # Django's paginator: the last page
