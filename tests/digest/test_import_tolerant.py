"""The tolerant reader on the shapes real posts take beyond the corpus: labels separated by a dash,
links separated by bars, a picture between a heading and its header, details in the heading, a
review's own numbered list whose items look like labels."""

from pathlib import Path

import pytest

from digest.importer import read_post
from tests.digest.test_import import ENGLISH_2020, RUSSIAN
from tests.digest.test_import import fields as example_fields

DEMO = Path(__file__).resolve().parents[2] / "digest" / "demo"
CORPUS = Path(__file__).resolve().parent / "import_corpus"


def fields(entry):
    return (
        entry.title,
        entry.authors,
        entry.affiliations,
        entry.year,
        (entry.original_label, entry.original_url),
        [(link.kind, link.label) for link in entry.links],
        (entry.reviewer_name, entry.chat_handle, entry.blog_handle),
    )


def test_labels_followed_by_a_dash_and_links_separated_by_bars():
    post = read_post(
        "Reading club. May 2018\n\nHello.\n\n"
        "1. Deep Image Prior\n\n"
        "Authors of the article — Dmitry Ulyanov, Andrea Vedaldi (Skoltech, 2017)\n"
        "Original article | Code | Blog\n"
        "Review author - Anna Lee (in Slack alee)\n\n"
        "The structure of the network is the prior.\n"
    )
    assert [fields(entry) for entry in post.entries] == [
        ("Deep Image Prior", "Dmitry Ulyanov, Andrea Vedaldi", "Skoltech", 2017, ("Original article", ""),
         [("code", "Code"), ("blog", "Blog")], ("Anna Lee", "alee", "")),
    ]  # fmt: skip
    assert post.entries[0].body == "The structure of the network is the prior."


def test_a_numbered_list_in_a_review_whose_items_look_like_labels_stays_in_the_review():
    post = read_post(
        "Reading club. May 2018\n\nHello.\n\n"
        "1. Deep Image Prior\n\nAuthors: Dmitry Ulyanov (Skoltech, 2017)\n→ Original article\n"
        "Review author: Anna Lee (alee)\n\nWhat the paper shows:\n\n"
        "2. Results\n\nAuthors claim: the prior needs no training.\n\n"
        "3. Limits\n\nIt is slow.\n\n"
        "2. Mask R-CNN\n\nAuthors: Kaiming He (Facebook AI Research, 2017)\n→ Original article\n"
        "Review author: Bob Ray (bray)\n\nMasks next to boxes.\n"
    )
    assert [entry.title for entry in post.entries] == ["Deep Image Prior", "Mask R-CNN"]
    assert post.entries[0].body.endswith("Authors claim: the prior needs no training.\n\n3. Limits\n\nIt is slow.")


def test_a_picture_between_the_heading_and_the_header_goes_to_the_top_of_the_review():
    page = (
        "<html><body><article><h1>Reading club. May 2018</h1><p>Hello.</p>"
        "<h2>1. Deep Image Prior</h2><p><img src='https://example.org/prior.png'></p>"
        "<p>Authors: Dmitry Ulyanov (Skoltech, 2017)<br>"
        "→ <a href='https://arxiv.org/abs/1711.10925'>Original article</a><br>"
        "Review author: Anna Lee (in Slack alee)</p><p>The network is the prior.</p>"
        "<h2>2. Mask R-CNN</h2><p>Authors: Kaiming He (Facebook AI Research, 2017)<br>"
        "Review author: Bob Ray (bray)</p><p>Masks next to boxes, with a formula "
        "<img src='https://latex.codecogs.com/svg.latex?L%3DL_%7Bcls%7D%2BL_%7Bmask%7D'>.</p>"
        "</article></body></html>"
    )
    first, second = read_post(page).entries
    assert fields(first) == (
        "Deep Image Prior", "Dmitry Ulyanov", "Skoltech", 2017, ("Original article", "https://arxiv.org/abs/1711.10925"),
        [], ("Anna Lee", "alee", ""),
    )  # fmt: skip
    assert first.body == "![](https://example.org/prior.png)\n\nThe network is the prior."
    assert second.body == "Masks next to boxes, with a formula $L=L_{cls}+L_{mask}$."


def test_details_written_in_the_heading_are_the_papers_not_the_titles():
    post = read_post(
        "Reading club. May 2018\n\nHello.\n\n"
        "1. Deep Image Prior (Skoltech, 2017)\n\nAuthors: Dmitry Ulyanov, Andrea Vedaldi\n→ Original article\n"
        "Review author: Anna Lee (alee)\n\nThe network is the prior.\n"
    )
    assert fields(post.entries[0])[:4] == ("Deep Image Prior", "Dmitry Ulyanov, Andrea Vedaldi", "Skoltech", 2017)


