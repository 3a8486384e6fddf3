"""The importer is robust to the ways real copies differ: labels lost or translated, other languages,
unnumbered contents, lists and headings inside reviews, page furniture, line endings."""

import datetime

import pytest

from digest.importer import read_post
from digest.importer.header import parse_authors, parse_links_line, parse_reviewer
from digest.importer.structure import PostImportError
from digest.importer.vocabulary import Vocabulary, classify_link

D = datetime.date
WORDS = Vocabulary()


@pytest.mark.parametrize(
    ("line", "markup", "expected"),
    [
        ("Святослав Скоблов (в слэке error_derivative)", False, ("Святослав Скоблов", "error_derivative", "")),
        ("Имя Фамилия (в слэке a_b, на хабре c_d)", False, ("Имя Фамилия", "a_b", "c_d")),
        ("( evgeniyzh, habr Randl)", False, ("", "evgeniyzh", "Randl")),
        ("Egor Panfilov (in Slak egor.panfilov)", False, ("Egor Panfilov", "egor.panfilov", "")),
        ("Jan Sereda (in @ yane123 slake)", False, ("Jan Sereda", "yane123", "")),
        ("Arseny Kravchenko (in @arsenyinfo slake)", False, ("Arseny Kravchenko", "arsenyinfo", "")),
        ("Eugene Blokhin ( [ebt](https://habrahabr.ru/users/ebt/) )", True, ("Eugene Blokhin", "", "ebt")),
        ("Ann Lee (on Habr ann\\_h)", True, ("Ann Lee", "", "ann_h")),
        ("Ana Ruiz (en Slack ana, en Habr ana_r)", False, ("Ana Ruiz", "ana", "ana_r")),
        ("Just A Name", False, ("Just A Name", "", "")),
    ],
)
def test_review_author_line_variants(line, markup, expected):
    assert parse_reviewer(line, WORDS, markup) == expected


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("A. Author, B. Author (Google Research, 2019)", ("A. Author, B. Author", "Google Research", 2019)),
        ("A. Author (2019)", ("A. Author", "", 2019)),
        ("Besold, Garcez, Bader", ("Besold, Garcez, Bader", "", None)),
        (
            "V. Iashin, E. Rahtu (Tampere University, Finland, 2020",
            ("V. Iashin, E. Rahtu", "Tampere University, Finland", 2020),
        ),
        ("A. Author (Lab (CNRS), Paris, 2021)", ("A. Author", "Lab (CNRS), Paris", 2021)),
        ("J. Kirkpatrick, et.  al.  (DeepMind, 2016)", ("J. Kirkpatrick, et. al.", "DeepMind", 2016)),
    ],
)
def test_paper_authors_line_variants(rest, expected):
    assert parse_authors(rest) == expected


@pytest.mark.parametrize(
    ("line", "markup", "expected"),
    [
        ("→ Оригинал статьи :: GitHub project :: Блог :: Видео", False,
         ("Оригинал статьи", "", [("code", "GitHub project", ""), ("blog", "Блог", ""), ("video", "Видео", "")])),
        ("→ [Original article](https://arxiv.org/abs/1807.03748) :: [Non official GitHub project](https://github.com/x/y)"
         " :: [Talk](https://www.youtube.com/watch?v=1)", True,
         ("Original article", "https://arxiv.org/abs/1807.03748",
          [("code", "Non official GitHub project", "https://github.com/x/y"),
           ("video", "Talk", "https://www.youtube.com/watch?v=1")])),
        ("→ Original article (https://arxiv.org/abs/1) :: Post (https://medium.com/p/1) :: sotabench", False,
         ("Original article", "https://arxiv.org/abs/1",
          [("blog", "Post", "https://medium.com/p/1"), ("other", "sotabench", "")])),
        (":: GitHub project", False, ("", "", [("code", "GitHub project", "")])),
        ("→ GitHub project", False, ("", "", [("code", "GitHub project", "")])),
    ],
)  # fmt: skip
def test_links_line_variants_are_classified_and_keep_their_labels(line, markup, expected):
    label, url, links, _notes = parse_links_line(line, WORDS, markup)
    assert (label, url, [(link.kind, link.label, link.url) for link in links]) == expected


@pytest.mark.parametrize(
    ("label", "url", "kind"),
    [
        ("GitHub project", "", "code"),
        ("Код", "", "code"),
        ("", "https://gitlab.com/a/b", "code"),
        ("Blog", "", "blog"),
        ("Video", "", "video"),
        ("", "https://youtu.be/x", "video"),
        ("sotabench", "https://sotabench.com/x", "other"),
    ],
)
def test_link_kinds(label, url, kind):
    assert classify_link(label, url) == kind


SPANISH = """\ufeffLeemos artículos por ti. Abril de 2020. Parte 2\r
\r
¡Hola! Seguimos publicando reseñas de los artículos del canal #article_essense.\r
\r
1. Una lista en la introducción no es el índice.\r
2. Tampoco esta.\r
\r
Artículos de hoy:\r
- Deep Image Prior (Skoltech, 2017)\r
- CornerNet: Detecting Objects as Paired Keypoints (Princeton University, 2018)\r
\r
Deep Image Prior\r
Autores del artículo: Dmitry Ulyanov, Andrea Vedaldi (Skoltech, 2017)\r
→ Artículo original :: Código\r
Autor de la reseña: Ana Ruiz (en Slack ana)\r
La red misma es el prior.\r
2. Resultados\r
Deep Image Prior\r
CornerNet: Detecting Objects as Paired Keypoints\r
Autores del artículo: Hei Law, Jia Deng (Princeton University, 2018)\r
→ Artículo original\r
Autor de la reseña: Luis Gil\r
Esquinas en lugar de anclas.\r
"""


