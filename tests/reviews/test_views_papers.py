"""Open papers, proposing a paper (arXiv or by hand, duplicates flagged) and claiming one."""

import datetime
import socket

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.models import Assignment, Paper, Review
from tests.factories import AssignmentFactory, PaperFactory, ReviewFactory, TopicFactory
from tests.fixtures.arxiv import arxiv_server  # noqa: F401  (a fixture)


@pytest.fixture
def member(client, author):
    client.force_login(author.user)
    return client


def titles(response):
    return [paper.title for paper in response.context["page"].object_list]


# --- the list -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_shows_only_papers_nobody_reads(member, author):
    PaperFactory(title="Open one")
    AssignmentFactory(paper=PaperFactory(title="Claimed"), status="accepted")
    ReviewFactory(paper=PaperFactory(title="Reviewed"), status="submitted")
    ReviewFactory(paper=PaperFactory(title="Withdrawn review"), status="withdrawn")
    PaperFactory(title="Turned down", status="rejected")
    assert titles(member.get("/papers/")) == ["Withdrawn review", "Open one"]


@pytest.mark.django_db
def test_list_filters_by_topic_year_and_text(member):
    vision = TopicFactory(name="Vision", slug="vision")
    PaperFactory(title="Seeing things", year=2019).topics.add(vision)
    PaperFactory(title="Seeing more", year=2020).topics.add(vision)
    PaperFactory(title="Hearing things", year=2020, authors="Grace Hopper")
    assert titles(member.get("/papers/?topic=vision")) == ["Seeing more", "Seeing things"]
    assert titles(member.get("/papers/?year=2020")) == ["Hearing things", "Seeing more"]
    assert titles(member.get("/papers/?q=things")) == ["Hearing things", "Seeing things"]
    assert titles(member.get("/papers/?q=hopper")) == ["Hearing things"]
    assert titles(member.get("/papers/?topic=vision&year=2019&q=seeing")) == ["Seeing things"]


@pytest.mark.django_db
def test_list_with_no_match_says_so_and_offers_to_clear(member):
    PaperFactory(title="Seeing things")
    page = member.get("/papers/?q=nothing-like-this").content.decode()
    assert "No open paper matches these filters." in page
    assert 'href="/papers/"' in page


@pytest.mark.django_db
def test_empty_list_invites_to_propose_a_paper(member):
    page = member.get("/papers/").content.decode()
    assert "Every proposed paper has a reader." in page
    assert 'href="/papers/propose/"' in page


@pytest.mark.django_db
def test_list_is_paginated_by_twenty_and_keeps_filters_in_page_links(member):
    for n in range(25):
        PaperFactory(title=f"Paper {n:02d}", year=2021)
    first = member.get("/papers/?year=2021")
    assert len(titles(first)) == 20
    assert "?year=2021&amp;page=2" in first.content.decode()
    assert titles(member.get("/papers/?year=2021&page=2")) == [f"Paper {n:02d}" for n in range(4, -1, -1)]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?topic=vision&year=2020&q=paper"])
def test_list_query_count_does_not_grow_with_rows(member, query):
    vision = TopicFactory(name="Vision", slug="vision")

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert member.get(f"/papers/{query}").status_code == 200
        return len(queries)

    PaperFactory(title="Paper one", year=2020).topics.add(vision)
    one = count_queries()
    for n in range(29):
        PaperFactory(title=f"Paper {n}", year=2020).topics.add(vision, TopicFactory())
    assert count_queries() == one


# --- proposing ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_fetch_from_arxiv_fills_the_form_and_keeps_other_input(member, arxiv_server):  # noqa: F811
    response = member.post(
        "/papers/propose/",
        {
            "arxiv": "https://arxiv.org/abs/1706.03762v7",
            "title": "",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-kind": "code",
            "links-0-label": "Official code",
            "links-0-url": "https://github.com/tensorflow/tensor2tensor",
            "fetch": "1",
        },
    )
    form = response.context["form"]
    assert {name: form[name].value() for name in ["arxiv", "title", "year", "original_url", "affiliations"]} == {
        "arxiv": "1706.03762",
        "title": "Attention Is All You Need",
        "year": 2017,
        "original_url": "https://arxiv.org/abs/1706.03762",
        "affiliations": "Google Brain, Google Research",
    }
    assert form["authors"].value().startswith("Ashish Vaswani, Noam Shazeer, Niki Parmar")
    assert response.context["links"].forms[0]["url"].value() == "https://github.com/tensorflow/tensor2tensor"
    assert arxiv_server.requests == ["1706.03762"]
    assert Paper.objects.count() == 0  # fetching saves nothing
    assert "Filled in from arXiv" in response.content.decode()


def closed_port_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/query"