def test_a_review_with_only_a_heading_and_text_is_found_between_numbered_reviews_with_headers():
    post = read_post(
        "Reading club. May 2018\n\nHello.\n\n"
        "1. Deep Image Prior\n\nAuthors: Dmitry Ulyanov (Skoltech, 2017)\nReview author: Anna Lee (alee)\n\nPrior.\n\n"
        "2. Mask R-CNN\n\nThe copy lost this review's header.\n\n"
        "3. Focal Loss for Dense Object Detection\n\nAuthors: Tsung-Yi Lin (Facebook AI Research, 2017)\n"
        "Review author: Bob Ray (bray)\n\nEasy negatives weigh less.\n"
    )
    assert [entry.title for entry in post.entries] == [
        "Deep Image Prior", "Mask R-CNN", "Focal Loss for Dense Object Detection",
    ]  # fmt: skip
    assert [note.code for note in post.entries[1].notes] == [
        "no_authors", "no_affiliations", "no_year", "no_links", "no_reviewer",
    ]  # fmt: skip


def test_labels_in_bold_as_a_blog_editor_writes_them():
    page = (
        "<html><body><div class='tm-article-body'><p>Привет! Выпуск за май 2018.</p>"
        "<h3>1. Deep Image Prior</h3><p><strong>Авторы статьи:</strong> Dmitry Ulyanov, Andrea Vedaldi (Skoltech, 2017)"
        "<br><strong>→</strong> <a href='https://arxiv.org/abs/1711.10925'>Оригинал статьи</a><br>"
        "<b>Автор обзора:</b> Анна Ли (в слэке alee)</p><p>Сеть сама по себе — априорное знание.</p>"
        "<h3>2. Mask R-CNN</h3><p><strong>Авторы статьи:</strong> Kaiming He (Facebook AI Research, 2017)<br>"
        "<b>Автор обзора:</b> Борис Рай (в слэке bray)</p><p>Маски рядом с рамками.</p></div></body></html>"
    )
    first, second = read_post(page).entries
    assert fields(first) == (
        "Deep Image Prior", "Dmitry Ulyanov, Andrea Vedaldi", "Skoltech", 2017,
        ("Оригинал статьи", "https://arxiv.org/abs/1711.10925"), [], ("Анна Ли", "alee", ""),
    )  # fmt: skip
    assert fields(second)[6] == ("Борис Рай", "bray", "")
    assert second.body == "Маски рядом с рамками."


@pytest.mark.parametrize("breaks", [2, 3])
@pytest.mark.parametrize(("name", "expected"), [("ods-2019-07-09-ru.txt", RUSSIAN), ("ods-2020-en.txt", ENGLISH_2020)])
def test_a_copy_that_doubled_every_line_break_reads_like_the_post(name, expected, breaks):
    raw = (DEMO / name).read_text(encoding="utf-8")
    post = read_post(("\n" * breaks).join(raw.split("\n")))
    assert [example_fields(entry) for entry in post.entries] == expected


def test_a_page_copied_whole_starts_at_the_posts_title_not_at_the_sites_menu():
    raw = (CORPUS / "v01-2017-ru-bare-contents.txt").read_text(encoding="utf-8")
    post = read_post("Хабр\nВсе потоки\nРазработка\n\n" + raw)
    assert (post.title, post.period_start.isoformat()) == ("Читаем статьи за вас. Сентябрь 2017", "2017-09-01")
    assert post.intro == "Привет! Это очередной выпуск рецензий участников сообщества на свежие статьи."
    assert post.notes == ["line 1: left out the page's text before the post's title"]
    assert len(post.entries) == 3


def test_stars_in_a_plain_text_body_stay_stars_through_import_and_rendering():
    from reviews.markdown import render_markdown

    post = read_post(
        "Reading club. May 2018\n\nHello.\n\n"
        "1. Deep Image Prior\n\n"
        "Authors: Dmitry Ulyanov (Skoltech, 2017)\n→ Original article\nReview author: Anna Lee (alee)\n\n"
        "The input is a tensor (h*w*3) and the loss is *not* weighted; see README.md.\n"
    )
    body = post.entries[0].body
    assert body == "The input is a tensor (h\\*w\\*3) and the loss is \\*not\\* weighted; see README.md."
    assert render_markdown(body) == (
        "<p>The input is a tensor (h*w*3) and the loss is *not* weighted; see README.md.</p>\n"
    )
