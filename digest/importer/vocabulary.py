"""The words posts use for their labels, in every language we know, plus what copies make of them.

Built from the defaults in digest/export/labels.py, a series' own labels, and the variants seen in
real copies (machine translations write "in Slak handle" or "(in @ handle slake)").
"""

import re

from reviews.enums import LinkKind

from ..export.labels import DEFAULTS

ALIASES = {
    "authors_label": [
        "Authors",
        "Article authors",
        "Authors of the article",
        "Paper authors",
        "Авторы",
        "Автор статьи",
    ],
    "review_author_label": ["Review author", "Review by", "Reviewer", "Автор обзора", "Обзор подготовил"],
    "original_label": ["Original article", "Original", "Paper", "Оригинал статьи", "Оригинал", "Статья"],
    "toc_heading": ["Articles for today:", "Papers for today:", "Статьи на сегодня:"],
    "previous_heading": ["Links to past collections of the series:", "Ссылки на прошлые подборки серии:"],
}
CHAT_WORDS = {"slack", "slak", "slake", "slacke", "слэке", "слэк", "слаке", "слак", "ods", "чате"}
BLOG_WORDS = {"habr", "habre", "хабре", "хабр", "хабра", "habrahabr"}
FILLER_WORDS = {"в", "in", "on", "на", "en", "पर", "@", "at", "-", "—"}

LINK_KINDS = [
    (
        LinkKind.CODE,
        r"github|gitlab|bitbucket|\bcode\b|\bкод|c[óo]digo|कोड|代码|源码|репозитор|\brepo\b|kaggle\.com/code",
    ),
    (LinkKind.VIDEO, r"video|vídeo|видео|वीडियो|视频|youtube|youtu\.be|vimeo|bilibili|доклад|\btalk\b"),
    (LinkKind.BLOG, r"\bblog|блог|ब्लॉग|博客|medium\.com|habr|towardsdatascience|substack|\bpost\b"),
    (LinkKind.DEMO, r"\bdemo\b|демо|huggingface\.co/spaces|colab"),
    (LinkKind.PROJECT, r"project page|страница проекта|\.github\.io"),
]


def classify_link(label, url=""):
    """code, video, blog, demo, project or other, from the label first, then the URL."""
    for text in (label, url):
        for kind, pattern in LINK_KINDS:
            if text and re.search(pattern, text, re.I):
                return kind.value
    return LinkKind.OTHER.value


def _norm(text):
    return " ".join(text.casefold().replace("ё", "е").rstrip(":").split())


class Vocabulary:
    """Label sets for reading: every language's defaults, the aliases, and the given series' labels."""

    def __init__(self, series_labels=None):
        self.words = {}
        for name in ("authors_label", "review_author_label", "original_label", "toc_heading", "previous_heading"):
            known = [defaults[name] for defaults in DEFAULTS.values()] + ALIASES[name]
            if series_labels and series_labels.get(name):
                known.append(series_labels[name])
            self.words[name] = {_norm(word) for word in known if word}
        self.chat = set(CHAT_WORDS)
        self.blog = set(BLOG_WORDS)
        for defaults in [*DEFAULTS.values(), series_labels or {}]:
            self.chat |= set(_norm(defaults.get("chat_label", "")).split()) - FILLER_WORDS
            self.blog |= set(_norm(defaults.get("blog_label", "")).split()) - FILLER_WORDS

    def is_label(self, name, text):
        return _norm(text) in self.words[name]

    def starts_with_label(self, name, line):
        """The label `name` at the start of `line` ("Авторы статьи: …"), as written, or None."""
        head, colon, _rest = line.partition(":")
        return head.strip() if colon and self.is_label(name, head) else None