@pytest.mark.django_db
def test_fetch_when_arxiv_cannot_be_reached_says_so_and_keeps_manual_entry(member, settings):
    settings.DIGEST_ARXIV_API_URL = closed_port_url()
    response = member.post(
        "/papers/propose/",
        {"arxiv": "1706.03762", "title": "Typed by hand", "year": "2017", "links-TOTAL_FORMS": "1",
         "links-INITIAL_FORMS": "0", "fetch": "1"},
    )  # fmt: skip
    page = response.content.decode()
    assert "arXiv could not be reached" in page
    assert "You can still fill in the fields below by hand." in page
    assert (response.context["form"]["title"].value(), response.context["form"]["year"].value()) == (
        "Typed by hand",
        "2017",
    )


@pytest.mark.django_db
def test_when_arxiv_cannot_be_reached_the_link_still_comes_from_the_id(member, settings):
    settings.DIGEST_ARXIV_API_URL = closed_port_url()
    taken = PaperFactory(title="Attention Is All You Need", arxiv_id="1706.03762")
    response = member.post(
        "/papers/propose/",
        {"arxiv": "https://arxiv.org/abs/1706.03762v5", "title": "", "links-TOTAL_FORMS": "1",
         "links-INITIAL_FORMS": "0", "fetch": "1"},
    )  # fmt: skip
    form = response.context["form"]
    assert (form["arxiv"].value(), form["original_url"].value()) == ("1706.03762", "https://arxiv.org/abs/1706.03762")
    assert response.context["duplicates"] == [taken]


@pytest.mark.django_db
def test_duplicates_are_looked_up_while_the_form_is_typed(member):
    by_id = PaperFactory(title="Attention Is All You Need", arxiv_id="1706.03762", year=2017)
    by_title = PaperFactory(title="Deep Residual Learning", arxiv_id="")
    PaperFactory(title="Deep residual learning, again", status="rejected")
    answer = member.get("/papers/duplicates/", {"arxiv": "arXiv:1706.03762v2", "title": "deep  residual learning"})
    assert answer.json() == {
        "duplicates": [
            {"title": by_id.title, "url": f"/papers/{by_id.pk}/", "year": 2017, "arxiv_id": "1706.03762"},
            {"title": by_title.title, "url": f"/papers/{by_title.pk}/", "year": by_title.year, "arxiv_id": ""},
        ],
        "original_url": "https://arxiv.org/abs/1706.03762",
    }
    assert member.get("/papers/duplicates/", {"title": "Something new"}).json() == {
        "duplicates": [],
        "original_url": "",
    }


@pytest.mark.django_db
def test_the_duplicate_lookup_is_for_members_only(client):
    assert client.get("/papers/duplicates/", {"title": "x"})["Location"].startswith("/accounts/login/")


def proposal(**fields):
    data = {"arxiv": "", "title": "", "authors": "", "affiliations": "", "year": "", "original_url": ""}
    data.update({"links-TOTAL_FORMS": "2", "links-INITIAL_FORMS": "0", "links-0-kind": "code", "links-1-kind": "code"})
    data.update(fields)
    return data


@pytest.mark.django_db
def test_proposing_by_hand_with_links_creates_the_paper(member, author):
    response = member.post(
        "/papers/propose/",
        proposal(
            title="Deep Residual Learning",
            authors="Kaiming He, Xiangyu Zhang",
            year="2015",
            **{"links-0-label": "Code", "links-0-url": "https://github.com/KaimingHe/deep-residual-networks",
               "links-1-kind": "video", "links-1-url": "https://example.org/talk"},
        ),
    )  # fmt: skip
    paper = Paper.objects.get()
    assert response["Location"] == f"/papers/{paper.pk}/"
    assert (paper.title, paper.year, paper.proposed_by) == ("Deep Residual Learning", 2015, author.user)
    assert [(link.kind, link.label, link.url) for link in paper.links.all()] == [
        ("code", "Code", "https://github.com/KaimingHe/deep-residual-networks"),
        ("video", "", "https://example.org/talk"),
    ]


