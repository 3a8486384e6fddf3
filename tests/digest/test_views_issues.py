"""The public home, series and issue pages: the post as published, and its neighbours."""

import datetime

import pytest
from bs4 import BeautifulSoup

from digest.export.formats import export_issue
from reviews.markdown import render_markdown
from tests.digest.archive import approved_review, publish, published_issue
from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    SeriesFactory,
)

D = datetime.date
LINES = ("paper-authors", "paper-links", "review-author")  # an entry's header lines, in the post's order
pytestmark = pytest.mark.django_db


def text(element):
    return " ".join(element.get_text(" ").split())


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_issue_page_reads_like_the_post(client, editor):
    series = SeriesFactory(
        name="Читаем статьи за вас",
        slug="chitaem",
        language="ru",
        intro="Привет, **Хабр**! Продолжаем.",
        outro="До встречи в следующем выпуске.",
    )
    issue = IssueFactory(series=series, slug="ods-2019", period_start=D(2019, 7, 1), period_end=D(2019, 9, 1))
    paper = PaperFactory(
        title="Layer rotation",
        authors="Simon Carbonnelle, Christophe De Vleeschouwer",
        affiliations="Université catholique de Louvain, Belgium",
        year=2018,
        original_url="https://arxiv.org/abs/1806.01603",
    )
    PaperLinkFactory(paper=paper, label="GitHub project", url="https://github.com/ispgroupucl/lr", position=1)
    PaperLinkFactory(paper=paper, label="Video", url="", position=2)
    reviewer = ReviewerFactory(display_name="Святослав Скоблов", chat_handle="error_derivative", blog_handle="sks")
    first = approved_review(paper=paper, reviewer=reviewer, body="Energy $E = mc^2$ *holds*.")
    second = approved_review(paper=PaperFactory(title="RoBERTa", affiliations="", year=2019, original_url=""))
    IssueEntryFactory(issue=issue, review=first, position=1)
    IssueEntryFactory(issue=issue, review=second, position=2)
    publish(issue, editor)

    soup = page(client, "/issues/ods-2019/")

    assert text(soup.h1) == "Рубрика «Читаем статьи за вас». Июль — Сентябрь 2019"
    assert soup.title.string == "Рубрика «Читаем статьи за вас». Июль — Сентябрь 2019 · Digest"
    assert str(soup.select_one(".post-intro p")) == "<p>Привет, <strong>Хабр</strong>! Продолжаем.</p>"
    assert text(soup.select_one(".toc-heading")) == "Статьи на сегодня:"
    assert [text(li) for li in soup.select(".toc li")] == [
        "Layer rotation (Université catholique de Louvain, Belgium, 2018)",
        "RoBERTa (2019)",
    ]
    assert [a["href"] for a in soup.select(".toc a")] == [f"#review-{first.pk}", f"#review-{second.pk}"]
    entries = soup.select("section.entry")
    assert [entry["id"] for entry in entries] == [f"review-{first.pk}", f"review-{second.pk}"]
    assert [text(entry.h2) for entry in entries] == ["1. Layer rotation", "2. RoBERTa"]
    assert text(entries[0].select_one(".paper-authors")) == (
        "Авторы статьи: Simon Carbonnelle, Christophe De Vleeschouwer (Université catholique de Louvain, Belgium, 2018)"
    )
    links = entries[0].select_one(".paper-links")
    assert text(links) == "→ Оригинал статьи :: GitHub project :: Video"
    assert [(a.string, a["href"]) for a in links.select("a")] == [
        ("Оригинал статьи", "https://arxiv.org/abs/1806.01603"),
        ("GitHub project", "https://github.com/ispgroupucl/lr"),
    ]
    assert entries[1].select_one(".paper-links") is None  # no URL and no links: no line
    assert text(entries[0].select_one(".review-author")) == (
        "Автор обзора: Святослав Скоблов (в слэке error_derivative, на хабре sks)"
    )
    assert entries[0].select_one(".review-author a")["href"] == reviewer.get_absolute_url()
    assert str(entries[0].select_one(".review-body p")) == (
        '<p>Energy <span class="math inline">E = mc^2</span> <em>holds</em>.</p>'
    )
    assert str(soup.select_one(".post-outro p")) == "<p>До встречи в следующем выпуске.</p>"
    assert soup.select_one("article.post")["lang"] == "ru"


