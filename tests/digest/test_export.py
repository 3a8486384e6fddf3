"""Exports of an issue: golden files for the four targets, and the rules each target must keep.

Golden files live in tests/digest/golden/; after a deliberate change of the output, rewrite them
with `DIGEST_UPDATE_GOLDEN=1 pytest tests/digest/test_export.py` and read the diff before committing.
"""

import os
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digest.export.formats import export_issue, render_post
from digest.export.post import compile_post
from reviews.models import Review
from tests.digest.export_data import GOLDEN, make_issue
from tests.factories import IssueEntryFactory, PaperLinkFactory, ReviewFactory
from tests.html_checks import unsafe_parts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://digest.example.org"  # links to our own archive are absolute


def assert_golden(name, text):
    path = GOLDEN / name
    if os.environ.get("DIGEST_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "standalone", "golden"),
    [
        ("markdown", False, "issue.md"),
        ("habr", False, "issue.habr.md"),
        ("html", False, "issue.fragment.html"),
        ("html", True, "issue.page.html"),
        ("text", False, "issue.txt"),
    ],
)
def test_export_matches_golden_file(fmt, standalone, golden):
    assert_golden(golden, export_issue(make_issue(), fmt, standalone=standalone))


def test_post_header_lines_use_the_series_labels_and_only_existing_links_and_handles():
    post = compile_post(make_issue())
    first, second = post.entries
    assert post.title == "Reading articles for you. April 2020. Part 1"
    assert first.toc_line == "Unsupervised Image-to-Image Translation Networks (NVIDIA, 2017)"
    assert post.authors_line(first) == "Authors: Ming-Yu Liu, Thomas Breuel, Jan Kautz (NVIDIA, 2017)"
    assert post.reviewer_line(first) == "Review author: Li Jiazheng (in Slack li_jz, on Habr lijz)"
    assert post.reviewer_line(second) == "Review author: Ann Author"
    assert [(link.label, link.url) for link in second.links] == [("Original article", ""), ("Blog", "")]
    assert [issue.label for issue in post.previous] == ["March 2020", "February 2020"]


def test_markdown_keeps_math_delimiters_and_gfm_tables_and_breaks_header_lines():
    text = export_issue(make_issue(), "markdown")
    assert "$q_i = \\frac{exp(z_i/T)}{\\sum_j exp(z_j/T)}$" in text
    assert "| DKN | 68.9 ± 1.5 | 65.9 ± 1.2 | — |" in text
    assert (
        "Authors: Ming-Yu Liu, Thomas Breuel, Jan Kautz (NVIDIA, 2017)\\\n"
        "→ [Original article](https://arxiv.org/abs/1703.00848) :: [GitHub project](https://github.com/mingyuliutw/UNIT)"
        " :: [Video](https://www.youtube.com/watch?v=nlyXoS9Oy8s)\\\n"
        "Review author: Li Jiazheng (in Slack li_jz, on Habr lijz)"
    ) in text
    assert "→ Original article :: Blog\\\n" in text  # no URL: bare labels, never a link to nowhere


def test_habr_has_cut_after_contents_anchors_per_review_habr_formulas_and_html_tables():
    text = export_issue(make_issue(), "habr")
    contents, _cut, rest = text.partition("\n\n<cut/>\n\n")
    assert contents.endswith(
        "1. [Unsupervised Image-to-Image Translation Networks](#review-1) (NVIDIA, 2017)\n"
        "2. [Distilling the Knowledge in a Neural Network](#review-2) (2015)"
    )
    assert re.findall(r"<anchor>(.*?)</anchor>\n## ", rest) == ["review-1", "review-2"]
    assert "$inline$q_i = \\frac{exp(z_i/T)}{\\sum_j exp(z_j/T)}$inline$" in rest
    assert "$$display$$s_i = \\begin{cases}" in rest
    assert "<table>\n<tr><th>System</th><th>Test Frame Accuracy</th><th>WER</th></tr>" in rest
    assert not re.search(r"^\|.*\|$", text, re.M)  # no pipe tables
    assert "soft_targets" in rest and "*small*" in rest and "_small_" not in rest
    assert '<spoiler title="Links to past collections of the series:">' in rest


def test_html_is_sanitised_with_mathml_and_no_katex_spans():
    fragment = export_issue(make_issue(), "html")
    assert unsafe_parts(fragment) == []
    assert fragment.count("<math") == 8  # every formula of both bodies
    assert 'class="math' not in fragment and "<script" not in fragment
    assert '<h2><a id="review-1" href="#review-1" rel="noopener noreferrer nofollow">1. Unsupervised' in fragment


