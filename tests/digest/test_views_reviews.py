"""Review pages, reviewer pages and the archive of reviews with its filters."""

import datetime

import pytest
from bs4 import BeautifulSoup

from digest import services as issue_services
from reviews import services
from tests.digest.archive import approved_review, publish, published_issue, published_review
from tests.digest.test_views_issues import page, text
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_review_page_shows_paper_reviewer_body_issue_and_translations(client, editor):
    paper = PaperFactory(
        title="RoBERTa", authors="Yinhan Liu, Myle Ott", affiliations="University of Washington", year=2019
    )
    PaperLinkFactory(paper=paper, label="GitHub project", url="https://github.com/pytorch/fairseq", position=1)
    paper.topics.add(TopicFactory(name="NLP", slug="nlp"))
    reviewer = ReviewerFactory(display_name="Ann Reader", chat_handle="ann", blog_handle="annr")
    issue = IssueFactory(series=SeriesFactory(language="en"))
    original = approved_review(paper=paper, reviewer=reviewer, body="Robustly **optimised**.", language="en")
    IssueEntryFactory(issue=issue, review=original)
    publish(issue, editor)
    spanish = published_review(editor, paper=paper, reviewer=reviewer, language="es", translation_of=original)
    ReviewFactory(paper=paper, reviewer=reviewer, language="ru", translation_of=original)  # a draft

    soup = page(client, original.get_absolute_url())

    assert text(soup.h1) == "RoBERTa"
    assert text(soup.select_one(".paper-authors")) == "Authors: Yinhan Liu, Myle Ott (University of Washington, 2019)"
    assert [(a.string, a["href"]) for a in soup.select(".paper-links a")] == [
        ("Original article", paper.original_url),
        ("GitHub project", "https://github.com/pytorch/fairseq"),
    ]
    assert text(soup.select_one(".review-author")) == "Review author: Ann Reader (in Slack ann, on Habr annr)"
    assert str(soup.select_one(".review-body p")) == "<p>Robustly <strong>optimised</strong>.</p>"
    facts = dict(zip([text(dt) for dt in soup.select("dt")], soup.select("dd"), strict=True))
    assert text(facts["Affiliations"]) == "University of Washington"
    assert facts["Year of the paper"].a["href"] == "/reviews/?year=2019"
    assert facts["Topics"].a["href"] == "/reviews/?topic=nlp"
    assert facts["Published"].select("a")[-1]["href"] == f"{issue.get_absolute_url()}#review-{original.pk}"
    assert [a["href"] for a in facts["Translations"].select("a")] == [spanish.get_absolute_url()]
    assert facts["Reviewer"].a["href"] == reviewer.get_absolute_url()
    assert soup.select(".breadcrumbs a")[-1]["href"] == issue.get_absolute_url()
    assert soup.select_one("link[rel=canonical]")["href"] == f"http://testserver{original.get_absolute_url()}"
    assert [a["href"] for a in page(client, spanish.get_absolute_url()).select("dd a[hreflang]")] == [
        original.get_absolute_url()
    ]


def test_review_published_without_an_issue_links_no_planned_issue(client, editor):
    """An imported review is published on its own; scheduling it into a planned issue reveals nothing."""
    review = ReviewFactory()
    services.import_review_status(review, to="published", by=editor)
    planned = IssueFactory(slug="planned-issue")
    issue_services.add_reviews_to_issue(planned, [review], by=editor)
    soup = page(client, review.get_absolute_url())
    assert "planned-issue" not in str(soup)
    assert text(soup.select_one(".review-author")).startswith("Review author:")