def test_issue_intro_and_outro_override_the_series(client, editor):
    series = SeriesFactory(intro="Series intro", outro="Series outro")
    issue = published_issue(editor, series=series, slug="own-words")
    issue.intro, issue.outro = "This issue's *own* intro", ""
    issue.save()
    soup = page(client, "/issues/own-words/")
    assert text(soup.select_one(".post-intro")) == "This issue's own intro"
    assert text(soup.select_one(".post-outro")) == "Series outro"


def test_issue_page_loads_katex_from_our_static_files(client, editor):
    published_issue(editor, slug="maths")
    soup = page(client, "/issues/maths/")
    assert [s["src"] for s in soup.select("script[src]")][-2:] == [
        "/static/vendor/katex/katex.min.js",
        "/static/js/math.js",
    ]
    assert "/static/vendor/katex/katex.min.css" in [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert soup.select("script:not([src])") == []  # nothing inline: the CSP forbids it


def issue_in(series, editor, start, *, part=None, publish_it=True):
    issue = IssueFactory(series=series, period_start=start, period_end=start, part=part)
    IssueEntryFactory(issue=issue)
    return publish(issue, editor) if publish_it else issue


def test_previous_and_next_issue_of_the_series_by_period_and_part(client, editor):
    series = SeriesFactory()
    march = issue_in(series, editor, D(2020, 3, 1))
    january = issue_in(series, editor, D(2020, 1, 1))  # published later, but earlier by period
    feb_part_2 = issue_in(series, editor, D(2020, 2, 1), part=2)
    feb_part_1 = issue_in(series, editor, D(2020, 2, 1), part=1)
    issue_in(series, editor, D(2020, 4, 1), publish_it=False)  # planned: never a neighbour
    issue_in(SeriesFactory(), editor, D(2020, 2, 15))  # another series

    def neighbours(issue):
        soup = page(client, issue.get_absolute_url())
        return [(a["rel"][0], a["href"]) for a in soup.select(".issue-pager a")]

    assert neighbours(january) == [("next", feb_part_1.get_absolute_url())]
    assert neighbours(feb_part_1) == [("prev", january.get_absolute_url()), ("next", feb_part_2.get_absolute_url())]
    assert neighbours(feb_part_2) == [("prev", feb_part_1.get_absolute_url()), ("next", march.get_absolute_url())]
    assert neighbours(march) == [("prev", feb_part_2.get_absolute_url())]


def test_issue_links_to_its_published_translations_only(client, editor):
    original = published_issue(editor, series=SeriesFactory(language="ru"), slug="ru-issue")
    english = published_issue(editor, series=SeriesFactory(language="en"), slug="en-issue", translation_of=original)
    IssueFactory(series=SeriesFactory(language="es"), slug="es-issue", translation_of=original)  # not published
    hindi = published_issue(editor, series=SeriesFactory(language="hi"), slug="hi-issue", translation_of=original)

    def translations(slug):
        return [a["href"] for a in page(client, f"/issues/{slug}/").select(".post-facts a[hreflang]")]

    assert translations("ru-issue") == ["/issues/en-issue/", "/issues/hi-issue/"]
    assert translations("en-issue") == ["/issues/hi-issue/", "/issues/ru-issue/"]
    assert english.translation_of == hindi.translation_of == original


def test_home_shows_the_latest_issues_of_every_series_with_their_contents(client, editor):
    ru, en = SeriesFactory(name="Читаем статьи за вас"), SeriesFactory(name="Reading articles for you")
    old = issue_in(ru, editor, D(2019, 1, 1))
    latest_ru = published_issue(editor, series=ru, entries=3, period_start=D(2019, 7, 1), period_end=D(2019, 9, 1))
    IssueFactory(series=ru, period_start=D(2020, 1, 1), period_end=D(2020, 1, 1))  # planned
    latest_en = issue_in(en, editor, D(2019, 5, 1))  # published last: its series comes first

    soup = page(client, "/")

    blocks = soup.select(".series-block")
    assert [text(block.h2) for block in blocks] == ["Reading articles for you", "Читаем статьи за вас"]
    ru_block = blocks[1]
    assert text(ru_block.h3) == str(latest_ru)
    titles = [entry.review.paper.title for entry in latest_ru.entries.order_by("position")]
    assert [li.a.contents[0].strip() for li in ru_block.select(".toc li")] == titles
    assert [a["href"] for a in ru_block.select(".earlier a")] == [old.get_absolute_url(), ru.get_absolute_url()]
    assert text(blocks[0].h3) == str(latest_en)


def test_home_without_anything_published_says_what_happens_next(client):
    IssueFactory()  # planned
    soup = page(client, "/")
    assert soup.select(".series-block") == []
    assert "Nothing is published yet." in text(soup.select_one(".empty"))


def test_series_page_lists_its_published_issues_newest_first(client, editor):
    series = SeriesFactory(slug="reading")
    first = issue_in(series, editor, D(2020, 1, 1))
    second = issue_in(series, editor, D(2020, 2, 1))
    IssueFactory(series=series, period_start=D(2020, 3, 1), period_end=D(2020, 3, 1))  # planned
    soup = page(client, "/series/reading/")
    assert [a["href"] for a in soup.select(".issue-list a")] == [second.get_absolute_url(), first.get_absolute_url()]
    assert client.get("/series/no-such-series/").status_code == 404


def test_series_page_paginates_without_counting(client, editor):
    series = SeriesFactory(slug="long")
    for month in range(1, 23):
        issue_in(series, editor, D(2019 + month // 12, month % 12 + 1, 1))
    first = page(client, "/series/long/")
    assert len(first.select(".issue-list li")) == 20
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    second = page(client, "/series/long/?page=2")
    assert len(second.select(".issue-list li")) == 2
    assert second.select_one(".pagination a[rel=next]") is None
    assert client.get("/series/long/?page=3").status_code == 404
    assert client.get("/series/long/?page=zero").status_code == 404


def test_issue_and_review_pages_carry_opengraph_and_twitter_tags(client, editor):
    issue = published_issue(editor, slug="shared", series=SeriesFactory(intro="We read *papers* for you."))
    soup = page(client, "/issues/shared/")
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("meta[content]")}
    assert meta["og:title"] == meta["twitter:title"] == str(issue)
    assert meta["og:description"] == meta["twitter:description"] == "We read papers for you."
    assert meta["og:url"] == "http://testserver/issues/shared/"
    assert meta["og:type"] == "article"
    assert meta["twitter:card"] == "summary"
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/issues/shared/"

    review = issue.entries.get().review
    soup = page(client, review.get_absolute_url())
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("meta[content]")}
    assert meta["og:title"] == review.paper.title
    assert meta["og:description"] == "The authors show that x^2 grows. a b 1 2"
    assert meta["og:url"] == f"http://testserver{review.get_absolute_url()}"


def test_pages_announce_their_feeds(client, editor):
    published_issue(editor, slug="fed", series=SeriesFactory(slug="fed-series", name="Fed"))
    for url in ["/", "/issues/fed/", "/series/fed-series/"]:
        alternates = [(link["type"], link["href"]) for link in page(client, url).select("link[rel=alternate]")]
        assert alternates[:2] == [
            ("application/rss+xml", "/feeds/issues.rss"),
            ("application/atom+xml", "/feeds/issues.atom"),
        ]
    alternates = [link["href"] for link in page(client, "/issues/fed/").select("link[rel=alternate]")]
    assert alternates[2:] == ["/series/fed-series/feed.rss", "/series/fed-series/feed.atom"]


def post_lines(markdown):
    """Each entry's header lines in the Markdown export, as a reader sees their text."""
    soup = BeautifulSoup(render_markdown(markdown), "html.parser")
    return [
        [" ".join(line.split()) for line in heading.find_next_sibling("p").get_text().split("\n") if line.strip()]
        for heading in soup.select("h2")
    ]


def test_issue_page_lines_say_what_the_markdown_export_says(client, editor):
    series = SeriesFactory(language="ru", slug="same-words")
    issue = IssueFactory(series=series, slug="same-words")
    with_everything = PaperFactory(
        title="Layer rotation", authors="Simon Carbonnelle, Christophe De Vleeschouwer", affiliations="UCLouvain",
        year=2018, original_url="https://arxiv.org/abs/1806.01603",
    )  # fmt: skip
    PaperLinkFactory(paper=with_everything, label="GitHub project", url="https://github.com/ispgroupucl/lr")
    PaperLinkFactory(paper=with_everything, label="Video", url="")
    reviewer = ReviewerFactory(display_name="Святослав Скоблов", chat_handle="error_derivative", blog_handle="sks")
    without_affiliations = PaperFactory(title="RoBERTa", authors="Yinhan Liu", affiliations="", year=2019)
    PaperLinkFactory(paper=without_affiliations, label="", kind="code", url="https://github.com/pytorch/fairseq")
    reviews = [
        approved_review(paper=with_everything, reviewer=reviewer),
        approved_review(paper=without_affiliations, reviewer=ReviewerFactory(chat_handle="")),
    ]
    for position, review in enumerate(reviews, start=1):
        IssueEntryFactory(issue=issue, review=review, position=position)
    publish(issue, editor)

    entries = page(client, "/issues/same-words/").select("section.entry")
    review_pages = [page(client, review.get_absolute_url()) for review in reviews]

    on_page = [[text(entry.select_one(f".{line}")) for line in LINES] for entry in entries]
    assert on_page == post_lines(export_issue(issue, "markdown"))
    assert [[text(soup.select_one(f".{line}")) for line in LINES] for soup in review_pages] == on_page
    assert on_page[0][0].startswith("Авторы статьи: Simon Carbonnelle")  # the series' labels, not the interface's


def test_issue_and_review_pages_never_link_to_javascript_or_data_addresses(client, editor):
    paper = PaperFactory(title="Hostile", original_url="javascript:alert(1)")
    PaperLinkFactory(paper=paper, label="Code", url="javascript:alert(2)", position=1)
    PaperLinkFactory(paper=paper, label="Data", url=" data:text/html,<script>alert(3)</script>", position=2)
    PaperLinkFactory(paper=paper, label="Site", url="/reviews/", position=3)
    review = approved_review(paper=paper)
    issue = IssueFactory(slug="hostile")
    IssueEntryFactory(issue=issue, review=review)
    publish(issue, editor)

    for soup in [page(client, "/issues/hostile/"), page(client, review.get_absolute_url())]:
        links = soup.select_one(".paper-links")
        assert text(links) == "→ Original article :: Code :: Data :: Site"
        assert [(a.string, a["href"]) for a in links.select("a")] == [("Site", "/reviews/")]  # relative, as stored
        assert not [a for a in soup.select("a[href]") if a["href"].strip().lower().startswith(("javascript", "data"))]


def test_issue_page_keeps_anchors_permalinks_and_reviewer_links(client, editor):
    issue = published_issue(editor, entries=3, slug="anchored")
    reviews = [entry.review for entry in issue.entries.order_by("position", "id")]
    soup = page(client, "/issues/anchored/")
    assert [a["href"] for a in soup.select(".toc a")] == [f"#review-{review.pk}" for review in reviews]
    entries = soup.select("section.entry")
    assert [entry["id"] for entry in entries] == [f"review-{review.pk}" for review in reviews]
    assert [entry.select_one(".entry-links a")["href"] for entry in entries] == [
        review.get_absolute_url() for review in reviews
    ]
    assert [text(entry.select_one(".entry-links a")) for entry in entries] == ["Permalink to this review"] * 3
    assert [entry.select_one(".review-author a")["href"] for entry in entries] == [
        review.reviewer.get_absolute_url() for review in reviews
    ]


def test_issue_page_leaves_out_a_review_that_is_not_published(client, editor):
    issue = published_issue(editor, entries=2, slug="later")
    late = approved_review(paper=PaperFactory(title="Added after publication"))
    IssueEntryFactory(issue=issue, review=late, position=0)  # first in the post's order
    soup = page(client, "/issues/later/")
    assert "Added after publication" not in str(soup)
    assert [text(entry.h2)[:2] for entry in soup.select("section.entry")] == ["1.", "2."]
    assert f"review-{late.pk}" not in str(soup)