def test_spanish_post_with_bullets_unnumbered_headings_crlf_and_a_list_in_the_intro():
    post = read_post(SPANISH)
    assert (post.language, post.period_start, post.period_end, post.part) == ("es", D(2020, 4, 1), D(2020, 4, 1), 2)
    assert post.title == "Leemos artículos por ti. Abril de 2020. Parte 2"
    assert post.intro.endswith("1. Una lista en la introducción no es el índice.\n2. Tampoco esta.")
    assert [(entry.title, entry.reviewer_name, entry.chat_handle) for entry in post.entries] == [
        ("Deep Image Prior", "Ana Ruiz", "ana"),
        ("CornerNet: Detecting Objects as Paired Keypoints", "Luis Gil", ""),
    ]
    assert post.entries[0].body == "La red misma es el prior.\n\n2. Resultados\n\nDeep Image Prior"
    assert [(link.kind, link.label) for link in post.entries[0].links] == [("code", "Código")]


def test_markdown_body_with_its_own_headings_lists_and_rules_is_not_mistaken_for_structure():
    source = "\n".join(
        [
            "# Paper club. May 2021",
            "",
            "Papers:",
            "",
            "1. Deep Image Prior (Skoltech, 2017)",
            "2. YOLOv3: An Incremental Improvement (University of Washington, 2018)",
            "",
            "## 1. Deep Image Prior",
            "",
            "Authors: D. Ulyanov (Skoltech, 2017)\\",
            "→ [Original article](https://arxiv.org/abs/1711.10925)\\",
            "Review author: Ann (ann)",
            "",
            "## Results",
            "",
            "1. YOLOv3: An Incremental Improvement is cited.",
            "2. Second point.",
            "",
            "---",
            "",
            "More text.",
            "",
            "## 2. YOLOv3: An Incremental Improvement",
            "",
            "Authors: J. Redmon, A. Farhadi (University of Washington, 2018)\\",
            "→ [Original article](https://arxiv.org/abs/1804.02767)\\",
            "Review author: Bob (bob)",
            "",
            "Fast.",
            "",
            "---",
            "",
            "Still the review: only the export's own rule starts the outro.",
        ]
    )
    post = read_post(source)
    assert post.source_format == "markdown"
    assert (post.period_start, post.toc_heading) == (D(2021, 5, 1), "Papers:")
    assert post.entries[0].body == (
        "## Results\n\n1. YOLOv3: An Incremental Improvement is cited.\n2. Second point.\n\n---\n\nMore text."
    )
    assert post.entries[1].body == "Fast.\n\n---\n\nStill the review: only the export's own rule starts the outro."
    assert post.outro == ""


def test_zh_period_in_the_title():
    source = (
        "读论文。2020年4月 — 2020年5月\n\n你好！\n\n今日论文：\n\n1. Deep Image Prior (Skoltech, 2017)\n\n"
        "1. Deep Image Prior\n\n论文作者: D. Ulyanov (Skoltech, 2017)\n→ 原文\n"
        "评论作者: 李佳政 (Slack li)\n\n深度图像先验。\n"
    )
    post = read_post(source)
    assert (post.language, post.period_start, post.period_end) == ("zh", D(2020, 4, 1), D(2020, 5, 1))
    assert (post.entries[0].reviewer_name, post.entries[0].chat_handle, post.entries[0].body) == (
        "李佳政",
        "li",
        "深度图像先验。",
    )


def test_english_page_furniture_after_the_last_review_is_left_out():
    source = (
        "Reading articles for you. May 2021\n\nHello!\n\nArticles for today:\n\n"
        "1. Deep Image Prior (Skoltech, 2017)\n\n"
        "1. Deep Image Prior\n\nAuthors: D. Ulyanov (Skoltech, 2017)\n→ Original article\nReview author: Ann (ann)\n\n"
        "The network is the prior.\n\n3.14\n\nStill the review.\n\nOpen Data Science\n87.5\nShare post\n\nComments 3\n"
    )
    post = read_post(source)
    assert post.entries[0].body == "The network is the prior.\n\n3.14\n\nStill the review."


def test_plain_text_that_looks_like_markup_stays_text():
    source = (
        "Title. May 2021\n\nIntro.\n\nArticles for today:\n\n1. A Paper (Lab, 2021)\n\n1. A Paper\n\n"
        "Authors: X (Lab, 2021)\n→ Original article\nReview author: Ann (ann)\n\n"
        "# not a heading\n> not a quote\nN * log (M/M_0) and 1*1 and *stars* and [x](y) and <b>tag</b> and $x_1*y$\n"
    )
    body = read_post(source).entries[0].body
    assert body == (
        "\\# not a heading\n\n\\> not a quote\n\n"
        "N * log (M/M_0) and 1\\*1 and \\*stars\\* and [x\\](y) and \\<b>tag\\</b> and $x_1*y$"
    )


def test_strict_a_review_heading_with_the_wrong_number_is_not_taken():
    source = "T. May 2021\n\nI.\n\nArticles for today:\n\n1. A Paper (Lab, 2021)\n\n2. A Paper\n\nAuthors: X\n"
    with pytest.raises(PostImportError, match="line 1: expected a table of contents"):
        read_post(source, strict=True)