def test_reviewer_page_shows_handles_bio_and_published_reviews_only(client, editor):
    reviewer = ReviewerFactory(display_name="Ann Reader", chat_handle="ann", blog_handle="annr", bio="Reads papers.")
    first = published_review(editor, reviewer=reviewer, paper=PaperFactory(title="First paper"))
    second = published_review(editor, reviewer=reviewer, paper=PaperFactory(title="Second paper"))
    ReviewFactory(reviewer=reviewer, paper=PaperFactory(title="Draft paper"))
    approved_review(reviewer=reviewer, paper=PaperFactory(title="Approved paper"))

    soup = page(client, reviewer.get_absolute_url())

    assert text(soup.h1) == "Ann Reader"
    assert text(soup.select_one(".handles")) == "Chat: @ann Blog: @annr"
    assert text(soup.select_one(".bio")) == "Reads papers."
    assert [a["href"] for a in soup.select(".review-title")] == [second.get_absolute_url(), first.get_absolute_url()]


def test_reviewer_with_nothing_published_is_not_found(client):
    reviewer = ReviewerFactory()
    ReviewFactory(reviewer=reviewer, status="submitted")
    assert client.get(reviewer.get_absolute_url()).status_code == 404
    assert client.get("/reviewers/nobody-at-all/").status_code == 404


# --- the archive --------------------------------------------------------------------------------


def titles(client, query=""):
    response = client.get(f"/reviews/{query}")
    assert response.status_code == 200
    return [text(a) for a in BeautifulSoup(response.content, "html.parser").select(".review-title")]


@pytest.fixture
def archive(editor):
    """Four published reviews that differ in topic, year, language, series and reviewer, and a draft."""
    nlp, vision = TopicFactory(name="NLP", slug="nlp"), TopicFactory(name="Vision", slug="vision")
    ann, bob = ReviewerFactory(display_name="Ann Reader", chat_handle="ann"), ReviewerFactory(display_name="Bob")
    ru, en = SeriesFactory(slug="ru-series", language="ru"), SeriesFactory(slug="en-series", language="en")
    specs = [
        ("Attention is all you need", 2017, "en", en, ann, nlp, "The transformer replaces recurrence."),
        ("EfficientNet", 2019, "en", en, bob, vision, "Compound scaling of convolutional networks."),
        ("BERT", 2019, "ru", ru, ann, nlp, "Двунаправленный transformer, masked language model."),
        ("PointRend", 2020, "ru", ru, bob, vision, "Segmentation as rendering."),
    ]
    for title, year, language, series, reviewer, topic, body in specs:
        paper = PaperFactory(title=title, year=year)
        paper.topics.add(topic)
        issue = IssueFactory(series=series)
        review = approved_review(paper=paper, reviewer=reviewer, language=language, body=body)
        IssueEntryFactory(issue=issue, review=review)
        publish(issue, editor)
    ReviewFactory(paper=PaperFactory(title="Draft transformer", year=2019), reviewer=ann, body="Transformers draft.")


def test_archive_lists_published_reviews_newest_first(client, archive):
    assert titles(client) == ["PointRend", "BERT", "EfficientNet", "Attention is all you need"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?topic=nlp", ["BERT", "Attention is all you need"]),
        ("?year=2019", ["BERT", "EfficientNet"]),
        ("?language=ru", ["PointRend", "BERT"]),
        ("?series=en-series", ["EfficientNet", "Attention is all you need"]),
        ("?reviewer=ann", ["BERT", "Attention is all you need"]),
        ("?reviewer=Ann+Read", ["BERT", "Attention is all you need"]),
        ("?topic=vision&year=2019", ["EfficientNet"]),
        ("?topic=nlp&language=en&series=en-series&reviewer=ann&year=2017", ["Attention is all you need"]),
        ("?q=recurrence", ["Attention is all you need"]),
        ("?q=TRANSFORMER", ["BERT", "Attention is all you need"]),
        ("?q=scaling+networks", ["EfficientNet"]),
        ("?q=двунаправленный", ["BERT"]),
        ("?q=pointrend", ["PointRend"]),
        ("?q=transformer&language=ru", ["BERT"]),
        ("?q=transformer&topic=vision", []),
        ("?q=draft", []),
        ("?q=nothing-like-this", []),
    ],
)
def test_archive_filters_and_search_combine(client, archive, query, expected):
    assert titles(client, query) == expected