def test_html_page_is_a_whole_document_with_the_title():
    page = export_issue(make_issue(), "html", standalone=True)
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert "<title>Reading articles for you. April 2020. Part 1</title>" in page
    assert unsafe_parts(page.split("<main>")[1].split("</main>")[0]) == []


def test_text_is_laid_out_like_the_published_posts():
    text = export_issue(make_issue(), "text")
    assert text.startswith("Reading articles for you. April 2020. Part 1\n\nHello! We continue")
    assert (
        "1. Unsupervised Image-to-Image Translation Networks\n\n"
        "Authors: Ming-Yu Liu, Thomas Breuel, Jan Kautz (NVIDIA, 2017)\n"
        "→ Original article (https://arxiv.org/abs/1703.00848) :: GitHub project (https://github.com/mingyuliutw/UNIT)"
        " :: Video (https://www.youtube.com/watch?v=nlyXoS9Oy8s)\n"
        "Review author: Li Jiazheng (in Slack li_jz, on Habr lijz)\n\n"
        "Deepfakes的启发式论文。"
    ) in text
    assert "System\tTest Frame Accuracy\tWER\nBaseline\t58.9%\t10.9%" in text


@pytest.mark.parametrize(
    ("language", "title", "toc", "author_line"),
    [
        ("ru", "Рубрика «Reading articles for you». Апрель 2020. Часть 1", "Статьи на сегодня:", "Автор обзора: Li"),
        ("es", "Reading articles for you. Abril de 2020. Parte 1", "Artículos de hoy:", "Autor de la reseña: Li"),
        ("hi", "Reading articles for you. अप्रैल 2020. भाग 1", "आज के लेख:", "समीक्षा के लेखक: Li"),
        ("zh", "Reading articles for you. 2020年4月. 第1部分", "今日论文：", "评论作者: Li"),
    ],
)
def test_every_language_has_its_labels_and_month_names(language, title, toc, author_line):
    text = export_issue(make_issue(language=language), "text")
    assert text.startswith(f"{title}\n\n")
    assert f"\n\n{toc}\n\n1. " in text
    assert f"\n{author_line}" in text


def test_exports_use_the_stored_html_and_never_render_markdown_again():
    issue = make_issue()
    review = Review.objects.get(paper__title__startswith="Distilling")
    Review.objects.filter(pk=review.pk).update(body_html="<p>Stored <em>HTML</em> wins.</p>")
    assert "\n\nStored HTML wins.\n\n" in export_issue(issue, "text")
    assert "\n\nStored *HTML* wins.\n\n" in export_issue(issue, "habr")
    assert "<p>Stored <em>HTML</em> wins.</p>" in export_issue(issue, "html")


def test_an_edited_body_is_exported_fresh_not_from_the_cache():
    issue = make_issue()
    assert "Knowledge distillation" in export_issue(issue, "text")
    review = Review.objects.get(paper__title__startswith="Distilling")
    Review.objects.filter(pk=review.pk).update(body="A new text.", body_html="<p>A new text.</p>")
    # the same version number (a fix in the shell, say): the cache key still changes with the text
    text = export_issue(issue, "text")
    assert "A new text." in text and "Knowledge distillation" not in text


@pytest.mark.parametrize("fmt", ["markdown", "habr", "html", "text"])
def test_export_reads_the_same_number_of_queries_for_1_and_30_entries(fmt):
    issue = make_issue(entries=1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            render_post(compile_post(issue.pk), fmt)
        return len(captured)

    with_one = queries()
    for position in range(2, 31):
        review = ReviewFactory(status="approved", body=f"Review {position} with $x_{position}$.")
        PaperLinkFactory(paper=review.paper)
        IssueEntryFactory(issue=issue, review=review, position=position)
    assert issue.entries.count() == 30
    assert queries() == with_one == 5  # issue, entries, links, earlier issues, the text column the format needs


def test_html_escapes_what_editors_typed_and_keeps_code_blocks_whole():
    issue = make_issue()
    review = Review.objects.get(paper__title__startswith="Distilling")
    review.paper.title = '<script>alert(1)</script> "Distilling"'
    review.paper.save()
    review.reviewer.display_name = '<img src=x onerror="alert(1)">'
    review.reviewer.save()
    review.body = "```\na = 1\n\nb = 2\n```"
    review.render_body()
    review.save()
    fragment = export_issue(issue, "html")
    assert unsafe_parts(fragment) == []
    assert '&lt;script&gt;alert(1)&lt;/script&gt; "Distilling"</a> (2015)</li>' in fragment
    assert 'Review author: &lt;img src=x onerror="alert(1)"&gt;</p>' in fragment
    assert "<pre><code>a = 1\n\nb = 2\n</code></pre>" in fragment
