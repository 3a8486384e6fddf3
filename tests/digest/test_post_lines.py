"""The post's lines on the public pages ({% toc_line %}, {% entry_lines %}): the exports' words,
escaped, with only the lines that have something to say."""

import pytest
from django.template import Context, Template

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
