"""The post's lines on the public pages ({% toc_line %}, {% entry_lines %}): the exports' words,
escaped, with only the lines that have something to say."""

import pytest
from django.template import Context, Template
from django.utils import translation

from digest.archive.selectors import TocLine
from digest.export.post import PostEntry, PostLink
from digest.labels import defaults_for


def render(source, **context):
    return Template("{% load post_lines %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("affiliations", "year", "expected"),
    [
        ("MIT", 2019, 'A &lt;b&gt; title <span class="toc-source">(MIT, 2019)</span>'),
        ("", 2019, 'A &lt;b&gt; title <span class="toc-source">(2019)</span>'),
        ("MIT & Co", None, 'A &lt;b&gt; title <span class="toc-source">(MIT &amp; Co)</span>'),
        ("", None, "A &lt;b&gt; title"),
    ],
)
def test_a_toc_line_gives_what_is_known_of_affiliations_and_year(affiliations, year, expected):
    assert render("{% toc_line line %}", line=TocLine(1, "A <b> title", affiliations, year)) == expected


def entry(**fields):
    values = {
        "number": 1, "review": None, "title": "T", "authors": "Ada <Lovelace>", "affiliations": "", "year": 1843,
        "original_url": "https://example.org/a?x=1&y=2", "reviewer_name": "Ann <R>", "handles": [("in Slack", "ann")],
        "links": [PostLink("Original", "https://example.org/a?x=1&y=2"), PostLink("Code <1>"), PostLink("V", "/v/")],
        "reviewer_slug": "ann",
    }  # fmt: skip
    return PostEntry(**{**values, **fields})


def test_the_entry_lines_are_escaped_and_join_links_with_the_series_separator():
    labels = {**defaults_for("en"), "links_prefix": "→", "links_separator": " <|> "}
    html = render("{% entry_lines entry labels %}", entry=entry(), labels=labels)
    assert f"<strong>{labels['authors_label']}:</strong> Ada &lt;Lovelace&gt; (1843)</p>" in html
    assert html.count('rel="noopener nofollow"') == 2
    assert (
        '<p class="paper-links">→ <a href="https://example.org/a?x=1&amp;y=2" rel="noopener nofollow">Original</a>'
        ' &lt;|&gt; Code &lt;1&gt; &lt;|&gt; <a href="/v/" rel="noopener nofollow">V</a></p>'
    ) in html
    assert '<a href="/reviewers/ann/">Ann &lt;R&gt;</a> (in Slack ann)</p>' in html


def test_lines_without_anything_to_say_are_left_out():
    bare = entry(authors="", original_url="", links=[PostLink("Original", "")], handles=[], reviewer_slug="")
    html = render("{% entry_lines entry labels %}", entry=bare, labels=defaults_for("en"))
    assert "paper-authors" not in html and "paper-links" not in html
    assert html.endswith("</strong> Ann &lt;R&gt;</p>\n</div>")


class Review:
    """What a section reads of an entry's review: its id, address and rendered body."""

    pk = 7
    body_html = "<p>Body &amp; <em>soul</em></p>"

    def get_absolute_url(self):
        return "/reviews/7/"


def test_an_entry_section_carries_the_title_lines_body_and_links_in_the_interface_language():
    labels = defaults_for("en")
    with translation.override("ru"):
        html = render(
            "{% entry_sections entries labels %}", entries=[entry(review=Review(), title="T <i>")], labels=labels
        )
    lines = render("{% entry_lines entry labels %}", entry=entry(review=Review()), labels=labels)
    assert html == (
        '\n    <section class="entry" id="review-7" aria-labelledby="review-7-title">'
        '\n      <h2 id="review-7-title">1. T &lt;i&gt;</h2>'
        f"\n      {lines}"
        '\n      <div class="review-body"><p>Body &amp; <em>soul</em></p></div>'
        '\n      <p class="entry-links"><a href="/reviews/7/">Постоянная ссылка на обзор</a> · '
        '<a href="#toc-heading">К содержанию ↑</a></p>'
        "\n    </section>\n  "
    )


def test_the_table_of_contents_links_each_entry_to_its_section():
    entries = [entry(review=Review(), title="A & B", affiliations="MIT", year=None)]
    html = render("{% toc_items entries %}", entries=entries)
    assert html == '<li><a href="#review-7">A &amp; B <span class="toc-source">(MIT)</span></a></li>'