def test_archive_with_no_match_says_what_to_do(client, archive):
    soup = page(client, "/reviews/?q=zebra&topic=nlp")
    assert text(soup.select_one(".review-list .empty")) == (
        "No published review matches. Remove a filter or try other words."
    )
    assert soup.select_one(".archive-filters a[href='/reviews/']").string == "Clear filters"
    assert soup.select_one("#id_q")["value"] == "zebra"  # what the reader chose stays
    assert soup.select_one("#id_topic option[selected]")["value"] == "nlp"
    assert [option.string for option in soup.select("#id_topic option")] == ["Any topic", "NLP", "Vision"]


def test_archive_explains_invalid_filters_and_keeps_the_input(client, archive):
    soup = page(client, "/reviews/?topic=no-such-topic&year=12&q=bert")
    assert text(soup.select_one("#id_topic").find_next("ul", class_="errorlist")) == (
        "No published review has this topic: choose one from the list."
    )
    assert text(soup.select_one("#id_year").find_next("ul", class_="errorlist")) == (
        "Ensure this value is greater than or equal to 1900."
    )
    assert soup.select_one("#id_q")["value"] == "bert"
    assert soup.select(".review-title") == []


def test_archive_pages_continue_from_the_last_review_shown_and_keep_the_filters(client, editor):
    older = [published_review(editor, paper=PaperFactory(year=2018)) for _ in range(41)][::-1]
    published_review(editor, paper=PaperFactory(year=2019))

    def follow(soup, rel):
        href = soup.select_one(f".pagination a[rel={rel}]")["href"]
        assert href.startswith("?year=2018&")
        return page(client, f"/reviews/{href}")

    def shown(soup):
        return [a["href"] for a in soup.select(".review-title")]

    first = page(client, "/reviews/?year=2018")
    assert shown(first) == [review.get_absolute_url() for review in older[:20]]
    assert first.select_one(".pagination a[rel=prev]") is None
    second = follow(first, "next")
    assert shown(second) == [review.get_absolute_url() for review in older[20:40]]
    third = follow(second, "next")
    assert shown(third) == [older[40].get_absolute_url()]
    assert third.select_one(".pagination a[rel=next]") is None
    assert shown(follow(third, "prev")) == shown(second)
    assert shown(follow(second, "prev")) == shown(first)
    assert client.get("/reviews/?after=nonsense").status_code == 404


def test_archive_pages_keep_their_order_when_reviews_share_a_publication_time(client, editor):
    issue = published_issue(editor, entries=25)  # one publication: every review has the same time
    expected = list(issue.entries.order_by("-review_id").values_list("review_id", flat=True))
    first = page(client, "/reviews/")
    second = page(client, f"/reviews/{first.select_one('.pagination a[rel=next]')['href']}")
    shown = [int(a["href"].split("/")[2]) for soup in (first, second) for a in soup.select(".review-title")]
    assert shown == expected


def test_empty_archive_says_when_reviews_appear(client):
    soup = page(client, "/reviews/")
    assert text(soup.select_one(".empty")) == (
        "No published reviews yet. They appear here when an editor publishes an issue."
    )


def test_published_issue_page_links_to_every_review_page(client, editor):
    issue = published_issue(editor, entries=3, slug="three")
    soup = page(client, "/issues/three/")
    permalinks = [a["href"] for a in soup.select(".entry-links a") if a["href"].startswith("/reviews/")]
    assert permalinks == [e.review.get_absolute_url() for e in issue.entries.order_by("position")]
    assert all(client.get(url).status_code == 200 for url in permalinks)


def test_dates_shown_are_the_publication_dates(client, editor):
    review = published_review(editor)
    when = datetime.datetime.fromisoformat(page(client, "/reviews/").select_one("time")["datetime"])
    assert when == review.published_at