@pytest.mark.django_db
def test_proposal_errors_keep_everything_typed(member):
    response = member.post(
        "/papers/propose/",
        proposal(arxiv="not an id", authors="Someone", **{"links-0-label": "Code", "links-0-url": ""}),
    )
    assert response.status_code == 200 and Paper.objects.count() == 0
    form, links = response.context["form"], response.context["links"]
    assert form.errors == {
        "arxiv": ["This is not an arXiv id or URL; leave the field empty if there is none."],
        "title": ["This field is required."],
    }
    assert form["authors"].value() == "Someone"
    assert links.forms[0]["label"].value() == "Code"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ({"arxiv_id": "1706.03762", "title": "Something else"}, {"arxiv": "arXiv:1706.03762v2", "title": "New"}),
        ({"arxiv_id": "", "title": "Attention Is All You Need"}, {"title": "attention is all  you need!"}),
    ],
)
def test_duplicate_is_flagged_with_a_link_and_saved_only_when_confirmed(member, existing, typed):
    original = PaperFactory(**existing)
    ReviewFactory(paper=original, status="published")  # already reviewed: still a duplicate
    warned = member.post("/papers/propose/", proposal(**typed))
    page = warned.content.decode()
    assert "This paper may be on the list already" in page
    assert f'href="/papers/{original.pk}/"' in page
    assert Paper.objects.count() == 1
    if typed.get("arxiv"):
        return  # the same arXiv id cannot be proposed twice at all
    member.post("/papers/propose/", proposal(**typed, confirm_duplicate="on"))
    assert Paper.objects.count() == 2


@pytest.mark.django_db
def test_same_arxiv_id_even_when_confirmed_is_refused_with_a_message(member):
    PaperFactory(arxiv_id="1706.03762")
    response = member.post("/papers/propose/", proposal(arxiv="1706.03762", title="Again", confirm_duplicate="on"))
    assert response.context["form"].errors == {"arxiv": ["A paper with this arXiv id already exists."]}
    assert Paper.objects.count() == 1


# --- claiming -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_claiming_creates_an_assignment_due_in_two_weeks_and_opens_the_draft(member, author):
    paper = PaperFactory()
    response = member.post(f"/papers/{paper.pk}/claim/")
    assignment, review = Assignment.objects.get(), Review.objects.get()
    assert (assignment.reviewer, assignment.status, assignment.due_date) == (
        author,
        "accepted",
        timezone.localdate() + datetime.timedelta(days=14),
    )
    assert (review.paper, review.reviewer, review.status) == (paper, author, "draft")
    assert response["Location"] == f"/me/reviews/{review.pk}/edit/"


@pytest.mark.django_db
def test_claiming_in_russian_starts_a_russian_review(member):
    paper = PaperFactory()
    member.post(f"/papers/{paper.pk}/claim/", headers={"accept-language": "ru"})
    assert Review.objects.get().language == "ru"


@pytest.mark.django_db
def test_claiming_a_taken_paper_explains_and_changes_nothing(member):
    paper = PaperFactory()
    ReviewFactory(paper=paper, status="submitted")
    response = member.post(f"/papers/{paper.pk}/claim/", follow=True)
    assert "Someone is already reading this paper." in response.content.decode()
    assert Assignment.objects.count() == 0


@pytest.mark.django_db
def test_only_editors_choose_the_due_date(client, author, editor):
    first, second = PaperFactory(), PaperFactory()
    client.force_login(author.user)
    assert client.post(f"/papers/{first.pk}/claim/", {"due_date": "2031-01-31"}).status_code == 403
    client.force_login(editor)
    client.post(f"/papers/{second.pk}/claim/", {"due_date": "2031-01-31"})
    assert Assignment.objects.get().due_date == datetime.date(2031, 1, 31)


@pytest.mark.django_db
def test_detail_of_an_open_paper_offers_to_claim_it_and_of_a_taken_one_says_who_reads_it(member, other_reviewer):
    open_paper = PaperFactory()
    taken = PaperFactory()
    AssignmentFactory(paper=taken, reviewer=other_reviewer, due_date=datetime.date(2030, 5, 1))
    assert f'action="/papers/{open_paper.pk}/claim/"' in member.get(f"/papers/{open_paper.pk}/").content.decode()
    page = member.get(f"/papers/{taken.pk}/").content.decode()
    assert "Oscar Other reads it (due May 1, 2030)." in page
    assert "/claim/" not in page


@pytest.mark.django_db
def test_a_malformed_filter_is_reported_not_a_crash(member):
    PaperFactory(title="Seeing things")
    response = member.get("/papers/?year=soon")
    assert response.status_code == 200
    assert response.context["filter"].errors == {"year": ["Enter a number."]}
    assert "Enter a number." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "sees_state"), [("other", False), ("author", True), ("editor", True)])
def test_a_paper_page_shows_the_state_of_an_unpublished_review_only_to_its_author_and_editors(
    client, author, other_reviewer, editor, who, sees_state
):
    review = ReviewFactory(reviewer=author, status="changes_requested", paper__title="Linformer")
    client.force_login({"other": other_reviewer.user, "author": author.user, "editor": editor}[who])
    page = client.get(f"/papers/{review.paper_id}/").content.decode()
    assert "Taken" in page
    assert ("Changes requested" in page) is sees_state
    assert ("Reviewed by Ann Author." in page) is not sees_state
